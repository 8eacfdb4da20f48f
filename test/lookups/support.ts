/** An emulator for the lookup tests, and what they read back from its request log. */
import { startEmulator, EmulatorAdmin, type Emulator, type PopulateOptions, type TenantState, type StoredObject } from "../../emulator";
import type { LookupOptions } from "../../provider/src/lookups";

export const CLIENT_ID = "demo-client";
export const CLIENT_SECRET = "demo-secret";

export interface Call {
    method: string;
    path: string;
    filters?: string;
    offset?: string;
    status: number;
    query: Record<string, string>;
}

export interface LookupTenant {
    emu: Emulator;
    admin: EmulatorAdmin;
    state: TenantState;
    /** Connection options for the Promise forms. */
    opts: LookupOptions;
    /** The API requests since the last `clear()` (the token endpoint left out). */
    calls(): Promise<Call[]>;
    clear(): Promise<void>;
    /** Back to the seeded tenant, no objects, empty log. */
    reset(): Promise<void>;
    /** How many objects `GET path?filters=...` answers (a direct call, logged like any other). */
    count(path: string, filters: string): Promise<number>;
    /** Replaces the tenant with the seeded one plus a populated one (`POST /__emulator/populate`), then reads the state. */
    populate(options: PopulateOptions): Promise<void>;
    segment(name: string, extra?: Record<string, unknown>): Promise<StoredObject>;
    accessProfile(name: string, extra?: Record<string, unknown>): Promise<StoredObject>;
    close(): Promise<void>;
}

/** `fast`: no server-side rate limit and no client pacing to speak of, for tests that make hundreds of calls. */
export async function lookupTenant(fast = false): Promise<LookupTenant> {
    const emu = await startEmulator({ port: 0, seed: 7, ...(fast ? { rateLimit: null } : {}) });
    const admin = new EmulatorAdmin(emu.url);
    const t: LookupTenant = {
        emu,
        admin,
        state: await admin.state(),
        opts: { baseUrl: emu.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...(fast ? { maxRequestsPer10Seconds: 100_000 } : {}) },
        async calls() {
            const log = await admin.requests();
            return log
                .filter((e) => e.path !== "/oauth/token")
                .map((e) => ({
                    method: e.method,
                    path: e.path,
                    ...(e.query.filters !== undefined ? { filters: e.query.filters } : {}),
                    ...(e.query.offset !== undefined ? { offset: e.query.offset } : {}),
                    status: e.status,
                    query: e.query,
                }));
        },
        clear: () => admin.clearRequests(),
        async count(path, filters) {
            const form = new URLSearchParams({ grant_type: "client_credentials", client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
            const tokenRes = await fetch(`${emu.url}/oauth/token`, {
                method: "POST",
                headers: { "Content-Type": "application/x-www-form-urlencoded" },
                body: form.toString(),
            });
            const token = ((await tokenRes.json()) as { access_token: string }).access_token;
            const res = await fetch(`${emu.url}${path}?${new URLSearchParams({ filters })}`, { headers: { Authorization: `Bearer ${token}` } });
            if (!res.ok) throw new Error(`GET ${path} with filters ${filters} answered ${res.status}: ${await res.text()}`);
            return ((await res.json()) as unknown[]).length;
        },
        async reset() {
            await admin.reset();
            t.state = await admin.state();
        },
        async populate(options) {
            await admin.populate(options);
            t.state = await admin.state();
        },
        segment: (name, extra = {}) => admin.createObject("segments", { name, ...extra }),
        accessProfile: (name, extra = {}) =>
            admin.createObject("access-profiles", {
                name,
                owner: { type: "IDENTITY", id: t.state.identities[0].id },
                source: { type: "SOURCE", id: t.state.sources[0].id },
                ...extra,
            }),
        close: () => emu.close(),
    };
    return t;
}

/** `count` segments (or access profiles) named `<prefix> 000` ... in order, created through the admin API. */
export async function seedMany(make: (name: string) => Promise<unknown>, prefix: string, count: number): Promise<void> {
    const batch = 25;
    for (let i = 0; i < count; i += batch) {
        await Promise.all(Array.from({ length: Math.min(batch, count - i) }, (_, j) => make(`${prefix} ${String(i + j).padStart(3, "0")}`)));
    }
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error> {
    try {
        await p;
    } catch (e) {
        if (e instanceof Error) return e;
        throw new Error(`rejected with a non-Error: ${String(e)}`, { cause: e });
    }
    throw new Error("expected the lookup to fail, and it succeeded");
}
