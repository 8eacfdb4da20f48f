/** The ZPA emulator's run-time configuration (`POST /__admin/config`), its defaults, and its request log's entries. */
import { FAULT_SEQUENCES, type FaultSequence } from "../faults";
import { isObject, type Json } from "../validation";
import { ZpaError, shown } from "./errors";

/** What a faulted request gets: 429, 500, 503, a dropped connection, 401 SESSION_NOT_VALID, 409 or 412 EDIT_LOCK_NOT_AVAILABLE. */
export type ZpaFaultKind = "throttle" | "serverError" | "unavailable" | "drop" | "sessionNotValid" | "editLock409" | "editLock412";
export const ZPA_FAULT_KINDS: readonly ZpaFaultKind[] = ["throttle", "serverError", "unavailable", "drop", "sessionNotValid", "editLock409", "editLock412"];

export interface ZpaFaults {
    /** Share of API requests (after authentication and the rate limit) that get a fault, 0..1. */
    rate: number;
    /** The faults drawn from, evenly; edit locks only for writes (a read drawing among the rest). Default: all. */
    kinds: ZpaFaultKind[];
    /** At most this many faults in a row on one request key; null: no cap. */
    maxConsecutive: number | null;
    /** "arrival": one seeded generator in arrival order; "per-key": from (seed, request key, its count), as the ISC emulator's. */
    sequence: FaultSequence;
    /** Seed of the faults; null: the emulator's seed. */
    seed: number | null;
    /** Share of faulted writes (500, 503, drop) applied before the fault: the client sees an error, the tenant changed. */
    applyBeforeFaultShare: number;
}

export interface ZpaRateLimit {
    /** GETs per window per client id. */
    reads: number;
    /** POST, PUT and DELETE per window per client id. */
    writes: number;
    windowMs: number;
}

export interface ZpaConfig {
    tokenTtlSeconds: number;
    rateLimit: ZpaRateLimit | null;
    /** A read sees the state of this many ms ago. */
    consistencyLagMs: number;
    faults: ZpaFaults;
    /** A v1 PUT sending more applications answers 400 payload.size.exceeded; null: no limit. */
    v1MaxApplications: number | null;
}

export interface ZpaClientCredentials {
    id: string;
    secret: string;
}

export interface ZpaRequestLogEntry {
    seq: number;
    time: string;
    method: string;
    path: string;
    query: Record<string, string>;
    /** 0 when the connection was dropped without an answer. */
    status: number;
    clientId: string | null;
    /** Which token the request carried: legacy (/signin) or OneAPI (/oauth2/v1/token). */
    authMode: "legacy" | "oneapi" | null;
    /** Parsed JSON, or text, or null; a token request's client_secret is "REDACTED". */
    requestBody: unknown;
    fault: ZpaFaultKind | null;
    faultKey?: string;
    faultOccurrence?: number;
    /** Whether the request changed the tenant. */
    applied: boolean;
    /** For an applied PUT: the stored fields whose value it changed (modifiedTime and modifiedBy left out). */
    changedFields?: string[];
}

export const ZPA_NO_FAULTS: ZpaFaults = {
    rate: 0,
    kinds: [...ZPA_FAULT_KINDS],
    maxConsecutive: null,
    sequence: "arrival",
    seed: null,
    applyBeforeFaultShare: 0,
};

export const ZPA_DEFAULT_CONFIG: ZpaConfig = {
    tokenTtlSeconds: 3600,
    rateLimit: { reads: 20, writes: 10, windowMs: 10_000 },
    consistencyLagMs: 0,
    faults: ZPA_NO_FAULTS,
    v1MaxApplications: null,
};

export const ZPA_DEMO_CLIENT: ZpaClientCredentials = { id: "zpa-demo-client", secret: "zpa-demo-secret" };
export const ZPA_DEFAULT_CUSTOMER_ID = "216196257331281920";

const refuse = (text: string, field: string): never => {
    throw new ZpaError(400, "invalid.resource.argument", text, [field]);
};

