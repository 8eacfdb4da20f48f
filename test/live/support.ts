/**
 * The live-tenant suite's shared parts: when it runs (the opt-in), the names it gives its objects, and direct
 * access to the tenant's REST API with the suite's own client credentials, guarded so that nothing whose name
 * lacks the suite's prefix is ever modified or deleted.
 *
 * Every object the suite makes is named `pulumi-isc-live-<UTC stamp>-<random>-<what>`. A test file cleans up
 * its own run's objects in afterAll (whatever failed), and sweeps, before it starts, objects of earlier runs whose
 * stamp is more than an hour old (a crashed run's leftovers). A run still going on elsewhere is never touched.
 */
import * as crypto from "crypto";
import { IscClient, isIscApiError, type ApiVersion } from "../../provider/src/client";
import { CONFIG_KEYS, DEFAULT_VERSIONS } from "../../provider/src/provider/settings";

/** The variables the suite needs, besides the opt-in `SAIL_LIVE_TESTS=1`. */
export const CREDENTIAL_VARIABLES = ["SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET"] as const;

export interface LiveTenant {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
}

/** The tenant to test against, or why the suite is skipped (a sentence naming the missing variable). */
export function liveTenant(env: NodeJS.ProcessEnv = process.env): LiveTenant | { skipped: string } {
    if (env.SAIL_LIVE_TESTS !== "1") return { skipped: 'SAIL_LIVE_TESTS is not 1 (the suite is opt-in: see README, "Running the live-tenant suite")' };
    const missing = CREDENTIAL_VARIABLES.filter((name) => !env[name]);
    if (missing.length > 0) return { skipped: `SAIL_LIVE_TESTS=1 but ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set` };
    return { baseUrl: env.SAIL_BASE_URL!.replace(/\/+$/, ""), clientId: env.SAIL_CLIENT_ID!, clientSecret: env.SAIL_CLIENT_SECRET! };
}

/**
 * `describe` when the suite is enabled, `describe.skip` (every test reported as skipped, none as passed) with a
 * one-line note otherwise. `body` gets the tenant as a getter: a skipped describe still runs its body to register
 * the tests, but never its hooks or tests, which are the only places the getter may be called.
 */
export function describeLive(title: string, body: (tenant: () => LiveTenant) => void): void {
    const found = liveTenant();
    if ("skipped" in found) {
        // Straight to stderr: jest shows no console output of a file whose tests were all skipped.
        process.stderr.write(`live-tenant suite skipped (${title}): ${found.skipped}\n`);
        describe.skip(title, () =>
            body(() => {
                throw new Error("the live tenant was read in a skipped suite");
            }),
        );
        return;
    }
    describe(title, () => body(() => found));
}

/** Whether the provider has the setting that turns RFC 6902 `test` operations off (env SAIL_USE_TEST_OPERATIONS). */
export const HAS_TEST_OPERATIONS_SETTING = Object.values(CONFIG_KEYS).some((spec) => (spec.env as string) === "SAIL_USE_TEST_OPERATIONS");

// ---------------------------------------------------------------------------------------------------------------
// Names

export const PREFIX = "pulumi-isc-live-";
/** A leftover of an earlier run is swept once its stamp is this old. */
export const STALE_MS = 60 * 60 * 1000;
const NAME = /^pulumi-isc-live-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z-[a-z0-9]+(?:-|$)/;

/** This run's prefix: `pulumi-isc-live-20260105T101500Z-k3x9q2`. */
export function runPrefix(now: Date = new Date()): string {
    const stamp = now
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d+Z$/, "Z");
    return `${PREFIX}${stamp}-${crypto.randomBytes(4).readUInt32BE(0).toString(36)}`;
}

