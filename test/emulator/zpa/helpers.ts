/** Talking to the ZPA emulator over real HTTP, as Zscaler's clients would, for the emulator's own tests. */
import { startZpaEmulator, ZPA_DEMO_CLIENT, type ZpaEmulator, type ZpaEmulatorOptions, type ZpaRequestLogEntry } from "../../../emulator/zpa";

export interface Reply<T = unknown> {
    status: number;
    headers: Headers;
    body: T;
}

type Obj = Record<string, unknown>;

async function reply<T>(res: Response): Promise<Reply<T>> {
    const text = await res.text();
    let body: unknown = text === "" ? undefined : text;
    try {
        body = text ? JSON.parse(text) : undefined;
    } catch {
        /* not JSON */
    }
    return { status: res.status, headers: res.headers, body: body as T };
}

export function form(fields: Record<string, string>): RequestInit {
    return { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() };
}

export async function signin(url: string, id = ZPA_DEMO_CLIENT.id, secret = ZPA_DEMO_CLIENT.secret): Promise<Reply<Obj>> {
    return reply(await fetch(`${url}/signin`, form({ client_id: id, client_secret: secret })));
}

export async function oneApiToken(url: string, fields: Record<string, string> = {}): Promise<Reply<Obj>> {
    const all = {
        grant_type: "client_credentials",
        client_id: ZPA_DEMO_CLIENT.id,
        client_secret: ZPA_DEMO_CLIENT.secret,
        audience: "https://api.zscaler.com",
        ...fields,
    };
    return reply(await fetch(`${url}/oauth2/v1/token`, form(all)));
}

export interface Zpa {
    emu: ZpaEmulator;
    token: string;
    /** `path` relative to the customer root ("/segmentGroup"); `version` v1 unless given. */
    api<T = Obj>(
        method: string,
        path: string,
        body?: unknown,
        opts?: { version?: "v1" | "v2"; oneapi?: boolean; token?: string; customerId?: string },
    ): Promise<Reply<T>>;
    admin<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>>;
    log(): Promise<ZpaRequestLogEntry[]>;
    close(): Promise<void>;
}

export async function zpa(options: ZpaEmulatorOptions = {}): Promise<Zpa> {
    const emu = await startZpaEmulator({ port: 0, ...options });
    const legacy = (await signin(emu.url)).body.access_token as string;
    const oneapi = (await oneApiToken(emu.url)).body.access_token as string;
    const z: Zpa = {
        emu,
        token: legacy,
        async api(method, path, body, opts = {}) {
            const prefix = `${opts.oneapi ? "/zpa" : ""}/mgmtconfig/${opts.version ?? "v1"}/admin/customers/${opts.customerId ?? emu.customerId}`;
            const res = await fetch(emu.url + prefix + path, {
                method,
                headers: {
                    Authorization: `Bearer ${opts.token ?? (opts.oneapi ? oneapi : legacy)}`,
                    ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
                },
                body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
            });
            return reply(res);
        },
        async admin(method, path, body) {
            const res = await fetch(`${emu.url}/__admin${path}`, {
                method,
                headers: body !== undefined ? { "Content-Type": "application/json" } : {},
                body: body === undefined ? undefined : JSON.stringify(body),
            });
            return reply(res);
        },
        log: async () => (await z.admin<ZpaRequestLogEntry[]>("GET", "/requests")).body,
        close: () => emu.close(),
    };
    return z;
}

/** The ids of the seeded application segments, in order. */
export async function applicationIds(z: Zpa): Promise<string[]> {
    const apps = (await z.admin<Array<{ id: string }>>("GET", "/applications")).body;
    return apps.map((a) => a.id);
}