function number(field: string, v: Json | undefined, min: number, max = Number.POSITIVE_INFINITY, whole = false): number {
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || (whole && !Number.isInteger(v))) {
        const range = max === Number.POSITIVE_INFINITY ? `${min} or more` : `from ${min} to ${max}`;
        return refuse(`${field} must be a${whole ? " whole" : ""} number ${range}; got ${shown(v ?? null)}.`, field);
    }
    return v;
}

function onlyKeys(field: string, o: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(o)) if (!known.includes(key)) refuse(`Unknown field ${field}${key}; known: ${known.join(", ")}.`, `${field}${key}`);
}

/** The config after a change (any of its fields, each whole or in part); a nonsensical change is a 400 and changes nothing. */
export function mergeZpaConfig(config: ZpaConfig, change: Json): ZpaConfig {
    const top = ["tokenTtlSeconds", "rateLimit", "consistencyLagMs", "faults", "v1MaxApplications"] as const;
    if (!isObject(change)) return refuse(`Send a JSON object with any of ${top.join(", ")}; got ${shown(change)}.`, "config");
    onlyKeys("", change, top);
    const next = structuredClone(config);
    if ("tokenTtlSeconds" in change) next.tokenTtlSeconds = number("tokenTtlSeconds", change.tokenTtlSeconds, 0);
    if ("consistencyLagMs" in change) next.consistencyLagMs = number("consistencyLagMs", change.consistencyLagMs, 0);
    if ("v1MaxApplications" in change) {
        next.v1MaxApplications = change.v1MaxApplications === null ? null : number("v1MaxApplications", change.v1MaxApplications, 0, 1e9, true);
    }
    if ("rateLimit" in change) {
        const rl = change.rateLimit;
        if (rl === null) next.rateLimit = null;
        else if (!isObject(rl)) refuse(`rateLimit must be null or {reads, writes, windowMs}; got ${shown(rl)}.`, "rateLimit");
        else {
            onlyKeys("rateLimit.", rl, ["reads", "writes", "windowMs"]);
            const base = next.rateLimit ?? ZPA_DEFAULT_CONFIG.rateLimit!;
            next.rateLimit = {
                reads: "reads" in rl ? number("rateLimit.reads", rl.reads, 1, 1e9, true) : base.reads,
                writes: "writes" in rl ? number("rateLimit.writes", rl.writes, 1, 1e9, true) : base.writes,
                windowMs: "windowMs" in rl ? number("rateLimit.windowMs", rl.windowMs, 1) : base.windowMs,
            };
        }
    }
    if ("faults" in change) {
        const f = change.faults;
        if (!isObject(f)) return refuse(`faults must be an object; got ${shown(f)}.`, "faults");
        onlyKeys("faults.", f, ["rate", "kinds", "maxConsecutive", "sequence", "seed", "applyBeforeFaultShare"]);
        if ("rate" in f) next.faults.rate = number("faults.rate", f.rate, 0, 1);
        if ("applyBeforeFaultShare" in f) next.faults.applyBeforeFaultShare = number("faults.applyBeforeFaultShare", f.applyBeforeFaultShare, 0, 1);
        if ("maxConsecutive" in f)
            next.faults.maxConsecutive = f.maxConsecutive === null ? null : number("faults.maxConsecutive", f.maxConsecutive, 1, 1e6, true);
        if ("seed" in f) next.faults.seed = f.seed === null ? null : number("faults.seed", f.seed, -(2 ** 31), 2 ** 32, true);
        if ("sequence" in f) {
            const found = FAULT_SEQUENCES.find((s) => s === f.sequence);
            next.faults.sequence =
                found ?? refuse(`faults.sequence must be ${FAULT_SEQUENCES.join(" or ")}; got ${shown(f.sequence ?? null)}.`, "faults.sequence");
        }
        if ("kinds" in f) {
            const kinds = f.kinds;
            if (!Array.isArray(kinds) || kinds.length === 0)
                return refuse(`faults.kinds must be a non-empty array of ${ZPA_FAULT_KINDS.join(", ")}.`, "faults.kinds");
            next.faults.kinds = kinds.map(
                (k) =>
                    ZPA_FAULT_KINDS.find((known) => known === k) ??
                    refuse(`faults.kinds: unknown fault ${shown(k)}; known: ${ZPA_FAULT_KINDS.join(", ")}.`, "faults.kinds"),
            );
        }
    }
    return next;
}
