/** Pure retry timing and the pacing limiter, on a fake clock. */
import { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, rateLimitDelay, RateLimiter } from "../../provider/src/client";
import { FakeClock } from "./fake-server";

describe("Retry-After", () => {
    const now = Date.parse("2026-11-24T10:00:00Z");
    test.each([
        ["2", 2000],
        ["0", 0],
        [" 12 ", 12_000],
        ["1.5", 1500],
        ["Tue, 24 Nov 2026 10:00:30 GMT", 30_000],
        ["Tue, 24 Nov 2026 09:59:00 GMT", 0],
    ])("%j asks for %i ms", (header, ms) => {
        expect(parseRetryAfter(header, now)).toBe(ms);
    });
    test.each([[undefined], [null], [""], ["soon"], ["-5"], ["12abc"]])("%j is not usable", (header) => {
        expect(parseRetryAfter(header as string | undefined, now)).toBeUndefined();
    });
    test("a usable header is capped; an unusable one falls back to backoff", () => {
        expect(rateLimitDelay("3600", 0, now, 60_000, DEFAULT_BACKOFF, () => 0.5)).toBe(60_000);
        expect(rateLimitDelay("soon", 2, now, 60_000, DEFAULT_BACKOFF, () => 0.5)).toBe(1000);
    });
});

describe("backoff with full jitter", () => {
    test("uniform in [0, min(cap, base * 2^attempt))", () => {
        const opts = { baseMs: 500, capMs: 20_000 };
        expect(backoffDelay(0, opts, () => 0)).toBe(0);
        expect(backoffDelay(0, opts, () => 0.999)).toBe(499);
        expect(backoffDelay(3, opts, () => 0.5)).toBe(2000);
        expect(backoffDelay(10, opts, () => 0.999)).toBe(19_980);
        expect(backoffDelay(1000, opts, () => 0.999)).toBe(19_980);
    });
});

describe("the pacing limiter", () => {
    test("never more than `limit` grants in any window, all granted, first come first served", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ limit: 5, windowMs: 1000 }, clock);
        const grants: Array<{ i: number; t: number }> = [];
        await Promise.all(
            Array.from({ length: 23 }, (_, i) =>
                limiter.acquire().then((release) => {
                    grants.push({ i, t: clock.t });
                    release(); // answered at once
                }),
            ),
        );
        expect(grants.map((g) => g.i)).toEqual(Array.from({ length: 23 }, (_, i) => i));
        for (const g of grants) expect(grants.filter((h) => h.t > g.t - 1000 && h.t <= g.t).length).toBeLessThanOrEqual(5);
        const start = grants[0].t;
        expect(grants[22].t - start).toBe(4000); // 5 per second: the 23rd goes in the fifth second
    });

    test("a slot's window starts when its answer arrives, not when it was sent", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ limit: 1, windowMs: 1000 }, clock);
        const first = await limiter.acquire();
        let grantedAt: number | undefined;
        const second = limiter.acquire().then((release) => {
            grantedAt = clock.t;
            return release;
        });
        clock.t += 5000; // long past a window, but the first request is still in flight
        for (let i = 0; i < 5; i++) await Promise.resolve();
        expect(grantedAt).toBeUndefined();
        const answeredAt = clock.t;
        first(); // its window runs from now
        (await second)();
        expect(grantedAt! - answeredAt).toBe(1000);
    });

    test("a cool-down holds every grant until it ends", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ limit: 100, windowMs: 10_000 }, clock);
        (await limiter.acquire())();
        const start = clock.t;
        limiter.coolDown(start + 3000);
        await limiter.acquire();
        expect(clock.t - start).toBe(3000);
    });

    test("an impossible rate is refused", () => {
        expect(() => new RateLimiter({ limit: 0, windowMs: 1000 }, new FakeClock())).toThrow(RangeError);
    });
});

describe("full jitter stays within its bounds", () => {
    test("for any random() in [0, 1), 0 <= delay < min(cap, base * 2^attempt)", () => {
        const opts = { baseMs: 500, capMs: 20_000 };
        for (let attempt = 0; attempt < 12; attempt++) {
            const ceiling = Math.min(20_000, 500 * 2 ** attempt);
            for (const r of [0, 0.1, 0.5, 0.9, 0.999999]) {
                const d = backoffDelay(attempt, opts, () => r);
                expect(d).toBeGreaterThanOrEqual(0);
                expect(d).toBeLessThan(ceiling);
            }
        }
    });
});

describe("the limiter's queue", () => {
    test("retries (priority) go ahead of first attempts, in their own order", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ limit: 1, windowMs: 1000 }, clock);
        const held = await limiter.acquire();
        const order: string[] = [];
        const take = (label: string, priority: boolean) =>
            limiter.acquire(priority).then((release) => {
                order.push(label);
                release();
            });
        const all = [take("first-a", false), take("first-b", false), take("retry-a", true), take("first-c", false), take("retry-b", true)];
        expect(limiter.queued()).toBe(5);
        held();
        await Promise.all(all);
        expect(order).toEqual(["retry-a", "retry-b", "first-a", "first-b", "first-c"]);
    });

    test("a slot released unsent is free at once; a sent one stays in the window", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ limit: 1, windowMs: 1000 }, clock);
        (await limiter.acquire())(false);
        expect(limiter.inWindow()).toBe(0);
        const start = clock.t;
        (await limiter.acquire())();
        expect(clock.t).toBe(start); // not delayed by the unsent one
        expect(limiter.inWindow()).toBe(1);
        await limiter.acquire();
        expect(clock.t - start).toBe(1000);
    });

    test("releasing twice changes nothing", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter({ limit: 2, windowMs: 1000 }, clock);
        const release = await limiter.acquire();
        release();
        clock.t += 500;
        release();
        release(false);
        expect(limiter.inWindow()).toBe(1);
        clock.t += 500;
        expect(limiter.inWindow()).toBe(0); // the window began at the first release
    });
});
