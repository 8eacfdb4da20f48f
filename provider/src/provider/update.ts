/**
 * The patch behind `update` and `adopt`: the minimal RFC 6902 patch from the object as the server holds it now to the
 * declared state, sent once, checked against the server's answer, and what follows when ISC refuses it or its outcome
 * stays unknown.
 */
import type { Operation } from "fast-json-patch";
import { isIscApiError, isIscOutcomeUnknownError, type IscApiError } from "../client";
import type { ServerObject } from "../resources";
import { clockOf, type LifecycleContext } from "./context";
import type { Props, ResourceDefinition } from "./definition";
import { IscDeletedOutsidePulumiError, messageOf } from "./errors";
import { isNewer, isStale, lastWriteTime, noteWrite, pollUntil, withinPropagationWindow } from "./propagation";
import { addressesByIndex, failingTest, hasTests, noteTestSupport, testSupport } from "./test-operations";

/** How often an update re-reads the object and plans again after a refused guard or an unknown outcome. */
const MAX_REPLANS = 4;

/**
 * The object as the server holds it now, for an update to plan from: the state's outputs are not enough, since a
 * change made in the ISC UI since the last refresh is in none of them, and Pulumi's diff (state against program)
 * names only the fields the program edited. Read like a refresh read (CollectionApi.read: the run's list snapshot
 * when that is cheaper and cannot hide our own write, else a GET), so an update of N resources costs one read each at
 * most, and a handful of list pages for a large stack. A read older than `known` (the state's `modified`) is a lagging
 * list or replica: the object is then read by GET until it is not (readNoOlder). "gone": ISC says it no longer
 * exists, and not just after our own write.
 */
export async function readCurrent(ctx: LifecycleContext, id: string, known: Props): Promise<ServerObject | "gone"> {
    const clock = clockOf(ctx);
    const deadline = clock.now() + ctx.propagationTimeoutMs;
    const listed = await ctx.api.read(id);
    if (listed && !isStale(listed, known)) return listed;
    if (!listed && !withinPropagationWindow(lastWriteTime(id, known), ctx.propagationTimeoutMs, clock.now())) return "gone";
    return readNoOlder(ctx, id, known, deadline);
}

/**
 * Sends the minimal patch from `current` (a read of the server: readCurrent for an update, the adopted object for an
 * adopt) to `desired`, the whole declaration: every declared field the server differs in is patched, not only the
 * ones Pulumi's diff named.
 *
 * The answer to a PATCH is the object after it. Should it still differ from the declaration, a change reached the
 * server after the read the patch was planned from (a list snapshot may be a minute old): the patch is planned once
 * more from that answer and sent (at most once per update), so the update returns, and the state records, the
 * declared state rather than a change made in the UI meanwhile.
 *
 * Guards. A set element is removed by its index in the order last seen, so a patch planned on a stale order must
 * not reach the server as it is. Two ways, by `ctx.useTestOperations` (isc:useTestOperations) and by what this
 * process learned of the tenant (test-operations.ts):
 *  - `test` operations (the default): each removal is preceded by a `test` of the element there, and the server
 *    refuses the whole patch when one fails;
 *  - the read: when the patch addresses an element by index, it is planned from `current` without `test`s, each set
 *    it would change by index written whole. An index is never taken from an answer unguarded: ISC does not document
 *    that the order an answer shows is the order a PATCH's indexes address (replicas may show one set in several
 *    orders).
 *
 * A 400 on a patch that carries `test`s is either a failed guard or a refusal of something else: a value ISC
 * rejects, or the `test` operations themselves. The object is read again (no older than the patch's basis) and the
 * patch's `test`s are judged on that read here:
 *  - one fails: the guard did its job; the patch is planned again from that read, its sets written whole
 *    (repeatSafePlan), since the read's order need not be the server's either (MAX_REPLANS at most);
 *  - all hold: the 400 is about the change itself, or the read does not show the order the server applied the
 *    indexes to. The change is sent once more without `test`s, each set changed element by element written whole
 *    (repeatSafePlan: right whatever the server's order). A 400 again is reported at once, with the server's message
 *    and trackingId. A success on a tenant not known to take `test`s means it refuses them: the process remembers it
 *    for the collection, warns once (`ctx.warn`), and guards its later patches by a fresh read.
 *
 * Unknown outcomes. A patch whose outcome is unknown (dropped connection, timeout, 5xx) may have been applied.
 * ISC's reads lag behind its writes, so a read taken right after may still show the object as it was before that
 * patch, and a patch re-planned from it would repeat the patch: `add /entitlements/-` twice, which ISC refuses
 * ("each entitlement may appear once") or, on a set it does not check, applies twice. So, after an unknown outcome:
 *  1. the object is read until the read is a later version than the one the patch was planned against (its
 *     `modified` is later: an applied patch moves it) or shows the declared state already, or until the
 *     propagation deadline (see readAfterWrite);
 *  2. the re-plan uses only operations that are safe to repeat (repeatSafePlan): a set changed element by element
 *     is written whole instead (`replace /entitlements [...]`), and every other operation the planner makes already
 *     is a `replace` of a field. Whatever the read missed, applying such a patch once or twice leaves the declared
 *     state.
 * Step 2 is needed even when step 1 saw a later version: a version later than the plan's basis is not
 * necessarily one that includes our write (the state may predate a change made in the UI, whose version is
 * later than the state and earlier than our patch), and if the patch was not applied (a 5xx before the write)
 * no later version ever comes, so the wait ends at the deadline with the old version.
 * The alternative, `test` guards on the whole set before each `add .../-`, was not chosen: RFC 6902 cannot test
 * a list's length or an element's absence, and a `test` of the whole list compares the server's internal form
 * with what a GET shows (names filled in, for instance), which ISC does not document to be equal: a guard that
 * never passes would make every recovery fail.
 */
