/**
 * The ISC HTTP client: authentication, pacing, bounded retries, typed errors and pagination.
 *
 * - No I/O and no validation in the constructor: settings (and the SAIL_* environment variables) are read
 *   when a request is made, so constructing a client in a Pulumi program never fails or captures a secret.
 * - Retries are bounded by attempts and by a time budget. 429 is retried on every method, after what
 *   Retry-After asks. 5xx, timeouts and dropped connections are retried only when repeating the request is
 *   safe (idempotent methods, or a connection that was refused before anything was sent); otherwise the
 *   client throws IscOutcomeUnknownError and the caller looks before it acts.
 */
import { parseErrorBody, IscApiError, IscAuthError, IscConfigError, IscNetworkError, IscOutcomeUnknownError } from "./errors";
import { DEFAULT_RATE_LIMIT, RateLimit, RateLimiter, sharedLimiter } from "./limiter";
import { DEFAULT_BACKOFF, backoffDelay, isIdempotentMethod, rateLimitDelay } from "./retry";
import { CachedToken, getToken, invalidateToken, renewMargin, tokenKey } from "./token";
import { HttpResponse, send, TransportFailure } from "./transport";

export interface IscClientOptions {
    /** Tenant API base URL, e.g. https://acme.api.identitynow.com. Default: SAIL_BASE_URL. */
    baseUrl?: string;
    /** OAuth client id. Default: SAIL_CLIENT_ID. */
    clientId?: string;
    /** OAuth client secret. Default: SAIL_CLIENT_SECRET. */
    clientSecret?: string;
    /** A ready bearer token (not renewed); used instead of client credentials. Default: SAIL_ACCESS_TOKEN. */
    accessToken?: string;
    /** Default: baseUrl + "/oauth/token". */
    tokenUrl?: string;
    /** Per-request timeout. Default 30 s. */
    timeoutMs?: number;
    /** Attempts per request, the first included. Default 8. */
    maxAttempts?: number;
    /** Total time one request may spend waiting to retry. Default 120 s. */
    retryBudgetMs?: number;
    /** The longest Retry-After honoured. Default 60 s. */
    maxRetryAfterMs?: number;
    /** Client-side pacing shared per (base URL, client id); null turns it off. Default 95 per 10 s. */
    rateLimit?: RateLimit | null;
    userAgent?: string;
    /** Injected for tests. */
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
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
    query?: Record<string, string | number | boolean | undefined>;
    body?: unknown;
    /** Default application/json; use application/json-patch+json for PATCH. */
    contentType?: string;
    /** Overrides the method's idempotency (GET, HEAD, PUT, DELETE, OPTIONS are; POST and PATCH are not). */
    idempotent?: boolean;
    timeoutMs?: number;
}

export interface IscResponse<T> {
    status: number;
    headers: Record<string, string>;
    body: T;
}

export interface ClientStats {
    /** API requests sent, retries included, token requests excluded. */
    requests: number;
    tokenRequests: number;
    retries: number;
    /** 429 answers received. */
    throttled: number;
}

interface Resolved {
    baseUrl: string;
    tokenUrl: string;
    clientId?: string;
    clientSecret?: string;
    accessToken?: string;
    limiterKey: string;
}

