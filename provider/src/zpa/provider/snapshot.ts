/**
 * Refresh reads of ZPA objects from a list snapshot, as the ISC half does (client/snapshots.ts): a `pulumi refresh`
 * of N groups reads the collection's pages (`?page=N&pagesize=500`: ceil(groups / 500) calls) instead of N GETs.
 * One snapshot per run and collection, per (base URL, customer, API client, microtenant), living MAX_AGE_MS: page 1
 * at the first read, more pages only as reads miss. A snapshot never hides a change or decides that an object is gone:
 *  - an object this process wrote after the snapshot began is read by GET;
 *  - an object the snapshot lacks is read by GET (a 404 then says it is gone: deleted outside Pulumi);
 *  - the lifecycle's propagation rules apply to a listed object as to a GET (update.ts readFresh).
 * ZPA's list shows each object as a GET of it does (the same fields, `applications` included), so a listed object
 * stands for a GET.
 */
import type { Props } from "../../engine";
import { snapshotFor, type ListPage } from "../../client";
import { pageItems, totalPages, ZPA_PAGE_SIZE } from "../client";
import type { ZpaServerObject } from "../resources";
import { clockOf, getObject, isObject, microtenantQuery, objectKey, type ZpaLifecycleContext } from "./context";
import { lastWrite } from "./waiting";

/** The object as a refresh sees it: from the run's list snapshot, else a GET; undefined when ZPA has no such object. */
export async function readListed(ctx: ZpaLifecycleContext, id: string, props: Props): Promise<ZpaServerObject | undefined> {
    const query = microtenantQuery(ctx, props);
    const key = JSON.stringify(["zpa", ctx.customerKey, ctx.readerKey ?? "", ctx.desc.path, query.microtenantId ?? ""]);
    const snapshot = snapshotFor(key, (offset) => listPage(ctx, query, offset), clockOf(ctx).now(), ZPA_PAGE_SIZE);
    const wrote = lastWrite(objectKey(ctx, id));
    const listed = wrote !== undefined && wrote >= snapshot.startedAt ? undefined : await snapshot.lookup(id);
    return listed ? { ...listed, id: String(listed.id) } : getObject(ctx, id, props);
}

/**
 * One page of the collection. ZPA tells the number of pages, not of objects: the snapshot's total is then the items
 * of a single page, or an upper bound (pages x 500) that makes it fetch exactly the pages left.
 */
async function listPage(ctx: ZpaLifecycleContext, query: Record<string, string>, offset: number): Promise<ListPage> {
    const page = String(Math.floor(offset / ZPA_PAGE_SIZE) + 1);
    const res = await ctx.client.request<unknown>("GET", ctx.desc.path, { query: { ...query, page, pagesize: String(ZPA_PAGE_SIZE) } });
    const items = pageItems<Record<string, unknown>>(res.body)
        .filter((o) => isObject(o) && (typeof o.id === "string" || typeof o.id === "number"))
        .map((o) => ({ ...o, id: String(o.id) }));
    const pages = totalPages(res.body);
    const total = pages === undefined ? undefined : pages <= 1 ? items.length : pages * ZPA_PAGE_SIZE;
    return { items, total };
}
