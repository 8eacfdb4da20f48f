/** The populated tenant's seeded choices: ids hashed from (seed, kind, index), one generator per kind, and small drawing helpers. */
import * as crypto from "crypto";
import { Random, seeded } from "./random";

export const START = "2024-03-01T08:00:00.000Z";

export function idFor(seed: number, kind: string, index: number): string {
    return crypto.createHash("sha256").update(`isc-emulator/populate/${seed}/${kind}/${index}`).digest("hex").slice(0, 32);
}

/** One generator per kind: changing how many of one kind are made leaves the others as they were. */
export function stream(seed: number, kind: string): Random {
    return seeded(crypto.createHash("sha256").update(`isc-emulator/populate/${seed}/${kind}`).digest().readUInt32LE(0));
}

export const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
export const chance = (r: Random, p: number): boolean => r() < p;
export const between = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Up to `n` distinct items of `list`, in a seeded order (drawn without copying a large list). */
export function some<T>(r: Random, list: readonly T[], n: number): T[] {
    if (n * 2 >= list.length) {
        const pool = [...list];
        const out: T[] = [];
        while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
        return out;
    }
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(r() * list.length));
    return [...chosen].map((i) => list[i]);
}

/** `candidate`, or the first of `candidate 2`, `candidate 3`, ... not yet in `used` (compared by `key`). */
export function unique(candidate: string, used: Set<string>, key: (s: string) => string = (s) => s): string {
    let name = candidate;
    for (let n = 2; used.has(key(name)); n++) name = `${candidate} ${n}`;
    used.add(key(name));
    return name;
}
