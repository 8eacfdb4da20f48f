/**
 * Where the provider's connection settings come from: stack configuration (passed to `configure()` by
 * Pulumi's dynamic-provider host, secrets already decrypted) first, then the SailPoint SDK/CLI environment
 * variables, read at call time. Nothing here is ever captured in the serialized provider.
 *
 * Credentials resolve as one set, here and nowhere else (the client gets exactly this set, see api.ts
 * `clientFor`), from the first place that holds one:
 *
 *   1. SAIL_CLIENT_ID + SAIL_CLIENT_SECRET  (environment client credentials)
 *   2. isc:clientId + SAIL_CLIENT_SECRET    (the environment's secret for the stack's client id, SAIL_CLIENT_ID unset)
 *   3. isc:accessToken                      (a stack token)
 *   4. isc:clientId + isc:clientSecret      (stack client credentials)
 *   5. SAIL_ACCESS_TOKEN                    (an environment token)
 *
 * Client credentials in the environment come first on purpose (issue 14): what `configure()` receives is not the
 * stack configuration as it is now but, for `pulumi refresh`, `destroy` and `--refresh` (which do not run the
 * program), the copy Pulumi saved with the default provider at the last `pulumi up`. After a rotation that copy holds
 * the old secret; the environment is always this run's. A token in the environment stays last (issue 10): it is
 * short-lived, and one left in a shell must not override the stack's working credentials.
 *
 * A set is never completed from another place but in 2: half a pair in the stack is an error, not a reason to take
 * the other half (or a token) from the environment. Every other setting resolves key by key, stack first: the
 * tenant's URL and versions decide which objects the state means, the credentials only who asks.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
    API_VERSIONS,
    checkBaseUrl,
    DEFAULT_RATE_LIMIT,
    IscConfigError,
    isApiVersion,
    isIscConfigError,
    type ApiVersion,
    type CredentialSource,
} from "../client";
import { unknownKeysMessage } from "../engine";
import { descriptionOf } from "../resources";

/** Each collection's API version when no setting names one: the version its description was modelled on. */
export const DEFAULT_VERSIONS: Readonly<{ segments: ApiVersion; accessProfiles: ApiVersion }> = {
    segments: descriptionOf("segment").defaultVersion,
    accessProfiles: descriptionOf("accessProfile").defaultVersion,
};

/** Every configuration key the provider reads, with its environment-variable fallback. */
export const CONFIG_KEYS = {
    baseUrl: { key: "isc:baseUrl", env: "SAIL_BASE_URL", doc: "Tenant API base URL, e.g. https://acme.api.identitynow.com" },
    clientId: { key: "isc:clientId", env: "SAIL_CLIENT_ID", doc: "OAuth client id (personal access token id)" },
    clientSecret: { key: "isc:clientSecret", env: "SAIL_CLIENT_SECRET", doc: "OAuth client secret: set it with --secret" },
    accessToken: { key: "isc:accessToken", env: "SAIL_ACCESS_TOKEN", doc: "A ready bearer token instead of client credentials (not renewed)" },
    segmentsApiVersion: {
        key: "isc:segmentsApiVersion",
        env: "SAIL_SEGMENTS_API_VERSION",
        doc: `API version for segments (default ${DEFAULT_VERSIONS.segments})`,
    },
    accessProfilesApiVersion: {
        key: "isc:accessProfilesApiVersion",
        env: "SAIL_ACCESS_PROFILES_API_VERSION",
        doc: `API version for access profiles (default ${DEFAULT_VERSIONS.accessProfiles})`,
    },
    propagationTimeoutSeconds: {
        key: "isc:propagationTimeoutSeconds",
        env: "SAIL_PROPAGATION_TIMEOUT_SECONDS",
        doc: "How long a missing or stale object is waited for right after a write (default 30)",
    },
    maxRequestsPer10Seconds: {
        key: "isc:maxRequestsPer10Seconds",
        env: "SAIL_MAX_REQUESTS_PER_10_SECONDS",
        doc: `Client-side pace: API requests per 10 s for this client id (default ${DEFAULT_RATE_LIMIT.limit}, ISC's documented limit)`,
    },
    useTestOperations: {
        key: "isc:useTestOperations",
        env: "SAIL_USE_TEST_OPERATIONS",
        doc: "Guard set removals with RFC 6902 test operations (default true); false: guard them by a fresh read instead",
    },
    adoptOnCreate: {
        key: "isc:adoptOnCreate",
        env: "SAIL_ADOPT_ON_CREATE",
        doc: "Before creating an object, take over an existing one with the declared name and fields that no resource of the run holds (default false): for the run after a killed `pulumi up`",
    },
} as const;

