/** The pure retry rule: which failures are retried, after how long, and when the client stops. */
import { AttemptOutcome, DEFAULT_BACKOFF, isIdempotentMethod, nextStep, RetryPolicy } from "../../provider/src/client";

const policy: RetryPolicy = { maxAttempts: 8, unreachableAttempts: 3, budgetMs: 120_000, maxRetryAfterMs: 60_000, backoff: DEFAULT_BACKOFF };
const now = Date.parse("2026-11-24T10:00:00Z");
const half = () => 0.5;
const step = (outcome: AttemptOutcome, idempotent: boolean, attempt = 1, elapsedMs = 0, p: RetryPolicy = policy) =>
    nextStep(outcome, { attempt, idempotent, elapsedMs, nowMs: now }, p, half);

const answer = (status: number, retryAfter?: string): AttemptOutcome => ({ kind: "answer", status, ...(retryAfter !== undefined ? { retryAfter } : {}) });

describe("which failures are retried", () => {
    test("429 on any method, after exactly what Retry-After asks (no jitter)", () => {
        expect(step(answer(429, "7"), false)).toEqual({ action: "retry", delayMs: 7000 });
        expect(step(answer(429, "7"), true)).toEqual({ action: "retry", delayMs: 7000 });
    });
    test("429 without a usable Retry-After backs off with jitter", () => {
        expect(step(answer(429), false, 3)).toEqual({ action: "retry", delayMs: 1000 }); // 0.5 * 500 * 2^2
        expect(step(answer(429, "later"), false, 1)).toEqual({ action: "retry", delayMs: 250 });
    });
    test("429 asking for more than maxRetryAfterMs waits the cap", () => {
        expect(step(answer(429, "600"), false)).toEqual({ action: "retry", delayMs: 60_000 });
    });
    test("5xx: retried when idempotent, an unknown outcome otherwise", () => {
        expect(step(answer(503), true, 2)).toEqual({ action: "retry", delayMs: 500 });
        expect(step(answer(500), false)).toEqual({ action: "outcome-unknown" });
        expect(step(answer(502), false, 5)).toEqual({ action: "outcome-unknown" });
    });
    test("no answer after sending: retried when idempotent, an unknown outcome otherwise", () => {
        expect(step({ kind: "no-answer", sent: true }, true)).toEqual({ action: "retry", delayMs: 250 });
        expect(step({ kind: "no-answer", sent: true }, false)).toEqual({ action: "outcome-unknown" });
    });
    test("nothing sent (refused, unknown host): retried for any method, three attempts at most", () => {
        const refused: AttemptOutcome = { kind: "no-answer", sent: false };
        expect(step(refused, false, 1).action).toBe("retry");
        expect(step(refused, false, 2).action).toBe("retry");
        expect(step(refused, false, 3)).toEqual({ action: "give-up", limit: "attempts" });
        expect(step(refused, true, 3)).toEqual({ action: "give-up", limit: "attempts" });
    });
    test.each([400, 403, 404, 409, 422, 301])("%i is not retried", (status) => {
        expect(step(answer(status), true)).toEqual({ action: "fail" });
    });
});

describe("when the client stops", () => {
    test("at maxAttempts", () => {
        expect(step(answer(500), true, 7).action).toBe("retry");
        expect(step(answer(500), true, 8)).toEqual({ action: "give-up", limit: "attempts" });
        expect(step(answer(429, "1"), false, 8)).toEqual({ action: "give-up", limit: "attempts" });
    });
    test("when the next wait would overrun the budget", () => {
        expect(step(answer(429, "10"), true, 2, 110_000)).toEqual({ action: "retry", delayMs: 10_000 }); // exactly the budget
        expect(step(answer(429, "10"), true, 2, 110_001)).toEqual({ action: "give-up", limit: "budget" });
        expect(step(answer(429, "30"), true, 1, 0, { ...policy, budgetMs: 29_999 })).toEqual({ action: "give-up", limit: "budget" });
    });
    test("a single-attempt policy never retries", () => {
        expect(step(answer(500), true, 1, 0, { ...policy, maxAttempts: 1 })).toEqual({ action: "give-up", limit: "attempts" });
    });
});

test("idempotent methods are those of RFC 9110", () => {
    for (const m of ["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "get", "delete"]) expect(isIdempotentMethod(m)).toBe(true);
    for (const m of ["POST", "PATCH", "post", "patch"]) expect(isIdempotentMethod(m)).toBe(false);
});
