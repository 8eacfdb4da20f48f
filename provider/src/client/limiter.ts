/**
 * Client-side pacing: a sliding-window limiter shared by every client of one (base URL, client id), so a
 * large run stays under ISC's 100 requests / 10 s and hundreds of parallel operations proceed at the
 * ceiling instead of in a storm of 429s. A 429 cools the whole key down until the server's Retry-After.
 *
 * The server counts a request when it arrives, some time after we send it. So a slot is held from the grant
 * until the answer comes back, and only then starts its window: whenever the server counted it, that moment
 * lies between grant and answer, so the server's window for it ends no later than ours.
 *
 * Token requests are not paced: ISC's limit applies to API calls, the token endpoint is separate, and a token
 * is fetched about once per twelve minutes per client id.
 *
 * Retries ask with priority: they go ahead of first attempts, so a request that was throttled once does not
 * queue again behind hundreds of newer ones and spend its retry budget waiting in line.
 */

import type { SlotStore } from "./pace-file";

export interface RateLimit {
    limit: number;
    windowMs: number;
}

/**
 * ISC's documented limit: 100 requests per client id per 10 s. Pacing at the limit itself is safe because a slot's
 * window starts at the answer (see above), never earlier than the server counted the request. A tenant with another
 * limit, or a client id shared with other tools, sets `isc:maxRequestsPer10Seconds`.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = { limit: 100, windowMs: 10_000 };

export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

/**
 * Call when the request's answer (or failure) has arrived. Pass `false` when nothing was sent after all (the
 * slot is freed at once instead of starting a window).
 */
export type Release = (sent?: boolean) => void;

interface Waiter {
    grant: (release: Release) => void;
    priority: boolean;
}

/** How often the other processes' slots are read again while requests wait or go out. */
const STORE_READ_MS = 100;
/** How soon after an answer this process's slots are published (a grant is published at once). */
const STORE_WRITE_MS = 100;
/**
 * Slots left free while another process of the same key is active: two processes that read each other's files
 * at nearly the same moment can both take what looked like the last slot.
 */
const SHARED_MARGIN = 2;

export class RateLimiter {
    /** When each slot leaves the window: Infinity while its request is still in flight. */
    private slots: Array<{ end: number }> = [];
    private readonly waiting: Waiter[] = [];
    private blockedUntil = 0;
    private pumping = false;
    /** Window ends of other processes' slots (see pace-file.ts), read at most every STORE_READ_MS. */
    private external: number[] = [];
    private externalReadAt = -Infinity;
    private publishTimer: ReturnType<typeof setTimeout> | undefined;

    constructor(
        readonly rate: RateLimit,
        private readonly clock: Clock,
        /** Shares slots with other processes of the same key; none in tests with a fake clock. */
        private readonly store?: SlotStore,
    ) {
        if (!(rate.limit >= 1) || !(rate.windowMs > 0)) throw new RangeError(`invalid rate limit ${rate.limit} per ${rate.windowMs} ms`);
        if (store) process.once("exit", () => this.publishNow());
    }

    /**
     * Resolves when a request may be sent, with the function to call once it is answered. First come, first
     * served, except that `priority` callers (retries) go ahead of every other caller (in their own order).
     */
    acquire(priority = false): Promise<Release> {
        return new Promise((resolve) => {
            const waiter = { grant: resolve, priority };
            const firstOrdinary = priority ? this.waiting.findIndex((w) => !w.priority) : -1;
            if (firstOrdinary === -1) this.waiting.push(waiter);
            else this.waiting.splice(firstOrdinary, 0, waiter);
            void this.pump();
        });
    }

    /** Callers waiting for a slot (for tests and figures). */
    queued(): number {
        return this.waiting.length;
    }

    /** No request goes out before `untilMs` (after a 429). */
    coolDown(untilMs: number): void {
        this.blockedUntil = Math.max(this.blockedUntil, untilMs);
    }

    /** Slots in the current window, in flight included (for tests and figures). */
    inWindow(): number {
        this.expire(this.clock.now());
        return this.held();
    }

    private expire(now: number): void {
        this.slots = this.slots.filter((slot) => slot.end > now);
        if (!this.store) return;
        if (now - this.externalReadAt >= STORE_READ_MS) {
            this.external = this.store.others(now);
            this.externalReadAt = now;
        } else {
            this.external = this.external.filter((end) => end > now);
        }
    }

    /** Slots held in the window: this process's and the other processes'. */
    private held(): number {
        return this.slots.length + this.external.length;
    }

    /** Whether every slot is taken, keeping a margin while another process is active. */
    private full(): boolean {
        return this.held() + (this.external.length ? SHARED_MARGIN : 0) >= this.rate.limit;
    }

    private schedulePublish(): void {
        if (!this.store || this.publishTimer) return;
        this.publishTimer = setTimeout(() => this.publishNow(), STORE_WRITE_MS);
        this.publishTimer.unref?.();
    }

    private publishNow(): void {
        if (this.publishTimer) clearTimeout(this.publishTimer);
        this.publishTimer = undefined;
        const now = this.clock.now();
        // An answer not yet received ends its window at the latest a full window after now.
        this.store?.publish(this.slots.map((s) => (s.end === Infinity ? now + this.rate.windowMs : s.end)).filter((end) => end > now));
    }

    private grant(): Release {
        const slot = { end: Infinity };
        this.slots.push(slot);
        // Other processes must see a request the moment it may go out.
        if (this.store) this.publishNow();
        return (sent = true) => {
            if (slot.end !== Infinity) return;
            if (sent) slot.end = this.clock.now() + this.rate.windowMs;
            else {
                slot.end = -Infinity;
                this.slots = this.slots.filter((s) => s !== slot);
            }
            this.schedulePublish();
            void this.pump();
        };
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
                else if (this.full()) {
                    const soonest = Math.min(...this.slots.map((slot) => slot.end), ...this.external);
                    if (soonest === Infinity) return; // every slot is in flight: a release pumps again
                    wait = soonest - now;
                }
                if (wait > 0) {
                    await this.clock.sleep(wait);
                    continue;
                }
                this.waiting.shift()!.grant(this.grant());
            }
        } finally {
            this.pumping = false;
        }
    }
}

const limiters = new Map<string, RateLimiter>();

/**
 * The limiter shared by every client of `key` (base URL and client id) in this process; created on first use.
 * With a `store`, it also counts the slots other processes of the same key hold (see pace-file.ts).
 */
export function sharedLimiter(key: string, rate: RateLimit, clock: Clock, store?: () => SlotStore): RateLimiter {
    const k = `${key}|${rate.limit}/${rate.windowMs}|${store ? "shared" : "local"}`;
    let limiter = limiters.get(k);
    if (!limiter) {
        limiter = new RateLimiter(rate, clock, store?.());
        limiters.set(k, limiter);
    }
    return limiter;
}