export type SettingName = keyof typeof CONFIG_KEYS;
export type StackConfig = Partial<Record<SettingName, string>>;

/** The places the provider's credentials can come from, in order (see the top of this file). */
export type ProviderCredentialSource = Extract<
    CredentialSource,
    "isc:accessToken" | "isc:clientId/isc:clientSecret" | "isc:clientId/SAIL_CLIENT_SECRET" | "SAIL_ACCESS_TOKEN" | "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET"
>;

/** One credential set: a token, or a client id and secret; never both, never half. */
export type Credentials =
    | { accessToken: string; clientId?: undefined; clientSecret?: undefined; credentialSource: "isc:accessToken" | "SAIL_ACCESS_TOKEN" }
    | {
          accessToken?: undefined;
          clientId: string;
          clientSecret: string;
          credentialSource: "isc:clientId/isc:clientSecret" | "isc:clientId/SAIL_CLIENT_SECRET" | "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET";
      };

/**
 * Everything the provider connects with. The credentials are one set (see Credentials): accessToken alone, or
 * clientId with clientSecret, and credentialSource says which setting held them (a name, never a value): it is
 * what an error hint names.
 */
export type ProviderSettings = ConnectionSettings & Credentials;

interface ConnectionSettings {
    baseUrl: string;
    versions: { segments: ApiVersion; accessProfiles: ApiVersion };
    propagationTimeoutMs: number;
    /** Requests per 10 s for this (base URL, client id), shared by every resource of the run. */
    maxRequestsPer10Seconds: number;
    /**
     * Whether a patch that removes set elements by index carries RFC 6902 `test` operations that make ISC refuse it
     * when the element there is another one; false: the patch is planned from a fresh read instead (update.ts).
     */
    useTestOperations: boolean;
    /** Whether a create first takes over an existing object with the declared name and fields (lifecycle.ts, leftBehind). */
    adoptOnCreate: boolean;
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

/**
 * Every key of Pulumi's config bag. The dynamic-provider host's bag keeps the whole stack configuration in
 * `rawConfig` (not part of the published type); another bag gives none, and nothing is checked.
 */
export function configKeysOf(config: pulumi.dynamic.Config): string[] {
    const raw: unknown = (config as { rawConfig?: unknown }).rawConfig;
    return raw !== null && typeof raw === "object" ? Object.keys(raw) : [];
}

/**
 * An error naming every `isc:` key that is not a setting, each with the setting it most likely meant (the same
 * name in another case, one name the start of the other, or the nearest by edit distance), or undefined.
 */
export function unknownKeysError(keys: readonly string[]): IscConfigError | undefined {
    const message = unknownKeysMessage(
        keys,
        "isc:",
        Object.values(CONFIG_KEYS).map((spec) => spec.key as string),
    );
    return message === undefined ? undefined : new IscConfigError(message);
}

/** Stack config wins over the environment key by key, the credentials aside (a whole set, environment client credentials first); the environment is read now, never earlier. */
export function resolveProviderSettings(stack: StackConfig, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
    const given = pickGiven(stack, env);
    if (!given("baseUrl")) {
        throw new IscConfigError(
            `No ISC tenant URL: set it with \`pulumi config set ${CONFIG_KEYS.baseUrl.key} https://<tenant>.api.identitynow.com\` or the ${CONFIG_KEYS.baseUrl.env} environment variable.`,
        );
    }
    const credentials = resolveCredentials(stack, env);
    const { baseUrl, ...rest } = connectionSettings(stack, env);
    return { baseUrl: baseUrl!, ...credentials, ...rest };
}

/**
 * The first setting given a value that is not allowed (a version ISC does not have, a timeout that is not a number, a
 * base URL with a path, ...), or undefined: what `configure` checks, so that `pulumi preview`, which sends nothing,
 * fails on it as `pulumi up` would. A setting left out is no problem here: a preview that calls no API needs neither
 * the tenant's URL nor credentials, and the step that needs them says what is missing.
 */
export function settingsProblem(stack: StackConfig, env: NodeJS.ProcessEnv = process.env): IscConfigError | undefined {
    try {
        connectionSettings(stack, env);
        return undefined;
    } catch (e) {
        if (isIscConfigError(e)) return e;
        throw e;
    }
}

/** Each setting by its own value, stack first: where it came from (a setting's name, for messages) and the value. */
function pickGiven(stack: StackConfig, env: NodeJS.ProcessEnv): (name: SettingName) => Given {
    return (name) => {
        const fromStack = stack[name];
        if (fromStack !== undefined && fromStack !== "") return { value: fromStack, from: CONFIG_KEYS[name].key, name };
        const fromEnv = env[CONFIG_KEYS[name].env];
        return fromEnv === undefined || fromEnv === "" ? undefined : { value: fromEnv, from: CONFIG_KEYS[name].env, name };
    };
}

/** Every setting but the credentials, each checked; the base URL undefined when none is given. */
function connectionSettings(stack: StackConfig, env: NodeJS.ProcessEnv): Omit<ConnectionSettings, "baseUrl"> & { baseUrl: string | undefined } {
    const given = pickGiven(stack, env);
    const baseUrl = given("baseUrl");
    return {
        baseUrl: baseUrl === undefined ? undefined : checkBaseUrl(baseUrl.value, baseUrl.from),
        versions: {
            segments: version(given("segmentsApiVersion"), DEFAULT_VERSIONS.segments),
            accessProfiles: version(given("accessProfilesApiVersion"), DEFAULT_VERSIONS.accessProfiles),
        },
        propagationTimeoutMs: seconds(given("propagationTimeoutSeconds"), 30) * 1000,
        maxRequestsPer10Seconds: positiveInteger(given("maxRequestsPer10Seconds"), DEFAULT_RATE_LIMIT.limit),
        useTestOperations: boolean(given("useTestOperations"), true),
        adoptOnCreate: boolean(given("adoptOnCreate"), false),
    };
}

const CREDENTIAL_NAMES = ["accessToken", "clientId", "clientSecret"] as const;

/**
 * The credential set, from the first place that holds one (the order at the top of this file): the environment's
 * client credentials, then the stack's set, then an environment token. The stack configuration is in charge of its
 * part as soon as it has any credential key, even an empty one (the lookups' explicit options use "" to keep the
 * program's out, and give no environment credentials).
 */
export function resolveCredentials(stack: StackConfig, env: NodeJS.ProcessEnv = process.env): Credentials {
    const nonEmpty = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);
    const envId = nonEmpty(env[CONFIG_KEYS.clientId.env]);
    const envSecret = nonEmpty(env[CONFIG_KEYS.clientSecret.env]);
    if (envId && envSecret) return { clientId: envId, clientSecret: envSecret, credentialSource: "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET" };
    // The id in the stack and the secret in the environment is how CI keeps the secret out of the stack's files:
    // the secret pairs with the stack's id (over a secret the stack, or its saved copy, also holds) unless the
    // environment names a client id of its own. Never the other way round, and never with an env token.
    const stackId = nonEmpty(stack.clientId);
    if (stackId && envSecret && envId === undefined) return { clientId: stackId, clientSecret: envSecret, credentialSource: "isc:clientId/SAIL_CLIENT_SECRET" };
    if (CREDENTIAL_NAMES.some((name) => stack[name] !== undefined)) {
        const accessToken = nonEmpty(stack.accessToken);
        if (accessToken) return { accessToken, credentialSource: "isc:accessToken" };
        const clientSecret = nonEmpty(stack.clientSecret);
        if (stackId && clientSecret) return { clientId: stackId, clientSecret, credentialSource: "isc:clientId/isc:clientSecret" };
        if (stackId || clientSecret) {
            const [has, lacks] = stackId ? [CONFIG_KEYS.clientId, CONFIG_KEYS.clientSecret] : [CONFIG_KEYS.clientSecret, CONFIG_KEYS.clientId];
            const how = lacks === CONFIG_KEYS.clientSecret ? `pulumi config set --secret ${lacks.key} <secret>` : `pulumi config set ${lacks.key} <id>`;
            throw new IscConfigError(
                `${has.key} is set but ${lacks.key} is not: set it with \`${how}\`. Credentials are taken as a set from one place (${ORDER_TEXT}); only a stack client id may take its secret from ${CONFIG_KEYS.clientSecret.env}.`,
            );
        }
        throw noCredentials();
    }
    const accessToken = nonEmpty(env[CONFIG_KEYS.accessToken.env]);
    if (accessToken) return { accessToken, credentialSource: "SAIL_ACCESS_TOKEN" };
    if (envId || envSecret) {
        const [has, lacks] = envId ? [CONFIG_KEYS.clientId, CONFIG_KEYS.clientSecret] : [CONFIG_KEYS.clientSecret, CONFIG_KEYS.clientId];
        throw new IscConfigError(
            `${has.env} is set but ${lacks.env} is not: set both, or ${CONFIG_KEYS.accessToken.env}, or ${CONFIG_KEYS.clientId.key}/${CONFIG_KEYS.clientSecret.key} in the stack configuration.`,
        );
    }
    throw noCredentials();
}

