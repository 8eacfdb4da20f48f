/**
 * Reading fault injection in the emulator's request log, for tests that run with the per-key sequence: each
 * key's faults in request order, and a check that they are exactly what the seeded sequence gives.
 */
import { keyedFaults, type Faults, type RequestLogEntry } from "../emulator";

export type Fault = RequestLogEntry["fault"];

/** Each key's faults in the order of its requests (by `faultOccurrence`), keys sorted. */
export function faultsByKey(log: RequestLogEntry[]): Record<string, Fault[]> {
    const out: Record<string, Fault[]> = {};
    for (const r of [...log].sort((a, b) => (a.faultOccurrence ?? 0) - (b.faultOccurrence ?? 0))) {
        if (r.faultKey !== undefined) (out[r.faultKey] ??= []).push(r.fault);
    }
    return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The keys whose logged faults differ from what the per-key sequence gives the same number of requests (with the
 * emulator's `seed` and the `faults` config in force for the whole log), each with both lists: [] when every key
 * got exactly its seeded faults, whatever order the requests came in.
 */
export function unseededKeys(log: RequestLogEntry[], seed: number, faults: Faults): Array<{ key: string; logged: Fault[]; seeded: Fault[] }> {
    return Object.entries(faultsByKey(log)).flatMap(([key, logged]) => {
        const seeded = keyedFaults(seed, faults, key, logged.length).map((d) => d.fault);
        return JSON.stringify(seeded) === JSON.stringify(logged) ? [] : [{ key, logged, seeded }];
    });
}

/** The longest run of faults in a row on one key. */
export function longestFaultRun(faults: Fault[]): number {
    let longest = 0;
    let run = 0;
    for (const f of faults) longest = Math.max(longest, (run = f === null ? 0 : run + 1));
    return longest;
}
