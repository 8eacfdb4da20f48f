/**
 * Where the ZPA provider's connection settings come from: stack configuration `zpa:*` (passed to `configure()` by
 * Pulumi's dynamic-provider host, secrets already decrypted) first, then the environment names Zscaler's SDKs use,
 * read at call time (docs/CONTRACTS.md, "Settings"). Nothing here is ever captured in the serialized provider.
 *
 * Auth mode: OneAPI (Zidentity) when a vanity domain or a token URL is set (stack or environment), else the legacy
 * ZPA API keys. The environment's credentials are the mode's: ZSCALER_CLIENT_ID/ZSCALER_CLIENT_SECRET for OneAPI,
 * ZPA_CLIENT_ID/ZPA_CLIENT_SECRET for legacy. Credentials are one set from one place, in this order: the environment's
 * pair (first, as for ISC: refresh and destroy configure from the stack config saved at the last `up`, which a rotation
 * leaves stale); a stack id and secret; a stack id with the environment's secret (unless the environment names
 * another client id). Every other setting: the stack first.
 */
import type * as pulumi from "@pulumi/pulumi";
import { unknownKeysMessage } from "../../engine";
import { ZpaConfigError, type ZpaClientOptions } from "../client";

/** Every configuration key the ZPA provider reads, with its environment fallback (`oneApiEnv`: when OneAPI). */
export const ZPA_CONFIG_KEYS = {
    clientId: { key: "zpa:clientId", env: "ZPA_CLIENT_ID", oneApiEnv: "ZSCALER_CLIENT_ID", doc: "API client id (legacy ZPA API key, or OneAPI client)" },
    clientSecret: {
        key: "zpa:clientSecret",
        env: "ZPA_CLIENT_SECRET",
        oneApiEnv: "ZSCALER_CLIENT_SECRET",
        doc: "API client secret: set it with --secret",
    },
    customerId: { key: "zpa:customerId", env: "ZPA_CUSTOMER_ID", doc: "The ZPA customer (tenant) id, a number" },
    vanityDomain: { key: "zpa:vanityDomain", env: "ZSCALER_VANITY_DOMAIN", doc: "OneAPI: the organisation's Zidentity vanity domain (selects OneAPI)" },
    cloud: {
        key: "zpa:cloud",
        env: "ZPA_CLOUD",
        oneApiEnv: "ZSCALER_CLOUD",
        doc: "Legacy: PRODUCTION, ZPATWO, BETA, GOV, GOVUS or PREVIEW; OneAPI: the Zscaler cloud name (default production)",
    },
    baseUrl: { key: "zpa:baseUrl", env: "ZPA_BASE_URL", doc: "API base URL override (emulator, proxies), no path" },
    tokenUrl: { key: "zpa:tokenUrl", env: "ZSCALER_TOKEN_URL", doc: "OneAPI token URL override (selects OneAPI)" },
    microtenantId: { key: "zpa:microtenantId", env: "ZPA_MICROTENANT_ID", doc: "The microtenant every call acts in, unless a resource names its own" },
    readsPer10Seconds: { key: "zpa:readsPer10Seconds", env: "ZPA_READS_PER_10_SECONDS", doc: "Client-side pace: GETs per 10 s (default 20)" },
    writesPer10Seconds: { key: "zpa:writesPer10Seconds", env: "ZPA_WRITES_PER_10_SECONDS", doc: "Client-side pace: writes per 10 s (default 10)" },
    propagationTimeoutSeconds: {
        key: "zpa:propagationTimeoutSeconds",
        env: "ZPA_PROPAGATION_TIMEOUT_SECONDS",
        doc: "How long a missing or stale object is waited for right after a write (default 30)",
    },
} as const;

export type ZpaSettingName = keyof typeof ZPA_CONFIG_KEYS;
export type ZpaStackConfig = Partial<Record<ZpaSettingName, string>>;

/** Everything the ZPA provider connects and waits with. `client` holds the secret: never log it or put it in state. */
export interface ZpaProviderSettings {
    client: ZpaClientOptions;
    /** The microtenant calls act in when a resource names none. */
    microtenantId?: string;
    propagationTimeoutMs: number;
}

/** Legacy ZPA clouds and their API hosts (Zscaler's SDKs' ZPA_CLOUD values). */
export const LEGACY_CLOUDS: Readonly<Record<string, string>> = {
    PRODUCTION: "https://config.private.zscaler.com",
    ZPATWO: "https://config.zpatwo.net",
    BETA: "https://config.zpabeta.net",
    GOV: "https://config.zpagov.net",
    GOVUS: "https://config.zpagov.us",
    PREVIEW: "https://config.zpapreview.net",
};

/** Copies the `zpa:` keys this provider knows out of Pulumi's config bag; synchronous on purpose (see configure). */
export function readZpaStackConfig(config: pulumi.dynamic.Config): ZpaStackConfig {
    const out: ZpaStackConfig = {};
    for (const [name, spec] of Object.entries(ZPA_CONFIG_KEYS) as Array<[ZpaSettingName, (typeof ZPA_CONFIG_KEYS)[ZpaSettingName]]>) {
        const value = config.get(spec.key);
        if (value !== undefined && value !== "") out[name] = value;
    }
    return out;
}