/** When the run that named this object started; undefined for a name the suite did not give. */
export function stampOf(name: unknown): number | undefined {
    const m = typeof name === "string" ? NAME.exec(name) : null;
    if (!m) return undefined;
    const [, y, mo, d, h, mi, s] = m.map(Number);
    return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** A suite object (its name carries the prefix and a stamp) of a run that started more than an hour ago. */
export function isStale(name: unknown, now: number): boolean {
    const stamp = stampOf(name);
    return stamp !== undefined && now - stamp > STALE_MS;
}

// ---------------------------------------------------------------------------------------------------------------
// The tenant's REST API, directly

export type Kind = "segments" | "access-profiles";
export interface TenantObject {
    id: string;
    name: string;
    [field: string]: unknown;
}
export interface References {
    identity: { id: string; name: string; alias?: string };
    source: { id: string; name: string };
    /** The source's first four entitlements. */
    entitlements: Array<{ id: string; name: string; value: string }>;
}

/** How many of ISC's 100 requests per 10 s the suite's own direct calls take; the provider gets the rest (see PROVIDER_PACE). */
export const DIRECT_PACE = 25;
export const PROVIDER_PACE = 70;

/** Waits (doubling up to 5 s) until `get()` satisfies `ok`: ISC is eventually consistent. */
export async function eventually<T>(what: string, get: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (let wait = 250; ; wait = Math.min(wait * 2, 5_000)) {
        const value = await get();
        if (ok(value)) return value;
        if (Date.now() > deadline) throw new Error(`${what}: not seen within ${timeoutMs / 1000} s; last seen: ${JSON.stringify(value)?.slice(0, 600)}`);
        await new Promise((r) => setTimeout(r, wait));
    }
}

/**
 * The tenant through its REST API, as another administrator (or the ISC UI) would change it. Writes are refused
 * here, before any request, for an object whose name lacks `run` (creates) or the suite's prefix (changes, deletes).
 */
export class TenantApi {
    readonly client: IscClient;
    /** Objects this run made (directly or through Pulumi) and has not seen deleted, by id. */
    private readonly made = new Map<string, Kind>();

    constructor(
        readonly tenant: LiveTenant,
        readonly run: string,
    ) {
        this.client = new IscClient({ ...tenant, rateLimit: { limit: DIRECT_PACE, windowMs: 10_000 } });
    }

    path(kind: Kind, id?: string): string {
        const version: ApiVersion =
            kind === "segments"
                ? (process.env.SAIL_SEGMENTS_API_VERSION as ApiVersion | undefined) || DEFAULT_VERSIONS.segments
                : (process.env.SAIL_ACCESS_PROFILES_API_VERSION as ApiVersion | undefined) || DEFAULT_VERSIONS.accessProfiles;
        return `/${version}/${kind}${id === undefined ? "" : `/${encodeURIComponent(id)}`}`;
    }

    list(kind: Kind): Promise<TenantObject[]> {
        return this.client.paginate<TenantObject>(this.path(kind));
    }

    /** The object, or undefined when the tenant answers 404 (which, right after a write, may be a lagging replica). */
    async get(kind: Kind, id: string): Promise<TenantObject | undefined> {
        try {
            return (await this.client.request<TenantObject>("GET", this.path(kind, id))).body;
        } catch (e) {
            if (isIscApiError(e) && e.status === 404) return undefined;
            throw e;
        }
    }

    /** Notes an object made through Pulumi, so that removeRun() deletes it even when no list shows it yet. */
    track(kind: Kind, id: string): void {
        this.made.set(id, kind);
    }

    /** Waits until the object reads as deleted. */
    async gone(kind: Kind, id: string): Promise<void> {
        await eventually(
            `${kind}/${id} deleted`,
            () => this.get(kind, id),
            (o) => o === undefined,
        );
        this.made.delete(id);
    }

    async create(kind: Kind, body: { name: string; [field: string]: unknown }): Promise<TenantObject> {
        if (!body.name.startsWith(`${this.run}-`)) throw new Error(`refusing to create "${body.name}": the name lacks this run's prefix ${this.run}-`);
        const made = (await this.client.request<TenantObject>("POST", this.path(kind), { body })).body;
        this.track(kind, made.id);
        return made;
    }

    /** A JSON Patch applied to one of the suite's objects (read first: its name must carry the prefix). */
    async patchOurs(kind: Kind, id: string, ops: unknown[]): Promise<TenantObject> {
        await this.ours(kind, id);
        return (await this.client.request<TenantObject>("PATCH", this.path(kind, id), { body: ops, contentType: "application/json-patch+json" })).body;
    }

    /** Deletes one of the suite's objects, read first (its name must carry the prefix); nothing when it reads as gone. */
    async deleteOurs(kind: Kind, id: string): Promise<boolean> {
        const found = await this.get(kind, id);
        if (!found) return false;
        assertOurs(kind, found);
        try {
            await this.client.request("DELETE", this.path(kind, id));
        } catch (e) {
            if (!(isIscApiError(e) && e.status === 404)) throw e;
        }
        this.made.delete(id);
        return true;
    }

    /** The object (waiting for it to be readable: ISC may lag a write), after checking that it is the suite's. */
    async ours(kind: Kind, id: string): Promise<TenantObject> {
        const found = (await eventually(
            `${kind}/${id}`,
            () => this.get(kind, id),
            (o) => o !== undefined,
            60_000,
        ))!;
        assertOurs(kind, found);
        return found;
    }

    /** Deletes every suite object the lists show whose name matches (access profiles first: they may name segments). */
    async removeMatching(match: (name: string) => boolean): Promise<string[]> {
        const removed: string[] = [];
        for (const kind of ["access-profiles", "segments"] as const) {
            for (const o of await this.list(kind)) {
                if (typeof o.name !== "string" || !o.name.startsWith(PREFIX) || !match(o.name)) continue;
                if (await this.deleteOurs(kind, o.id)) removed.push(`${kind}/${o.name}`);
            }
        }
        return removed;
    }

    /**
     * This run's objects, whatever state the tests left them in: those it made and has not seen deleted (waiting
     * up to 30 s each for a lagging read), then any other the lists show with the run's prefix.
     */
    async removeRun(): Promise<string[]> {
        const removed = new Set<string>();
        const order = (kind: Kind) => (kind === "access-profiles" ? 0 : 1);
        for (const [id, kind] of [...this.made].sort((a, b) => order(a[1]) - order(b[1]))) {
            const found = await eventually(
                `${kind}/${id}`,
                () => this.get(kind, id),
                (o) => o !== undefined,
                30_000,
            ).catch(() => undefined);
            if (found && (await this.deleteOurs(kind, id))) removed.add(`${kind}/${found.name}`);
        }
        for (const r of await this.removeMatching((name) => name.startsWith(`${this.run}-`))) removed.add(r);
        return [...removed];
    }

    /** Leftovers of earlier runs that started more than an hour ago. */
    sweep(now: number = Date.now()): Promise<string[]> {
        return this.removeMatching((name) => isStale(name, now));
    }

    /**
     * The tenant's own objects to refer to, whatever they are called: the first identity it lists (one with an
     * alias when there is one: the lookup by alias is unique), and the first source with at least four entitlements.
     */
    async references(): Promise<References> {
        const identities = (await this.client.request<Array<Record<string, unknown>>>("GET", "/v2025/identities", { query: { limit: 50 } })).body;
        const named = identities.filter((i) => typeof i.id === "string" && typeof i.name === "string" && i.name !== "");
        const picked = named.find((i) => typeof i.alias === "string" && i.alias !== "") ?? named[0];
        if (!picked) throw new Error("the tenant lists no identity at GET /v2025/identities: the suite needs one to own its objects");
        const identity = {
            id: String(picked.id),
            name: String(picked.name),
            ...(typeof picked.alias === "string" && picked.alias ? { alias: picked.alias } : {}),
        };
        const sources = (await this.client.request<Array<Record<string, unknown>>>("GET", "/v3/sources", { query: { limit: 25 } })).body;
        for (const s of sources) {
            const filters = `source.id eq "${String(s.id)}"`;
            const found = (await this.client.request<Array<Record<string, unknown>>>("GET", "/v2025/entitlements", { query: { filters, limit: 4 } })).body;
            const usable = found.filter((e) => typeof e.id === "string" && typeof e.value === "string" && e.value !== "");
            if (usable.length >= 4) {
                return {
                    identity,
                    source: { id: String(s.id), name: String(s.name) },
                    entitlements: usable.slice(0, 4).map((e) => ({ id: String(e.id), name: String(e.name ?? ""), value: String(e.value) })),
                };
            }
        }
        throw new Error(`none of the first ${sources.length} sources at GET /v3/sources has 4 entitlements: the suite needs one for its access profiles`);
    }
}

/** Throws unless the object's name carries the suite's prefix: the one rule that keeps the suite safe on a real tenant. */
export function assertOurs(kind: Kind, object: { id?: unknown; name?: unknown }): void {
    if (typeof object.name !== "string" || !object.name.startsWith(PREFIX)) {
        throw new Error(`refusing to change ${kind}/${String(object.id)}: its name ${JSON.stringify(object.name)} lacks the live suite's prefix ${PREFIX}`);
    }
}
