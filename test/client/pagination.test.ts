/** Page planning, without HTTP: how many pages a walk takes and what each asks for. */
import { collectPages, isLastPage, PAGE_SIZE, Page, pageQuery, Query, totalCount } from "../../provider/src/client";

/** A list of `total` items served `cap` at a time at most; X-Total-Count on the count=true page if `withCount`. */
function lister(total: number, withCount: boolean, cap = PAGE_SIZE) {
    const queries: Query[] = [];
    const getPage = async (q: Query): Promise<Page<number>> => {
        queries.push(q);
        const offset = Number(q.offset);
        const n = Math.min(Number(q.limit), cap);
        const items = Array.from({ length: Math.max(0, Math.min(n, total - offset)) }, (_, i) => offset + i);
        return { items, headers: withCount && q.count === true ? { "x-total-count": String(total) } : {} };
    };
    return { queries, getPage };
}

describe("collectPages", () => {
    test.each([
        [0, true, 1],
        [1, true, 1],
        [249, true, 1],
        [250, true, 1],
        [251, true, 2],
        [500, true, 2],
        [501, true, 3],
        [0, false, 1],
        [249, false, 1],
        [250, false, 2],
        [251, false, 2],
        [500, false, 3],
    ])("%i items, X-Total-Count %s: %i pages", async (total, withCount, pages) => {
        const { queries, getPage } = lister(total, withCount);
        const items = await collectPages(getPage, { filters: 'name eq "x"' });
        expect(items).toEqual(Array.from({ length: total }, (_, i) => i));
        expect(queries).toHaveLength(pages);
        expect(queries.map((q) => q.offset)).toEqual(Array.from({ length: pages }, (_, i) => i * PAGE_SIZE));
        expect(queries.every((q) => q.limit === 250 && q.filters === 'name eq "x"')).toBe(true);
        expect(queries.map((q) => q.count)).toEqual([true, ...Array(pages - 1).fill(undefined)]);
    });

    test("with a known total, a server that pages below 250 is still read to the end", async () => {
        const { queries, getPage } = lister(260, true, 100);
        expect(await collectPages(getPage)).toHaveLength(260);
        expect(queries.map((q) => q.offset)).toEqual([0, 100, 200]);
    });

    test("a total that shrinks while walking ends at the first empty page", async () => {
        let calls = 0;
        const items = await collectPages<number>(async (q): Promise<Page<number>> => {
            calls++;
            if (q.offset === 0) return { items: Array.from({ length: 250 }, (_, i) => i), headers: { "x-total-count": "600" } };
            return { items: [], headers: {} };
        });
        expect(items).toHaveLength(250);
        expect(calls).toBe(2);
    });
});

test("the walk's stopping rule", () => {
    expect(isLastPage(0, 500, undefined)).toBe(true);
    expect(isLastPage(0, 0, 10)).toBe(true);
    expect(isLastPage(250, 250, undefined)).toBe(false);
    expect(isLastPage(249, 249, undefined)).toBe(true);
    expect(isLastPage(250, 250, 250)).toBe(true);
    expect(isLastPage(250, 250, 251)).toBe(false);
    expect(isLastPage(100, 100, 260)).toBe(false);
});

test("the caller's query is kept; paging keys are ours", () => {
    expect(pageQuery({ filters: "x", limit: 5, offset: 7 }, 0)).toEqual({ filters: "x", limit: 250, offset: 0, count: true });
    expect(pageQuery({ sorters: "name" }, 500)).toEqual({ sorters: "name", limit: 250, offset: 500 });
});

test("X-Total-Count is used only when it is a whole number", () => {
    expect(totalCount({ "x-total-count": "42" })).toBe(42);
    expect(totalCount({ "x-total-count": "0" })).toBe(0);
    expect(totalCount({ "x-total-count": "many" })).toBeUndefined();
    expect(totalCount({ "x-total-count": "-1" })).toBeUndefined();
    expect(totalCount({})).toBeUndefined();
});
