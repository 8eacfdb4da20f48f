/**
 * An in-memory ISC access-profile collection (FakeIsc) for the lifecycle's unit tests, whose reads can lag behind
 * its writes and whose answers can be lost or refused, on a virtual clock (no test waits for real time), and the
 * helpers the tests share.
 */
import { applyPatch, deepClone, Operation } from "fast-json-patch";
import { IscApiError, IscOutcomeUnknownError } from "../../provider/src/client";
import type { CollectionApi, ServerObject } from "../../provider/src/provider/api";
import type { LifecycleContext } from "../../provider/src/provider/lifecycle";
import type { Clock } from "../../provider/src/provider/propagation";
import { definitionOf } from "../../provider/src/provider/registry";

const def = definitionOf("accessProfile");

export type Props = Record<string, unknown>;

export const TIMEOUT_MS = 10_000;
export const BASE = "/v3/access-profiles";

/** Object ids are unique across the tests: the lifecycle remembers ids (claims, own writes) in module memory. */
let nextId = 0;

/** A virtual clock: `sleep` moves time on at once. */
export class VirtualClock implements Clock {
    t = Date.parse("2026-03-01T00:00:00.000Z");
    slept = 0;
    now(): number {
        return this.t;
    }
    async sleep(ms: number): Promise<void> {
        this.t += ms;
        this.slept += ms;
    }
    stamp(): string {
        this.t += 1; // every write gets a later stamp
        return new Date(this.t).toISOString();
    }
}

export interface Call {
    method: string;
    id?: string;
    ops?: Operation[];
}

/** What the next PATCH (or POST) suffers: its answer lost after applying, or before applying. */
export type Fault = "applied-then-lost" | "lost-unapplied";

/**
 * One access-profile collection. Every write keeps the previous version, so that `staleReads` GETs can still
 * answer with the version before the latest write (as a lagging ISC replica does).
 */
export class FakeIsc {
    readonly basePath = BASE;
    readonly calls: Call[] = [];
    private readonly history = new Map<string, Array<ServerObject | null>>();
    /** How many of the next GETs answer with the version before the latest write. */
    staleReads = 0;
    /** How many of the next GETs answer 404 (a replica that has not seen a new object). */
    missingReads = 0;
    /** How many of the next PATCHes answer 404 although the object exists (same). */
    missingPatches = 0;
    /** How many of the next DELETEs answer 404 although the object exists (same). */
    missingDeletes = 0;
    patchFaults: Fault[] = [];
    createFaults: Fault[] = [];
    /** The look-up by name after a lost POST fails. */
    listFails = false;
    /** How many of the next refresh reads (`read`) fail. */
    readFailures = 0;
    /** Answers for the next PATCHes, sent instead of applying them. */
    patchRefusals: IscApiError[] = [];
    /** A tenant that refuses RFC 6902 `test` operations: any PATCH carrying one is a 400. */
    refuseTests = false;
    /**
     * GETs show the sets in reverse order: a replica that orders them otherwise than the server applies a PATCH's
     * indexes (ISC does not document the two to be one order).
     */
    readsReversed = false;
    /** Validation of a patched object: a message refuses the PATCH (400) with that message. */
    rules: Array<(next: ServerObject) => string | undefined> = [];
    private answers = 0;

    constructor(readonly clock: VirtualClock) {}

    asApi(): CollectionApi {
        return this as unknown as CollectionApi;
    }

    /** The object as it is now (no lag). */
    current(id: string): ServerObject | undefined {
        const h = this.history.get(id);
        return h?.[h.length - 1] ?? undefined;
    }

    /** Puts an object directly, as if made long ago (no lag, not our write). */
    seed(body: Props): ServerObject {
        const id = (++nextId).toString(16).padStart(32, "0");
        const old = "2025-01-01T00:00:00.000Z";
        const obj: ServerObject = normalize({ ...body, id, created: old, modified: old });
        this.history.set(id, [obj]);
        return deepClone(obj) as ServerObject;
    }