export async function patchToDesired(ctx: LifecycleContext, id: string, current: Props, desired: Props): Promise<ServerObject> {
    const clock = clockOf(ctx);
    const key = ctx.guardKey ?? ctx.api.basePath;
    const guardByTests = () => ctx.useTestOperations !== false && testSupport(key) !== "refused";
    const plan = (from: Props): Operation[] => {
        if (guardByTests()) return ctx.def.plan(from, desired);
        // Without `test`s the sets it would change by index are written whole: the order an answer shows need not be
        // the order the server applies an index to (ISC does not document them to be one; two reads may show two).
        const ops = ctx.def.plan(from, desired, { guardRemovals: false });
        return addressesByIndex(ops) ? repeatSafePlan(ctx.def, from, desired) : ops;
    };
    let basis: Props = current;
    let ops = plan(basis);
    if (ops.length === 0) return { ...current, id } as ServerObject;
    const deadline = clock.now() + ctx.propagationTimeoutMs;
    /** The answer was checked against the declaration once already (see above). */
    let checked = false;
    let replans = 0;
    /** The patch being sent is the one without `test`s after this 400 to the one with them (see above). */
    let withoutTests: IscApiError | undefined;
    for (;;) {
        try {
            const server = await ctx.api.patch(id, ops);
            noteWrite(id, clock.now());
            // A tenant that took a `test` before does not refuse them: the read's order was not the server's.
            if (withoutTests && testSupport(key) !== "accepted") learnRefused(ctx, key, withoutTests);
            else if (hasTests(ops)) noteTestSupport(key, "accepted");
            withoutTests = undefined;
            if (checked) return server;
            checked = true;
            // Changed after the read this patch was planned from: once more from the object as the patch left it.
            ops = plan(server);
            if (ops.length === 0) return server;
            basis = server;
            continue;
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
            if (isIscApiError(e) && e.status === 400) {
                // A patch without `test`s (the one sent without them after a 400 included) was refused for what it
                // asks, and the server's message says what: no re-plan helps.
                if (!hasTests(ops)) throw e;
                const fresh = await readNoOlder(ctx, id, basis, deadline);
                if (fresh === "gone") throw goneAfter(ctx, id, `after the PATCH failed (${messageOf(e)})`);
                const judged = !isStale(fresh, basis);
                if (judged && !failingTest(ops, fresh)) {
                    // Every test holds on the read: the 400 is not the guard, or the read does not show the order the
                    // server applied the indexes to. The change without `test`s, sets whole, tells them apart.
                    withoutTests = e;
                    ops = repeatSafePlan(ctx.def, fresh, desired);
                } else {
                    // The guard refused a patch planned on another order (or no read as new as the basis came). The
                    // re-plan writes the sets whole: the read's order need not be the server's either.
                    if (replans >= MAX_REPLANS) throw e;
                    replans++;
                    ops = repeatSafePlan(ctx.def, fresh, desired);
                }
                if (ops.length === 0) return fresh;
                basis = fresh;
                continue;
            }
            if (!isIscOutcomeUnknownError(e) || replans >= MAX_REPLANS) throw e;
            replans++;
            withoutTests = undefined;
            // It may have been applied: a stale read or a 404 soon after is propagation, not the truth.
            noteWrite(id, clock.now());
            const fresh = await readAfterWrite(ctx, id, basis, desired, deadline);
            if (fresh === "gone") throw goneAfter(ctx, id, `after the PATCH failed (${messageOf(e)})`);
            // From here on every patch of this update is safe to repeat (and carries no `test`).
            ops = repeatSafePlan(ctx.def, fresh, desired);
            if (ops.length === 0) return fresh;
            basis = fresh;
        }
    }
}

