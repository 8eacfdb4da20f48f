/**
 * ZPA's retry rules on top of the generic ones (../../client nextStep: 429 after Retry-After, 5xx and dropped
 * connections only when repeating is safe, a refused TLS certificate never): the answers Zscaler sends for a
 * transient condition that the generic rule would report as final.
 */
import { DEFAULT_BACKOFF, type RetryDecision, type RetryPolicy } from "../../client";
import { parseZpaError } from "./errors";
import type { ZpaClientStats, ZpaSettings } from "./options";

/** What one exchange needs from its client. */
export interface Exchange {
    settings: ZpaSettings;
    stats: ZpaClientStats;
    userAgent: string;
    timeoutMs: number;
}

/** A request may spend this long from its first attempt to the start of its last one. */
export const RETRY_BUDGET_MS = 120_000;
/** The longest Retry-After honoured. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Attempts when nothing could be sent (refused connection, unknown host): rarely transient. */
const UNREACHABLE_ATTEMPTS = 3;

export function retryPolicy(s: ZpaSettings): RetryPolicy {
    return {
        maxAttempts: s.maxAttempts,
        unreachableAttempts: Math.min(UNREACHABLE_ATTEMPTS, s.maxAttempts),
        budgetMs: RETRY_BUDGET_MS,
        maxRetryAfterMs: MAX_RETRY_AFTER_MS,
        backoff: DEFAULT_BACKOFF,
    };
}

/**
 * A 401 that is not about the credentials: `SESSION_NOT_VALID` (the session ended early; Zscaler's SDKs fetch a new
 * token and retry) or "Resource Access Blocked" (sent instead of a 429 under load).
 */
export function isTransient401(body: unknown): boolean {
    const text = typeof body === "string" ? body : JSON.stringify(body ?? "");
    return text.includes("SESSION_NOT_VALID") || /resource access blocked/i.test(text);
}

/** 409/412 `EDIT_LOCK_NOT_AVAILABLE`: another change to the customer's configuration holds the lock; nothing was applied. */
export function isEditLock(status: number, body: unknown): boolean {
    return (status === 409 || status === 412) && parseZpaError(body).errorId === "EDIT_LOCK_NOT_AVAILABLE";
}

/** Why the client stopped retrying, for the error message. */
export function giveUpNote(step: RetryDecision, attempt: number, throttled: boolean): string | undefined {
    if (step.action !== "give-up") return undefined;
    const attempts = `${attempt} attempt${attempt === 1 ? "" : "s"}`;
    const why = step.limit === "budget" ? `, as another wait would exceed the ${RETRY_BUDGET_MS / 1000} s retry budget` : "";
    return `${throttled ? "rate limit hit: retries exhausted" : "gave up"} after ${attempts}${why}`;
}