export const PAGE_SIZE = 250;
/** Attempts when the tenant cannot be reached at all (nothing was sent). */
const UNREACHABLE_ATTEMPTS = 3;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isLoopback(hostname: string): boolean {
    const h = hostname.replace(/^\[|\]$/g, "");
    return h === "localhost" || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** Checks a URL setting: absolute, https (http only for loopback hosts such as the emulator). */
export function checkUrl(value: string, setting: string): URL {
    let url: URL;
    try {
        url = new URL(value);
    } catch {
        throw new IscConfigError(`${setting} "${value}" is not a URL: use e.g. https://<tenant>.api.identitynow.com`);
    }
    if (url.protocol === "https:") return url;
    if (url.protocol === "http:" && isLoopback(url.hostname)) return url;
    throw new IscConfigError(`${setting} "${value}" must use https (plain http is accepted only for loopback hosts such as the local emulator)`);
}

export class IscClient {
    private readonly counters: ClientStats = { requests: 0, tokenRequests: 0, retries: 0, throttled: 0 };
    private readonly now: () => number;
    private readonly sleep: (ms: number) => Promise<void>;
    private readonly random: () => number;

    constructor(private readonly options: IscClientOptions = {}) {
        this.now = options.now ?? Date.now;
        this.sleep = options.sleep ?? realSleep;
        this.random = options.random ?? Math.random;
    }

    stats(): ClientStats {
        return { ...this.counters };
    }

    /** Sends one API request, with the retries the method allows; throws a typed error when it fails. */
    async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<IscResponse<T>> {
        method = method.toUpperCase();
        const cfg = this.resolve();
        const idempotent = opts.idempotent ?? isIdempotentMethod(method);
        const maxAttempts = this.options.maxAttempts ?? 8;
        const budget = this.options.retryBudgetMs ?? 120_000;
        const limiter = this.limiter(cfg);
        const url = cfg.baseUrl + path + queryString(opts.query);
        const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
        const started = this.now();
        let renewedAfter401 = false;

        for (let attempt = 1; ; attempt++) {
            const token = await this.token(cfg);
            const release = limiter ? await limiter.acquire() : undefined;
            this.counters.requests++;
            let res: HttpResponse;
            try {
                res = await send({
                    method,
                    url,
                    headers: {
                        Accept: "application/json",
                        Authorization: `Bearer ${token}`,
                        "User-Agent": this.options.userAgent ?? "pulumi-sailpoint-isc",
                        ...(body !== undefined ? { "Content-Type": opts.contentType ?? "application/json" } : {}),
                    },
                    body,
                    timeoutMs: opts.timeoutMs ?? this.options.timeoutMs ?? 30_000,
                });
                release?.();
            } catch (e) {
                release?.();
                const failure = e as TransportFailure;
                const reason = failure.reason ?? String(e);
                if (failure.sent && !idempotent) throw new IscOutcomeUnknownError(method, path, reason);
                const delay = backoffDelay(attempt - 1, DEFAULT_BACKOFF, this.random);
                // A connection refused or a name that does not resolve is rarely transient: a few tries, then say so.
                const attempts = failure.sent ? maxAttempts : Math.min(maxAttempts, UNREACHABLE_ATTEMPTS);
                if (!this.mayRetry(attempt, attempts, started, budget, delay)) {
                    throw new IscNetworkError(method, path, `${reason} (after ${attempt} attempt${attempt === 1 ? "" : "s"})`, originOf(cfg.baseUrl));
                }
                await this.retry({ method, path, attempt, delayMs: delay, reason });
                continue;
            }

            if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, body: res.body as T };

            if (res.status === 401) {
                if (!cfg.accessToken && !renewedAfter401) {
                    // The token expired or was revoked early: a 401 means the request was not applied, so one
                    // retry with a fresh token is safe for any method.
                    renewedAfter401 = true;
                    invalidateToken(tokenKey(cfg.tokenUrl, cfg.clientId!, cfg.clientSecret!), token);
                    attempt--;
                    continue;
                }
                const detail = parseErrorBody(res.body).messages.join("; ");
                throw new IscAuthError(
                    `ISC refused the ${cfg.accessToken ? "access token" : "client's token"} for ${method} ${path} (401${detail ? `: ${detail}` : ""})`,
                    401,
                );
            }

            if (res.status === 429) {
                this.counters.throttled++;
                const delay = rateLimitDelay(res.headers["retry-after"], attempt - 1, this.now(), this.options.maxRetryAfterMs ?? 60_000, DEFAULT_BACKOFF, this.random);
                if (!this.mayRetry(attempt, maxAttempts, started, budget, delay)) {
                    throw new IscApiError(429, method, path, parseErrorBody(res.body), `rate limited: gave up after ${attempt} attempt${attempt === 1 ? "" : "s"}`);
                }
                // Everyone sharing this client id waits too: the server counts all of them.
                limiter?.coolDown(this.now() + delay);
                await this.retry({ method, path, attempt, delayMs: delay, reason: "429 Too Many Requests" }, limiter !== undefined);
                continue;
            }

            if (res.status >= 500) {
                const details = parseErrorBody(res.body);
                if (!idempotent) {
                    const tracking = details.trackingId ? `; trackingId ${details.trackingId}` : "";
                    throw new IscOutcomeUnknownError(method, path, `ISC answered ${res.status}${details.detailCode ? ` ${details.detailCode}` : ""}${tracking}`);
                }
                const delay = backoffDelay(attempt - 1, DEFAULT_BACKOFF, this.random);
                if (!this.mayRetry(attempt, maxAttempts, started, budget, delay)) {
                    throw new IscApiError(res.status, method, path, details, `after ${attempt} attempt${attempt === 1 ? "" : "s"}`);
                }
                await this.retry({ method, path, attempt, delayMs: delay, reason: `${res.status} from ISC` });
                continue;
            }

            throw new IscApiError(res.status, method, path, parseErrorBody(res.body));
        }
    }

    /**
     * Every item of a list endpoint, in pages of 250. The first page asks for `count=true`: when ISC sends
     * X-Total-Count the client stops exactly at the total (no empty extra page at 250, 500, ...); otherwise it
     * stops at the first page shorter than 250.
     */
    async paginate<T = unknown>(path: string, query: Record<string, string | number | boolean | undefined> = {}): Promise<T[]> {
        const items: T[] = [];
        let total: number | undefined;
        for (let offset = 0; ; ) {
            const res = await this.request<T[]>("GET", path, {
                query: { ...query, limit: PAGE_SIZE, offset, ...(offset === 0 ? { count: true } : {}) },
            });
            const page = Array.isArray(res.body) ? res.body : [];
            if (offset === 0) {
                const header = res.headers["x-total-count"];
                if (header !== undefined && /^\d+$/.test(header)) total = Number(header);
            }
            items.push(...page);
            offset += page.length;
            if (page.length < PAGE_SIZE) return items;
            if (total !== undefined && offset >= total) return items;
        }
    }

    private mayRetry(attempt: number, maxAttempts: number, started: number, budget: number, delay: number): boolean {
        return attempt < maxAttempts && this.now() - started + delay <= budget;
    }

    /** Counts and reports a retry, then waits (unless the shared limiter's cool-down does the waiting). */
    private async retry(info: RetryInfo, limiterWaits = false): Promise<void> {
        this.counters.retries++;
        this.options.onRetry?.(info);
        if (!limiterWaits && info.delayMs > 0) await this.sleep(info.delayMs);
    }

    private resolve(): Resolved {
        const env = process.env;
        const pick = (value: string | undefined, name: string) => (value !== undefined && value !== "" ? value : env[name] || undefined);
        const rawBase = pick(this.options.baseUrl, "SAIL_BASE_URL");
        if (!rawBase) throw new IscConfigError("No ISC base URL: pass baseUrl or set SAIL_BASE_URL (e.g. https://<tenant>.api.identitynow.com)");
        const baseUrl = checkUrl(rawBase, "baseUrl").toString().replace(/\/+$/, "");
        const accessToken = pick(this.options.accessToken, "SAIL_ACCESS_TOKEN");
        const clientId = pick(this.options.clientId, "SAIL_CLIENT_ID");
        const clientSecret = pick(this.options.clientSecret, "SAIL_CLIENT_SECRET");
        if (!accessToken && (!clientId || !clientSecret)) {
            const missing = [!clientId && "clientId (SAIL_CLIENT_ID)", !clientSecret && "clientSecret (SAIL_CLIENT_SECRET)"].filter(Boolean).join(" and ");
            throw new IscConfigError(`No ISC credentials: set ${missing}, or pass an accessToken`);
        }
        const tokenUrl = this.options.tokenUrl ? checkUrl(this.options.tokenUrl, "tokenUrl").toString() : `${baseUrl}/oauth/token`;
        return {
            baseUrl,
            tokenUrl,
            ...(accessToken ? { accessToken } : { clientId, clientSecret }),
            limiterKey: `${baseUrl}|${accessToken ? "token" : clientId}`,
        };
    }

    private limiter(cfg: Resolved): RateLimiter | undefined {
        const rate = this.options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : this.options.rateLimit;
        if (rate === null) return undefined;
        return sharedLimiter(cfg.limiterKey, rate, { now: this.now, sleep: this.sleep });
    }

    private async token(cfg: Resolved): Promise<string> {
        if (cfg.accessToken) return cfg.accessToken;
        const key = tokenKey(cfg.tokenUrl, cfg.clientId!, cfg.clientSecret!);
        return (await getToken(key, this.now(), () => this.fetchToken(cfg))).value;
    }

    /** One client-credentials exchange, retried on 429, 5xx and network failures (it changes nothing). */
    private async fetchToken(cfg: Resolved): Promise<CachedToken> {
        const maxAttempts = this.options.maxAttempts ?? 8;
        const budget = this.options.retryBudgetMs ?? 120_000;
        const started = this.now();
        const form = new URLSearchParams({ grant_type: "client_credentials", client_id: cfg.clientId!, client_secret: cfg.clientSecret! }).toString();
        const where = new URL(cfg.tokenUrl).pathname;
        for (let attempt = 1; ; attempt++) {
            this.counters.tokenRequests++;
            let res: HttpResponse;
            try {
                res = await send({
                    method: "POST",
                    url: cfg.tokenUrl,
                    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
                    body: form,
                    timeoutMs: this.options.timeoutMs ?? 30_000,
                });
            } catch (e) {
                const failure = e as TransportFailure;
                const reason = failure.reason ?? String(e);
                const delay = backoffDelay(attempt - 1, DEFAULT_BACKOFF, this.random);
                const attempts = failure.sent ? maxAttempts : Math.min(maxAttempts, UNREACHABLE_ATTEMPTS);
                if (!this.mayRetry(attempt, attempts, started, budget, delay)) {
                    throw new IscNetworkError("POST", where, `${reason} (after ${attempt} attempt${attempt === 1 ? "" : "s"})`, originOf(cfg.tokenUrl));
                }
                await this.retry({ method: "POST", path: where, attempt, delayMs: delay, reason });
                continue;
            }
            const body = res.body as { access_token?: unknown; expires_in?: unknown } | undefined;
            if (res.status === 200 && body && typeof body.access_token === "string") {
                const lifetimeMs = (typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 300) * 1000;
                return { value: body.access_token, renewAt: this.now() + lifetimeMs - renewMargin(lifetimeMs) };
            }
            if (res.status === 429 || res.status >= 500) {
                if (res.status === 429) this.counters.throttled++;
                const delay =
                    res.status === 429
                        ? rateLimitDelay(res.headers["retry-after"], attempt - 1, this.now(), this.options.maxRetryAfterMs ?? 60_000, DEFAULT_BACKOFF, this.random)
                        : backoffDelay(attempt - 1, DEFAULT_BACKOFF, this.random);
                if (this.mayRetry(attempt, maxAttempts, started, budget, delay)) {
                    await this.retry({ method: "POST", path: where, attempt, delayMs: delay, reason: `${res.status} from the token endpoint` });
                    continue;
                }
            }
            const detail = parseErrorBody(res.body).messages.join("; ");
            throw new IscAuthError(
                `ISC did not issue a token for client id "${cfg.clientId}" (POST ${where} answered ${res.status}${detail ? `: ${detail}` : ""}): check the client id and secret`,
                res.status,
            );
        }
    }
}

function originOf(url: string): string {
    try {
        return new URL(url).origin;
    } catch {
        return "";
    }
}

function queryString(query: RequestOptions["query"]): string {
    if (!query) return "";
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, String(v));
    const s = params.toString();
    return s ? `?${s}` : "";
}
