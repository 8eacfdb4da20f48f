/**
 * Where the provider's connection settings come from: stack configuration (passed to `configure()` by
 * Pulumi's dynamic-provider host, secrets already decrypted) first, then the SailPoint SDK/CLI environment
 * variables, read at call time. Nothing here is ever captured in the serialized provider.
 */
import type * as pulumi from "@pulumi/pulumi";
import { ApiVersion, isApiVersion, DEFAULT_VERSIONS } from "../client/versions";
import { DEFAULT_RATE_LIMIT, IscConfigError } from "../client";

/** The stack configuration namespace: `pulumi config set isc:baseUrl https://acme.api.identitynow.com`. */
export const CONFIG_NAMESPACE = "isc";

/** Every configuration key the provider reads, with its environment-variable fallback. */
export const CONFIG_KEYS = {
    baseUrl: { key: "isc:baseUrl", env: "SAIL_BASE_URL", doc: "Tenant API base URL, e.g. https://acme.api.identitynow.com" },
    clientId: { key: "isc:clientId", env: "SAIL_CLIENT_ID", doc: "OAuth client id (personal access token id)" },
    clientSecret: { key: "isc:clientSecret", env: "SAIL_CLIENT_SECRET", doc: "OAuth client secret: set it with --secret" },
    accessToken: { key: "isc:accessToken", env: "SAIL_ACCESS_TOKEN", doc: "A ready bearer token instead of client credentials (not renewed)" },
    segmentsApiVersion: { key: "isc:segmentsApiVersion", env: "SAIL_SEGMENTS_API_VERSION", doc: `API version for segments (default ${DEFAULT_VERSIONS.segments})` },
    accessProfilesApiVersion: { key: "isc:accessProfilesApiVersion", env: "SAIL_ACCESS_PROFILES_API_VERSION", doc: `API version for access profiles (default ${DEFAULT_VERSIONS.accessProfiles})` },
    propagationTimeoutSeconds: { key: "isc:propagationTimeoutSeconds", env: "SAIL_PROPAGATION_TIMEOUT_SECONDS", doc: "How long a missing or stale object is waited for right after a write (default 30)" },
    maxRequestsPer10Seconds: {
        key: "isc:maxRequestsPer10Seconds",
        env: "SAIL_MAX_REQUESTS_PER_10_SECONDS",
        doc: `Client-side pace: API requests per 10 s for this client id (default ${DEFAULT_RATE_LIMIT.limit}, ISC's documented limit)`,
    },
} as const;

export type SettingName = keyof typeof CONFIG_KEYS;
export type StackConfig = Partial<Record<SettingName, string>>;

export interface ProviderSettings {
    baseUrl: string;
    clientId?: string;
    clientSecret?: string;
    accessToken?: string;
    versions: { segments: ApiVersion; accessProfiles: ApiVersion };
    propagationTimeoutMs: number;
    /** Requests per 10 s for this (base URL, client id), shared by every resource of the run. */
    maxRequestsPer10Seconds: number;
}

/** Copies the keys this provider knows out of Pulumi's config bag; synchronous on purpose (see configure). */
export function readStackConfig(config: pulumi.dynamic.Config): StackConfig {
    const out: StackConfig = {};
    for (const [name, spec] of Object.entries(CONFIG_KEYS) as Array<[SettingName, (typeof CONFIG_KEYS)[SettingName]]>) {
        const value = config.get(spec.key);
        if (value !== undefined && value !== "") out[name] = value;
    }
    return out;
}

/** Stack config wins over the environment; the environment is read now, never earlier. */
export function resolveProviderSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
    const pick = (name: SettingName): string | undefined => {
        const value = stack[name] ?? env[CONFIG_KEYS[name].env];
        return value === undefined || value === "" ? undefined : value;
    };
    const baseUrl = pick("baseUrl");
    if (!baseUrl) {
        throw new IscConfigError(
            `No ISC tenant URL: set it with \`pulumi config set ${CONFIG_KEYS.baseUrl.key} https://<tenant>.api.identitynow.com\` or the ${CONFIG_KEYS.baseUrl.env} environment variable.`,
        );
    }
    const accessToken = pick("accessToken");
    const clientId = pick("clientId");
    const clientSecret = pick("clientSecret");
    if (!accessToken && (!clientId || !clientSecret)) {
        const missing = [!clientId ? CONFIG_KEYS.clientId : undefined, !clientSecret ? CONFIG_KEYS.clientSecret : undefined]
            .filter((s): s is (typeof CONFIG_KEYS)["clientId" | "clientSecret"] => s !== undefined)
            .map((s) => `${s.key} (or ${s.env})`)
            .join(" and ");
        throw new IscConfigError(
            `No ISC credentials: set ${missing}, e.g. \`pulumi config set ${CONFIG_KEYS.clientId.key} <id>\` and \`pulumi config set --secret ${CONFIG_KEYS.clientSecret.key} <secret>\`.`,
        );
    }
    return {
        baseUrl: baseUrl.replace(/\/+$/, ""),
        ...(accessToken ? { accessToken } : { clientId, clientSecret }),
        versions: {
            segments: version("segmentsApiVersion", pick("segmentsApiVersion"), DEFAULT_VERSIONS.segments),
            accessProfiles: version("accessProfilesApiVersion", pick("accessProfilesApiVersion"), DEFAULT_VERSIONS.accessProfiles),
        },
        propagationTimeoutMs: seconds("propagationTimeoutSeconds", pick("propagationTimeoutSeconds"), 30) * 1000,
        maxRequestsPer10Seconds: positiveInteger("maxRequestsPer10Seconds", pick("maxRequestsPer10Seconds"), DEFAULT_RATE_LIMIT.limit),
    };
}

function version(name: SettingName, value: string | undefined, fallback: ApiVersion): ApiVersion {
    if (value === undefined) return fallback;
    if (isApiVersion(value)) return value;
    throw new IscConfigError(
        `${CONFIG_KEYS[name].key} is "${value}": use one of "v3", "beta", "v2024", "v2025".`,
    );
}

function seconds(name: SettingName, value: string | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (Number.isFinite(n) && n >= 0) return n;
    throw new IscConfigError(`${CONFIG_KEYS[name].key} is "${value}": use a number of seconds, 0 or more.`);
}

function positiveInteger(name: SettingName, value: string | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1) return n;
    throw new IscConfigError(`${CONFIG_KEYS[name].key} is "${value}": use a whole number of requests, 1 or more (ISC documents 100).`);
}
