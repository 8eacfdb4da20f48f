/**
 * create / read / update / delete for any ISC resource, given its definition. Every step tolerates ISC's
 * eventual consistency and never leaves an object the state does not know about.
 */
import { isIscOutcomeUnknownError } from "../client";
import type { ServerObject } from "../resources";
import { clockOf, type LifecycleContext } from "./context";
import type { Props } from "./definition";
import { describe, IscAdoptConflictError, IscDeletedOutsidePulumiError, IscPartialCreateError, IscResourceError } from "./errors";
import { isStale, lastWriteTime, noteWrite, pollUntil, withinPropagationWindow } from "./propagation";
import { patchToDesired, readCurrent } from "./update";

export type { LifecycleContext } from "./context";
export { repeatSafePlan } from "./update";

/** How often a POST whose outcome stayed unknown is tried again after looking for its object. */
const MAX_CREATE_ATTEMPTS = 3;
/**
 * A server clock may run behind ours: an object created by our POST can carry a `created` stamp slightly
 * before the moment we sent it.
 */
const CLOCK_SKEW_MS = 5 * 60_000;
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

export async function create(ctx: LifecycleContext, inputs: Props): Promise<{ id: string; outs: Props }> {
    const name = nameOf(inputs);
    if (typeof inputs.adoptId === "string" && inputs.adoptId !== "") return adopt(ctx, inputs, inputs.adoptId);
    if (ctx.adoptOnCreate) {
        const left = await leftBehind(ctx, inputs);
        if (left) return { id: left.id, outs: ctx.def.outputs(left, inputs) };
    }
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
                throw new IscResourceError(
                    ctx.def.label,
                    name,
                    undefined,
                    `create (after ${attempt} attempts whose outcome stayed unknown, and no such object found)`,
                    e,
                );
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
 * Of `listed`, the object that may be this resource's: the declared name, every declared field equal (the
 * definition's diff finds no change), not claimed by another resource of this run, and, when `since` is given,
 * created no earlier than that (less a clock-skew allowance); the earliest such. It is claimed before this returns
 * (no await in between), so two resources declaring the same object never both take one.
 */
function claimMatch(ctx: LifecycleContext, listed: ServerObject[], inputs: Props, since?: number): ServerObject | undefined {
    const name = nameOf(inputs);
    const match = listed
        .filter(
            (o) =>
                o.name === name &&
                !claims.has(claimKey(ctx, o.id)) &&
                (since === undefined || createdAt(o) >= since - CLOCK_SKEW_MS) &&
                ctx.def.diff(ctx.def.outputs(o, inputs), inputs).changedFields.length === 0,
        )
        // The earliest match is the likeliest to be ours: any later one was made by someone else after us.
        .sort((a, b) => createdAt(a) - createdAt(b))[0];
    if (match) claims.set(claimKey(ctx, match.id), describe(ctx.def.label, name, undefined));
    return match;
}

/**
 * isc:adoptOnCreate, for the run after a `pulumi up` that was killed (a CI job's timeout) while creates were under
 * way: a POST the killed run sent may have created its object, but Pulumi recorded no id for it (a pending create,
 * which `pulumi refresh --clear-pending-creates` drops), so this run would create it again. With the setting on,
 * a create first looks in the collection (one list walk a run, shared by every create: client/snapshots.ts) for an object
 * with the declared name and fields that no resource of this run holds, and takes it over instead: no POST, and a
 * warning naming it. An object the killed run made and that differs from the declaration (the program changed in
 * between) is not recognised and is created again. Only what this run created or took over counts as held: a
 * program that declares two identical objects (same name, same fields) must not turn the setting on.
 */
async function leftBehind(ctx: LifecycleContext, inputs: Props): Promise<ServerObject | undefined> {
    const name = nameOf(inputs);
    if (name === undefined) return undefined;
    let listed: ServerObject[];
    try {
        listed = await ctx.api.listAll();
    } catch (e) {
        // Creating without having looked could duplicate the very object the setting is there to find.
        throw new IscResourceError(ctx.def.label, name, undefined, "create (isc:adoptOnCreate: listing the collection to look for an existing object)", e);
    }
    const match = claimMatch(ctx, listed, inputs);
    if (match) {
        ctx.warn?.(
            `${describe(ctx.def.label, name, match.id)}: took over the existing object with the declared name and fields instead of creating another (isc:adoptOnCreate)`,
        );
    }
    return match;
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
    const found = await pollUntil(
        deadline,
        async () => {
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
            return claimMatch(ctx, listed, inputs, sentAt);
        },
        clockOf(ctx),
    );
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
        throw new IscResourceError(
            ctx.def.label,
            name,
            id,
            "adopt",
            new Error(`no ${ctx.def.label} with id "${id}" exists at ${ctx.api.basePath}: check adoptId`),
        );
    }
    // From here the object is in the state (as a partial create at worst), so the claim stays.
    try {
        const updated = await patchToDesired(ctx, id, server, inputs);
        return { id, outs: ctx.def.outputs(updated, inputs) };
    } catch (e) {
        throw new IscPartialCreateError(
            ctx.def.label,
            name,
            id,
            ctx.def.outputs(server, inputs),
            "adopt (patching the existing object to its declared state)",
            e,
        );
    }
}

export async function read(ctx: LifecycleContext, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
    const clock = clockOf(ctx);
    const deadline = clock.now() + ctx.propagationTimeoutMs;
    const recent = () => withinPropagationWindow(lastWriteTime(id, props), ctx.propagationTimeoutMs, clock.now());
    let server: ServerObject | undefined;
    try {
        server = await ctx.api.read(id);
        if ((!server || isStale(server, props)) && recent()) {
            // Just written by us: a missing or older object is a lagging replica, not the truth yet.
            server =
                (await pollUntil(
                    deadline,
                    async () => {
                        const s = await ctx.api.get(id);
                        return s && !isStale(s, props) ? s : undefined;
                    },
                    clock,
                )) ?? server;
        }
    } catch (e) {
        throw new IscResourceError(ctx.def.label, nameOf(props), id, "read", e);
    }
    if (!server) return {};
    return { id, props: ctx.def.outputs(server, props), inputs: ctx.def.inputsFromServer(server, props) };
}

/**
 * Brings the object to the declared state `news`. `olds` (the state's outputs) may predate changes made in the ISC UI
 * since the last refresh, and Pulumi's diff of them against the program names only the fields the program edited: the
 * patch is planned from the object as the server holds it now (readCurrent: one read, from the run's list snapshot or
 * a GET) against every declared field, and the outputs are the server's object after the patch, so the next preview
 * (olds = these outputs) is clean.
 */
export async function update(ctx: LifecycleContext, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
    try {
        const current = await readCurrent(ctx, id, olds);
        if (current === "gone") throw new IscDeletedOutsidePulumiError(new Error(`GET ${ctx.api.basePath}/${id} answered 404 before the PATCH`));
        const server = await patchToDesired(ctx, id, current, news);
        return { outs: ctx.def.outputs(server, news) };
    } catch (e) {
        throw new IscResourceError(ctx.def.label, nameOf(news), id, "update", e);
    }
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
