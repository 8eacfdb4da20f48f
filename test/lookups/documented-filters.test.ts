/**
 * The documented filters beyond names (`alias`/`email` on identities, `value in`, `name in` on entitlements), and a
 * populated tenant with awkward names (quotes, backslashes, `+`, non-ASCII, edge spaces, names that differ only in
 * case, duplicate segment names, more than 250 entitlements on a source). The populated tests are driven by its state:
 * every object is looked up by its name, and the expected answer (that object, or an error listing exactly the
 * objects that share the name) is computed from the state with the rules the lookups promise.
 */
import {
    getAccessProfile,
    getEntitlement,
    getEntitlements,
    getGovernanceGroup,
    getIdentity,
    getSegment,
    getSource,
    isIscLookupError,
} from "../../provider/src/lookups";
import { canFilter } from "../../provider/src/client";
import { fold } from "../../provider/src/lookups/match";
import { lookupTenant, type LookupTenant } from "./support";

interface Obj {
    id: string;
    name: string;
    [k: string]: unknown;
}
interface Ent extends Obj {
    value: string;
    source: { id: string; name: string };
}

let t: LookupTenant;
beforeAll(async () => {
    t = await lookupTenant(true);
});
afterAll(() => t.close());

const str = (o: Obj, field: string): string => {
    const v = o[field];
    if (typeof v !== "string") throw new Error(`${field} of ${o.id} is not a string`);
    return v;
};

/** What a lookup of `wanted` must answer among `list`: the one exact match, else the one case-insensitive one, else an ambiguity. */
function expected(list: Obj[], wanted: string, key: (o: Obj) => string): { id: string } | { ambiguous: string[] } {
    const exact = list.filter((o) => key(o) === wanted);
    const matches = exact.length ? exact : list.filter((o) => fold(key(o)) === fold(wanted));
    if (matches.length === 0) throw new Error(`test data: nothing matches ${JSON.stringify(wanted)}`);
    return matches.length === 1 ? { id: matches[0].id } : { ambiguous: matches.map((m) => m.id).sort() };
}

/** Runs a lookup and states its outcome in the same terms as `expected`. */
async function outcome(p: Promise<{ id: string }>): Promise<{ id: string } | { ambiguous: string[] }> {
    try {
        return { id: (await p).id };
    } catch (e) {
        if (!isIscLookupError(e) || e.problems[0].kind !== "ambiguous") throw e;
        return { ambiguous: e.problems[0].candidates.map((c) => c.id).sort() };
    }
}

describe("documented filters beyond names", () => {
    beforeEach(async () => {
        await t.reset();
        await t.clear();
    });

    test("getIdentity by alias and by email: one call each, alias eq / email eq", async () => {
        const who = t.state.identities[1] as unknown as Obj;
        const alias = str(who, "alias");
        const email = str(who, "emailAddress");
        expect((await getIdentity({ alias }, t.opts)).id).toBe(who.id);
        expect((await getIdentity({ email }, t.opts)).id).toBe(who.id);
        expect((await t.calls()).map((c) => [c.path, c.filters, c.query.defaultFilter])).toEqual([
            ["/v2025/identities", `alias eq "${alias}"`, "NONE"],
            ["/v2025/identities", `email eq "${email}"`, "NONE"],
        ]);
    });

    test("getEntitlements: three values in one call (value in), results in the order asked", async () => {
        const ents = t.state.entitlements as unknown as Ent[];
        const source = ents[0].source.id;
        const mine = ents
            .filter((e) => e.source.id === source)
            .slice(0, 3)
            .reverse();
        const found = await getEntitlements({ source, values: mine.map((e) => e.value) }, t.opts);
        expect(found.map((f) => f.id)).toEqual(mine.map((e) => e.id));
        expect((await t.calls()).map((c) => c.filters)).toEqual([
            `source.id eq "${source}" and value in (${mine.map((e) => JSON.stringify(e.value)).join(", ")})`,
        ]);
    });

    test("getEntitlements: values and names, a miss among them: every problem at once", async () => {
        const ents = t.state.entitlements as unknown as Ent[];
        const source = ents[0].source.id;
        const mine = ents.filter((e) => e.source.id === source);
        const e = await getEntitlements({ source, values: [mine[0].value, "CN=No Such Group"], names: [mine[1].name, "No Such Name"] }, t.opts).catch(
            (err: Error) => err,
        );
        if (!isIscLookupError(e)) throw e;
        expect(e.problems.map((p) => [p.kind, p.kind === "invalid" ? "" : p.what])).toEqual([
            ["not-found", `entitlement with value "CN=No Such Group" on source ${source}`],
            ["not-found", `entitlement named "No Such Name" on source ${source}`],
        ]);
        // value in (...), name in (...), then one list of the source for both misses.
        expect((await t.calls()).map((c) => c.filters)).toEqual([
            `source.id eq "${source}" and value in (${JSON.stringify(mine[0].value)}, "CN=No Such Group")`,
            `source.id eq "${source}" and name in (${JSON.stringify(mine[1].name)}, "No Such Name")`,
            `source.id eq "${source}"`,
        ]);
    });

    test("getEntitlement by value in another case: found in one or two calls (eq, then sw)", async () => {
        const ent = (t.state.entitlements as unknown as Ent[])[1];
        expect((await getEntitlement({ source: ent.source.id, value: ent.value.toLowerCase() }, t.opts)).id).toBe(ent.id);
        const calls = await t.calls();
        expect(calls.length).toBeLessThanOrEqual(2);
        expect(calls.every((c) => c.status === 200)).toBe(true);
    });
});

