/**
 * create / read / update / delete for any ISC resource, given its definition. Every step tolerates ISC's
 * eventual consistency and never leaves an object the state does not know about.
 */
import type { Operation } from "fast-json-patch";
import { isIscApiError, isIscOutcomeUnknownError } from "../client";
import { CollectionApi, ServerObject } from "./api";
import { Props, ResourceDefinition } from "./definition";
import { describe, IscAdoptConflictError, IscDeletedOutsidePulumiError, IscPartialCreateError, IscResourceError, messageOf } from "./errors";
import { Clock, isNewer, isStale, lastWriteTime, noteWrite, pollUntil, systemClock, withinPropagationWindow } from "./propagation";

export interface LifecycleContext {
    def: ResourceDefinition;
    api: CollectionApi;
    propagationTimeoutMs: number;
    /** Time and waiting; the system's unless a test injects a virtual clock. */
    clock?: Clock;
}

/** How often a POST whose outcome stayed unknown is tried again after looking for its object. */
const MAX_CREATE_ATTEMPTS = 3;
/**
 * A server clock may run behind ours: an object created by our POST can carry a `created` stamp slightly
 * before the moment we sent it.
 */
const CLOCK_SKEW_MS = 5 * 60_000;
/** How often an update re-reads the object and plans again after a refused guard or an unknown outcome. */
const MAX_REPLANS = 4;
/**
 * Objects created or adopted by this process (one host process serves every resource of a deployment), by id,
 * with the resource that claimed each: two resources must not manage one object. Pulumi does not pass a
 * dynamic provider the resource's own name, so a resource is described by its kind's label and declared name.
 */
const claims = new Map<string, string>();

/** The key of an object in `claims`: ids are unique within a collection only. */
function claimKey(ctx: LifecycleContext, id: string): string {
    return `${ctx.api.basePath}/${id}`;
}

function clockOf(ctx: LifecycleContext): Clock {
    return ctx.clock ?? systemClock;
}

export async function create(ctx: LifecycleContext, inputs: Props): Promise<{ id: string; outs: Props }> {
    const name = nameOf(inputs);
    if (typeof inputs.adoptId === "string" && inputs.adoptId !== "") return adopt(ctx, inputs, inputs.adoptId);
    const body = ctx.def.createBody(inputs);
    for (let attempt = 1; ; attempt++) {
        const sentAt = clockOf(ctx).now();
        try {
            const server = await ctx.api.create(body);
            return created(ctx, server, inputs);
        } catch (e) {
            if (!isIscOutcomeUnknownError(e)) throw new IscResourceError(ctx.def.label, name, undefined, "create", e);
            const found = await recoverCreate(ctx, inputs, sentAt);
            if (found) return created(ctx, found, inputs);
            if (attempt >= MAX_CREATE_ATTEMPTS) {
                throw new IscResourceError(ctx.def.label, name, undefined, `create (after ${attempt} attempts whose outcome stayed unknown, and no such object found)`, e);
            }
        }
    }
}

function created(ctx: LifecycleContext, server: ServerObject, inputs: Props): { id: string; outs: Props } {
    noteWrite(server.id, clockOf(ctx).now());
    claims.set(claimKey(ctx, server.id), describe(ctx.def.label, nameOf(inputs), undefined));
    return { id: server.id, outs: ctx.def.outputs(server, inputs) };
}

/**
 * After a POST whose outcome is unknown (timeout, dropped connection, 5xx after sending), decide whether it
 * created the object before sending another. Our object is recognised by:
 *  - the same name (ISC assigns the id, so the name is all we can search by),
 *  - a `created` stamp no earlier than when we sent the POST (less a clock-skew allowance),
 *  - every declared field equal to what we sent (the definition's diff finds no change),
 *  - not already claimed by another resource in this run.
 * A new object may not be visible at once, so the search is repeated until the propagation timeout.
 */
