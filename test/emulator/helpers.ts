/** Talking to an emulator over real HTTP, as ISC's clients would, for the emulator's own tests. */
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { EmulatorAdmin, type TenantState } from "../../emulator/admin-client";

export interface Answer<T = unknown> {
    status: number;
    headers: Headers;
    body: T;
}

export interface Tenant {
    emu: Emulator;
    admin: EmulatorAdmin;
    state: TenantState;
    token: string;
    api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>>;
    close(): Promise<void>;
}

export async function getToken(url: string, id = "demo-client", secret = "demo-secret"): Promise<Answer<Record<string, unknown>>> {
    const res = await fetch(`${url}/oauth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret }).toString(),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export async function tenant(options: EmulatorOptions = {}): Promise<Tenant> {
    const emu = await startEmulator({ port: 0, ...options });
    const admin = new EmulatorAdmin(emu.url);
    const token = (await getToken(emu.url)).body.access_token as string;
    const t: Tenant = {
        emu,
        admin,
        state: await admin.state(),
        token,
        async api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
            const res = await fetch(emu.url + path, {
                method,
                headers: {
                    Authorization: `Bearer ${t.token}`,
                    ...(body !== undefined ? { "Content-Type": method === "PATCH" ? "application/json-patch+json" : "application/json" } : {}),
                    ...headers,
                },
                body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
            });
            const text = await res.text();
            let parsed: unknown = text;
            try {
                parsed = text ? JSON.parse(text) : undefined;
            } catch {
                /* not JSON */
            }
            return { status: res.status, headers: res.headers, body: parsed as T };
        },
        close: () => emu.close(),
    };
    return t;
}

/** The ErrorResponseDto shape, with the detail code asserted. */
export function expectIscError(answer: Answer, status: number, detailCode: string, text?: RegExp): void {
    expect(answer.status).toBe(status);
    const body = answer.body as { detailCode: string; trackingId: string; messages: Array<{ text: string; locale: string }> };
    expect(body.detailCode).toBe(detailCode);
    expect(body.trackingId).toMatch(/^[0-9a-f]{32}$/);
    expect(body.messages[0].locale).toBe("en-US");
    if (text) expect(body.messages.map((m) => m.text).join("\n")).toMatch(text);
}

export function ids(t: Tenant) {
    const byName = <T extends { name: string; id: string }>(list: T[], name: string) => list.find((x) => x.name === name)!.id;
    const ad = t.state.sources[0];
    const wd = t.state.sources[1];
    const ents = (sourceId: string) => t.state.entitlements.filter((e) => e.source.id === sourceId).map((e) => e.id);
    return {
        alice: byName(t.state.identities, "Alice Admin"),
        bob: byName(t.state.identities, "Bob Owner"),
        group: t.state.governanceGroups[0].id,
        ad: ad.id,
        wd: wd.id,
        adEnts: ents(ad.id),
        wdEnts: ents(wd.id),
    };
}
