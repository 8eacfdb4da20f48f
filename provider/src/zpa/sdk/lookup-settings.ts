/**
 * Where a ZPA lookup's connection settings come from: the resources' resolution (stack configuration `zpa:*`, then
 * the environment names Zscaler's SDKs use; see ../provider/settings.ts), with explicit options in front for scripts
 * and tests. The stack configuration is read from the running Pulumi program's config store (empty outside a
 * program, so a script needs only the environment or the options). Read when a lookup runs, never earlier. The
 * client is the resources' for the same connection (zpaClientFor): one token cache and one pace per run.
 */
import * as pulumi from "@pulumi/pulumi";
import { ZpaConfigError, type ZpaClient } from "../client";
import { resolveZpaSettings, ZPA_CONFIG_KEYS, zpaClientFor, type ZpaProviderSettings, type ZpaSettingName, type ZpaStackConfig } from "../provider";

/**
 * Options for every ZPA lookup, all optional: in a Pulumi program the stack configuration (`zpa:*`) and the
 * environment are used, as for the resources. Credentials are a set: when `clientId` or `clientSecret` is given
 * here, both must be, and neither is taken from the stack configuration or the environment.
 */
export interface ZpaLookupOptions {
    /** API base URL (no path). Default: `zpa:baseUrl`, `ZPA_BASE_URL`, else the cloud's. */
    baseUrl?: string;
    /** Default: `zpa:customerId`, then `ZPA_CUSTOMER_ID`. */
    customerId?: string;
    /** Default: `zpa:clientId`, then `ZSCALER_CLIENT_ID` (OneAPI) or `ZPA_CLIENT_ID` (legacy). */
    clientId?: string;
    /** Default: `zpa:clientSecret`, then `ZSCALER_CLIENT_SECRET` or `ZPA_CLIENT_SECRET`. Never returned, never in an error. */
    clientSecret?: string;
    /** OneAPI: the Zidentity vanity domain (selects OneAPI). Default: `zpa:vanityDomain`, then `ZSCALER_VANITY_DOMAIN`. */
    vanityDomain?: string;
    /** Legacy: PRODUCTION, ZPATWO, BETA, GOV, GOVUS, PREVIEW; OneAPI: the cloud name. Default: `zpa:cloud`, ... */
    cloud?: string;
    /** OneAPI token URL override (selects OneAPI). Default: `zpa:tokenUrl`, then `ZSCALER_TOKEN_URL`. */
    tokenUrl?: string;
    /** The microtenant to search in, when the lookup's own `microtenantId` is not given. Default: `zpa:microtenantId`, ... */
    microtenantId?: string;
}

/** The Output forms' options: each value may be a `pulumi.Input` (a secret one too; the result is never secret). */
export type ZpaLookupOutputOptions = { [K in keyof ZpaLookupOptions]?: pulumi.Input<NonNullable<ZpaLookupOptions[K]>> };

/** What a lookup runs with. */
export interface ZpaLookupContext {
    client: ZpaClient;
    settings: ZpaProviderSettings;
    /** For messages: the API base URL and the customer (no credential). */
    where: (path: string) => string;
}

const OPTION_SETTINGS = [
    "baseUrl",
    "customerId",
    "clientId",
    "clientSecret",
    "vanityDomain",
    "cloud",
    "tokenUrl",
    "microtenantId",
] as const satisfies ReadonlyArray<keyof ZpaLookupOptions & ZpaSettingName>;

/** The `zpa:*` values of the running Pulumi program (empty outside one). Secrets arrive decrypted, as for the provider. */
function programConfig(): ZpaStackConfig {
    const out: ZpaStackConfig = {};
    for (const [name, spec] of Object.entries(ZPA_CONFIG_KEYS) as Array<[ZpaSettingName, (typeof ZPA_CONFIG_KEYS)[ZpaSettingName]]>) {
        const value = pulumi.runtime.getConfig(spec.key);
        if (value !== undefined && value !== "") out[name] = value;
    }
    return out;
}

/** Options, then the program's stack configuration, then the environment; throws ZpaConfigError when incomplete. */
export function zpaLookupContext(opts: ZpaLookupOptions = {}, env: NodeJS.ProcessEnv = process.env): ZpaLookupContext {
    const explicit: ZpaStackConfig = {};
    for (const name of OPTION_SETTINGS) if (opts[name] !== undefined) explicit[name] = opts[name];
    const stack = { ...programConfig(), ...explicit };
    if (opts.clientId !== undefined || opts.clientSecret !== undefined) {
        if (!opts.clientId || !opts.clientSecret) {
            const [given, missing] = opts.clientId ? ["clientId", "clientSecret"] : ["clientSecret", "clientId"];
            throw new ZpaConfigError(
                `the ${given} option is given without ${missing}: pass both (credentials given as options are a set, never completed from zpa:* or the environment)`,
            );
        }
    }
    const settings = resolveZpaSettings(stack, env);
    const { baseUrl, customerId } = settings.client;
    return {
        client: zpaClientFor(settings),
        settings,
        where: (path) => `${baseUrl} (customer ${customerId}, ${path.replace(/^\//, "")})`,
    };
}
