/**
 * ZPA is eventually consistent: for a while after a write a read may miss a new group or show the old version. The
 * evidence that an odd answer is propagation, not the truth, is this process's own last write to the object (one
 * Pulumi host process serves every resource of a deployment), kept here.
 */

/** Time and waiting, so that tests can run the lifecycle's waits on a virtual clock. */
export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

const lastWrites = new Map<string, number>();

/** Remember that this process just wrote the object (key: customer and id). */
export function noteWrite(key: string, at: number): void {
    lastWrites.set(key, at);
}

/** When this process last wrote the object, if it did. */
export function lastWrite(key: string): number | undefined {
    return lastWrites.get(key);
}

/** True while an answer that contradicts our last write to the object may still be propagation. */
export function recentlyWritten(key: string, windowMs: number, now: number): boolean {
    const at = lastWrites.get(key);
    return at !== undefined && now - at < windowMs;
}

/**
 * Polls `attempt` until it returns a value other than `undefined` or the deadline passes (then `undefined`).
 * Delays grow from 200 ms to 2 s.
 */
export async function pollUntil<T>(deadline: number, attempt: () => Promise<T | undefined>, clock: Clock): Promise<T | undefined> {
    let delay = 200;
    for (;;) {
        const value = await attempt();
        if (value !== undefined) return value;
        const remaining = deadline - clock.now();
        if (remaining <= 0) return undefined;
        await clock.sleep(Math.min(delay, remaining));
        delay = Math.min(delay * 2, 2000);
    }
}

/** ZPA's stamps are epoch seconds as strings: milliseconds, or undefined when absent or malformed. */
export function epochMs(value: unknown): number | undefined {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : typeof value === "number" ? value : NaN;
    return Number.isFinite(n) ? n * 1000 : undefined;
}
