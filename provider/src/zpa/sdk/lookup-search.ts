/**
 * The search behind every ZPA lookup by name:
 *
 * 1. One search: `GET <collection>?search=name+EQ+<name>` (every page), compared here: exactly first, then ignoring
 *    case. One match is the answer; several are a ZpaLookupError naming each id (a lookup never picks one).
 * 2. Nothing matched (ZPA's search is a text search whose handling of some characters is not documented): the whole
 *    list, compared the same way. Still nothing: a ZpaLookupError naming the name, where it was looked for, and up to
 *    five of the listed names closest to it. A miss costs the list's pages (500 objects a page); a hit costs one
 *    search.
 */
import { closestNames, listedObjects, matchName, type ZpaListed } from "./lookup-match";
import { ZpaLookupError } from "./lookup-errors";

/** What a search needs of the ZPA client: its paged list (ZpaClient.listAll). */
export interface ZpaLister {
    listAll<T>(path: string, query?: Record<string, string>): Promise<T[]>;
}

export interface NameSearch {
    /** The public function, for messages: "getSegmentGroup". */
    lookup: string;
    /** "segment group", "application segment". */
    noun: string;
    /** The collection under the customer root: "/segmentGroup", "/application". */
    path: string;
    /** Where it was looked for, for messages (no credential): the API base URL, the customer, the path. */
    where: string;
    wanted: string;
    /** Sent as `microtenantId=` on every request when set. */
    microtenantId?: string;
}

/** The one object of `search.path` named `search.wanted` (see the top of this file). */
export async function findByName(client: ZpaLister, search: NameSearch): Promise<ZpaListed> {
    const scope: Record<string, string> = search.microtenantId ? { microtenantId: search.microtenantId } : {};
    const what = `${search.noun} named ${JSON.stringify(search.wanted)}${search.microtenantId ? ` in microtenant ${search.microtenantId}` : ""}`;
    const searched = listedObjects(await client.listAll<unknown>(search.path, { ...scope, search: `name EQ ${search.wanted}` }));
    const first = matchName(searched, search.wanted);
    if (first.kind === "one") return first.match;
    if (first.kind === "many") throw ambiguous(search, what, first.matches, first.how);

    const all = listedObjects(await client.listAll<unknown>(search.path, scope));
    const second = matchName(all, search.wanted);
    if (second.kind === "one") return second.match;
    if (second.kind === "many") throw ambiguous(search, what, second.matches, second.how);
    throw new ZpaLookupError(search.lookup, {
        kind: "not-found",
        what,
        where: search.where,
        searched: `search "name EQ ${search.wanted}" answered ${count(searched.length)}, none named so; the whole list of ${count(all.length)} compared too`,
        closest: closestNames(
            search.wanted,
            all.map((o) => o.name),
        ),
    });
}

function count(n: number): string {
    return `${n} object${n === 1 ? "" : "s"}`;
}

function ambiguous(search: NameSearch, what: string, matches: ZpaListed[], how: "exact" | "case-insensitive"): ZpaLookupError {
    const sorted = [...matches].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return new ZpaLookupError(search.lookup, {
        kind: "ambiguous",
        what,
        where: search.where,
        how,
        candidates: sorted.map((o) => ({ id: o.id, name: o.name })),
    });
}
