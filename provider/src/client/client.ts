/**
 * The ISC HTTP client (IscClient): authentication, pacing, bounded retries, typed errors and pagination.
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
import { parseErrorBody, IscApiError, IscAuthError, IscNetworkError, IscOutcomeUnknownError, IscTransportError } from "./errors";
import { RateLimiter, sharedLimiter } from "./limiter";
import { redact } from "./redact";
import { resolveConnection, type Resolved } from "./connection";
import { settingsOf, type ClientStats, type IscClientOptions, type IscResponse, type RequestOptions, type RetryInfo, type Settings } from "./options";
import { PaceFiles } from "./pace-file";
import { collectPages, Query } from "./pagination";
import { AttemptOutcome, isIdempotentMethod, nextStep, RetryDecision } from "./retry";
import { CachedToken, getToken, invalidateToken, renewMargin, tokenKey } from "./token";
import { HttpResponse, send } from "./transport";

export class IscClient {
    private readonly counters: ClientStats = { requests: 0, tokenRequests: 0, retries: 0, throttled: 0 };
    private readonly settings: Settings;

    /** Reads nothing and checks nothing: connection settings are resolved when a request is made. */
    constructor(private readonly options: IscClientOptions = {}) {
        this.settings = settingsOf(options);
    }

    stats(): ClientStats {
        return { ...this.counters };
    }

    /** Sends one API request, with the retries the method allows; throws a typed error when it fails. */
    async request<T = unknown>(method: string, path: string, opts: RequestOptions = {}): Promise<IscResponse<T>> {
        method = method.toUpperCase();
        if (!path.startsWith("/")) path = `/${path}`;
        const cfg = resolveConnection(this.options);
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
            // From here on the answer may enter an error: a server that echoes the request must not put the token in use
            // (or, with client credentials, the secret) there.
            if (res) res = { ...res, body: redact(res.body, [token, cfg.clientSecret]) };

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
                : { kind: "no-answer", sent: failure!.sent, tls: failure!.tls };
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
     * changes nothing). The form carries the secret, so neither it nor the request ever enters an error, and an
     * answer that echoes it is redacted first.
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
            // The answer may enter an error: an endpoint that echoes the form must not put the secret there.
            if (res) res = { ...res, body: redact(res.body, [cfg.clientSecret]) };
            if (res?.status === 429) this.counters.throttled++;
            const outcome: AttemptOutcome = res
                ? { kind: "answer", status: res.status, retryAfter: res.headers["retry-after"] }
                : { kind: "no-answer", sent: failure!.sent, tls: failure!.tls };
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