describe("a populated tenant with awkward names", () => {
    beforeAll(async () => {
        await t.reset();
        await t.populate({
            identities: 40,
            uncorrelatedIdentities: 5,
            governanceGroups: 12,
            sources: 8,
            entitlementsPerSource: 300,
            segments: 30,
            accessProfiles: 40,
        });
    });
    beforeEach(() => t.clear());

    /**
     * Every object of `list` by `key`, exactly as stored and in upper case, the answer expected among `among` (the
     * whole collection or scope); a filterable text that matches one object exactly costs one call.
     */
    async function everyOne(
        list: Obj[],
        key: (o: Obj) => string,
        lookup: (wanted: string) => Promise<{ id: string }>,
        filtered: boolean,
        among: Obj[] = list,
    ): Promise<void> {
        expect(list.length).toBeGreaterThan(0);
        for (const o of list) {
            for (const wanted of [key(o), key(o).toUpperCase()]) {
                await t.clear();
                const want = expected(among, wanted, key);
                expect({ wanted, got: await outcome(lookup(wanted)) }).toEqual({ wanted, got: want });
                const calls = await t.calls();
                if (!canFilter(wanted) || !filtered) {
                    // Never a filter on the name itself: the list, paged.
                    expect(calls.every((c) => !c.filters || !c.filters.includes(JSON.stringify(wanted)))).toBe(true);
                } else if (wanted === key(o) && "id" in want) {
                    expect({ wanted, calls: calls.length }).toEqual({ wanted, calls: 1 });
                }
            }
        }
    }

    test("every source by its name", async () => {
        await everyOne(
            t.state.sources as unknown as Obj[],
            (o) => o.name,
            (name) => getSource({ name }, t.opts),
            true,
        );
    });

    test("every governance group by its name", async () => {
        await everyOne(
            t.state.governanceGroups as unknown as Obj[],
            (o) => o.name,
            (name) => getGovernanceGroup({ name }, t.opts),
            true,
        );
    });

    test("every identity by name and by alias, uncorrelated ones included", async () => {
        const people = t.state.identities as unknown as Obj[];
        await everyOne(
            people,
            (o) => o.name,
            (name) => getIdentity({ name }, t.opts),
            true,
        );
        await everyOne(
            people,
            (o) => str(o, "alias"),
            (alias) => getIdentity({ alias }, t.opts),
            true,
        );
    });

    test("every segment by its name (the whole list each time: segments have no filters)", async () => {
        await everyOne(
            t.state.segments as unknown as Obj[],
            (o) => o.name,
            (name) => getSegment({ name }, t.opts),
            false,
        );
    });

    test("every access profile by its name", async () => {
        await everyOne(
            t.state.accessProfiles as unknown as Obj[],
            (o) => o.name,
            (name) => getAccessProfile({ name }, t.opts),
            true,
        );
    });

    test("entitlements of a source with more than 250: the awkward ones and those beyond the first page, by value and by name", async () => {
        const ents = t.state.entitlements as unknown as Ent[];
        const bySource = new Map<string, Ent[]>();
        for (const e of ents) bySource.set(e.source.id, [...(bySource.get(e.source.id) ?? []), e]);
        const [source, mine] = [...bySource].find(([, list]) => list.length > 250)!;
        const picks = mine.filter((e, i) => i >= 285 || !canFilter(e.value) || !canFilter(e.name));
        expect(picks.some((e) => !canFilter(e.value))).toBe(true);
        await everyOne(
            picks,
            (o) => str(o, "value"),
            (value) => getEntitlement({ source, value }, t.opts),
            true,
            mine,
        );
        await everyOne(
            picks,
            (o) => o.name,
            (name) => getEntitlement({ source, name }, t.opts),
            true,
            mine,
        );
    });

    test("getEntitlements: every value of a 300-entitlement source at once", async () => {
        const ents = t.state.entitlements as unknown as Ent[];
        const source = ents.find((e) => ents.filter((x) => x.source.id === e.source.id).length > 250)!.source.id;
        const mine = ents.filter((e) => e.source.id === source);
        const values = mine.map((e) => e.value);
        const unambiguous = values.every((v) => "id" in expected(mine, v, (o) => str(o, "value")));
        await t.clear();
        const run = getEntitlements({ source, values }, t.opts);
        if (unambiguous) expect((await run).map((r) => r.id)).toEqual(mine.map((e) => e.id));
        else await expect(run).rejects.toMatchObject({ name: "IscLookupError" });
        const calls = await t.calls();
        const inCalls = calls.filter((c) => c.filters?.includes(" in ("));
        expect(inCalls.length).toBe(Math.ceil(values.filter(canFilter).length / 50));
        // Plus the source's list (two pages) for the values no filter can carry.
        expect(calls.length - inCalls.length).toBe(values.some((v) => !canFilter(v)) ? Math.ceil(mine.length / 250) : 0);
    });
});
