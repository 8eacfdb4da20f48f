/** The ZPA connection, checked when the first request is made: base URL, customer id, credentials, token URL, path prefix. */
import { checkUrl, isIscConfigError } from "../../client";
import { ZpaConfigError } from "./errors";
import type { ZpaClientOptions } from "./options";

export interface ZpaConnection {
    /** Without trailing slashes. */
    baseUrl: string;
    customerId: string;
    mode: "legacy" | "oneapi";
    clientId: string;
    clientSecret: string;
    /** legacy: {baseUrl}/signin; OneAPI: the auth's tokenUrl. */
    tokenUrl: string;
    credentialSource: string;
}

/** A URL setting as checkUrl wants it (absolute; https, or http on loopback), as a ZpaConfigError when it is not. */
function url(value: string, setting: string, example: string): URL {
    try {
        return checkUrl(value, setting, example);
    } catch (e) {
        if (isIscConfigError(e)) throw new ZpaConfigError(e.message);
        throw e;
    }
}

/** Checks the options; throws ZpaConfigError naming the setting (never a secret's value). */
export function resolveConnection(o: ZpaClientOptions): ZpaConnection {
    const source = o.credentialSource || "the client's options";
    if (typeof o.baseUrl !== "string" || o.baseUrl.trim() === "") {
        throw new ZpaConfigError(
            "No ZPA base URL: set zpa:baseUrl or zpa:cloud (legacy e.g. https://config.private.zscaler.com, OneAPI https://api.zsapi.net)",
        );
    }
    const base = url(o.baseUrl.trim(), "ZPA baseUrl", "https://config.private.zscaler.com");
    if (base.pathname.replace(/\/+$/, "") !== "" || base.search !== "" || base.hash !== "") {
        throw new ZpaConfigError(
            `ZPA baseUrl must be the API host without a path; got ${o.baseUrl}; use ${base.origin} (the client adds /mgmtconfig/... or /zpa/mgmtconfig/...)`,
        );
    }
    const baseUrl = base.origin;
    if (typeof o.customerId !== "string" || !/^\d+$/.test(o.customerId)) {
        throw new ZpaConfigError(
            `ZPA customerId must be the customer's numeric id (zpa:customerId or ZPA_CUSTOMER_ID); got ${JSON.stringify(o.customerId ?? null)}`,
        );
    }
    const auth = o.auth;
    if (!auth || (auth.mode !== "legacy" && auth.mode !== "oneapi")) {
        throw new ZpaConfigError(`ZPA auth.mode must be "legacy" or "oneapi"; got ${JSON.stringify((auth as { mode?: unknown } | undefined)?.mode ?? null)}`);
    }
    const missing = [!auth.clientId && "client id", !auth.clientSecret && "client secret"].filter(Boolean).join(" and ");
    if (missing) throw new ZpaConfigError(`No ZPA ${missing}: set ${source}`);
    let tokenUrl = `${baseUrl}/signin`;
    if (auth.mode === "oneapi") {
        if (!auth.tokenUrl)
            throw new ZpaConfigError("No OneAPI token URL: set zpa:vanityDomain or zpa:tokenUrl (e.g. https://<vanity>.zslogin.net/oauth2/v1/token)");
        tokenUrl = url(auth.tokenUrl, "ZPA OneAPI tokenUrl", "https://<vanity>.zslogin.net/oauth2/v1/token").toString();
    }
    return { baseUrl, customerId: o.customerId, mode: auth.mode, clientId: auth.clientId, clientSecret: auth.clientSecret, tokenUrl, credentialSource: source };
}

/** The full URL of `path` (relative to the customer root), with the mode's prefix and the API version. */
export function apiUrl(c: ZpaConnection, path: string, version: "v1" | "v2", query?: Record<string, string>): string {
    const prefix = c.mode === "oneapi" ? "/zpa" : "";
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) params.append(k, v);
    const qs = params.toString();
    return `${c.baseUrl}${prefix}/mgmtconfig/${version}/admin/customers/${c.customerId}${path}${qs ? `?${qs}` : ""}`;
}
