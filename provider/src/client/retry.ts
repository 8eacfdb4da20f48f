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
