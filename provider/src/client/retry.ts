/** Pure retry timing: what `Retry-After` asks for, and exponential backoff with full jitter. */

export interface BackoffOptions {
    baseMs: number;
    capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 20_000 };

/**
 * Milliseconds a `Retry-After` header asks to wait: integer seconds or an HTTP date. A date in the past
 * means 0. A missing or malformed header gives `undefined` (the caller falls back to backoff).
 */
export function parseRetryAfter(header: string | null | undefined, nowMs: number): number | undefined {
    if (header === null || header === undefined) return undefined;
    const value = header.trim();
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    if (/^\d+\.\d+$/.test(value)) return Math.ceil(Number(value) * 1000);
    // HTTP dates contain letters and a comma or spaces; bare numbers were handled above.
    if (!/[a-z]/i.test(value)) return undefined;
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    return Math.max(0, at - nowMs);
}

/** Full jitter: a uniform wait in [0, min(cap, base * 2^attempt)); `attempt` counts retries from 0. */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
    const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
    return Math.floor(random() * ceiling);
}

/**
 * The wait before the next attempt after a 429: what the server asked (capped), or backoff when it said
 * nothing usable.
 */
export function rateLimitDelay(
    retryAfter: string | null | undefined,
    attempt: number,
    nowMs: number,
    capMs: number,
    backoff: BackoffOptions,
    random: () => number,
): number {
    const asked = parseRetryAfter(retryAfter, nowMs);
    if (asked === undefined) return backoffDelay(attempt, backoff, random);
    return Math.min(asked, capMs);
}

/** Whether a method may be repeated without changing the outcome (RFC 9110 idempotent methods). */
export function isIdempotentMethod(method: string): boolean {
    return ["GET", "HEAD", "PUT", "DELETE", "OPTIONS"].includes(method.toUpperCase());
}

/** What came of one attempt that did not succeed (2xx and 401 are handled before asking). */
export type AttemptOutcome =
    | { kind: "answer"; status: number; retryAfter?: string }
    /** No HTTP answer: a timeout or a network failure. `sent` is false only when nothing surely left. */
    | { kind: "no-answer"; sent: boolean; tls?: boolean };

export interface RetryPolicy {
    /** Attempts, the first included. */
    maxAttempts: number;
    /** Attempts when nothing could be sent (refused connection, unknown host): rarely transient. */
    unreachableAttempts: number;
    /** Time a request may spend from its first attempt to the start of its last one. */
    budgetMs: number;
    /** The longest Retry-After honoured. */
    maxRetryAfterMs: number;
    backoff: BackoffOptions;
}

export type RetryDecision =
    /** Try again after `delayMs`. */
    | { action: "retry"; delayMs: number }
    /** Retryable, but the attempts or the time budget are spent. */
    | { action: "give-up"; limit: "attempts" | "budget" }
    /** A request that is not safe to repeat may have been applied: do not repeat it, say so. */
    | { action: "outcome-unknown" }
    /** Not a transient failure: report it as it is. */
    | { action: "fail" };

/**
 * The retry rule. 429 is retried on every method (the server refused it, nothing was applied), after what
 * Retry-After asks. 5xx, timeouts and dropped connections are retried only when repeating is safe: an
 * idempotent request, or one that surely never left. Every retry must fit the attempts and the budget. A refused
 * TLS certificate is never retried.
 */
export function nextStep(
    outcome: AttemptOutcome,
    context: { attempt: number; idempotent: boolean; elapsedMs: number; nowMs: number },
    policy: RetryPolicy,
    random: () => number,
): RetryDecision {
    let delayMs: number;
    let attempts = policy.maxAttempts;
    if (outcome.kind === "answer") {
        if (outcome.status === 429) {
            delayMs = rateLimitDelay(outcome.retryAfter, context.attempt - 1, context.nowMs, policy.maxRetryAfterMs, policy.backoff, random);
        } else if (outcome.status >= 500) {
            if (!context.idempotent) return { action: "outcome-unknown" };
            delayMs = backoffDelay(context.attempt - 1, policy.backoff, random);
        } else {
            return { action: "fail" };
        }
    } else {
        // A refused certificate is refused again on every attempt: report it at once.
        if (outcome.tls) return { action: "fail" };
        if (outcome.sent && !context.idempotent) return { action: "outcome-unknown" };
        delayMs = backoffDelay(context.attempt - 1, policy.backoff, random);
        if (!outcome.sent) attempts = Math.min(attempts, policy.unreachableAttempts);
    }
    if (context.attempt >= attempts) return { action: "give-up", limit: "attempts" };
    if (context.elapsedMs + delayMs > policy.budgetMs) return { action: "give-up", limit: "budget" };
    return { action: "retry", delayMs };
}
