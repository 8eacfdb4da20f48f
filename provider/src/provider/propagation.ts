/**
 * ISC is eventually consistent: for a while after a write, a read may miss a new object, return an old
 * version, or still return a deleted one. This module decides when an odd answer is propagation (wait and
 * look again) rather than the truth (the object really is gone, or really did change).
 *
 * The evidence is the time of our own last write to an object, kept in module memory (one Pulumi host
 * process serves every resource of a deployment), and, across processes, the server's own `created` /
 * `modified` stamps in the state.
 */

const lastWrites = new Map<string, number>();

/** Time and waiting, so that tests can run the lifecycle's waits on a virtual clock. */
export interface Clock {
    now(): number;
    sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = { now: () => Date.now(), sleep: defaultSleep };

/** Remember that this process just wrote the object, so that a 404 or stale read soon after is waited out. */
export function noteWrite(id: string, at: number = Date.now()): void {
    lastWrites.set(id, at);
}

/** When this process last wrote the object, if it did. */
export function lastOwnWrite(id: string): number | undefined {
    return lastWrites.get(id);
}

/** The last moment anything we know of wrote the object: this process, or the stamps in its outputs. */
export function lastWriteTime(id: string, outputs?: { created?: unknown; modified?: unknown }): number | undefined {
    const stamps = [lastWrites.get(id), parseTime(outputs?.modified), parseTime(outputs?.created)].filter((t): t is number => t !== undefined);
    return stamps.length ? Math.max(...stamps) : undefined;
}

/** True while an answer that contradicts our last write may still be propagation. */
export function withinPropagationWindow(lastWrite: number | undefined, windowMs: number, now: number = Date.now()): boolean {
    return lastWrite !== undefined && now - lastWrite < windowMs;
}

/** True when `server` is older than what we last saw: a lagging replica, not a change. */
export function isStale(server: Readonly<Record<string, unknown>>, known: Readonly<Record<string, unknown>> | undefined): boolean {
    const seen = parseTime(server.modified);
    const ours = parseTime(known?.modified);
    return seen !== undefined && ours !== undefined && seen < ours;
}

/**
 * True when `server` is known to be a later version than `basis`: its `modified` stamp is later. When either
 * stamp is missing this cannot be told, and the answer is `undefined`.
 */
export function isNewer(server: Readonly<Record<string, unknown>>, basis: Readonly<Record<string, unknown>>): boolean | undefined {
    const seen = parseTime(server.modified);
    const ours = parseTime(basis.modified);
    return seen === undefined || ours === undefined ? undefined : seen > ours;
}

/**
 * Polls `attempt` until it returns a value other than `undefined` or the deadline passes (then `undefined`).
 * Delays grow from 200 ms to 2 s: propagation usually takes a moment, sometimes several seconds.
 */
export async function pollUntil<T>(deadline: number, attempt: () => Promise<T | undefined>, clock: Clock = systemClock): Promise<T | undefined> {
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

function parseTime(value: unknown): number | undefined {
    if (typeof value !== "string") return undefined;
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t;
}

function defaultSleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
