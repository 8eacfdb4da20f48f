/**
 * The ZPA HTTP client (ZpaClient): both auth modes, a token cache, pacing (reads and writes apart), bounded retries,
 * pages and typed errors. It names no resource: paths are relative to the customer root.
 *
 * - Nothing is read, checked or sent in the constructor: the options are checked at the first request, so building
 *   a client never fails or sends a secret anywhere.
 * - Retries (bounded by `maxAttempts` and a time budget): 429 after Retry-After (else backoff); 5xx and dropped
 *   connections for GET, PUT (it replaces the whole object) and DELETE; a 401 saying SESSION_NOT_VALID or "Resource
 *   Access Blocked" with a new token and backoff; any other 401 once with a new token; 409/412
 *   EDIT_LOCK_NOT_AVAILABLE with backoff. A POST is repeated only when it surely was not sent; otherwise
 *   ZpaOutcomeUnknownError, and the caller looks before it creates again.
 */
import {
    backoffDelay,
    DEFAULT_BACKOFF,
    IscTransportError,
    nextStep,
    redact,
    send,
    sharedLimiter,
    type AttemptOutcome,
    type HttpResponse,
    type RateLimiter,
    type RetryDecision,
} from "../../client";
import { apiUrl, resolveConnection, type ZpaConnection } from "./connection";
import { parseZpaError, ZpaApiError, ZpaAuthError, ZpaConfigError, ZpaNetworkError, ZpaOutcomeUnknownError } from "./errors";
import { settingsOf, type ZpaClientOptions, type ZpaClientStats, type ZpaMethod, type ZpaRequestOptions, type ZpaResponse, type ZpaSettings } from "./options";
import { collectZpaPages } from "./pages";
import { giveUpNote, isEditLock, isTransient401, retryPolicy, type Exchange } from "./retry";
import { dropToken, tokenFor } from "./token";

const WINDOW_MS = 10_000;
const TIMEOUT_MS = 30_000;
const USER_AGENT = "pulumi-sailpoint-isc (zpa)";

export class ZpaClient {
    /** Counters since construction (live). */
    readonly stats: ZpaClientStats = { requests: 0, retries: 0, throttled: 0 };
    private readonly settings: ZpaSettings;
    private connection: ZpaConnection | undefined;

    /** Reads nothing and checks nothing: the options are checked when the first request is made. */
    constructor(private readonly options: ZpaClientOptions) {
        this.settings = settingsOf(options);
    }

