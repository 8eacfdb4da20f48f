/**
 * The ISC HTTP client: authentication, pacing, bounded retries, typed errors and pagination.
 *
 * - No I/O and no validation in the constructor: settings (and the SAIL_* environment variables) are read
 *   when a request is made, so constructing a client in a Pulumi program never fails or captures a secret.
 * - Credentials are one set: the caller's (accessToken, or clientId and clientSecret), or, only when the caller
 *   passed none of them, the environment's (SAIL_ACCESS_TOKEN, else SAIL_CLIENT_ID and SAIL_CLIENT_SECRET).
 *   A set is never completed or overridden from the other place.
 * - Retries are bounded by attempts and by a time budget. 429 is retried on every method, after what
 *   Retry-After asks. 5xx, timeouts and dropped connections are retried only when repeating the request is
 *   safe (idempotent methods, or a connection that was refused before anything was sent); otherwise the
 *   client throws IscOutcomeUnknownError and the caller looks before it acts.
 */
import {
    parseErrorBody,
    IscApiError,
    IscAuthError,
    IscConfigError,
    IscNetworkError,
    IscOutcomeUnknownError,
    IscTransportError,
    type CredentialSource,
} from "./errors";
import { DEFAULT_RATE_LIMIT, RateLimit, RateLimiter, sharedLimiter } from "./limiter";
import { PaceFiles } from "./pace-file";
import { collectPages, Query } from "./pagination";
import { AttemptOutcome, DEFAULT_BACKOFF, isIdempotentMethod, nextStep, RetryDecision, RetryPolicy } from "./retry";
import { CachedToken, getToken, invalidateToken, renewMargin, tokenKey } from "./token";
import { HttpResponse, send } from "./transport";

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

/** The settings read from the environment at call time. */
interface Resolved {
    baseUrl: string;
    tokenUrl: string;
    clientId?: string;
    clientSecret?: string;
    accessToken?: string;
    credentialSource: CredentialSource;
    limiterKey: string;
}

/** Everything but the connection settings, defaults applied once. */
interface Settings {
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
    private readonly settings: Settings;

