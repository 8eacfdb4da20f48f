/**
 * Offset pagination over ISC list endpoints. The first page asks for `count=true`: when ISC answers with
 * X-Total-Count the walk stops exactly at the total (no empty extra page after 250, 500, ...); without it,
 * it stops at the first page shorter than a full one.
 */

/** ISC's largest page. */
export const PAGE_SIZE = 250;

export type Query = Record<string, string | number | boolean | undefined>;

export interface Page<T> {
    items: T[];
    headers: Record<string, string>;
}

/** The query for the page at `offset`: the caller's filters, our paging, `count=true` on the first page only. */
export function pageQuery(query: Query, offset: number): Query {
    return { ...query, limit: PAGE_SIZE, offset, ...(offset === 0 ? { count: true } : {}) };
}

/** The total ISC announced, when it did in a usable form. */
export function totalCount(headers: Record<string, string>): number | undefined {
    const header = headers["x-total-count"];
    return header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
}

/**
 * Whether the walk is over after a page of `pageLength` items brought the count to `fetched`. An empty page
 * always ends it (so a total that shrank while we walked cannot loop). A known total decides otherwise, so a
 * server that caps pages below 250 is still read to the end; without one, a short page is the last.
 */
export function isLastPage(pageLength: number, fetched: number, total: number | undefined): boolean {
    if (pageLength === 0) return true;
    if (total !== undefined) return fetched >= total;
    return pageLength < PAGE_SIZE;
}

/** Every item, one `getPage` call per page. */
export async function collectPages<T>(getPage: (query: Query) => Promise<Page<T>>, query: Query = {}): Promise<T[]> {
    const items: T[] = [];
    let total: number | undefined;
    for (;;) {
        const offset = items.length;
        const page = await getPage(pageQuery(query, offset));
        if (offset === 0) total = totalCount(page.headers);
        items.push(...page.items);
        if (isLastPage(page.items.length, items.length, total)) return items;
    }
}
