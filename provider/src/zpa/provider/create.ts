/**
 * create and adopt for a ZPA object. A POST whose outcome is unknown (the client's ZpaOutcomeUnknownError) is never
 * simply sent again: the collection is searched by name first, and an object with the declared fields created after
 * the POST was sent is taken as ours, so a fault never leaves a duplicate.
 */
import { diff, type Props } from "../../engine";
import { isZpaOutcomeUnknownError } from "../client";
import type { ZpaServerObject } from "../resources";
import { clockOf, getObject, isObject, microtenantQuery, nameOf, objectKey, type ZpaLifecycleContext } from "./context";
import { describe, ZpaAdoptConflictError, ZpaPartialCreateError, ZpaResourceError } from "./errors";
import { serverView } from "./put-plan";
import { createBody, outputsOf } from "./state";
import { putToDesired } from "./update";
import { epochMs, noteWrite, pollUntil } from "./waiting";

/** How often a POST whose outcome stayed unknown is tried again after looking for its object. */
const MAX_CREATE_ATTEMPTS = 3;
/** A server clock may run behind ours (and ZPA's stamps are whole seconds). */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Objects created or adopted by this process, with the resource that claimed each: two resources must not hold one. */
const claims = new Map<string, string>();

export function releaseClaim(ctx: ZpaLifecycleContext, id: string): void {
    claims.delete(objectKey(ctx, id));
}

export async function create(ctx: ZpaLifecycleContext, inputs: Props): Promise<{ id: string; outs: Props }> {
    const label = ctx.desc.schema.label;
    const name = nameOf(inputs);
    if (typeof inputs.adoptId === "string" && inputs.adoptId !== "") return adopt(ctx, inputs, inputs.adoptId);
    const body = createBody(ctx.desc, inputs);
    for (let attempt = 1; ; attempt++) {
        const sentAt = clockOf(ctx).now();
        let server: ZpaServerObject;
        try {
            const res = await ctx.client.request<ZpaServerObject>("POST", ctx.desc.path, { query: microtenantQuery(ctx, inputs), body });
            if (!isObject(res.body) || (typeof res.body.id !== "string" && typeof res.body.id !== "number")) {
                throw new Error(`POST ${ctx.desc.path} answered ${res.status} without the created object's id`);
            }
            server = { ...res.body, id: String(res.body.id) };
        } catch (e) {
            if (!isZpaOutcomeUnknownError(e)) throw new ZpaResourceError(label, name, undefined, "create", e);
            const found = await recoverCreate(ctx, inputs, sentAt);
            if (found) return created(ctx, found, inputs);
            if (attempt >= MAX_CREATE_ATTEMPTS) {
                throw new ZpaResourceError(
                    label,
                    name,
                    undefined,
                    `create (after ${attempt} attempts whose outcome stayed unknown, and no such object found)`,
                    e,
                );
            }
            continue;
        }
        return created(ctx, server, inputs);
    }
}

/**
 * Claims the new object; its outputs are the object the POST answered (or the recovery found): no read-back. A later
 * read that a replica answers 404 or with an older version is waited out by read itself (the write is noted here).
 */
function created(ctx: ZpaLifecycleContext, server: ZpaServerObject, inputs: Props): { id: string; outs: Props } {
    noteWrite(objectKey(ctx, server.id), clockOf(ctx).now());
    claims.set(objectKey(ctx, server.id), describe(ctx.desc.schema.label, nameOf(inputs), undefined));
    return { id: server.id, outs: outputsOf(ctx.desc, server, inputs) };
}

/**
 * After a POST whose outcome is unknown: objects found by `name EQ`, with exactly the declared name, every declared
 * field equal, created no earlier than the POST was sent (less a clock-skew allowance), not claimed by another
 * resource of this run; the earliest such. Searched until the propagation timeout (a new object may not show at once).
 */
async function recoverCreate(ctx: ZpaLifecycleContext, inputs: Props, sentAt: number): Promise<ZpaServerObject | undefined> {
    const name = nameOf(inputs);
    if (name === undefined) return undefined;
    const clock = clockOf(ctx);
    let lastError: unknown;
    const found = await pollUntil(
        clock.now() + ctx.propagationTimeoutMs,
        async () => {
            let listed: ZpaServerObject[];
            try {
                listed = await ctx.client.listAll<ZpaServerObject>(ctx.desc.path, { search: `name EQ ${name}`, ...microtenantQuery(ctx, inputs) });
                lastError = undefined;
            } catch (e) {
                lastError = e;
                return undefined;
            }
            return claimMatch(ctx, listed, inputs, sentAt);
        },
        clock,
    );
    if (!found && lastError !== undefined) {
        // We could not look: sending the POST again might duplicate the object, so stop here.
        throw new ZpaResourceError(
            ctx.desc.schema.label,
            name,
            undefined,
            "create (looking for the object a POST with an unknown outcome may have made)",
            lastError,
        );
    }
    return found;
}

function claimMatch(ctx: ZpaLifecycleContext, listed: ZpaServerObject[], inputs: Props, since: number): ZpaServerObject | undefined {
    const name = nameOf(inputs);
    const createdAt = (o: ZpaServerObject) => epochMs(o.creationTime) ?? 0;
    const match = listed
        .filter(
            (o) =>
                isObject(o) &&
                o.name === name &&
                o.id !== undefined &&
                !claims.has(objectKey(ctx, String(o.id))) &&
                createdAt(o) >= since - CLOCK_SKEW_MS &&
                diff(ctx.desc.schema, serverView(ctx.desc, o), inputs).changedFields.length === 0,
        )
        .sort((a, b) => createdAt(a) - createdAt(b))[0];
    if (!match) return undefined;
    const found = { ...match, id: String(match.id) };
    claims.set(objectKey(ctx, found.id), describe(ctx.desc.schema.label, name, undefined));
    return found;
}

/** adoptId: take over an existing object, then bring it to the declared state with at most one PUT. */
async function adopt(ctx: ZpaLifecycleContext, inputs: Props, id: string): Promise<{ id: string; outs: Props }> {
    const label = ctx.desc.schema.label;
    const name = nameOf(inputs);
    const me = describe(label, name, undefined);
    const key = objectKey(ctx, id);
    const holder = claims.get(key);
    if (holder !== undefined) throw new ZpaResourceError(label, name, id, "adopt", new ZpaAdoptConflictError(id, me, holder));
    claims.set(key, me);
    let server: ZpaServerObject | undefined;
    try {
        server = await getObject(ctx, id, inputs);
    } catch (e) {
        claims.delete(key);
        throw new ZpaResourceError(label, name, id, "adopt (reading the existing object)", e);
    }
    if (!server) {
        claims.delete(key);
        throw new ZpaResourceError(label, name, id, "adopt", new Error(`no ${label} with id "${id}" exists at ${ctx.desc.path}: check adoptId`));
    }
    try {
        const updated = await putToDesired(ctx, id, server, inputs);
        return { id, outs: outputsOf(ctx.desc, updated, inputs) };
    } catch (e) {
        throw new ZpaPartialCreateError(label, name, id, outputsOf(ctx.desc, server, inputs), "adopt (writing the existing object to its declared state)", e);
    }
}