/** The order of the top of this file, for messages. */
const ORDER_TEXT = `${CONFIG_KEYS.clientId.env}/${CONFIG_KEYS.clientSecret.env}, ${CONFIG_KEYS.clientId.key}/${CONFIG_KEYS.clientSecret.env}, ${CONFIG_KEYS.accessToken.key}, ${CONFIG_KEYS.clientId.key}/${CONFIG_KEYS.clientSecret.key}, ${CONFIG_KEYS.accessToken.env}, in that order`;

function noCredentials(): IscConfigError {
    return new IscConfigError(
        `No ISC credentials: set ${CONFIG_KEYS.clientId.key} and ${CONFIG_KEYS.clientSecret.key}, e.g. \`pulumi config set ${CONFIG_KEYS.clientId.key} <id>\` and \`pulumi config set --secret ${CONFIG_KEYS.clientSecret.key} <secret>\`; or a token in ${CONFIG_KEYS.accessToken.key}; or the ${CONFIG_KEYS.clientId.env} and ${CONFIG_KEYS.clientSecret.env} (or ${CONFIG_KEYS.accessToken.env}) environment variables.`,
    );
}

/** A setting's value and where it came from; the messages name the stack key (and, for the flags, both places). */
type Given = { value: string; from: string; name: SettingName } | undefined;