    /**
     * Sends one request to `path` under the customer root ("/{object}/{id}"), with the retries ZPA's answers
     * allow; throws a Zpa error when it fails.
     */
    async request<T>(method: ZpaMethod, path: string, opts: ZpaRequestOptions = {}): Promise<ZpaResponse<T>> {
        const c = (this.connection ??= resolveConnection(this.options));
        if (!path.startsWith("/")) path = `/${path}`;
        // A fetch refuses a GET with a body; found here, it is not mistaken for a network failure and retried.
        if (method === "GET" && opts.body !== undefined) throw new ZpaConfigError(`GET ${path} takes no body`);
        const { now, random, sleep } = this.settings;
        const policy = retryPolicy(this.settings);
        const idempotent = method !== "POST";
        const limiter = this.limiter(c, method === "GET" ? "reads" : "writes");
        const url = apiUrl(c, path, opts.apiVersion ?? "v1", opts.query);
        const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
        const exchange = this.exchange();
        let started: number | undefined;
        let renewedAfter401 = false;

        for (let attempt = 1; ; attempt++) {
            // A slot first, then the token: after a long wait in line the token is looked up (and renewed) afresh.
            const release = await limiter.acquire(attempt > 1 || renewedAfter401);
            started ??= now();
            let token: string;
            try {
                token = await tokenFor(c, exchange);
            } catch (e) {
                release(false);
                throw e;
            }
            this.stats.requests++;
            let res: HttpResponse | undefined;
            let failure: IscTransportError | undefined;
            try {
                res = await send({
                    method,
                    url,
                    headers: {
                        Accept: "application/json",
                        Authorization: `Bearer ${token}`,
                        "User-Agent": USER_AGENT,
                        ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
                    },
                    body,
                    timeoutMs: TIMEOUT_MS,
                    ...(this.settings.fetchImpl ? { fetchImpl: this.settings.fetchImpl } : {}),
                });
            } catch (e) {
                // Only failures of the exchange are retried; anything else is a bug and propagates.
                if (!(e instanceof IscTransportError)) throw e;
                failure = e;
            } finally {
                release();
            }

            if (res && res.status >= 200 && res.status < 300) return { status: res.status, body: res.body as T | undefined };
            // From here on the answer may enter an error: a server that echoes the request must not put a secret there.
            if (res) res = { ...res, body: redact(res.body, [token, c.clientSecret]) };

            const at = now();
            let step: RetryDecision;
            if (res && (res.status === 401 ? isTransient401(res.body) : isEditLock(res.status, res.body))) {
                // Nothing was applied: any method may repeat, after backoff; a session ZPA ended needs a new token.
                if (res.status === 401) dropToken(c, token);
                const delayMs = backoffDelay(attempt - 1, DEFAULT_BACKOFF, random);
                step =
                    attempt >= policy.maxAttempts
                        ? { action: "give-up", limit: "attempts" }
                        : at - started + delayMs > policy.budgetMs
                          ? { action: "give-up", limit: "budget" }
                          : { action: "retry", delayMs };
            } else if (res?.status === 401) {
                if (!renewedAfter401) {
                    // The token expired or was revoked early: a 401 means nothing was applied, so one repeat with a
                    // fresh token is safe for any method. It does not count as an attempt.
                    renewedAfter401 = true;
                    dropToken(c, token);
                    attempt--;
                    continue;
                }
                throw this.authError(c, method, path, res, undefined);
            } else {
                const outcome: AttemptOutcome = res
                    ? { kind: "answer", status: res.status, retryAfter: res.headers["retry-after"] }
                    : { kind: "no-answer", sent: failure!.sent, tls: failure!.tls };
                if (res?.status === 429) this.stats.throttled++;
                step = nextStep(outcome, { attempt, idempotent, elapsedMs: at - started, nowMs: at }, policy, random);
            }

            if (step.action === "retry") {
                this.stats.retries++;
                if (res?.status === 429) {
                    // Everyone sharing this key waits too (ZPA counts all of them); the limiter does the waiting.
                    limiter.coolDown(at + step.delayMs);
                } else if (step.delayMs > 0) {
                    await sleep(step.delayMs);
                }
                continue;
            }
            if (step.action === "outcome-unknown") {
                const details = res ? parseZpaError(res.body) : undefined;
                const reason = res ? `ZPA answered ${res.status}${details?.errorId ? ` ${details.errorId}` : ""}` : failure!.reason;
                const cause = res ? new ZpaApiError(res.status, method, path, details!, { body: res.body }) : failure;
                throw new ZpaOutcomeUnknownError(method, path, reason, { cause });
            }
            const note = giveUpNote(step, attempt, res?.status === 429);
            if (res?.status === 401) throw this.authError(c, method, path, res, note);
            if (res) throw new ZpaApiError(res.status, method, path, parseZpaError(res.body), { body: res.body, ...(note ? { note } : {}) });
            throw new ZpaNetworkError(method, path, `${failure!.reason}${note ? ` (${note})` : ""}`, c.baseUrl, { cause: failure });
        }
    }

    /**
     * Every item of a list endpoint: `page=1..` with `pagesize=500` (the caller's query added), until `totalPages`
     * (a string or a number) is reached, or, when ZPA gives none, until a short or empty page. A page without
     * `list` is empty.
     */
    listAll<T>(path: string, query: Record<string, string> = {}): Promise<T[]> {
        return collectZpaPages<T>(async (q) => (await this.request<unknown>("GET", path, { query: q })).body, query);
    }

    private exchange(): Exchange {
        return { settings: this.settings, stats: this.stats, userAgent: USER_AGENT, timeoutMs: TIMEOUT_MS };
    }

    /** The limiter shared by every client of (base URL, customer id, client id) in this process, one per kind. */
    private limiter(c: ZpaConnection, kind: "reads" | "writes"): RateLimiter {
        const limit = kind === "reads" ? this.settings.reads : this.settings.writes;
        const { now, sleep } = this.settings;
        return sharedLimiter(`zpa|${c.baseUrl}|${c.customerId}|${c.clientId}|${kind}`, { limit, windowMs: WINDOW_MS }, { now, sleep });
    }

    private authError(c: ZpaConnection, method: string, path: string, res: HttpResponse, note: string | undefined): ZpaAuthError {
        const d = parseZpaError(res.body);
        const said = [d.errorId, d.reason].filter(Boolean).join(": ");
        return new ZpaAuthError(
            `ZPA refused the token for ${method} ${path} (${res.status}${said ? ` ${said}` : ""})${note ? ` (${note})` : ""}: check that the API key (${c.credentialSource}) is valid for customer ${c.customerId}`,
            res.status,
            c.credentialSource,
        );
    }
}