async function recoverCreate(ctx: LifecycleContext, inputs: Props, sentAt: number): Promise<ServerObject | undefined> {
    const name = nameOf(inputs);
    if (name === undefined) return undefined;
    const deadline = clockOf(ctx).now() + ctx.propagationTimeoutMs;
    let lastError: unknown;
    const found = await pollUntil(deadline, async () => {
        let listed: ServerObject[];
        try {
            listed = await ctx.def.findByName(ctx.api, name);
            lastError = undefined;
        } catch (e) {
            // The look-up itself failed (after the client's own retries): keep looking until the deadline
            // rather than give up and leave a created object behind that no state knows about.
            lastError = e;
            return undefined;
        }
        const candidates = listed.filter(
            (o) =>
                !claims.has(claimKey(ctx, o.id)) &&
                createdAt(o) >= sentAt - CLOCK_SKEW_MS &&
                ctx.def.diff(ctx.def.outputs(o, inputs), inputs).changedFields.length === 0,
        );
        // The earliest match is the likeliest to be ours: any later one was made by someone else after us.
        return candidates.sort((a, b) => createdAt(a) - createdAt(b))[0];
    }, clockOf(ctx));
    if (!found && lastError !== undefined) {
        // We could not look: sending the POST again might duplicate the object, so stop here.
        throw new IscResourceError(ctx.def.label, name, undefined, "create (looking for the object a POST with an unknown outcome may have made)", lastError);
    }
    return found;
}

async function adopt(ctx: LifecycleContext, inputs: Props, id: string): Promise<{ id: string; outs: Props }> {
    const name = nameOf(inputs);
    const me = describe(ctx.def.label, name, undefined);
    const key = claimKey(ctx, id);
    const holder = claims.get(key);
    if (holder !== undefined) {
        // Checked and claimed before the first await, so of two concurrent adopts exactly one goes ahead.
        throw new IscResourceError(ctx.def.label, name, id, "adopt", new IscAdoptConflictError(id, me, holder));
    }
    claims.set(key, me);
    let server: ServerObject | undefined;
    try {
        // Adopting a whole tenant reads hundreds of objects at once: from the run's list snapshot, like a refresh.
        server = await ctx.api.read(id);
    } catch (e) {
        claims.delete(key);
        throw new IscResourceError(ctx.def.label, name, id, "adopt (reading the existing object)", e);
    }
    if (!server) {
        claims.delete(key);
        throw new IscResourceError(ctx.def.label, name, id, "adopt", new Error(`no ${ctx.def.label} with id "${id}" exists at ${ctx.api.basePath}: check adoptId`));
    }
    // From here the object is in the state (as a partial create at worst), so the claim stays.
    try {
        const updated = await patchToDesired(ctx, id, server, inputs);
        return { id, outs: ctx.def.outputs(updated, inputs) };
    } catch (e) {
        throw new IscPartialCreateError(ctx.def.label, name, id, ctx.def.outputs(server, inputs), "adopt (patching the existing object to its declared state)", e);
    }
}

export async function read(
    ctx: LifecycleContext,
    id: string,
    props: Props,
): Promise<{ id?: string; props?: Props; inputs?: Props }> {
    const clock = clockOf(ctx);
    const deadline = clock.now() + ctx.propagationTimeoutMs;
    const recent = () => withinPropagationWindow(lastWriteTime(id, props), ctx.propagationTimeoutMs, clock.now());
    let server: ServerObject | undefined;
    try {
        server = await ctx.api.read(id);
        if ((!server || isStale(server, props)) && recent()) {
            // Just written by us: a missing or older object is a lagging replica, not the truth yet.
            server = await pollUntil(deadline, async () => {
                const s = await ctx.api.get(id);
                return s && !isStale(s, props) ? s : undefined;
            }, clock) ?? server;
        }
    } catch (e) {
        throw new IscResourceError(ctx.def.label, nameOf(props), id, "read", e);
    }
    if (!server) return {};
    return { id, props: ctx.def.outputs(server, props), inputs: ctx.def.inputsFromServer(server, props) };
}

export async function update(ctx: LifecycleContext, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
    try {
        const server = await patchToDesired(ctx, id, olds, news);
        return { outs: ctx.def.outputs(server, news) };
    } catch (e) {
        throw new IscResourceError(ctx.def.label, nameOf(news), id, "update", e);
    }
}

