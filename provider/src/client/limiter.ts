/**
 * Client-side pacing: a sliding-window limiter shared by every client of one (base URL, client id), so a
 * large run stays under ISC's 100 requests / 10 s and hundreds of parallel operations proceed at the
 * ceiling instead of in a storm of 429s. A 429 cools the whole key down until the server's Retry-After.
 */

export interface RateLimit {
    limit: number;
    windowMs: number;
}

/** 95 rather than 100: headroom for clock differences and for requests other tools make with the same client. */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 95, windowMs: 10_000 };

export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

export class RateLimiter {
    /** Send times of the grants still inside the window, oldest first. */
    private readonly granted: number[] = [];
    private readonly waiting: Array<() => void> = [];
    private blockedUntil = 0;
    private pumping = false;

    constructor(
        readonly rate: RateLimit,
        private readonly clock: Clock,
    ) {
        if (!(rate.limit >= 1) || !(rate.windowMs > 0)) throw new RangeError(`invalid rate limit ${rate.limit} per ${rate.windowMs} ms`);
    }

    /** Resolves when a request may be sent; callers are served first come, first served. */
    acquire(): Promise<void> {
        return new Promise((resolve) => {
            this.waiting.push(resolve);
            void this.pump();
        });
    }

    /** No request goes out before `untilMs` (after a 429). */
    coolDown(untilMs: number): void {
        this.blockedUntil = Math.max(this.blockedUntil, untilMs);
    }

    /** Requests granted within the last window (for tests and figures). */
    inWindow(): number {
        this.expire(this.clock.now());
        return this.granted.length;
    }

    private expire(now: number): void {
        while (this.granted.length && this.granted[0] <= now - this.rate.windowMs) this.granted.shift();
    }

    private async pump(): Promise<void> {
        if (this.pumping) return;
        this.pumping = true;
        try {
            while (this.waiting.length) {
                const now = this.clock.now();
                this.expire(now);
                let wait = 0;
                if (now < this.blockedUntil) wait = this.blockedUntil - now;
                else if (this.granted.length >= this.rate.limit) wait = this.granted[0] + this.rate.windowMs - now;
                if (wait > 0) {
                    await this.clock.sleep(wait);
                    continue;
                }
                this.granted.push(now);
                this.waiting.shift()!();
            }
        } finally {
            this.pumping = false;
        }
    }
}

const limiters = new Map<string, RateLimiter>();

/** The limiter shared by every client of `key` (base URL and client id); created on first use. */
export function sharedLimiter(key: string, rate: RateLimit, clock: Clock): RateLimiter {
    const k = `${key}|${rate.limit}/${rate.windowMs}`;
    let limiter = limiters.get(k);
    if (!limiter) {
        limiter = new RateLimiter(rate, clock);
        limiters.set(k, limiter);
    }
    return limiter;
}
