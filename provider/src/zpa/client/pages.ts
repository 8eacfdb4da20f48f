/** ZPA's paging: `?page=1..&pagesize=500`, answered `{ totalPages, list }` (`totalPages` a string or a number, `list` absent when empty). */

/** ZPA's largest page. */
export const ZPA_PAGE_SIZE = 500;

/** `totalPages` as a number, when ZPA sent a usable one. */
export function totalPages(body: unknown): number | undefined {
    const raw = typeof body === "object" && body !== null ? (body as { totalPages?: unknown }).totalPages : undefined;
    const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
    return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The page's items: `list`, or none when it is absent. */
export function pageItems<T>(body: unknown): T[] {
    const list = typeof body === "object" && body !== null ? (body as { list?: unknown }).list : undefined;
    return Array.isArray(list) ? (list as T[]) : [];
}

/** Every item, one `getPage` call per page, in order. An empty page always ends the walk (so a shrinking total cannot loop). */
export async function collectZpaPages<T>(getPage: (query: Record<string, string>) => Promise<unknown>, query: Record<string, string> = {}): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
        const body = await getPage({ ...query, page: String(page), pagesize: String(ZPA_PAGE_SIZE) });
        const list = pageItems<T>(body);
        items.push(...list);
        const total = totalPages(body);
        if (list.length === 0) return items;
        if (total !== undefined ? page >= total : list.length < ZPA_PAGE_SIZE) return items;
    }
}
