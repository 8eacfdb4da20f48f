/** The connection settings, resolved at request time: the base and token URLs (checked) and one set of credentials. */
import { IscConfigError, type CredentialSource } from "./errors";
import type { IscClientOptions } from "./options";

/** The settings read from the environment at call time. */
export interface Resolved {
    baseUrl: string;
    tokenUrl: string;
    clientId?: string;
    clientSecret?: string;
    accessToken?: string;
    credentialSource: CredentialSource;
    limiterKey: string;
}

function isLoopback(hostname: string): boolean {
    const h = hostname.replace(/^\[|\]$/g, "");
    return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Checks a URL setting: absolute, https (http only for loopback hosts such as the emulator); `example` is named when it is no URL. */
export function checkUrl(value: string, setting: string, example = "https://<tenant>.api.identitynow.com"): URL {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new IscConfigError(`${setting} "${value}" is not a URL: use e.g. ${example}`);
    }
    if (url.protocol === "https:") return url;
    if (url.protocol === "http:" && isLoopback(url.hostname)) return url;
    throw new IscConfigError(`${setting} "${value}" must use https (plain http is accepted only for loopback hosts such as the local emulator)`);
}

/**
 * Checks a base URL setting: a URL as checkUrl wants it, and the tenant's API root: no path (such as a version,
 * /v3 or /beta: the client adds it), query or fragment. Returns it without trailing slashes.
 */
export function checkBaseUrl(value: string, setting: string): string {
    const url = checkUrl(value, setting);
    if (url.pathname.replace(/\/+$/, "") !== "" || url.search !== "" || url.hash !== "") {
        throw new IscConfigError(
            `${setting} must be the tenant's API root without a version path; got ${value}; use ${url.origin} (the API version comes from the resource or its version setting)`,
        );
    }
    return url.toString().replace(/\/+$/, "");
}

/** Base URL, token URL and credentials from the options, else the environment (SAIL_*), read now. */
export function resolveConnection(options: IscClientOptions, env: NodeJS.ProcessEnv = process.env): Resolved {
    const rawBase = given(options.baseUrl) ?? given(env.SAIL_BASE_URL);
    if (!rawBase) throw new IscConfigError("No ISC base URL: pass baseUrl or set SAIL_BASE_URL (e.g. https://<tenant>.api.identitynow.com)");
    const baseUrl = checkBaseUrl(rawBase, given(options.baseUrl) ? "baseUrl" : "SAIL_BASE_URL");
    const credentials = credentialsOf(options, env);
    const tokenUrl = options.tokenUrl ? checkUrl(options.tokenUrl, "tokenUrl").toString() : `${baseUrl}/oauth/token`;
    return {
        baseUrl,
        tokenUrl,
        ...credentials,
        limiterKey: `${baseUrl}|${credentials.accessToken ? "token" : credentials.clientId}`,
    };
}

/**
 * One set, from one place: the caller's when it passed any credential (never completed from the environment),
 * otherwise the environment's, SAIL_ACCESS_TOKEN before SAIL_CLIENT_ID and SAIL_CLIENT_SECRET.
 */
function credentialsOf(o: IscClientOptions, env: NodeJS.ProcessEnv): Pick<Resolved, "accessToken" | "clientId" | "clientSecret" | "credentialSource"> {
    const passed = { accessToken: given(o.accessToken), clientId: given(o.clientId), clientSecret: given(o.clientSecret) };
    if (passed.accessToken || passed.clientId || passed.clientSecret) {
        if (passed.accessToken) return { accessToken: passed.accessToken, credentialSource: o.credentialSource ?? "accessToken" };
        if (passed.clientId && passed.clientSecret) {
            return { clientId: passed.clientId, clientSecret: passed.clientSecret, credentialSource: o.credentialSource ?? "clientId/clientSecret" };
        }
        const [has, lacks] = passed.clientId ? ["clientId", "clientSecret"] : ["clientSecret", "clientId"];
        throw new IscConfigError(
            `No ISC credentials: ${has} was passed without ${lacks}: pass both, or an accessToken (the SAIL_* variables are not read when any credential is passed)`,
        );
    }
    const accessToken = given(env.SAIL_ACCESS_TOKEN);
    if (accessToken) return { accessToken, credentialSource: "SAIL_ACCESS_TOKEN" };
    const clientId = given(env.SAIL_CLIENT_ID);
    const clientSecret = given(env.SAIL_CLIENT_SECRET);
    if (clientId && clientSecret) return { clientId, clientSecret, credentialSource: "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET" };
    const missing = [!clientId && "clientId (SAIL_CLIENT_ID)", !clientSecret && "clientSecret (SAIL_CLIENT_SECRET)"].filter(Boolean).join(" and ");
    throw new IscConfigError(`No ISC credentials: set ${missing}, or pass an accessToken (SAIL_ACCESS_TOKEN)`);
}

/** A setting's value, or undefined when it is missing or empty (an empty variable counts as unset). */
function given(value: string | undefined): string | undefined {
    return value !== undefined && value !== "" ? value : undefined;
}
