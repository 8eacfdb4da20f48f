/**
 * How a ZPA lookup decides, on answers a test chooses (a recording stand-in for the client's paged list: the search
 * rules are pure given the answers; test/zpa/sdk/lookups.test.ts runs them over HTTP against the ZPA emulator):
 * exact first, then ignoring case; several are an error naming every id; a search miss falls back to the whole list;
 * a miss names the closest names.
 */
import { findByName, type NameSearch, type ZpaLister } from "../../../provider/src/zpa/sdk/lookup-search";
import { closestNames } from "../../../provider/src/zpa/sdk/lookup-match";
import { isZpaLookupError, ZpaLookupError } from "../../../provider/src/zpa/sdk/lookup-errors";

type Item = { id: string; name: string; [k: string]: unknown };

/** Answers a search with what `searched` holds (or the case-insensitive EQ of `all`), the plain list with `all`. */
function lister(all: Item[], searched?: Item[]): ZpaLister & { calls: Array<Record<string, string>> } {
    const calls: Array<Record<string, string>> = [];
    return {
        calls,
        async listAll<T>(_path: string, query: Record<string, string> = {}): Promise<T[]> {
            calls.push(query);
            if (query.search === undefined) return all as unknown as T[];
            const wanted = query.search.replace(/^name EQ /, "").toLowerCase();
            return (searched ?? all.filter((o) => o.name.toLowerCase() === wanted)) as unknown as T[];
        },
    };
}

const search = (wanted: string, extra: Partial<NameSearch> = {}): NameSearch => ({
    lookup: "getSegmentGroup",
    noun: "segment group",
    path: "/segmentGroup",
    where: "https://zpa.example (customer 1, segmentGroup)",
    wanted,
    ...extra,
});

async function failure(p: Promise<unknown>): Promise<ZpaLookupError> {
    const e = await p.then(
        () => undefined,
        (err: unknown) => err,
    );
    if (!isZpaLookupError(e)) throw new Error(`expected a ZpaLookupError, got ${String(e)}`);
    return e;
}

const GROUPS: Item[] = [
    { id: "11", name: "Intranet" },
    { id: "12", name: "Engineering Tools" },
    { id: "13", name: "Business Apps" },
];

test("a name found by the search is the answer: one search, `name EQ <name>`", async () => {
    const client = lister(GROUPS);
    await expect(findByName(client, search("Engineering Tools"))).resolves.toMatchObject({ id: "12" });
    expect(client.calls).toEqual([{ search: "name EQ Engineering Tools" }]);
});

test("a name that differs only in case is found when only one object carries it", async () => {
    const client = lister(GROUPS);
    await expect(findByName(client, search("engineering tools"))).resolves.toMatchObject({ id: "12", name: "Engineering Tools" });
});

test("the exact name wins over one that differs only in case", async () => {
    const client = lister([...GROUPS, { id: "21", name: "intranet" }]);
    await expect(findByName(client, search("intranet"))).resolves.toMatchObject({ id: "21" });
    await expect(findByName(client, search("Intranet"))).resolves.toMatchObject({ id: "11" });
});

test("several objects of the exact name are an error naming each id, never a pick", async () => {
    const client = lister([...GROUPS, { id: "31", name: "Intranet" }]);
    const e = await failure(findByName(client, search("Intranet")));
    expect(e.problem).toMatchObject({ kind: "ambiguous", how: "exact", candidates: [{ id: "11" }, { id: "31" }] });
    expect(e.message).toBe(
        'getSegmentGroup: 2 objects match segment group named "Intranet" exactly in https://zpa.example (customer 1, segmentGroup), and a lookup never picks one: ' +
            'name "Intranet" (id 11); name "Intranet" (id 31). Rename all but one in ZPA, or use the id you mean directly.',
    );
});

test("several that match only ignoring case are an error too, saying so", async () => {
    const client = lister([...GROUPS, { id: "41", name: "INTRANET" }]);
    const e = await failure(findByName(client, search("intranet")));
    expect(e.problem).toMatchObject({ kind: "ambiguous", how: "case-insensitive", candidates: [{ id: "11" }, { id: "41" }] });
    expect(e.message).toContain("ignoring case (none exactly)");
});

test("a name the search does not find is looked for in the whole list (the search's handling of some characters is not documented)", async () => {
    const client = lister([...GROUPS, { id: "51", name: "R&D (lab)" }], []);
    await expect(findByName(client, search("R&D (lab)"))).resolves.toMatchObject({ id: "51" });
    expect(client.calls).toEqual([{ search: "name EQ R&D (lab)" }, {}]);
});

test("nothing found: the error names the name, where, how it searched, and the closest names", async () => {
    const client = lister(GROUPS);
    const e = await failure(findByName(client, search("Engineering Tool")));
    expect(e.problem).toMatchObject({ kind: "not-found", closest: ["Engineering Tools", "Intranet", "Business Apps"] });
    expect(e.message).toBe(
        'getSegmentGroup: no segment group named "Engineering Tool" in https://zpa.example (customer 1, segmentGroup), exactly or ignoring case ' +
            '(search "name EQ Engineering Tool" answered 0 objects, none named so; the whole list of 3 objects compared too). ' +
            'Closest names: "Engineering Tools", "Intranet", "Business Apps".',
    );
    const empty = await failure(findByName(lister([]), search("Anything")));
    expect(empty.message).toMatch(/Nothing is listed there\.$/);
});

test("a microtenant is sent on every request and named in the error", async () => {
    const client = lister([]);
    const e = await failure(findByName(client, search("Intranet", { microtenantId: "777" })));
    expect(client.calls).toEqual([{ microtenantId: "777", search: "name EQ Intranet" }, { microtenantId: "777" }]);
    expect(e.message).toContain('segment group named "Intranet" in microtenant 777');
});

test("closest names: edit distance ignoring case, a name containing the wanted text counts as one edit", () => {
    expect(closestNames("git", ["Git Server", "Gib", "Payroll", "GIT"], 3)).toEqual(["GIT", "Gib", "Git Server"]);
});
