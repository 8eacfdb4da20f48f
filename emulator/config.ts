/** The emulator's run-time configuration (`PATCH /__emulator/config`), its defaults, and the request log's entries. */
import { echoVariationFrom, type EchoVariationConfig } from "./echo";
import { CODES, HttpError, show } from "./errors";
import { FAULT_SEQUENCES, type FaultSequence } from "./faults";
import { isObject, Json } from "./validation";

export interface Faults {
    /** Share of API requests answered 500 (0..1). */
    serverErrorRate: number;
    /** Share of API requests whose connection is dropped without an answer. */
    dropRate: number;
    /** Share of API requests answered 429 although under the limit (Retry-After: 1). */
    rateLimitRate: number;
    /** Added to every API request. */
    latencyMs: number;
    /** Share of faulted writes that are applied before the fault (the client cannot tell). */
    applyBeforeFaultShare: number;
    /**
     * "arrival" (default): one seeded generator in arrival order (with concurrent clients, which request gets which
     * fault depends on timing); "per-key": each request's fault comes from (seed, its key, its count), so every
     * object's fault sequence is the same whatever the interleaving. See faults.ts.
     */
    sequence: FaultSequence;
    /** At most this many faults in a row on one request key (either sequence); null: no cap. */
    maxConsecutive: number | null;
    /** Seed of the per-key sequence; null: the emulator's seed. */
    seed: number | null;
}

/**
 * What one budget covers: "client" (SailPoint's documented limit) counts every API request of a client id
 * together, whatever its version prefix or collection; "client-version" gives each (client id, version prefix)
 * its own budget, as SailPoint's older docs described.
 */
export type RateLimitScope = "client" | "client-version";
export const RATE_LIMIT_SCOPES: readonly RateLimitScope[] = ["client", "client-version"];

export interface RateLimitConfig {
    limit: number;
    windowMs: number;
    scope: RateLimitScope;
}

export interface EmulatorConfig {
    tokenLifetimeSeconds: number;
    /** Per client id (or per client id and API version, by `scope`); null: no limit. */
    rateLimit: RateLimitConfig | null;
    /** Reads may reflect the state of up to this many ms ago. */
    consistencyLagMs: number;
    faults: Faults;
    /** Answers show segments and access profiles in every form the specs allow (see echo.ts); null: off. */
    echoVariation: EchoVariationConfig | null;
    /**
     * The tenant has SailPoint's new Request Center, without which an access profile cannot be made non-requestable
     * (write-rules.ts). Default true.
     */
    newRequestCenter: boolean;
    /** A tenant that refuses RFC 6902 `test` operations: a PATCH carrying one is a 400 (patching.ts). Default false. */
    refuseTestOperations: boolean;
}

export interface ClientCredentials {
    id: string;
    secret: string;
    /** The scopes its tokens carry (scopes.ts); default ["sp:scopes:all"], which allows every call. */
    scopes?: readonly string[];
}

export interface RequestLogEntry {
    seq: number;
    time: string;
    method: string;
    path: string;
    query: Record<string, string>;
    /** 0 when the connection was dropped without an answer. */
    status: number;
    clientId: string | null;
    /** Parsed JSON, or text, or null; the token endpoint's client_secret is replaced by "REDACTED". */
    requestBody: unknown;
    fault: null | "error" | "drop" | "rate-limit";
    /**
     * For a request that reached fault injection (authenticated, under the rate limit): its key (which never holds
     * an id the emulator handed out, nor a time) and which request of that key it was since sequences last restarted.
     */
    faultKey?: string;
    faultOccurrence?: number;
    /** Whether the request changed the tenant. */
    applied: boolean;
}

export const NO_FAULTS: Faults = {
    serverErrorRate: 0,
    dropRate: 0,
    rateLimitRate: 0,
    latencyMs: 0,
    applyBeforeFaultShare: 0,
    sequence: "arrival",
    maxConsecutive: null,
    seed: null,
};
export const DEFAULT_CONFIG: EmulatorConfig = {
    tokenLifetimeSeconds: 749,
    rateLimit: { limit: 100, windowMs: 10_000, scope: "client" },
    consistencyLagMs: 0,
    faults: NO_FAULTS,
    echoVariation: null,
    newRequestCenter: true,
    refuseTestOperations: false,
};
export const DEMO_CLIENT: ClientCredentials = { id: "demo-client", secret: "demo-secret" };

const FAULT_RATES = ["serverErrorRate", "dropRate", "rateLimitRate", "applyBeforeFaultShare"] as const;