    /** Reads nothing and checks nothing: connection settings are resolved when a request is made. */
    constructor(private readonly options: IscClientOptions = {}) {
        const o = options;
        this.settings = {
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

    stats(): ClientStats {
        return { ...this.counters };
    }

    /** Sends one API request, with the retries the method allows; throws a typed error when it fails. */
    async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<IscResponse<T>> {
        method = method.toUpperCase();
        if (!path.startsWith("/")) path = `/${path}`;
        const cfg = this.resolve();
        const { now } = this.settings;
        const idempotent = opts.idempotent ?? isIdempotentMethod(method);
        const limiter = this.limiter(cfg);
        const url = cfg.baseUrl + path + queryString(opts.query);
        const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
        let started: number | undefined;
        let renewedAfter401 = false;

        for (let attempt = 1; ; attempt++) {
            // A slot first, then the token: after a long wait in line the token is looked up (and renewed) afresh.
            const release = limiter ? await limiter.acquire(attempt > 1 || renewedAfter401) : undefined;
            // The budget runs from the first attempt: time in line before it is pacing, not retrying.
            started ??= now();
            let token: string;
            try {
                token = await this.token(cfg);
            } catch (e) {
                release?.(false);
                throw e;
            }

            this.counters.requests++;
            let res: HttpResponse | undefined;
            let failure: IscTransportError | undefined;
            try {
                res = await send({
                    method,
                    url,
                    headers: {
                        Accept: "application/json",
                        Authorization: `Bearer ${token}`,
                        "User-Agent": this.settings.userAgent,
                        ...(body !== undefined ? { "Content-Type": opts.contentType ?? "application/json" } : {}),
                    },
                    body,
                    timeoutMs: opts.timeoutMs ?? this.settings.timeoutMs,
                });
            } catch (e) {
                // Only failures of the exchange are retried; anything else is a bug and propagates.
                if (!(e instanceof IscTransportError)) throw e;
                failure = e;
            } finally {
                release?.();
            }

            if (res && res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, body: res.body as T };

            if (res?.status === 401) {
                if (!cfg.accessToken && !renewedAfter401) {
                    // The token expired or was revoked early: a 401 means the request was not applied, so one
                    // repeat with a fresh token is safe for any method. It does not count as an attempt.
                    renewedAfter401 = true;
                    invalidateToken(this.tokenKey(cfg), token);
                    attempt--;
                    continue;
                }
                const detail = parseErrorBody(res.body).messages.join("; ");
                throw new IscAuthError(
                    `ISC refused the ${cfg.accessToken ? "access token" : "client's token"} for ${method} ${path} (401${detail ? `: ${detail}` : ""})`,
                    401,
                    cfg.credentialSource,
                );
            }

            const outcome: AttemptOutcome = res
                ? { kind: "answer", status: res.status, retryAfter: res.headers["retry-after"] }
                : { kind: "no-answer", sent: failure!.sent };
            if (res?.status === 429) this.counters.throttled++;
            const at = now();
            const step = nextStep(outcome, { attempt, idempotent, elapsedMs: at - started, nowMs: at }, this.settings.retry, this.settings.random);

            if (step.action === "retry") {
                const reason = res ? (res.status === 429 ? "429 Too Many Requests" : `${res.status} from ISC`) : failure!.reason;
                if (res?.status === 429 && limiter) {
                    // Everyone sharing this client id waits too (the server counts all of them); the limiter does the waiting.
                    limiter.coolDown(at + step.delayMs);
                    this.noteRetry({ method, path, attempt, delayMs: step.delayMs, reason });
                } else {
                    await this.retryAfter({ method, path, attempt, delayMs: step.delayMs, reason });
                }
                continue;
            }
            if (step.action === "outcome-unknown") {
                const reason = res ? `ISC answered ${res.status}${describeAnswer(res.body)}` : failure!.reason;
                // The cause: what the server answered (status, detailCode, trackingId, body), or the transport failure.
                const cause = res ? new IscApiError(res.status, method, path, parseErrorBody(res.body), { body: res.body }) : failure;
                throw new IscOutcomeUnknownError(method, path, reason, { cause });
            }
            const note = giveUpNote(step, attempt, this.settings.retry.budgetMs, res?.status === 429);
            if (res) throw new IscApiError(res.status, method, path, parseErrorBody(res.body), { body: res.body, ...(note ? { note } : {}) });
            throw new IscNetworkError(method, path, `${failure!.reason}${note ? ` (${note})` : ""}`, originOf(cfg.baseUrl), { cause: failure });
        }
    }

    /**
     * Every item of a list endpoint, in pages of 250 (see pagination.ts): exactly as many GETs as the total
     * needs when ISC sends X-Total-Count, else until the first short page.
     */
    paginate<T = unknown>(path: string, query: Query = {}): Promise<T[]> {
        return collectPages<T>(async (q) => {
            const res = await this.request<unknown>("GET", path, { query: q });
            return { items: Array.isArray(res.body) ? (res.body as T[]) : [], headers: res.headers };
        }, query);
    }

    /** Counts and reports a retry whose wait happens elsewhere (the shared limiter's cool-down). */
    private noteRetry(info: RetryInfo): void {
        this.counters.retries++;
        this.settings.onRetry?.(info);
    }

    /** Counts and reports a retry, then waits. */
    private async retryAfter(info: RetryInfo): Promise<void> {
        this.noteRetry(info);
        if (info.delayMs > 0) await this.settings.sleep(info.delayMs);
    }

    private resolve(): Resolved {
        const env = process.env;
        const rawBase = given(this.options.baseUrl) ?? given(env.SAIL_BASE_URL);
        if (!rawBase) throw new IscConfigError("No ISC base URL: pass baseUrl or set SAIL_BASE_URL (e.g. https://<tenant>.api.identitynow.com)");
        const baseUrl = checkUrl(rawBase, "baseUrl").toString().replace(/\/+$/, "");
        const credentials = this.credentials(env);
        const tokenUrl = this.options.tokenUrl ? checkUrl(this.options.tokenUrl, "tokenUrl").toString() : `${baseUrl}/oauth/token`;
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
    private credentials(env: NodeJS.ProcessEnv): Pick<Resolved, "accessToken" | "clientId" | "clientSecret" | "credentialSource"> {
        const o = this.options;
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

    private limiter(cfg: Resolved): RateLimiter | undefined {
        const { rateLimit, now, sleep } = this.settings;
        if (rateLimit === null) return undefined;
        // Other processes' requests count in ISC's window too, on the real clock only (tests inject their own).
        const store = this.options.now === undefined ? () => new PaceFiles(cfg.limiterKey) : undefined;
        return sharedLimiter(cfg.limiterKey, rateLimit, { now, sleep }, store);
    }

    private tokenKey(cfg: Resolved): string {
        return tokenKey(cfg.tokenUrl, cfg.clientId!, cfg.clientSecret!);
    }

    private async token(cfg: Resolved): Promise<string> {
        if (cfg.accessToken) return cfg.accessToken;
        return (await getToken(this.tokenKey(cfg), this.settings.now(), () => this.fetchToken(cfg))).value;
    }

    /**
     * One client-credentials exchange, retried on 429, 5xx and network failures like an idempotent request (it
     * changes nothing). The form carries the secret, so neither it nor the request ever enters an error.
     */
    private async fetchToken(cfg: Resolved): Promise<CachedToken> {
        const { now } = this.settings;
        const started = now();
        const form = new URLSearchParams({ grant_type: "client_credentials", client_id: cfg.clientId!, client_secret: cfg.clientSecret! }).toString();
        const where = new URL(cfg.tokenUrl).pathname;
        for (let attempt = 1; ; attempt++) {
            this.counters.tokenRequests++;
            // The lifetime counts from before the request left: the token surely lapses no earlier than that.
            const sentAt = now();
            let res: HttpResponse | undefined;
            let failure: IscTransportError | undefined;
            try {
                res = await send({
                    method: "POST",
                    url: cfg.tokenUrl,
                    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "User-Agent": this.settings.userAgent },
                    body: form,
                    timeoutMs: this.settings.timeoutMs,
                });
            } catch (e) {
                if (!(e instanceof IscTransportError)) throw e;
                failure = e;
            }
            const issued = res?.body as { access_token?: unknown; expires_in?: unknown } | undefined;
            if (res?.status === 200 && issued && typeof issued.access_token === "string" && issued.access_token !== "") {
                const lifetimeMs = (typeof issued.expires_in === "number" && issued.expires_in > 0 ? issued.expires_in : 300) * 1000;
                return { value: issued.access_token, renewAt: sentAt + lifetimeMs - renewMargin(lifetimeMs) };
            }
            if (res?.status === 429) this.counters.throttled++;
            const outcome: AttemptOutcome = res
                ? { kind: "answer", status: res.status, retryAfter: res.headers["retry-after"] }
                : { kind: "no-answer", sent: failure!.sent };
            const at = now();
            const step = nextStep(outcome, { attempt, idempotent: true, elapsedMs: at - started, nowMs: at }, this.settings.retry, this.settings.random);
            if (step.action === "retry") {
                const reason = res ? `${res.status} from the token endpoint` : failure!.reason;
                await this.retryAfter({ method: "POST", path: where, attempt, delayMs: step.delayMs, reason });
                continue;
            }
            const note = giveUpNote(step, attempt, this.settings.retry.budgetMs, res?.status === 429);
            if (!res) throw new IscNetworkError("POST", where, `${failure!.reason}${note ? ` (${note})` : ""}`, originOf(cfg.tokenUrl), { cause: failure });
            if (res.status === 429 || res.status >= 500) {
                // The endpoint is busy or failing, which says nothing about the credentials.
                throw new IscApiError(res.status, "POST", where, parseErrorBody(res.body), note ? { note } : {});
            }
            const detail = parseErrorBody(res.body).messages.join("; ");
            const advice = [400, 401, 403].includes(res.status) ? "check the client id and secret" : "check the base URL or tokenUrl";
            throw new IscAuthError(
                `ISC did not issue a token for client id "${cfg.clientId}" (POST ${where} answered ${res.status}${detail ? `: ${detail}` : ""}): ${advice}`,
                res.status,
                cfg.credentialSource,
            );
        }
    }
}

/** Why the client stopped retrying, for the error message. */
function giveUpNote(step: RetryDecision, attempt: number, budgetMs: number, throttled: boolean): string | undefined {
    if (step.action !== "give-up") return undefined;
    const attempts = `${attempt} attempt${attempt === 1 ? "" : "s"}`;
    const why = step.limit === "budget" ? `, as another wait would exceed the ${Math.round(budgetMs / 1000)} s retry budget` : "";
    return `${throttled ? "rate limit hit: retries exhausted" : "gave up"} after ${attempts}${why}`;
}

/** " 500.0 Internal Fault; trackingId ..." from an error body, or "". */
function describeAnswer(body: unknown): string {
    const details = parseErrorBody(body);
    return `${details.detailCode ? ` ${details.detailCode}` : ""}${details.trackingId ? `; trackingId ${details.trackingId}` : ""}`;
}

/** A setting's value, or undefined when it is missing or empty (an empty variable counts as unset). */
function given(value: string | undefined): string | undefined {
    return value !== undefined && value !== "" ? value : undefined;
}

function originOf(url: string): string {
    try {
        return new URL(url).origin;
    } catch {
        return "";
    }
}

function queryString(query: Query | undefined): string {
    if (!query) return "";
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.append(k, String(v));
    const s = params.toString();
    return s ? `?${s}` : "";
}
