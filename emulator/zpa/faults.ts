/**
 * Which fault, if any, a ZPA API request gets. The same two sequences as the ISC emulator's faults.ts: "arrival"
 * (one seeded generator in arrival order) and "per-key" (each request's fault a function of the seed, the request's
 * key and how many requests of that key came before), with `maxConsecutive` capping faults in a row on one key.
 * A key never holds an id the emulator handed out, nor a time: a group is named by the name it was created with.
 */
import { KeyedSequences, predictKeyed, withSortedQuery } from "../faults";
import type { Random } from "../random";
import type { ZpaFaultKind, ZpaFaults } from "./config";

export interface ZpaFaultDraw {
    fault: ZpaFaultKind | null;
    /** A faulted write applied before the fault (500, 503 or a drop only). */
    applyFirst: boolean;
    key: string;
    occurrence: number;
}

const EDIT_LOCKS: readonly ZpaFaultKind[] = ["editLock409", "editLock412"];
/** Faults after which the write may still have been applied: the server failed after doing the work. */
const LATE: readonly ZpaFaultKind[] = ["serverError", "unavailable", "drop"];

/** Three draws per request, whatever the outcome, so the arrival sequence's later requests do not shift. */
function draw(f: ZpaFaults, random: Random, isWrite: boolean, capped: boolean): { fault: ZpaFaultKind | null; applyFirst: boolean } {
    const roll = random();
    const which = random();
    const apply = random();
    const eligible = f.kinds.filter((k) => isWrite || !EDIT_LOCKS.includes(k));
    if (capped || roll >= f.rate || eligible.length === 0) return { fault: null, applyFirst: false };
    const fault = eligible[Math.floor(which * eligible.length)];
    return { fault, applyFirst: isWrite && LATE.includes(fault) && apply < f.applyBeforeFaultShare };
}

/** The ZPA emulator's per-key sequences are its own: salted apart from the ISC emulator's. */
const SALT = "zpa\n";

/** The faults the per-key sequence gives the first `count` requests of `key` (the seed: `f.seed` when set). */
export function zpaKeyedFaults(seed: number, f: ZpaFaults, key: string, count: number): Array<ZpaFaultKind | null> {
    const options = { seed: f.seed ?? seed, maxConsecutive: f.maxConsecutive, salt: SALT };
    return predictKeyed(key, count, options, (random, capped) => draw(f, random, !key.startsWith("GET "), capped)).map((d) => d.fault);
}

/** One request as its key sees it: `collection` is "segmentGroup" or "application", `id` the object's when named. */
export interface ZpaKeyedRequest {
    method: string;
    version: string;
    collection: string;
    id?: string;
    query: URLSearchParams;
    body: unknown;
}

export class ZpaFaultInjector {
    private readonly sequences = new KeyedSequences();
    private readonly createdAs = new Map<string, string>();

    /** Every key starts again from its first request (after a reset, and when the faults change). */
    restart(): void {
        this.sequences.clear();
    }

    forgetObjects(): void {
        this.createdAs.clear();
    }

    noteObject(collection: string, id: string, name: string): void {
        this.createdAs.set(`${collection}/${id}`, name);
    }

    /** `METHOD version /collection[/name="..." or /id=...][ name="..."][?sorted query]`, microtenantId included. */
    key(r: ZpaKeyedRequest): string {
        let key = `${r.method} ${r.version} /${r.collection}`;
        if (r.id !== undefined) {
            const name = this.createdAs.get(`${r.collection}/${r.id}`);
            key += name !== undefined ? `/name=${JSON.stringify(name)}` : `/id=${r.id}`;
        } else if (r.method === "POST") {
            const name = typeof r.body === "object" && r.body !== null && "name" in r.body ? (r.body as { name: unknown }).name : undefined;
            key += ` name=${JSON.stringify(name ?? null)}`;
        }
        return withSortedQuery(key, r.query);
    }

    draw(f: ZpaFaults, seed: number, arrival: Random, r: ZpaKeyedRequest): ZpaFaultDraw {
        const key = this.key(r);
        const options = { sequence: f.sequence, seed: f.seed ?? seed, maxConsecutive: f.maxConsecutive, salt: SALT };
        const { drawn, occurrence } = this.sequences.next(key, options, arrival, (random, capped) => draw(f, random, r.method !== "GET", capped));
        return { ...drawn, key, occurrence };
    }
}
