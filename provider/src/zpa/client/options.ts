/** The ZPA client's options (docs/CONTRACTS.md, "ZPA client contract"), and the settings derived from them. */
import type { FetchLike } from "../../client";

/**
 * How the client gets its bearer token:
 * - legacy ZPA API keys: `POST {baseUrl}/signin`, form `client_id`, `client_secret` (`expires_in` a string);
 * - OneAPI (Zidentity): `POST tokenUrl` (…/oauth2/v1/token), form `grant_type=client_credentials`, `client_id`,
 *   `client_secret`, `audience=https://api.zscaler.com` (`expires_in` a number). API paths then start with `/zpa`.
 */
export type ZpaAuth = { mode: "legacy"; clientId: string; clientSecret: string } | { mode: "oneapi"; clientId: string; clientSecret: string; tokenUrl: string };

export interface ZpaClientOptions {
    /** legacy: https://config.private.zscaler.com (or the cloud's); OneAPI: https://api.zsapi.net. No path. */
    baseUrl: string;
    /** The ZPA customer (tenant) id, a number as a string. */
    customerId: string;
    auth: ZpaAuth;
    /** The setting names the credentials came from, for errors (never values), e.g. "zpa:clientId/zpa:clientSecret". */
    credentialSource: string;
    /** GETs per 10 s, shared by every client of (baseUrl, customerId, clientId). Default 20 (Zscaler's Go SDK pace). */
    readsPer10Seconds?: number;
    /** POST, PUT and DELETE per 10 s, likewise. Default 10. */
    writesPer10Seconds?: number;
    /** Attempts per request, the first included. Default 8. */
    maxAttempts?: number;
    /** Injected for tests. Default node-fetch. */
    fetchImpl?: typeof fetch;
    /** Injected for tests. Default a timer. */
    sleep?: (ms: number) => Promise<void>;
    /** Injected for tests (the pacing's clock and Retry-After dates). Default Date.now. */
    now?: () => number;
    /** Injected for tests (backoff jitter). Default Math.random. */
    random?: () => number;
}

export type ZpaMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ZpaRequestOptions {
    query?: Record<string, string>;
    body?: unknown;
    /** The mgmtconfig version in the path. Default "v1". */
    apiVersion?: "v1" | "v2";
}

export interface ZpaResponse<T> {
    status: number;
    /** Parsed JSON, the text of a non-JSON body, or undefined when the body is empty (204). */
    body: T | undefined;
}

export interface ZpaClientStats {
    /** API requests sent, retries included, token requests excluded. */
    requests: number;
    retries: number;
    /** 429 answers received (token endpoint included). */
    throttled: number;
}

/** Everything but the connection, defaults applied once. */
export interface ZpaSettings {
    reads: number;
    writes: number;
    maxAttempts: number;
    fetchImpl?: FetchLike;
    sleep: (ms: number) => Promise<void>;
    now: () => number;
    random: () => number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function settingsOf(o: ZpaClientOptions): ZpaSettings {
    return {
        reads: o.readsPer10Seconds ?? 20,
        writes: o.writesPer10Seconds ?? 10,
        maxAttempts: o.maxAttempts ?? 8,
        ...(o.fetchImpl ? { fetchImpl: o.fetchImpl } : {}),
        sleep: o.sleep ?? realSleep,
        now: o.now ?? Date.now,
        random: o.random ?? Math.random,
    };
}