/**
 * Sends the minimal patch from `current` (state outputs or a fresh read) to `desired`. When the patch was
 * planned against a stale view, the `test` guards in it make the server refuse it whole; then the object is
 * read again and the patch re-planned (a few times at most).
 *
 * A patch whose outcome is unknown (dropped connection, timeout, 5xx) may have been applied. ISC's reads lag
 * behind its writes, so a read taken right after may still show the object as it was before that patch, and a
 * patch re-planned from it would repeat the patch: `add /entitlements/-` twice, which ISC refuses ("each
 * entitlement may appear once") or, on a set it does not check, applies twice. So, after an unknown outcome or
 * a refused guard:
 *  1. the object is read until the read is a later version than the one the patch was planned against (its
 *     `modified` is later: an applied patch moves it) or shows the declared state already, or until the
 *     propagation deadline (see readAfterWrite);
 *  2. after an unknown outcome, the re-plan uses only operations that are safe to repeat (repeatSafePlan): a set
 *     changed element by element is written whole instead (`replace /entitlements [...]`), and every other
 *     operation the planner makes already is a `replace` of a field. Whatever the read missed, applying such a
 *     patch once or twice leaves the declared state.
 * Step 2 is needed even when step 1 saw a later version: a version later than the plan's basis is not
 * necessarily one that includes our write (the state may predate a change made in the UI, whose version is
 * later than the state and earlier than our patch), and if the patch was not applied (a 5xx before the write)
 * no later version ever comes, so the wait ends at the deadline with the old version.
 * The alternative, `test` guards on the whole set before each `add .../-`, was not chosen: RFC 6902 cannot test
 * a list's length or an element's absence, and a `test` of the whole list compares the server's internal form
 * with what a GET shows (names filled in, for instance), which ISC does not document to be equal: a guard that
 * never passes would make every recovery fail.
 */
async function patchToDesired(ctx: LifecycleContext, id: string, current: Props, desired: Props): Promise<ServerObject> {
    const clock = clockOf(ctx);
    let basis: Props = current;
    let ops = ctx.def.plan(basis, desired);
    if (ops.length === 0) return { ...current, id } as ServerObject;
    const deadline = clock.now() + ctx.propagationTimeoutMs;
    let replans = 0;
    /** Some patch of this update had an unknown outcome: from then on every re-plan is safe to repeat. */
    let mayHaveApplied = false;
    for (;;) {
        try {
            const server = await ctx.api.patch(id, ops);
            noteWrite(id, clock.now());
            return server;
        } catch (e) {
            if (isIscApiError(e) && e.status === 404) {
                // Right after our own create (or write), a replica may not know the object yet: wait for it.
                const recent = withinPropagationWindow(lastWriteTime(id, current), ctx.propagationTimeoutMs, clock.now());
                if (recent && clock.now() < deadline) {
                    await pollUntil(Math.min(deadline, clock.now() + 2000), async () => ((await ctx.api.get(id)) ? true : undefined), clock);
                    continue;
                }
                throw new IscDeletedOutsidePulumiError(e);
            }
            const guardFailed = isIscApiError(e) && e.status === 400 && ops.some((op) => op.op === "test");
            const unknown = isIscOutcomeUnknownError(e);
            if (!(guardFailed || unknown) || replans >= MAX_REPLANS) throw e;
            replans++;
            if (unknown) {
                mayHaveApplied = true;
                // It may have been applied: a stale read or a 404 soon after is propagation, not the truth.
                noteWrite(id, clock.now());
            }
            const fresh = await readAfterWrite(ctx, id, basis, desired, deadline, unknown ? undefined : ops);
            if (fresh === "gone") {
                throw new IscDeletedOutsidePulumiError(new Error(`GET ${ctx.api.basePath}/${id} answered 404 after the PATCH failed (${messageOf(e)})`));
            }
            ops = mayHaveApplied ? repeatSafePlan(ctx.def, fresh, desired) : ctx.def.plan(fresh, desired);
            if (ops.length === 0) return fresh;
            basis = fresh;
        }
    }
}

