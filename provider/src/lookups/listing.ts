/**
 * Reading a list endpoint for a lookup: every page (250 a call, `count=true` on the first so the walk stops at
 * ISC's total), or up to a limit. Identical walks that run at the same time (several lookups of one collection
 * while a program starts) share their requests; nothing is kept once a walk ends, so a later lookup reads afresh.
 */
import { isLastPage, pageQuery, totalCount, type Query } from "../client";
import { listedObjects, type Listed } from "./match";
import type { LookupContext } from "./settings";

export interface Listing {
    items: Listed[];
    /** What ISC announced in X-Total-Count, when it did. */
    total?: number;
    /** True when the walk stopped at the limit with more left to read. */
    truncated: boolean;
    /** Entries the server sent (malformed ones included): where the next page starts. */
    fetched: number;
}

const inflight = new Map<string, Promise<Listing>>();

/** Every object of `path` matching `query` (up to `limit` objects when given), in as few calls as paging allows. */
export function listAll(ctx: LookupContext, path: string, query: Query, limit?: number): Promise<Listing> {
    const key = JSON.stringify([ctx.key, path, Object.entries(query).sort(([a], [b]) => (a < b ? -1 : 1)), limit ?? null]);
    const running = inflight.get(key);
    if (running) return running;
    const walk = walkPages(ctx, path, query, limit, 0).finally(() => inflight.delete(key));
    inflight.set(key, walk);
    return walk;
}

/** The rest of a walk that stopped at its limit: the pages after `first`, added to its items. */
export async function listRest(ctx: LookupContext, path: string, query: Query, first: Listing): Promise<Listing> {
    if (!first.truncated) return first;
    const rest = await walkPages(ctx, path, query, undefined, first.fetched, first.total);
    return { ...rest, items: [...first.items, ...rest.items] };
}

async function walkPages(ctx: LookupContext, path: string, query: Query, limit: number | undefined, from: number, announced?: number): Promise<Listing> {
    const items: Listed[] = [];
    let total = announced;
    // Offsets count what the server sent, including any entry skipped as malformed, so pages stay aligned.
    let fetched = from;
    for (;;) {
        const res = await ctx.client.request<unknown>("GET", path, { query: pageQuery(query, fetched) });
        const page = Array.isArray(res.body) ? (res.body as unknown[]) : [];
        if (fetched === 0) total = totalCount(res.headers);
        items.push(...listedObjects(page));
        fetched += page.length;
        const known = total !== undefined ? { total } : {};
        if (isLastPage(page.length, fetched, total)) return { items, ...known, truncated: false, fetched };
        if (limit !== undefined && fetched - from >= limit) return { items, ...known, truncated: true, fetched };
    }
}
