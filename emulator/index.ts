/**
 * The ISC emulator, in-process: `const emu = await startEmulator({ port: 0 }); ... await emu.close();`
 * See README.md in this folder for what it emulates and how.
 */
import type { AddressInfo } from "net";
import { HttpError } from "./errors";
import { ClientCredentials, DEFAULT_CONFIG, DEMO_CLIENT, EmulatorConfig, Faults, mergeConfig, RateLimitScope } from "./config";
import { echoVariationFrom } from "./echo";
import { DEMO_READER } from "./scopes";
import { EmulatorServer } from "./server";
import { populateSettings, PopulateOptions, PopulateSettings } from "./populate-settings";
import type { Json } from "./validation";

export type { EchoVariationConfig } from "./echo";
export type { ClientCredentials, EmulatorConfig, Faults, RateLimitConfig, RateLimitScope, RequestLogEntry } from "./config";
export { DEMO_CLIENT, DEFAULT_CONFIG, NO_FAULTS, RATE_LIMIT_SCOPES } from "./config";
export { ALL_SCOPES, DEMO_READER, READER_SCOPES } from "./scopes";
export { FAULT_SEQUENCES, keyedFaults, type FaultSequence } from "./faults";
export { EmulatorAdmin } from "./admin-client";
export { startZpaEmulator, type ZpaEmulator, type ZpaEmulatorOptions } from "./zpa";
export type { AccessProfileUser, ConfigChange, InUseState, ObjectKind, PopulateResult, StoredObject, TenantState } from "./admin-client";
export type { PopulateOptions, PopulateSettings } from "./populate-settings";
export { POPULATE_DEFAULTS, POPULATE_MAX } from "./populate-settings";

/** `startEmulator`'s rate limit: `scope` defaults to "client" (one budget per client id, across versions). */
export interface RateLimitOptions {
    limit: number;
    windowMs: number;
    scope?: RateLimitScope;
}

export interface EmulatorOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    host?: string;
    /** Seeds the tenant's ids and every random choice (lag, faults). Default 1. */
    seed?: number;
    /**
     * Default: demo-client / demo-secret (scope sp:scopes:all: every call) and demo-reader / demo-reader-secret
     * (read scopes only: a write is a 403). A client without `scopes` may make every call.
     */
    clients?: ClientCredentials[];
    tokenLifetimeSeconds?: number;
    /**
     * Default 100 requests per 10 s per client id, across API versions (scope "client"); scope "client-version"
     * gives each version prefix its own budget; null disables.
     */
    rateLimit?: RateLimitOptions | null;
    consistencyLagMs?: number;
    faults?: Partial<Faults>;
    /**
     * Adds a large, realistic tenant with awkward names to the seeded one (see README "A populated tenant"), at
     * start-up and after every reset: `true` for the defaults, or the counts and seed. Default: none.
     */
    populate?: PopulateOptions | boolean;
    /**
     * Answers show segments and access profiles in any form SailPoint's specs allow (see echo.ts and the README's
     * "Echo variation"): `{seed}`, or `true` for the emulator's seed. Default: off.
     */
    echoVariation?: { seed?: number } | boolean;
    /** The tenant has the new Request Center, which non-requestable access profiles need. Default true. */
    newRequestCenter?: boolean;
    /** The tenant refuses RFC 6902 `test` operations: a PATCH carrying one is a 400 ("Unsupported operation: test"). Default false. */
    refuseTestOperations?: boolean;
}

export interface Emulator {
    /** The tenant base URL, e.g. http://127.0.0.1:41234 (the token URL is url + "/oauth/token"). */
    url: string;
    port: number;
    close(): Promise<void>;
}

/** The options' rate limit, checked as `PATCH /__emulator/config` checks it; throws an Error naming the bad field. */
function rateLimitFrom(option: RateLimitOptions | null | undefined): EmulatorConfig["rateLimit"] {
    if (option === undefined) return structuredClone(DEFAULT_CONFIG.rateLimit);
    if (option === null) return null;
    try {
        // A whole rate limit replaces the default; only `scope` may be left out.
        const rateLimit: Json = { limit: option.limit, windowMs: option.windowMs, ...(option.scope !== undefined ? { scope: option.scope } : {}) };
        return mergeConfig(DEFAULT_CONFIG, { rateLimit }).rateLimit;
    } catch (e) {
        if (e instanceof HttpError) throw new Error(`startEmulator: ${e.texts.join("; ")}`, { cause: e });
        throw e;
    }
}

/** The options' faults, checked as `PATCH /__emulator/config` checks them; throws an Error naming the bad field. */
function faultsFrom(option: Partial<Faults> | undefined): Faults {
    try {
        const given: Json = Object.fromEntries(Object.entries(option ?? {}).filter(([, v]) => v !== undefined));
        return mergeConfig(DEFAULT_CONFIG, { faults: given }).faults;
    } catch (e) {
        if (e instanceof HttpError) throw new Error(`startEmulator: ${e.texts.join("; ")}`, { cause: e });
        throw e;
    }
}

/** The options' population, checked as `POST /__emulator/populate` checks it; throws an Error naming the bad field. */
function populationFrom(option: PopulateOptions | boolean | undefined): PopulateSettings | null {
    if (option === undefined || option === false) return null;
    try {
        return populateSettings(option === true ? {} : option);
    } catch (e) {
        if (e instanceof HttpError) throw new Error(`startEmulator: ${e.texts.join("; ")}`, { cause: e });
        throw e;
    }
}

/** The options' echo variation, checked as `PATCH /__emulator/config` checks it; throws an Error naming the bad value. */
function echoVariationOf(option: EmulatorOptions["echoVariation"], seed: number): EmulatorConfig["echoVariation"] {
    if (option === undefined || option === false) return null;
    try {
        return echoVariationFrom({ seed: option === true ? seed : (option.seed ?? seed) });
    } catch (e) {
        if (e instanceof HttpError) throw new Error(`startEmulator: ${e.texts.join("; ")}`, { cause: e });
        throw e;
    }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const config: EmulatorConfig = {
        tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_CONFIG.tokenLifetimeSeconds,
        rateLimit: rateLimitFrom(options.rateLimit),
        consistencyLagMs: options.consistencyLagMs ?? 0,
        faults: faultsFrom(options.faults),
        echoVariation: echoVariationOf(options.echoVariation, options.seed ?? 1),
        newRequestCenter: options.newRequestCenter ?? DEFAULT_CONFIG.newRequestCenter,
        refuseTestOperations: options.refuseTestOperations ?? DEFAULT_CONFIG.refuseTestOperations,
    };
    const emu = new EmulatorServer(options.seed ?? 1, options.clients ?? [DEMO_CLIENT, DEMO_READER], config, populationFrom(options.populate));
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
        emu.server.once("error", reject);
        emu.server.listen(options.port ?? 0, host, () => resolve());
    });
    const port = (emu.server.address() as AddressInfo).port;
    const shownHost = host.includes(":") ? `[${host}]` : host;
    return {
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
            new Promise<void>((resolve) => {
                emu.server.close(() => resolve());
                emu.server.closeAllConnections();
            }),
    };
}
