/** The client's public option, request, response and stats types, and the settings it derives from its options. */
import type { CredentialSource } from "./errors";
import { DEFAULT_RATE_LIMIT, type RateLimit } from "./limiter";
import type { Query } from "./pagination";
import { DEFAULT_BACKOFF, type RetryPolicy } from "./retry";

export interface IscClientOptions {
    /** Tenant API base URL, e.g. https://acme.api.identitynow.com. Default: SAIL_BASE_URL. */
    baseUrl?: string;
    /**
     * OAuth client id. When none of clientId, clientSecret, accessToken is passed, the client uses the
     * environment's set instead: SAIL_ACCESS_TOKEN, else SAIL_CLIENT_ID and SAIL_CLIENT_SECRET. When any of
     * them is passed, no SAIL_* credential variable is read.
     */
    clientId?: string;
    /** OAuth client secret: see clientId. */
    clientSecret?: string;
    /** A ready bearer token (not renewed); used instead of client credentials when both are passed. See clientId. */
    accessToken?: string;
    /**
     * Where the caller took the credentials it passes from, for errors to name (IscAuthError.credentialSource).
     * Default "accessToken" or "clientId/clientSecret"; ignored when the environment's credentials are used.
     */
    credentialSource?: CredentialSource;
    /** Default: baseUrl + "/oauth/token". */
    tokenUrl?: string;
    /** Per-request timeout. Default 30 s. */
    timeoutMs?: number;
    /** Attempts per request, the first included. Default 8 (3 when nothing could be sent). */
    maxAttempts?: number;
    /** Time one request may spend from its first attempt to the start of its last. Default 120 s. */
    retryBudgetMs?: number;
    /** The longest Retry-After honoured. Default 60 s. */
    maxRetryAfterMs?: number;
    /** Client-side pacing shared per (base URL, client id); null turns it off. Default 100 per 10 s (ISC's documented limit). */
    rateLimit?: RateLimit | null;
    /** Default "pulumi-sailpoint-isc". */
    userAgent?: string;
    /** Injected for tests. Default Date.now. */
    now?: () => number;
    /** Injected for tests. Default a timer. */
    sleep?: (ms: number) => Promise<void>;
    /** Injected for tests (jitter). Default Math.random. */
    random?: () => number;
    /** Called before every retry with the wait the client scheduled. */
    onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
    method: string;
    path: string;
    /** The attempt that failed, from 1. */
    attempt: number;
    delayMs: number;
    reason: string;
}

export interface RequestOptions {
    query?: Query;
    body?: unknown;
    /** Default application/json; use application/json-patch+json for PATCH. */
    contentType?: string;
    /** Overrides the method's idempotency (GET, HEAD, PUT, DELETE, OPTIONS are; POST and PATCH are not). */
    idempotent?: boolean;
    timeoutMs?: number;
}

export interface IscResponse<T> {
    status: number;
    /** Lower-case names. */
    headers: Record<string, string>;
    /** Parsed JSON, the text of a non-JSON body, or undefined when the body is empty (204). */
    body: T;
}

export interface ClientStats {
    /** API requests sent, retries included, token requests excluded. */
    requests: number;
    tokenRequests: number;
    retries: number;
    /** 429 answers received (token endpoint included). */
    throttled: number;
}

/** Everything but the connection settings, defaults applied once. */
export interface Settings {
    timeoutMs: number;
    retry: RetryPolicy;
    rateLimit: RateLimit | null;
    userAgent: string;
    now: () => number;
    sleep: (ms: number) => Promise<void>;
    random: () => number;
    onRetry?: (info: RetryInfo) => void;
}

const DEFAULTS = {
    timeoutMs: 30_000,
    maxAttempts: 8,
    unreachableAttempts: 3,
    retryBudgetMs: 120_000,
    maxRetryAfterMs: 60_000,
    userAgent: "pulumi-sailpoint-isc",
} as const;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The options with defaults applied, once, at construction; nothing is read or checked here. */
export function settingsOf(o: IscClientOptions): Settings {
    return {
        timeoutMs: o.timeoutMs ?? DEFAULTS.timeoutMs,
        retry: {
            maxAttempts: Math.max(1, o.maxAttempts ?? DEFAULTS.maxAttempts),
            unreachableAttempts: DEFAULTS.unreachableAttempts,
            budgetMs: o.retryBudgetMs ?? DEFAULTS.retryBudgetMs,
            maxRetryAfterMs: o.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs,
            backoff: DEFAULT_BACKOFF,
        },
        rateLimit: o.rateLimit === undefined ? DEFAULT_RATE_LIMIT : o.rateLimit,
        userAgent: o.userAgent ?? DEFAULTS.userAgent,
        now: o.now ?? Date.now,
        sleep: o.sleep ?? realSleep,
        random: o.random ?? Math.random,
        ...(o.onRetry ? { onRetry: o.onRetry } : {}),
    };
}