/** The config after a `PATCH /__emulator/config`; a nonsensical change is a 400 and changes nothing. */
export function mergeConfig(config: EmulatorConfig, change: Json): EmulatorConfig {
    const refuse = (text: string): never => {
        throw new HttpError(400, CODES.badContent, [text]);
    };
    if (!isObject(change))
        return refuse(
            `Send a JSON object with any of tokenLifetimeSeconds, consistencyLagMs, rateLimit, faults, echoVariation, newRequestCenter, refuseTestOperations; got ${show(change)}.`,
        );
    const known = ["tokenLifetimeSeconds", "consistencyLagMs", "rateLimit", "faults", "echoVariation", "newRequestCenter", "refuseTestOperations"];
    for (const key of Object.keys(change)) if (!known.includes(key)) refuse(`Unknown config field "${key}"; known: ${known.join(", ")}.`);
    const number = (where: string, v: Json | undefined, min: number, max = Number.POSITIVE_INFINITY): number => {
        if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
            return refuse(`${where} must be a number from ${min}${max === Number.POSITIVE_INFINITY ? " up" : ` to ${max}`}; got ${show(v ?? null)}.`);
        }
        return v;
    };
    const next: EmulatorConfig = structuredClone(config);
    if ("tokenLifetimeSeconds" in change) next.tokenLifetimeSeconds = number("tokenLifetimeSeconds", change.tokenLifetimeSeconds, 0);
    if ("consistencyLagMs" in change) next.consistencyLagMs = number("consistencyLagMs", change.consistencyLagMs, 0);
    if ("rateLimit" in change) {
        const rl = change.rateLimit;
        if (rl === null) next.rateLimit = null;
        else if (!isObject(rl)) refuse(`rateLimit must be null or {limit, windowMs, scope}; got ${show(rl)}.`);
        else {
            const fields = ["limit", "windowMs", "scope"];
            for (const key of Object.keys(rl)) if (!fields.includes(key)) refuse(`Unknown rateLimit field "${key}"; known: ${fields.join(", ")}.`);
            const base = next.rateLimit ?? DEFAULT_CONFIG.rateLimit!;
            const scope = (v: Json | undefined): RateLimitScope => {
                const found = RATE_LIMIT_SCOPES.find((s) => s === v);
                if (found === undefined) {
                    return refuse(`rateLimit.scope must be ${RATE_LIMIT_SCOPES.map((s) => `"${s}"`).join(" or ")}; got ${show(v ?? null)}.`);
                }
                return found;
            };
            next.rateLimit = {
                limit: "limit" in rl ? number("rateLimit.limit", rl.limit, 1) : base.limit,
                windowMs: "windowMs" in rl ? number("rateLimit.windowMs", rl.windowMs, 1) : base.windowMs,
                scope: "scope" in rl ? scope(rl.scope) : base.scope,
            };
        }
    }
    if ("faults" in change) {
        const f = change.faults;
        if (!isObject(f)) return refuse(`faults must be an object; got ${show(f)}.`);
        const whole = (where: string, v: Json | undefined, min: number, max: number): number | null => {
            if (v === null) return null;
            if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
                return refuse(`${where} must be null or a whole number from ${min} to ${max}; got ${show(v ?? null)}.`);
            return v;
        };
        for (const key of Object.keys(f)) {
            if (key === "latencyMs") next.faults.latencyMs = number("faults.latencyMs", f.latencyMs, 0);
            else if ((FAULT_RATES as readonly string[]).includes(key)) next.faults[key as (typeof FAULT_RATES)[number]] = number(`faults.${key}`, f[key], 0, 1);
            else if (key === "sequence") {
                const found = FAULT_SEQUENCES.find((s) => s === f.sequence);
                if (found === undefined)
                    refuse(`faults.sequence must be ${FAULT_SEQUENCES.map((s) => `"${s}"`).join(" or ")}; got ${show(f.sequence ?? null)}.`);
                else next.faults.sequence = found;
            } else if (key === "maxConsecutive") next.faults.maxConsecutive = whole("faults.maxConsecutive", f.maxConsecutive, 1, 1_000_000);
            else if (key === "seed") next.faults.seed = whole("faults.seed", f.seed, -(2 ** 31), 2 ** 32);
            else refuse(`Unknown fault "${key}"; known: ${[...FAULT_RATES, "latencyMs", "sequence", "maxConsecutive", "seed"].join(", ")}.`);
        }
    }
    if ("echoVariation" in change) next.echoVariation = echoVariationFrom(change.echoVariation);
    if ("newRequestCenter" in change) {
        if (typeof change.newRequestCenter !== "boolean") refuse(`newRequestCenter must be true or false; got ${show(change.newRequestCenter ?? null)}.`);
        else next.newRequestCenter = change.newRequestCenter;
    }
    if ("refuseTestOperations" in change) {
        if (typeof change.refuseTestOperations !== "boolean")
            refuse(`refuseTestOperations must be true or false; got ${show(change.refuseTestOperations ?? null)}.`);
        else next.refuseTestOperations = change.refuseTestOperations;
    }
    return next;
}