/** A `zpa:` key that is not a setting, named with the setting it most likely meant; undefined when there is none. */
export function unknownZpaKeysError(keys: readonly string[]): ZpaConfigError | undefined {
    const message = unknownKeysMessage(
        keys,
        "zpa:",
        Object.values(ZPA_CONFIG_KEYS).map((spec) => spec.key as string),
    );
    return message === undefined ? undefined : new ZpaConfigError(message);
}

/** Stack config wins over the environment, except the environment's client credentials (see the top); read now, never earlier. */
export function resolveZpaSettings(stack: ZpaStackConfig, env: NodeJS.ProcessEnv = process.env): ZpaProviderSettings {
    const given = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());
    /** The value and the name of the setting that held it (for messages). */
    const pick = (name: ZpaSettingName, envName: string = ZPA_CONFIG_KEYS[name].env): { value: string; from: string } | undefined => {
        const s = given(stack[name]);
        if (s !== undefined) return { value: s, from: ZPA_CONFIG_KEYS[name].key };
        const e = given(env[envName]);
        return e === undefined ? undefined : { value: e, from: envName };
    };
    const vanity = pick("vanityDomain");
    const tokenOverride = pick("tokenUrl");
    const oneApi = vanity !== undefined || tokenOverride !== undefined;
    const envOf = (name: "clientId" | "clientSecret" | "cloud") => (oneApi ? ZPA_CONFIG_KEYS[name].oneApiEnv : ZPA_CONFIG_KEYS[name].env);

    const customer = pick("customerId");
    if (!customer) {
        throw new ZpaConfigError(
            `No ZPA customer id: set it with \`pulumi config set ${ZPA_CONFIG_KEYS.customerId.key} <id>\` or the ${ZPA_CONFIG_KEYS.customerId.env} environment variable (the admin portal shows it under Public API).`,
        );
    }
    if (!/^\d+$/.test(customer.value)) throw new ZpaConfigError(`${customer.from} is "${customer.value}": use the customer's numeric id.`);

    const cloud = pick("cloud", envOf("cloud"));
    const baseOverride = pick("baseUrl");
    const baseUrl = baseOverride ? checkBaseUrl(baseOverride.value, baseOverride.from) : oneApi ? oneApiBase(cloud) : legacyBase(cloud);
    const credentials = resolveZpaCredentials(stack, env, oneApi, given);
    const microtenant = pick("microtenantId");
    const client: ZpaClientOptions = {
        baseUrl,
        customerId: customer.value,
        auth: oneApi
            ? {
                  mode: "oneapi",
                  clientId: credentials.clientId,
                  clientSecret: credentials.clientSecret,
                  tokenUrl: tokenOverride ? checkUrl(tokenOverride.value, tokenOverride.from).toString() : oneApiTokenUrl(vanity!, cloud),
              }
            : { mode: "legacy", clientId: credentials.clientId, clientSecret: credentials.clientSecret },
        credentialSource: credentials.credentialSource,
        readsPer10Seconds: positiveInteger(pick("readsPer10Seconds"), 20),
        writesPer10Seconds: positiveInteger(pick("writesPer10Seconds"), 10),
    };
    return {
        client,
        ...(microtenant ? { microtenantId: microtenant.value } : {}),
        propagationTimeoutMs: seconds(pick("propagationTimeoutSeconds"), 30) * 1000,
    };
}

interface ZpaCredentials {
    clientId: string;
    clientSecret: string;
    /** Setting names, never values: "zpa:clientId/zpa:clientSecret", "ZPA_CLIENT_ID/ZPA_CLIENT_SECRET", ... */
    credentialSource: string;
}

