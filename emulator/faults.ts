/**
 * Fault injection: which fault, if any, an API request gets.
 *
 * Two sequences (`faults.sequence`):
 * - "arrival": one seeded generator drawn in the order requests arrive. Reproducible for sequential clients;
 *   with concurrent requests, which request gets which fault depends on timing (a storm, for benchmarks).
 * - "per-key": each request's fault is a function of (seed, the request's key, how many requests of that key came
 *   before it since the sequences last restarted), so each object's fault sequence is the same whatever the
 *   interleaving of other objects' requests (for tests).
 *
 * A request's key never depends on timing: an object is named by the name it was created with (ids are handed
 * out in creation order, so with concurrent creates an id depends on timing), a create by the name in its body,
 * a list by its path and query. `maxConsecutive` caps the faults in a row on one key, in either sequence.
 */
import * as crypto from "crypto";
import type { Faults, RequestLogEntry } from "./config";
import { Random, seeded } from "./random";
import type { Route } from "./routes";
import type { Kind } from "./store";

export type FaultSequence = "arrival" | "per-key";
export const FAULT_SEQUENCES: readonly FaultSequence[] = ["arrival", "per-key"];

export type Fault = RequestLogEntry["fault"];

export interface FaultDraw {
    fault: Fault;
    /** A faulted write applied before the fault: the client sees an error, the tenant changed. */
    applyFirst: boolean;
    /** The request's key, and which request of that key this is (1 for the first since the last restart). */
    key: string;
    occurrence: number;
}

/** One request as its key sees it. `body` is the parsed JSON body (or text, or null). */
export interface KeyedRequest {
    method: string;
    route: Route;
    query: URLSearchParams;
    body: unknown;
}

/** The fault a roll in [0, 1) picks: spurious 429 first, then 500, then a dropped connection. */
function pick(f: Faults, roll: number): Fault {
    if (roll < f.rateLimitRate) return "rate-limit";
    if (roll < f.rateLimitRate + f.serverErrorRate) return "error";
    if (roll < f.rateLimitRate + f.serverErrorRate + f.dropRate) return "drop";
    return null;
}

/** `capped`: this request may not be faulted (the key has had `maxConsecutive` faults in a row). */
function draw(f: Faults, random: Random, isWrite: boolean, capped: boolean): { fault: Fault; applyFirst: boolean } {
    const roll = random();
    const fault = capped ? null : pick(f, roll);
    const applyFirst = fault !== null && fault !== "rate-limit" && isWrite && random() < f.applyBeforeFaultShare;
    return { fault, applyFirst };
}

/**
 * The generator of one request in the per-key sequence: seeded from (seed, key, occurrence) alone; `salt` keeps
 * another emulator's sequences (the ZPA one's) apart from these.
 */
function keyedRandom(seed: number, key: string, occurrence: number, salt = ""): Random {
    const digest = crypto.createHash("sha256").update(`${salt}${seed}\n${key}\n${occurrence}`).digest();
    return seeded(digest.readUInt32BE(0));
}

/** How a key's draws are made: the sequence, its seed, the cap on faults in a row, the emulator's salt. */
export interface SequenceOptions {
    sequence: FaultSequence;
    seed: number;
    maxConsecutive: number | null;
    salt?: string;
}

/** One draw of a fault, from a generator, with no fault allowed when `capped`. */
export type DrawOne<D extends { fault: unknown }> = (random: Random, capped: boolean) => D;

/**
 * Per key, how many requests came and how many of the last ones were faulted in a row: the bookkeeping of both
 * sequences (arrival and per-key) and of `maxConsecutive`, shared by the ISC and ZPA emulators.
 */
export class KeyedSequences {
    private readonly keys = new Map<string, { occurrences: number; inARow: number }>();

    /** Every key starts again from its first request. */
    clear(): void {
        this.keys.clear();
    }

    /** The next request of `key`: drawn from its per-key generator, or from `arrival` in the arrival sequence. */
    next<D extends { fault: unknown }>(key: string, o: SequenceOptions, arrival: Random, drawOne: DrawOne<D>): { drawn: D; occurrence: number } {
        const state = this.keys.get(key) ?? { occurrences: 0, inARow: 0 };
        state.occurrences++;
        const capped = o.maxConsecutive !== null && state.inARow >= o.maxConsecutive;
        const d = drawOne(o.sequence === "per-key" ? keyedRandom(o.seed, key, state.occurrences, o.salt) : arrival, capped);
        state.inARow = d.fault === null ? 0 : state.inARow + 1;
        this.keys.set(key, state);
        return { drawn: d, occurrence: state.occurrences };
    }
}