    /** Changes an object behind Pulumi's back (as in the ISC UI): a new version, which `staleReads` GETs do not show yet. */
    changeOutside(id: string, fields: Props): void {
        this.history.get(id)!.push(normalize({ ...this.current(id)!, ...fields, modified: this.clock.stamp() }));
    }

    /** Deletes an object behind Pulumi's back. */
    deleteOutside(id: string): void {
        this.history.get(id)?.push(null);
    }

    async get(id: string): Promise<ServerObject | undefined> {
        this.calls.push({ method: "GET", id });
        const h = this.history.get(id);
        if (!h) return undefined;
        if (this.missingReads > 0) {
            this.missingReads--;
            return undefined;
        }
        let v = h[h.length - 1];
        if (this.staleReads > 0 && h.length > 1) {
            this.staleReads--;
            v = h[h.length - 2];
        }
        if (!v) return undefined;
        const shown = deepClone(v) as ServerObject;
        if (this.readsReversed) for (const [k, x] of Object.entries(shown)) if (Array.isArray(x)) shown[k] = [...x].reverse();
        return shown;
    }

    async read(id: string): Promise<ServerObject | undefined> {
        if (this.readFailures > 0) {
            this.readFailures--;
            throw new IscApiError(503, "GET", `${BASE}/${id}`, { messages: ["Service Unavailable"] });
        }
        return this.get(id);
    }

    async list(): Promise<ServerObject[]> {
        this.calls.push({ method: "LIST" });
        if (this.listFails) throw new IscApiError(503, "GET", BASE, { messages: ["Service Unavailable"] });
        return [...this.history.keys()]
            .map((id) => this.current(id))
            .filter((o): o is ServerObject => o !== undefined)
            .map((o) => deepClone(o) as ServerObject);
    }

    async create(body: Props): Promise<ServerObject> {
        this.calls.push({ method: "POST" });
        const fault = this.createFaults.shift();
        if (fault === "lost-unapplied") throw new IscOutcomeUnknownError("POST", BASE, "the connection was dropped");
        const id = (++nextId).toString(16).padStart(32, "0");
        const at = this.clock.stamp();
        const obj = normalize({ ...body, id, created: at, modified: at });
        this.history.set(id, [obj]);
        if (fault === "applied-then-lost") throw new IscOutcomeUnknownError("POST", BASE, "the connection was dropped");
        return deepClone(obj) as ServerObject;
    }

    async patch(id: string, ops: Operation[]): Promise<ServerObject> {
        this.calls.push({ method: "PATCH", id, ops: deepClone(ops) as Operation[] });
        const path = `${BASE}/${id}`;
        const refusal = this.patchRefusals.shift();
        if (refusal) throw refusal;
        const obj = this.current(id);
        if (!obj || this.missingPatches > 0) {
            if (obj) this.missingPatches--;
            throw new IscApiError(404, "PATCH", path, { detailCode: "404 Not found", messages: [`No access profile with id ${id}.`] });
        }
        if (this.refuseTests && ops.some((o) => o.op === "test")) throw this.refusal(path, "400.1 Bad Request Content", "Unsupported operation: test");
        const fault = this.patchFaults.shift();
        if (fault === "lost-unapplied") throw new IscOutcomeUnknownError("PATCH", path, "the connection was dropped");
        let next: ServerObject;
        try {
            next = applyPatch(deepClone(obj) as ServerObject, deepClone(ops) as Operation[], true, true).newDocument;
        } catch (e) {
            throw new IscApiError(400, "PATCH", path, {
                detailCode: "400.1 Bad Request Content",
                messages: [`The patch was refused: ${(e as Error).message.split("\n")[0]}`],
            });
        }
        const ents = ((next.entitlements ?? []) as Array<{ id: string }>).map((x) => x.id);
        if (new Set(ents).size !== ents.length) {
            throw new IscApiError(400, "PATCH", path, { detailCode: "400.1.3 Illegal value", messages: ["entitlements: each entitlement may appear once"] });
        }
        for (const rule of this.rules) {
            const broken = rule(next);
            if (broken !== undefined) throw this.refusal(path, "400.1.3 Illegal value", broken);
        }
        next = normalize({ ...next, modified: this.clock.stamp() });
        this.history.get(id)!.push(next);
        if (fault === "applied-then-lost") throw new IscOutcomeUnknownError("PATCH", path, "the connection was dropped");
        return deepClone(next) as ServerObject;
    }

