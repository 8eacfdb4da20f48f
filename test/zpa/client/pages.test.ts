/** listAll: page=1.. with pagesize=500 and the caller's query, until totalPages (a string or a number); `list` absent = empty. */
import { clearTokenCache } from "../../../provider/src/client";
import { clientOf, FakeClock, fakeZpa, json, type FakeZpa } from "./fake-zpa";

let zpa: FakeZpa | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await zpa?.close();
    zpa = undefined;
});

const items = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: String(from + i) }));
const queries = () => zpa!.api().map((s) => Object.fromEntries(new URL(s.url, "http://x").searchParams));

test.each([
    ["a string", "3"],
    ["a number", 3],
])("totalPages as %s: exactly that many pages, even when a page is full and the last one short", async (_name, totalPages) => {
    zpa = await fakeZpa([
        json(200, { totalPages, list: items(1, 500) }),
        json(200, { totalPages, list: items(501, 500) }),
        json(200, { totalPages, list: items(1001, 2) }),
        json(200, { totalPages, list: items(9999, 1) }),
    ]);
    const all = await clientOf(zpa, "legacy", new FakeClock()).listAll<{ id: string }>("/thing", { search: "name EQ a b", microtenantId: "5" });
    expect(all.map((x) => x.id)).toEqual(items(1, 1002).map((x) => x.id));
    expect(queries()).toEqual([1, 2, 3].map((page) => ({ search: "name EQ a b", microtenantId: "5", page: String(page), pagesize: "500" })));
    expect(zpa.api()[0].url).toMatch(/^\/mgmtconfig\/v1\/admin\/customers\/\d+\/thing\?/);
});

test.each([
    ["a string", "2"],
    ["a number", 2],
])("totalPages (%s) counts: a server with pages smaller than 500 is still read to the end", async (_name, totalPages) => {
    zpa = await fakeZpa([json(200, { totalPages, list: items(1, 3) }), json(200, { totalPages, list: items(4, 3) }), json(200, { list: items(9999, 1) })]);
    const all = await clientOf(zpa, "oneapi", new FakeClock()).listAll("/thing");
    expect(all).toHaveLength(6);
    expect(zpa.api()).toHaveLength(2);
    expect(zpa.api()[0].url).toMatch(/^\/zpa\/mgmtconfig\/v1\//);
});

test("no result: `list` absent (totalPages 0) is an empty list after one request", async () => {
    zpa = await fakeZpa([json(200, { totalPages: "0" }), json(200, { list: items(1, 1) })]);
    expect(await clientOf(zpa, "legacy", new FakeClock()).listAll("/thing")).toEqual([]);
    expect(zpa.api()).toHaveLength(1);
});

test("without totalPages: until a short page", async () => {
    zpa = await fakeZpa([json(200, { list: items(1, 500) }), json(200, { list: items(501, 7) }), json(200, { list: items(9999, 1) })]);
    expect(await clientOf(zpa, "legacy", new FakeClock()).listAll("/thing")).toHaveLength(507);
    expect(zpa.api()).toHaveLength(2);
});

test("an empty page ends the walk even when totalPages says more (a list that shrank while it was read)", async () => {
    zpa = await fakeZpa([json(200, { totalPages: 5, list: items(1, 500) }), json(200, { totalPages: 5, list: [] }), json(200, { list: items(9999, 1) })]);
    expect(await clientOf(zpa, "legacy", new FakeClock()).listAll("/thing")).toHaveLength(500);
    expect(zpa.api()).toHaveLength(2);
});