/** What the per-key sequence gives the first `count` requests of `key`: what a test can predict from the log. */
export function predictKeyed<D extends { fault: unknown }>(key: string, count: number, o: Omit<SequenceOptions, "sequence">, drawOne: DrawOne<D>): D[] {
    const sequences = new KeyedSequences();
    const never = (): number => {
        throw new Error("the per-key sequence draws no arrival number");
    };
    return Array.from({ length: count }, () => sequences.next(key, { ...o, sequence: "per-key" }, never, drawOne).drawn);
}

/** A key with the request's query appended, its parameters sorted (so their order never changes the key). */
export function withSortedQuery(key: string, query: URLSearchParams): string {
    const sorted = new URLSearchParams(query);
    sorted.sort();
    const q = sorted.toString();
    return q === "" ? key : `${key}?${q}`;
}

function isWriteKey(key: string): boolean {
    return !key.startsWith("GET ");
}

/**
 * The faults the per-key sequence gives the first `count` requests of `key` under `f` and `seed` (the emulator's
 * seed unless `f.seed` is set): what a test can predict, and compare with the request log.
 */
export function keyedFaults(seed: number, f: Faults, key: string, count: number): Array<{ fault: Fault; applyFirst: boolean }> {
    return predictKeyed(key, count, { seed: f.seed ?? seed, maxConsecutive: f.maxConsecutive }, (random, capped) => draw(f, random, isWriteKey(key), capped));
}

function digestOf(value: unknown): string {
    return crypto
        .createHash("sha256")
        .update(JSON.stringify(value) ?? "")
        .digest("hex")
        .slice(0, 16);
}

/**
 * The state of fault injection: per key, how many requests came and how many of the last ones were faulted in a
 * row; and the name each object was created with, by id, so requests naming an id get a key without it.
 */
export class FaultInjector {
    private readonly sequences = new KeyedSequences();
    private readonly createdAs = new Map<string, string>();

    /** Every key starts again from its first request: after a reset and whenever `faults` is changed. */
    restart(): void {
        this.sequences.clear();
    }

    /** Objects are gone (the tenant was reset or replaced): forget their names. */
    forgetObjects(): void {
        this.createdAs.clear();
    }

    /** An object was created under this name (through the API or the admin API). */
    noteObject(kind: Kind, id: string, name: unknown): void {
        if (typeof name === "string") this.createdAs.set(`${kind}/${id}`, name);
    }

    /** A reference to an object: its creation name when known, else its id (populated objects' ids are fixed). */
    private ref(collection: string, id: string): string {
        const name = this.createdAs.get(`${collection}/${id}`);
        return name !== undefined ? `name=${JSON.stringify(name)}` : `id=${id}`;
    }

    /** The request's key: `METHOD /version/collection[/object[/sub]][?sorted query][ body]`; no id of ours, no time. */
    key(r: KeyedRequest): string {
        const { method, route } = r;
        let key = `${method} /${route.version}/${route.collection}`;
        const body = r.body;
        if (route.collection === "access-profiles" && route.id === "bulk-delete" && route.sub === undefined) {
            const ids =
                typeof body === "object" && body !== null && "accessProfileIds" in body ? (body as { accessProfileIds: unknown }).accessProfileIds : undefined;
            const refs = Array.isArray(ids)
                ? ids.map((id) => (typeof id === "string" ? this.ref(route.collection, id) : JSON.stringify(id))).sort()
                : undefined;
            key += `/bulk-delete ${refs ? `[${refs.join(", ")}]` : `body=${digestOf(body)}`}`;
        } else if (route.id !== undefined) {
            key += `/${this.ref(route.collection, route.id)}${route.sub !== undefined ? `/${route.sub}` : ""}`;
        } else if (method !== "GET" && body !== null) {
            const name = typeof body === "object" && !Array.isArray(body) && "name" in body ? (body as { name: unknown }).name : undefined;
            key += typeof name === "string" ? ` name=${JSON.stringify(name)}` : ` body=${digestOf(body)}`;
        }
        return withSortedQuery(key, r.query);
    }

    /**
     * The fault for one request that reached the fault point (authenticated, under the rate limit). `arrival` is
     * the emulator's generator for the arrival sequence; `seed` its seed (unless `f.seed` is set).
     */
    draw(f: Faults, seed: number, arrival: Random, r: KeyedRequest): FaultDraw {
        const key = this.key(r);
        const options = { sequence: f.sequence, seed: f.seed ?? seed, maxConsecutive: f.maxConsecutive };
        const { drawn, occurrence } = this.sequences.next(key, options, arrival, (random, capped) => draw(f, random, r.method !== "GET", capped));
        return { ...drawn, key, occurrence };
    }
}