function resolveZpaCredentials(
    stack: ZpaStackConfig,
    env: NodeJS.ProcessEnv,
    oneApi: boolean,
    given: (v: string | undefined) => string | undefined,
): ZpaCredentials {
    const { clientId: idKey, clientSecret: secretKey } = ZPA_CONFIG_KEYS;
    const idEnv = oneApi ? idKey.oneApiEnv : idKey.env;
    const secretEnv = oneApi ? secretKey.oneApiEnv : secretKey.env;
    const mode = oneApi ? "OneAPI (selected by zpa:vanityDomain/ZSCALER_VANITY_DOMAIN or zpa:tokenUrl/ZSCALER_TOKEN_URL)" : "legacy ZPA API keys";
    const envId = given(env[idEnv]);
    const envSecret = given(env[secretEnv]);
    // The environment's pair first, as for ISC: refresh, destroy and --refresh configure from the copy of the stack
    // config Pulumi saved at the last `up`, so after a rotation only the environment is never stale.
    if (envId && envSecret) return { clientId: envId, clientSecret: envSecret, credentialSource: `${idEnv}/${secretEnv}` };
    if (stack.clientId !== undefined || stack.clientSecret !== undefined) {
        const id = given(stack.clientId);
        const secret = given(stack.clientSecret);
        if (id && secret) return { clientId: id, clientSecret: secret, credentialSource: `${idKey.key}/${secretKey.key}` };
        // The id in the stack and the secret in the environment keeps the secret out of the stack's files (CI).
        if (id && envSecret && (envId === undefined || envId === id))
            return { clientId: id, clientSecret: envSecret, credentialSource: `${idKey.key}/${secretEnv}` };
        const [has, lacks] = id ? [idKey.key, secretKey.key] : [secretKey.key, idKey.key];
        const how = lacks === secretKey.key ? `pulumi config set --secret ${lacks} <secret>` : `pulumi config set ${lacks} <id>`;
        throw new ZpaConfigError(
            `${has} is set but ${lacks} is not: set it with \`${how}\`. Credentials are taken as a set from one place (the stack, then ${idEnv}/${secretEnv} for ${mode}); only a stack client id may take its secret from ${secretEnv}.`,
        );
    }
    if (envId || envSecret) {
        const [has, lacks] = envId ? [idEnv, secretEnv] : [secretEnv, idEnv];
        throw new ZpaConfigError(`${has} is set but ${lacks} is not: set both, or ${idKey.key}/${secretKey.key} in the stack configuration.`);
    }
    // The other mode's variables are set: say which mode is in force and why.
    const otherId = oneApi ? idKey.env : idKey.oneApiEnv;
    const other = given(env[otherId])
        ? ` ${otherId} is set, but ${mode} ${oneApi ? "reads ZSCALER_CLIENT_ID/ZSCALER_CLIENT_SECRET" : "is in force: set zpa:vanityDomain or ZSCALER_VANITY_DOMAIN for OneAPI"}.`
        : "";
    throw new ZpaConfigError(
        `No ZPA credentials for ${mode}: set ${idKey.key} and ${secretKey.key} (\`pulumi config set ${idKey.key} <id>\`, \`pulumi config set --secret ${secretKey.key} <secret>\`), or the ${idEnv} and ${secretEnv} environment variables.${other}`,
    );
}

function legacyBase(cloud: { value: string; from: string } | undefined): string {
    if (!cloud) return LEGACY_CLOUDS.PRODUCTION;
    const base = LEGACY_CLOUDS[cloud.value.toUpperCase()];
    if (base) return base;
    throw new ZpaConfigError(`${cloud.from} is "${cloud.value}": use one of ${Object.keys(LEGACY_CLOUDS).join(", ")} (or zpa:baseUrl for another host).`);
}

/** OneAPI clouds are host labels: production is api.zsapi.net and {vanity}.zslogin.net, another cloud X api.X.zsapi.net and zsloginX.net. */
function oneApiCloud(cloud: { value: string; from: string } | undefined): string | undefined {
    if (!cloud || cloud.value.toUpperCase() === "PRODUCTION") return undefined;
    if (/^[a-z0-9]+$/i.test(cloud.value)) return cloud.value.toLowerCase();
    throw new ZpaConfigError(`${cloud.from} is "${cloud.value}": use a Zscaler cloud name such as beta (letters and digits), or PRODUCTION.`);
}

function oneApiBase(cloud: { value: string; from: string } | undefined): string {
    const c = oneApiCloud(cloud);
    return c ? `https://api.${c}.zsapi.net` : "https://api.zsapi.net";
}

function oneApiTokenUrl(vanity: { value: string; from: string }, cloud: { value: string; from: string } | undefined): string {
    if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/i.test(vanity.value)) {
        throw new ZpaConfigError(`${vanity.from} is "${vanity.value}": use the vanity domain alone (acme for acme.zslogin.net), letters, digits and "-".`);
    }
    const c = oneApiCloud(cloud);
    return `https://${vanity.value.toLowerCase()}.zslogin${c ?? ""}.net/oauth2/v1/token`;
}

function checkUrl(value: string, setting: string): URL {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new ZpaConfigError(`${setting} "${value}" is not a URL: use e.g. https://config.private.zscaler.com`);
    }
    if (url.protocol === "https:") return url;
    if (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]", "::1"].includes(url.hostname)) return url;
    throw new ZpaConfigError(`${setting} "${value}" must use https (plain http is accepted only for loopback hosts such as the local emulator)`);
}

function checkBaseUrl(value: string, setting: string): string {
    const url = checkUrl(value, setting);
    if (url.pathname.replace(/\/+$/, "") !== "" || url.search !== "" || url.hash !== "") {
        throw new ZpaConfigError(`${setting} must be the API host without a path; got ${value}; use ${url.origin} (the client adds /mgmtconfig/... itself)`);
    }
    return url.origin;
}

function seconds(setting: { value: string; from: string } | undefined, fallback: number): number {
    if (!setting) return fallback;
    const n = Number(setting.value);
    if (Number.isFinite(n) && n >= 0) return n;
    throw new ZpaConfigError(`${setting.from} is "${setting.value}": use a number of seconds, 0 or more.`);
}

function positiveInteger(setting: { value: string; from: string } | undefined, fallback: number): number {
    if (!setting) return fallback;
    const n = Number(setting.value);
    if (Number.isInteger(n) && n >= 1) return n;
    throw new ZpaConfigError(`${setting.from} is "${setting.value}": use a whole number of requests, 1 or more.`);
}