/**
 * The tenant took the change once its `test`s were left out, although they held on a fresh read: it refuses them, or
 * its answers show sets in another order than its PATCH indexes address. Either way a `test`-guarded removal by index
 * does not work there, and the fallback (a fresh read, sets changed by index written whole) does. Said once per
 * collection and process.
 */
function learnRefused(ctx: LifecycleContext, key: string, refusal: IscApiError): void {
    if (!noteTestSupport(key, "refused") || !ctx.warn) return;
    ctx.warn(
        `${ctx.def.label}: ISC refused a PATCH carrying RFC 6902 test operations (${refusal.message}) and accepted the same change without them. ` +
            `Taking this tenant to refuse test operations (or to show sets in another order than its PATCH indexes address): for the rest of this run, ` +
            `updates under ${ctx.api.basePath} are planned from a fresh read instead, a set changed by index written whole. ` +
            "Set isc:useTestOperations (or SAIL_USE_TEST_OPERATIONS) to false to skip the refused attempt.",
    );
}

function goneAfter(ctx: LifecycleContext, id: string, when: string): IscDeletedOutsidePulumiError {
    return new IscDeletedOutsidePulumiError(new Error(`GET ${ctx.api.basePath}/${id} answered 404 ${when}`));
}

/**
 * Reads the object until `accept` takes a read or the deadline passes (then the last read, however old). "gone":
 * ISC says the object does not exist, and not just after our own write (a 404 then may be a lagging replica).
 */
async function pollRead(
    ctx: LifecycleContext,
    id: string,
    basis: Props,
    deadline: number,
    accept: (s: ServerObject) => boolean,
): Promise<ServerObject | "gone"> {
    const clock = clockOf(ctx);
    let last: ServerObject | undefined;
    const found = await pollUntil<ServerObject | "gone">(
        deadline,
        async () => {
            const s = await ctx.api.get(id);
            if (!s) return withinPropagationWindow(lastWriteTime(id, basis), ctx.propagationTimeoutMs, clock.now()) ? undefined : "gone";
            last = s;
            return accept(s) ? s : undefined;
        },
        clock,
    );
    return found ?? last ?? "gone";
}

/** A read no older than `basis` (its `modified` not earlier), polled while reads lag (see pollRead). */
function readNoOlder(ctx: LifecycleContext, id: string, basis: Props, deadline: number): Promise<ServerObject | "gone"> {
    return pollRead(ctx, id, basis, deadline, (s) => !isStale(s, basis));
}

/**
 * A read of the object at least as new as the patch just tried, as far as ISC lets us tell: polls until the
 * object's `modified` is later than `basis`'s (the version the patch was planned against), or it already holds
 * the declared state without being older than `basis`, or the deadline passes (then the last read, which the
 * caller re-plans from with repeat-safe operations only).
 */
function readAfterWrite(ctx: LifecycleContext, id: string, basis: Props, desired: Props, deadline: number): Promise<ServerObject | "gone"> {
    return pollRead(ctx, id, basis, deadline, (s) => {
        const newer = isNewer(s, basis);
        // Without stamps we cannot tell; the re-plan is safe either way.
        if (newer !== false) return true;
        return !isStale(s, basis) && ctx.def.plan(s, desired).length === 0;
    });
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