    async delete(id: string): Promise<boolean> {
        this.calls.push({ method: "DELETE", id });
        if (!this.current(id)) return false;
        if (this.missingDeletes > 0) {
            this.missingDeletes--;
            return false;
        }
        this.history.get(id)!.push(null);
        return true;
    }

    /** A 400 in ISC's form, with a trackingId of its own. */
    refusal(path: string, detailCode: string, message: string): IscApiError {
        const trackingId = `tracking-${++this.answers}`;
        return new IscApiError(400, "PATCH", path, { detailCode, messages: [message], trackingId });
    }

    patches(): Operation[][] {
        return this.calls.filter((c) => c.method === "PATCH").map((c) => c.ops!);
    }
}

/** Stored form: references carry a name, as ISC fills it in. */
export function normalize(o: ServerObject): ServerObject {
    const ents = Array.isArray(o.entitlements)
        ? (o.entitlements as Array<{ id: string }>).map((e) => ({ type: "ENTITLEMENT", id: e.id, name: `Entitlement ${e.id}` }))
        : [];
    return { segments: [], enabled: false, requestable: true, description: null, ...o, entitlements: ents };
}

export const OWNER = { type: "IDENTITY", id: "a".repeat(32) };
export const SOURCE = { type: "SOURCE", id: "b".repeat(32) };
export const E = ["e1", "e2", "e3", "e4", "e5"].map((x) => x.repeat(16));
export const ents = (...ids: string[]) => ids.map((id) => ({ type: "ENTITLEMENT", id }));

let counter = 0;
/**
 * A fresh tenant on a virtual clock. Each setup is its own tenant for what the process learns about `test`
 * operations (its own guardKey); `warnings` collects what the lifecycle tells the user.
 */
export function setup(options: Pick<LifecycleContext, "useTestOperations"> = {}): {
    clock: VirtualClock;
    isc: FakeIsc;
    ctx: LifecycleContext;
    name: string;
    warnings: string[];
} {
    const clock = new VirtualClock();
    const isc = new FakeIsc(clock);
    const warnings: string[] = [];
    const n = ++counter;
    const ctx: LifecycleContext = {
        def,
        api: isc.asApi(),
        propagationTimeoutMs: TIMEOUT_MS,
        clock,
        guardKey: `tenant-${n}${BASE}`,
        warn: (m) => warnings.push(m),
        ...options,
    };
    return { clock, isc, ctx, name: `Profile ${n}`, warnings };
}

/** Checked inputs for a profile. */
export function declared(name: string, extra: Props = {}): Props {
    const { inputs, failures } = def.check({}, { name, owner: OWNER, source: SOURCE, entitlements: ents(E[0], E[1]), ...extra });
    expect(failures).toEqual([]);
    return inputs;
}

/** State outputs of an object made long ago (so outside any propagation window). */
export function existing(isc: FakeIsc, name: string, extra: Props = {}): { id: string; outs: Props } {
    const obj = isc.seed({ name, owner: OWNER, source: SOURCE, entitlements: ents(E[0], E[1]), ...extra });
    return { id: obj.id, outs: def.outputs(obj, {}) };
}

export const entIds = (o: ServerObject | undefined) => ((o?.entitlements ?? []) as Array<{ id: string }>).map((e) => e.id).sort();