/**
 * A read of the object at least as new as the patch just tried, as far as ISC lets us tell: polls until the
 * object's `modified` is later than `basis`'s (the version the patch was planned against), or it already holds
 * the declared state without being older than `basis`, or the deadline passes (then the last read, which the
 * caller re-plans from with repeat-safe or guarded operations only). After a refused guard (`refused`: the
 * patch the server refused, so applied nothing), a read of the same version as `basis` that plans a different
 * patch is taken too: the basis was not the server's view of that version (state outputs, say). "gone": ISC says
 * the object does not exist, and not just after our own write.
 */
async function readAfterWrite(
    ctx: LifecycleContext,
    id: string,
    basis: Props,
    desired: Props,
    deadline: number,
    refused?: Operation[],
): Promise<ServerObject | "gone"> {
    const clock = clockOf(ctx);
    let last: ServerObject | undefined;
    const found = await pollUntil<ServerObject | "gone">(deadline, async () => {
        const s = await ctx.api.get(id);
        if (!s) return withinPropagationWindow(lastWriteTime(id, basis), ctx.propagationTimeoutMs, clock.now()) ? undefined : "gone";
        last = s;
        const newer = isNewer(s, basis);
        // Without stamps we cannot tell; the re-plan is safe either way.
        if (newer !== false) return s;
        if (isStale(s, basis)) return undefined;
        const plan = ctx.def.plan(s, desired);
        if (plan.length === 0) return s;
        return refused && JSON.stringify(plan) !== JSON.stringify(refused) ? s : undefined;
    }, clock);
    return found ?? last ?? "gone";
}

/**
 * The patch from `fresh` to `desired` using only operations that leave the declared state however often they
 * are applied, whatever version of the object `fresh` is: a set the planner changes element by element (append
 * with `/-`, remove by index after a `test`) is written whole with one `replace` instead. The planner's other
 * operations are already repeat-safe: `replace` (or `add` of a missing member) of a top-level field.
 */
export function repeatSafePlan(def: ResourceDefinition, fresh: Props, desired: Props): Operation[] {
    const ops = def.plan(fresh, desired);
    const elementwise = new Set<string>();
    for (const op of ops) {
        const m = /^\/([^/]+)\/(?:\d+|-)(?:\/|$)/.exec(op.path);
        if (m) elementwise.add(m[1]);
    }
    if (elementwise.size === 0) return ops;
    // Planned against no list at all, the planner writes each of these sets whole.
    const base: Props = { ...fresh };
    for (const field of elementwise) base[field] = null;
    const whole = def.plan(base, desired);
    for (const field of elementwise) {
        // No operation: the declared set is empty, which the planner deems equal to no list.
        if (!whole.some((op) => op.path === `/${field}`)) whole.push({ op: "replace", path: `/${field}`, value: [] });
    }
    return whole;
}

export async function remove(ctx: LifecycleContext, id: string, props: Props): Promise<void> {
    const clock = clockOf(ctx);
    const deadline = clock.now() + ctx.propagationTimeoutMs;
    try {
        for (;;) {
            if (await ctx.api.delete(id)) break;
            // 404. Right after our own create this is a replica that has not seen the object yet: deleting
            // "nothing" then would leave the object behind. Otherwise the object is already gone.
            if (!withinPropagationWindow(lastWriteTime(id, props), ctx.propagationTimeoutMs, clock.now()) || clock.now() >= deadline) break;
            await clock.sleep(500);
        }
        claims.delete(claimKey(ctx, id));
    } catch (e) {
        throw new IscResourceError(ctx.def.label, nameOf(props), id, "delete", e);
    }
}

function nameOf(props: Props): string | undefined {
    return typeof props.name === "string" ? props.name : undefined;
}

function createdAt(o: ServerObject): number {
    const t = typeof o.created === "string" ? Date.parse(o.created) : NaN;
    return Number.isNaN(t) ? 0 : t;
}
