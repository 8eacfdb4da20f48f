/**
 * Where a lookup's connection settings come from: the same resolution as the resources' (stack configuration
 * `isc:*` first, then the `SAIL_*` environment variables, key by key; credentials as one set, the environment's client
 * credentials first, see ../provider/settings.ts), with explicit options in front for scripts and tests. The stack
 * configuration is read from the running Pulumi program's config store; outside a program that store is empty, so a script needs no Pulumi engine: the
 * environment (or the options) is enough. Settings are read when a lookup runs, never earlier, and nothing here is returned to the caller.
 */
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { IscConfigError, type ApiVersion, type IscClient } from "../client";
import { clientFor, CONFIG_KEYS, resolveProviderSettings, type ProviderSettings, type SettingName, type StackConfig } from "../provider";

/** The most objects a lookup that missed reads to offer a case-insensitive or close match, unless told otherwise. */
export const DEFAULT_MISS_SCAN_LIMIT = 10_000;

/**
 * Options for every lookup. All optional: in a Pulumi program the stack configuration (`isc:*`) and the `SAIL_*`
 * environment variables are used, as for the resources; a script can rely on the environment or pass these.
 *
 * Credentials are taken as a set, from the first place that holds one, as for the resources: these options, then
 * `SAIL_CLIENT_ID`/`SAIL_CLIENT_SECRET` (or `isc:clientId` with `SAIL_CLIENT_SECRET`), then `isc:accessToken`, then
 * `isc:clientId`/`isc:clientSecret`, then `SAIL_ACCESS_TOKEN`. When any of `clientId`, `clientSecret`, `accessToken` is
 * given here, nothing is filled in from the stack configuration or the environment; a client id without its secret
 * is an error. In messages, credentials given here are named after the `isc:*` keys they stand in for.
 */
export interface LookupOptions {
    /** Tenant API base URL. Default: `isc:baseUrl`, then `SAIL_BASE_URL`. */
    baseUrl?: string;
    /** Default: the credential order above (`SAIL_CLIENT_ID` with `SAIL_CLIENT_SECRET` first, then `isc:clientId`). */
    clientId?: string;
    /** Default: the credential order above (`SAIL_CLIENT_SECRET` first, then `isc:clientSecret`). Never returned, never in an error. */
    clientSecret?: string;
    /** A ready bearer token instead of client credentials. Default: the credential order above (`isc:accessToken`; `SAIL_ACCESS_TOKEN` last). */
    accessToken?: string;
    /** The version `getSegment` lists under. Default: `isc:segmentsApiVersion`, then `SAIL_SEGMENTS_API_VERSION`, then v2025. */
    segmentsApiVersion?: ApiVersion;
    /** The version `getAccessProfile` lists under. Default: `isc:accessProfilesApiVersion`, then `SAIL_ACCESS_PROFILES_API_VERSION`, then v3. */
    accessProfilesApiVersion?: ApiVersion;
    /** The client-side pace, shared with the resources of the same (base URL, client id). Default: `isc:maxRequestsPer10Seconds`, ..., 100. */
    maxRequestsPer10Seconds?: number;
    /**
     * When the filtered request finds nothing, the lookup lists the collection to look for a match that differs
     * in case and for the closest names: at most this many objects (default 10,000: 40 calls). Lookups whose
     * name no filter can carry, and segments (no filters at all), always read the whole list.
     */
    missScanLimit?: number;
}

/** What a lookup runs with: a client on the shared pacing and token cache, the resolved settings. */
export interface LookupContext {
    client: IscClient;
    settings: ProviderSettings;
    missScanLimit: number;
    /** Identifies tenant and credentials (never the secret): list walks in flight are shared per key. */
    key: string;
}

/** The `isc:*` values of the running Pulumi program (empty outside one). Secrets arrive decrypted, as for the provider. */
export function programConfig(): StackConfig {
    const out: StackConfig = {};
    for (const [name, spec] of Object.entries(CONFIG_KEYS) as Array<[SettingName, (typeof CONFIG_KEYS)[SettingName]]>) {
        const value = pulumi.runtime.getConfig(spec.key);
        if (value !== undefined && value !== "") out[name] = value;
    }
    return out;
}

/**
 * The explicit options as stack-config strings. Explicit credentials replace the program's as a set: "" blocks a
 * credential the options did not give (see resolveCredentials), so nothing is taken from `isc:*` or `SAIL_*`.
 */
function explicitConfig(opts: LookupOptions): StackConfig {
    const out: StackConfig = {};
    if (opts.baseUrl !== undefined) out.baseUrl = opts.baseUrl;
    if (hasExplicitCredentials(opts)) {
        if (!opts.accessToken && !opts.clientId !== !opts.clientSecret) {
            const [given, missing] = opts.clientId ? ["clientId", "clientSecret"] : ["clientSecret", "clientId"];
            throw new IscConfigError(
                `the ${given} option is given without ${missing}: pass both, or an accessToken (credentials given as options are a set, never completed from isc:* or SAIL_*)`,
            );
        }
        out.clientId = opts.clientId ?? "";
        out.clientSecret = opts.clientSecret ?? "";
        out.accessToken = opts.accessToken ?? "";
    }
    if (opts.segmentsApiVersion !== undefined) out.segmentsApiVersion = opts.segmentsApiVersion;
    if (opts.accessProfilesApiVersion !== undefined) out.accessProfilesApiVersion = opts.accessProfilesApiVersion;
    if (opts.maxRequestsPer10Seconds !== undefined) out.maxRequestsPer10Seconds = String(opts.maxRequestsPer10Seconds);
    return out;
}

/** Options, then the program's stack configuration, then the environment (credentials as one set); throws IscConfigError when incomplete. */
export function lookupContext(opts: LookupOptions = {}, env: NodeJS.ProcessEnv = process.env): LookupContext {
    const settings = resolveProviderSettings({ ...programConfig(), ...explicitConfig(opts) }, hasExplicitCredentials(opts) ? withoutCredentials(env) : env);
    const limit = opts.missScanLimit ?? DEFAULT_MISS_SCAN_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`missScanLimit is ${limit}: use a whole number of objects, 1 or more`);
    return {
        client: clientFor(settings),
        settings,
        missScanLimit: limit,
        key: `${settings.baseUrl}|${settings.accessToken ? `token:${fingerprint(settings.accessToken)}` : `client:${settings.clientId}`}`,
    };
}

function hasExplicitCredentials(opts: LookupOptions): boolean {
    return opts.clientId !== undefined || opts.clientSecret !== undefined || opts.accessToken !== undefined;
}

/** The environment without its credentials: explicit options are the whole set (the environment's would come first). */
function withoutCredentials(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const out = { ...env };
    for (const name of ["accessToken", "clientId", "clientSecret"] as const) delete out[CONFIG_KEYS[name].env];
    return out;
}

/** A one-way fingerprint, so a key tells tokens apart without holding one. */
function fingerprint(secret: string): string {
    return crypto.createHash("sha256").update(secret).digest("hex").slice(0, 16);
}
