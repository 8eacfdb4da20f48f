/**
 * read, update and delete for a ZPA object. A read (refresh) comes from the run's list snapshot (snapshot.ts). An
 * update is one GET and one PUT, only when a declared field differs from the GET: the body is the object as read, with
 * exactly the changed declared fields replaced (put-plan.ts); v1, and the same body to v2 when v1 answers 400
 * `payload.size.exceeded` (then read until the change shows). The outputs are the body sent: no read-back.
 */
import { diff, type Props } from "../../engine";
import { isZpaApiError } from "../client";
import type { ZpaServerObject } from "../resources";
import { clockOf, getObject, microtenantQuery, nameOf, objectKey, type ZpaLifecycleContext } from "./context";
import { ZpaDeletedOutsidePulumiError, ZpaInUseError, ZpaResourceError } from "./errors";
import { planPut, serverView } from "./put-plan";
import { readListed } from "./snapshot";
import { inputsOf, outputsOf } from "./state";
import { epochMs, noteWrite, pollUntil, recentlyWritten } from "./waiting";

/** The id of the 400 a v1 PUT of a large group gets (then v2 takes the same body). */
const PAYLOAD_TOO_LARGE = "payload.size.exceeded";

/**
 * What our last PUT of each object replaced (key: objectKey): the fields it changed, as they were. A state written from
 * a PUT's body keeps the replaced version's `modifiedTime`, so a replica that has not seen the PUT yet is told by
 * these fields holding their old values, not by its stamp.
 */
const replaced = new Map<string, Props>();

/**
 * The object as ZPA holds it now (the first read: a GET, or for a refresh the list snapshot), waiting out, right after
 * our own write, a 404, a version older than the state (`known`), or the version our last PUT replaced. Undefined when
 * it does not exist (and that is not propagation).
 */
async function readFresh(
    ctx: ZpaLifecycleContext,
    id: string,
    props: Props,
    known: Props,
    firstRead: () => Promise<ZpaServerObject | undefined> = () => getObject(ctx, id, props),
): Promise<ZpaServerObject | undefined> {
    const clock = clockOf(ctx);
    const before = replaced.get(objectKey(ctx, id));
    const lagging = (s: ZpaServerObject | undefined) =>
        !s || isOlder(s, known) || (before !== undefined && !isNewer(s, known) && showsReplaced(ctx, s, before));
    const first = await firstRead();
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

/** Whether `server` holds every field our last PUT changed at its value from before the PUT. */
function showsReplaced(ctx: ZpaLifecycleContext, server: ZpaServerObject, before: Props): boolean {
    const view = serverView(ctx.desc, server);
    return diff(ctx.desc.schema, view, { ...view, ...before }).changedFields.length === 0;
}

/** A read newer than what the state last saw (its `modifiedTime` later): a change made since, not lag. */
function isNewer(server: Props, known: Props): boolean {
    const seen = epochMs(server.modifiedTime);
    const ours = epochMs(known.modifiedTime);
    return seen !== undefined && ours !== undefined && seen > ours;
}

export async function read(ctx: ZpaLifecycleContext, id: string, props: Props): Promise<{ id?: string; props?: Props; inputs?: Props }> {
    let server: ZpaServerObject | undefined;
    try {
        server = await readFresh(ctx, id, props, props, () => readListed(ctx, id, props));
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
        const server = await readFresh(ctx, id, where, olds);
        if (!server) throw new ZpaDeletedOutsidePulumiError(new Error(`GET ${ctx.desc.path}/${id} answered 404 before the PUT`));
        const updated = await putToDesired(ctx, id, server, news);
        return { outs: outputsOf(ctx.desc, updated, news) };
    } catch (e) {
        throw new ZpaResourceError(label, nameOf(news), id, "update", e);
    }
}

/**
 * The PUT from `server` (a fresh read) to `desired`, when one is needed, announced through ctx.info with the fields it
 * changes. ZPA answers a PUT 204 without a body, and the body sent is the fresh server object with the changed fields
 * replaced: it stands for the object, with no read-back. Only `modifiedTime`/`modifiedBy` are then behind until the
 * next read refreshes them: computed outputs, never compared, so never drift. After the v2 fallback, whose handling of
 * the body may differ from v1's, the object is read until the change shows (else the body sent stands for it).
 */
export async function putToDesired(ctx: ZpaLifecycleContext, id: string, server: ZpaServerObject, desired: Props): Promise<ZpaServerObject> {
    const plan = planPut(ctx.desc, server, desired);
    if (!plan) return server;
    const path = `${ctx.desc.path}/${encodeURIComponent(id)}`;
    const query = microtenantQuery(ctx, { ...server, ...desired });
    ctx.info?.(`PUT ${ctx.desc.kind} ${id}: ${plan.changedFields.join(", ")}`);
    const clock = clockOf(ctx);
    const sent: ZpaServerObject = { ...plan.body, id };
    try {
        await ctx.client.request("PUT", path, { query, body: plan.body, apiVersion: "v1" });
        const view = serverView(ctx.desc, server);
        replaced.set(objectKey(ctx, id), Object.fromEntries(plan.changedFields.map((name) => [name, view[name] ?? null])));
        noteWrite(objectKey(ctx, id), clock.now());
        return sent;
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
    noteWrite(objectKey(ctx, id), clock.now());
    const shown = await pollUntil(
        clock.now() + ctx.propagationTimeoutMs,
        async () => {
            const s = await getObject(ctx, id, desired);
            return s && !planPut(ctx.desc, s, desired) ? s : undefined;
        },
        clock,
    );
    return shown ?? sent;
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
