/**
 * read, update and delete for a ZPA object. An update is one PUT, only when a declared field differs from a fresh
 * GET: the body is the object as read, with exactly the changed declared fields replaced (put-plan.ts); v1, and the
 * same body to v2 when v1 answers 400 `payload.size.exceeded`; then a read until the change is visible.
 */
import type { Props } from "../../engine";
import { isZpaApiError } from "../client";
import type { ZpaServerObject } from "../resources";
import { clockOf, getObject, microtenantQuery, nameOf, objectKey, type ZpaLifecycleContext } from "./context";
import { ZpaDeletedOutsidePulumiError, ZpaInUseError, ZpaResourceError } from "./errors";
import { planPut } from "./put-plan";
import { inputsOf, outputsOf } from "./state";
import { epochMs, noteWrite, pollUntil, recentlyWritten } from "./waiting";

/** The id of the 400 a v1 PUT of a large group gets (then v2 takes the same body). */
const PAYLOAD_TOO_LARGE = "payload.size.exceeded";

/**
 * The object as ZPA holds it now, waiting out a 404 or an older version right after our own write; undefined when it
 * does not exist (and that is not propagation).
 */
async function readFresh(ctx: ZpaLifecycleContext, id: string, props: Props): Promise<ZpaServerObject | undefined> {
    const clock = clockOf(ctx);
    const lagging = (s: ZpaServerObject | undefined) => !s || isOlder(s, props);
    const first = await getObject(ctx, id, props);
    if (!lagging(first) || !recentlyWritten(objectKey(ctx, id), ctx.propagationTimeoutMs, clock.now())) return first;
    const later = await pollUntil(
        clock.now() + ctx.propagationTimeoutMs,
        async () => {
            const s = await getObject(ctx, id, props);
            return lagging(s) ? undefined : s;
        },
        clock,
    );
    return later ?? first;
}

/** A read older than what the state last saw (its `modifiedTime` earlier): a lagging replica. */
function isOlder(server: Props, known: Props): boolean {
    const seen = epochMs(server.modifiedTime);
    const ours = epochMs(known.modifiedTime);
    return seen !== undefined && ours !== undefined && seen < ours;
}

export async function read(ctx: ZpaLifecycleContext, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
    let server: ZpaServerObject | undefined;
    try {
        server = await readFresh(ctx, id, props);
    } catch (e) {
        throw new ZpaResourceError(ctx.desc.schema.label, nameOf(props), id, "read", e);
    }
    if (!server) return {};
    return { id, props: outputsOf(ctx.desc, server, props), inputs: inputsOf(ctx.desc, server, props) };
}

export async function update(ctx: ZpaLifecycleContext, id: string, olds: Props, news: Props): Promise<{ outs: Props }> {
    const label = ctx.desc.schema.label;
    try {
        // The microtenant the object lives in: the declared one, else the one the state saw.
        const where = { ...olds, ...news, modifiedTime: olds.modifiedTime };
        const server = await readFresh(ctx, id, where);
        if (!server) throw new ZpaDeletedOutsidePulumiError(new Error(`GET ${ctx.desc.path}/${id} answered 404 before the PUT`));
        const updated = await putToDesired(ctx, id, server, news);
        return { outs: outputsOf(ctx.desc, updated, news) };
    } catch (e) {
        throw new ZpaResourceError(label, nameOf(news), id, "update", e);
    }
}

/**
 * The PUT from `server` (a fresh read) to `desired`, when one is needed, announced through ctx.info with the fields it
 * changes; then the object read until the change shows (or the propagation timeout: then the body sent stands for it).
 */
export async function putToDesired(ctx: ZpaLifecycleContext, id: string, server: ZpaServerObject, desired: Props): Promise<ZpaServerObject> {
    const plan = planPut(ctx.desc, server, desired);
    if (!plan) return server;
    const path = `${ctx.desc.path}/${encodeURIComponent(id)}`;
    const query = microtenantQuery(ctx, { ...server, ...desired });
    ctx.info?.(`PUT ${ctx.desc.kind} ${id}: ${plan.changedFields.join(", ")}`);
    try {
        await ctx.client.request("PUT", path, { query, body: plan.body, apiVersion: "v1" });
    } catch (e) {
        if (isZpaApiError(e) && e.status === 404) throw new ZpaDeletedOutsidePulumiError(e);
        if (!(isZpaApiError(e) && e.status === 400 && e.errorId === PAYLOAD_TOO_LARGE)) throw e;
        ctx.info?.(`PUT ${ctx.desc.kind} ${id}: v1 answered ${PAYLOAD_TOO_LARGE}; the same body to v2`);
        try {
            await ctx.client.request("PUT", path, { query, body: plan.body, apiVersion: "v2" });
        } catch (e2) {
            if (isZpaApiError(e2) && e2.status === 404) throw new ZpaDeletedOutsidePulumiError(e2);
            throw e2;
        }
    }
    const clock = clockOf(ctx);
    noteWrite(objectKey(ctx, id), clock.now());
    const shown = await pollUntil(
        clock.now() + ctx.propagationTimeoutMs,
        async () => {
            const s = await getObject(ctx, id, desired);
            return s && !planPut(ctx.desc, s, desired) ? s : undefined;
        },
        clock,
    );
    return shown ?? { ...plan.body, id };
}

export async function deleteObject(ctx: ZpaLifecycleContext, id: string, props: Props): Promise<void> {
    const label = ctx.desc.schema.label;
    const clock = clockOf(ctx);
    const deadline = clock.now() + ctx.propagationTimeoutMs;
    for (;;) {
        try {
            await ctx.client.request("DELETE", `${ctx.desc.path}/${encodeURIComponent(id)}`, { query: microtenantQuery(ctx, props) });
            return;
        } catch (e) {
            if (isZpaApiError(e) && e.status === 404) {
                // Right after our own create a replica may not know the object yet: deleting "nothing" then would
                // leave it behind. Otherwise it is already gone.
                if (!recentlyWritten(objectKey(ctx, id), ctx.propagationTimeoutMs, clock.now()) || clock.now() >= deadline) return;
                await clock.sleep(500);
                continue;
            }
            if (isInUse(e)) throw new ZpaResourceError(label, nameOf(props), id, "delete", new ZpaInUseError(id, e.reason, e));
            throw new ZpaResourceError(label, nameOf(props), id, "delete", e);
        }
    }
}

/** ZPA's refusal to delete a group that policy rules use (`resource.in.use`, or a reason that says so). */
function isInUse(e: unknown): e is { reason?: string } {
    if (!isZpaApiError(e) || (e.status !== 400 && e.status !== 409)) return false;
    return /in\.?use/i.test(e.errorId ?? "") || /\b(in use|used by)\b/i.test(e.reason ?? "");
}