function version(given: Given, fallback: ApiVersion): ApiVersion {
    if (given === undefined) return fallback;
    if (isApiVersion(given.value)) return given.value;
    throw new IscConfigError(`${CONFIG_KEYS[given.name].key} is "${given.value}": use one of ${API_VERSIONS.map((v) => `"${v}"`).join(", ")}.`);
}

function seconds(given: Given, fallback: number): number {
    if (given === undefined) return fallback;
    const n = Number(given.value);
    if (given.value.trim() !== "" && Number.isFinite(n) && n >= 0) return n;
    throw new IscConfigError(`${CONFIG_KEYS[given.name].key} is "${given.value}": use a number of seconds, 0 or more.`);
}

function positiveInteger(given: Given, fallback: number): number {
    if (given === undefined) return fallback;
    const n = Number(given.value);
    if (Number.isInteger(n) && n >= 1) return n;
    throw new IscConfigError(`${CONFIG_KEYS[given.name].key} is "${given.value}": use a whole number of requests, 1 or more (ISC documents 100).`);
}

function boolean(given: Given, fallback: boolean): boolean {
    if (given === undefined) return fallback;
    const text = given.value.trim().toLowerCase();
    if (text === "true" || text === "false") return text === "true";
    throw new IscConfigError(`${CONFIG_KEYS[given.name].key} (or ${CONFIG_KEYS[given.name].env}) is "${given.value}": use true or false.`);
}
