/** A typed client for the emulator's admin API (/__emulator/...), for tests, the demo and benchmarks. */
import type { PopulateOptions, PopulateSettings } from "./populate-settings";
import type { EmulatorConfig, Faults, RateLimitConfig, RequestLogEntry } from "./config";
import type { AccessProfileUser } from "./store";
import type { Entitlement, GovernanceGroup, Identity, Source } from "./tenant-types";

export type { AccessProfileUser } from "./store";

export type { RateLimitConfig, RateLimitScope, RequestLogEntry } from "./config";
export type ObjectKind = "segments" | "access-profiles";
/** A segment or access profile as the emulator stores it. */
export type StoredObject = Record<string, unknown> & { id: string; name: string; created: string; modified: string };

export interface TenantState {
    segments: StoredObject[];
    accessProfiles: StoredObject[];
    identities: Identity[];
    sources: Source[];
    entitlements: Entitlement[];
    governanceGroups: GovernanceGroup[];
    inUse: string[];
}

/** What `setInUse` set: the profile's users (empty when it is not in use). */
export interface InUseState {
    id: string;
    inUse: boolean;
    usedBy: AccessProfileUser[];
}

/** What `populate` made: the settings used (defaults filled in) and the tenant's totals, the seeded tenant included. */
export interface PopulateResult {
    settings: PopulateSettings;
    counts: { identities: number; sources: number; entitlements: number; governanceGroups: number; segments: number; accessProfiles: number };
}

export interface ConfigChange {
    tokenLifetimeSeconds?: number;
    /**
     * null: no limit. Otherwise the fields to change, the others kept (or the defaults when the limit was off):
     * `limit`, `windowMs`, and `scope` ("client": one budget per client id across versions; "client-version").
     */
    rateLimit?: Partial<RateLimitConfig> | null;
    consistencyLagMs?: number;
    faults?: Partial<Faults>;
    /** null: off; `{seed}`: answers vary in every form the specs allow, the generators restarted (see echo.ts). */
    echoVariation?: { seed: number } | null;
    /** The tenant has the new Request Center (non-requestable access profiles allowed). */
    newRequestCenter?: boolean;
    /** The tenant refuses RFC 6902 `test` operations: a PATCH carrying one is a 400. */
    refuseTestOperations?: boolean;
}

export class EmulatorAdmin {
    private readonly base: string;

    constructor(baseUrl: string) {
        this.base = baseUrl.replace(/\/+$/, "") + "/__emulator";
    }

    private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        // A fresh connection per call: a kept-alive socket may be closed by the server's idle timeout just as a call
        // after a busy stretch (a synchronous step in a test) reuses it, and that call would fail with ECONNRESET.
        const res = await fetch(this.base + path, {
            method,
            headers: { Connection: "close", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`emulator admin ${method} ${path} answered ${res.status}: ${text}`);
        return (text ? JSON.parse(text) : undefined) as T;
    }

    reset(): Promise<void> {
        return this.call("POST", "/reset");
    }
    state(): Promise<TenantState> {
        return this.call("GET", "/state");
    }
    /**
     * Replaces the tenant with the seeded one plus a large, realistic, awkward population (the same options give
     * the same tenant, ids included); config, tokens and the request log are kept.
     */
    populate(options: PopulateOptions = {}): Promise<PopulateResult> {
        return this.call("POST", "/populate", options);
    }
    getObject(kind: ObjectKind, id: string): Promise<StoredObject> {
        return this.call("GET", `/objects/${kind}/${encodeURIComponent(id)}`);
    }
    /** Changes top-level fields behind the provider's back (no validation, no lag), as the ISC UI would. */
    drift(kind: ObjectKind, id: string, fields: Record<string, unknown>): Promise<StoredObject> {
        return this.call("PATCH", `/objects/${kind}/${encodeURIComponent(id)}`, fields);
    }
    /** Creates an object directly (validated, visible at once), e.g. one that exists before Pulumi adopts it. */
    createObject(kind: ObjectKind, body: Record<string, unknown>): Promise<StoredObject> {
        return this.call("POST", `/objects/${kind}`, body);
    }
    deleteObject(kind: ObjectKind, id: string): Promise<void> {
        return this.call("DELETE", `/objects/${kind}/${encodeURIComponent(id)}`);
    }
    /**
     * Marks an access profile as used (deleting it then fails with 400.2.1.0, and bulk delete lists it under
     * `inUse`), by `usedBy` or else by one role named "<profile name> Role"; `false` frees it.
     */
    setInUse(id: string, inUse: boolean, usedBy?: AccessProfileUser[]): Promise<InUseState> {
        return this.call("PUT", `/access-profiles/${encodeURIComponent(id)}/in-use`, usedBy === undefined ? { inUse } : { inUse, usedBy });
    }
    requests(): Promise<RequestLogEntry[]> {
        return this.call("GET", "/requests");
    }
    clearRequests(): Promise<void> {
        return this.call("DELETE", "/requests");
    }
    config(): Promise<EmulatorConfig> {
        return this.call("GET", "/config");
    }
    setConfig(change: ConfigChange): Promise<EmulatorConfig> {
        return this.call("PATCH", "/config", change);
    }
    /** Every token issued so far is refused from now on (401), as after expiry. */
    expireTokens(): Promise<void> {
        return this.call("POST", "/tokens/expire");
    }
}
