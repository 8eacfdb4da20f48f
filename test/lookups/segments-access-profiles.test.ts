/**
 * getSegment and getAccessProfile against the emulator over HTTP: the objects are seeded through the admin API,
 * so every case (duplicates, names that differ in case, quotes, `+`, non-ASCII, more than 250) is real data, and
 * the request log shows what each lookup asked.
 */
import { getAccessProfile, getSegment, isIscLookupError, type IscLookupError } from "../../provider/src/lookups";
import { lookupTenant, rejection, seedMany, type LookupTenant } from "./support";

let t: LookupTenant;
beforeAll(async () => {
    t = await lookupTenant();
});
afterAll(() => t.close());
beforeEach(() => t.reset());

function lookupError(e: Error): IscLookupError {
    if (!isIscLookupError(e)) throw e;
    return e;
}

describe("getSegment: GET /v2025/segments, no filters (ISC has none), compared here", () => {
    test("exact match: one call, the plain result", async () => {
        const london = await t.segment("London Office", { active: true });
        await t.segment("Paris Office");
        await t.clear();
        expect(await getSegment({ name: "London Office" }, t.opts)).toEqual({ id: london.id, name: "London Office", active: true });
        const calls = await t.calls();
        expect(calls).toEqual([expect.objectContaining({ method: "GET", path: "/v2025/segments", offset: "0", status: 200 })]);
        expect(calls[0].filters).toBeUndefined();
    });

    test("a match that differs only in case is taken when it is the only one", async () => {
        const london = await t.segment("London Office");
        expect((await getSegment({ name: "LONDON office" }, t.opts)).id).toBe(london.id);
    });

    test("an exact match wins over names that differ in case", async () => {
        await t.segment("PAYROLL");
        const exact = await t.segment("Payroll");
        await t.segment("payroll");
        expect((await getSegment({ name: "Payroll" }, t.opts)).id).toBe(exact.id);
    });

    test("several case-insensitive matches: an error listing each id and name, no pick", async () => {
        const a = await t.segment("Payroll");
        const b = await t.segment("PAYROLL");
        const e = lookupError(await rejection(getSegment({ name: "payroll" }, t.opts)));
        expect(e.problems).toEqual([
            expect.objectContaining({
                kind: "ambiguous",
                how: "case-insensitive",
                candidates: [
                    { id: a.id, name: "Payroll" },
                    { id: b.id, name: "PAYROLL" },
                ],
            }),
        ]);
        expect(e.message).toContain(`name "Payroll" (id ${a.id}); name "PAYROLL" (id ${b.id})`);
        expect(e.message).toContain(`${t.emu.url}/v2025/segments`);
    });

    test("two segments with the same name: an error with both ids", async () => {
        const a = await t.segment("Duplicate");
        const b = await t.segment("Duplicate");
        const e = lookupError(await rejection(getSegment({ name: "Duplicate" }, t.opts)));
        expect(e.problems[0]).toMatchObject({ kind: "ambiguous", how: "exact" });
        expect(e.message).toContain(a.id);
        expect(e.message).toContain(b.id);
        expect(e.message).toMatch(/2 objects match segment named "Duplicate" exactly/);
    });

    test("no match: what and where, and the five closest names", async () => {
        for (const name of ["London Office", "London Office Staff", "Londonderry", "Paris Office", "Berlin Office", "Madrid", "Zzz Unrelated"]) {
            await t.segment(name);
        }
        const e = lookupError(await rejection(getSegment({ name: "Lodnon Office" }, t.opts)));
        const p = e.problems[0];
        expect(p.kind).toBe("not-found");
        if (p.kind !== "not-found") return;
        expect(p.what).toBe('segment named "Lodnon Office"');
        expect(p.where).toBe(`${t.emu.url}/v2025/segments`);
        expect(p.closest).toHaveLength(5);
        expect(p.closest[0]).toBe("London Office");
        expect(p.closest).not.toContain("Zzz Unrelated");
        expect(e.message).toMatch(
            /^getSegment: no segment named "Lodnon Office" in http:\/\/127\.0\.0\.1:\d+\/v2025\/segments, exactly or ignoring case \(listed: 7 segments compared\)\. Closest names: "London Office", /,
        );
    });

    test("names with quotes, +, backslashes and non-ASCII are found", async () => {
        const names = ['Say "hi"', "C++ Devs", "back\\slash", "Zürich Büro", "東京オフィス"];
        const made = [];
        for (const n of names) made.push(await t.segment(n));
        for (let i = 0; i < names.length; i++) expect((await getSegment({ name: names[i] }, t.opts)).id).toBe(made[i].id);
    });

    test("more than 250 segments: found on the second page, in two calls (the total is announced on the first)", async () => {
        await seedMany((name) => t.segment(name), "Seg", 299);
        const last = await t.segment("The Last One");
        await t.clear();
        expect((await getSegment({ name: "The Last One" }, t.opts)).id).toBe(last.id);
        const calls = await t.calls();
        expect(calls.map((c) => [c.path, c.offset, c.query.limit])).toEqual([
            ["/v2025/segments", "0", "250"],
            ["/v2025/segments", "250", "250"],
        ]);
        expect(calls[0].query.count).toBe("true");
    });

    test("the segments API version comes from the settings", async () => {
        const s = await t.segment("Versioned");
        await t.clear();
        expect((await getSegment({ name: "Versioned" }, { ...t.opts, segmentsApiVersion: "beta" })).id).toBe(s.id);
        expect((await t.calls()).map((c) => c.path)).toEqual(["/beta/segments"]);
    });

    test("lookups of one collection running together share one walk of the list", async () => {
        const [a, b, c] = [await t.segment("A"), await t.segment("B"), await t.segment("C")];
        await t.clear();
        const found = await Promise.all(["A", "B", "C"].map((name) => getSegment({ name }, t.opts)));
        expect(found.map((f) => f.id)).toEqual([a.id, b.id, c.id]);
        expect(await t.calls()).toHaveLength(1);
        // Sequential lookups read afresh (nothing is cached once a walk ends).
        await getSegment({ name: "A" }, t.opts);
        expect(await t.calls()).toHaveLength(2);
    });
});

describe("getAccessProfile: GET /v3/access-profiles, filter name eq (then sw, then the list)", () => {
    test("exact match: one filtered call", async () => {
        const ap = await t.accessProfile("Payroll Admins", { entitlements: [], enabled: false });
        await t.accessProfile("Payroll Admins Backup");
        await t.clear();
        const found = await getAccessProfile({ name: "Payroll Admins" }, t.opts);
        expect(found).toEqual({ id: ap.id, name: "Payroll Admins", enabled: false, source: { id: t.state.sources[0].id, name: t.state.sources[0].name } });
        expect(await t.calls()).toEqual([
            expect.objectContaining({ path: "/v3/access-profiles", filters: 'name eq "Payroll Admins"', offset: "0", status: 200 }),
        ]);
    });

    /** Whether this emulator's `name eq` ignores case (ISC does not document it; the lookups hold either way). */
    const eqIgnoresCase = async () => (await t.count("/v3/access-profiles", 'name eq "payroll admins"')) > 0;

    test("a name in another case: found by eq when the server ignores case, else by sw: one or two calls", async () => {
        const ap = await t.accessProfile("Payroll Admins");
        await t.accessProfile("Payroll Admins Backup");
        const ignoresCase = await eqIgnoresCase();
        await t.clear();
        expect((await getAccessProfile({ name: "PAYROLL admins" }, t.opts)).id).toBe(ap.id);
        expect((await t.calls()).map((c) => c.filters)).toEqual(
            ignoresCase ? ['name eq "PAYROLL admins"'] : ['name eq "PAYROLL admins"', 'name sw "PAYROLL admins"'],
        );
    });

    test("two that differ only in case, neither exact: an error listing both", async () => {
        const a = await t.accessProfile("Payroll Admins");
        const b = await t.accessProfile("PAYROLL ADMINS");
        const ignoresCase = await eqIgnoresCase();
        await t.clear();
        const e = lookupError(await rejection(getAccessProfile({ name: "payroll admins" }, t.opts)));
        expect(e.problems[0]).toMatchObject({ kind: "ambiguous", how: "case-insensitive" });
        expect(e.message).toContain(`name "Payroll Admins" (id ${a.id}); name "PAYROLL ADMINS" (id ${b.id})`);
        expect(await t.calls()).toHaveLength(ignoresCase ? 1 : 2);
    });

    test("an exact match wins when the server also answers the other case", async () => {
        await t.accessProfile("PAYROLL ADMINS");
        const exact = await t.accessProfile("Payroll Admins");
        await t.clear();
        expect((await getAccessProfile({ name: "Payroll Admins" }, t.opts)).id).toBe(exact.id);
        expect(await t.calls()).toHaveLength(1);
    });

    test("duplicates: the filter answers both, one call, an error with both ids", async () => {
        const a = await t.accessProfile("Twin");
        const b = await t.accessProfile("Twin");
        await t.clear();
        const e = lookupError(await rejection(getAccessProfile({ name: "Twin" }, t.opts)));
        expect(e.problems[0]).toMatchObject({
            kind: "ambiguous",
            how: "exact",
            candidates: [
                { id: a.id, name: "Twin" },
                { id: b.id, name: "Twin" },
            ],
        });
        expect(await t.calls()).toHaveLength(1);
    });

    test("no match: eq, sw, then one list page (three calls), and the closest names", async () => {
        for (const n of ["Payroll Admins", "Payroll Viewers", "HR Admins"]) await t.accessProfile(n);
        await t.clear();
        const e = lookupError(await rejection(getAccessProfile({ name: "Payrol Admins" }, t.opts)));
        expect((await t.calls()).map((c) => c.filters)).toEqual(['name eq "Payrol Admins"', 'name sw "Payrol Admins"', undefined]);
        const p = e.problems[0];
        expect(p).toMatchObject({ kind: "not-found", what: 'access profile named "Payrol Admins"', where: `${t.emu.url}/v3/access-profiles` });
        expect(p.kind === "not-found" && p.closest).toEqual(["Payroll Admins", "HR Admins", "Payroll Viewers"]);
        expect(e.message).toContain(
            'filter name eq "Payrol Admins" answered 0, then filter name sw "Payrol Admins" answered 0, then listed: 3 access profiles compared',
        );
    });

    test.each([['Say "hi"'], ["C++ Devs"], ["back\\slash"], ["Zürich Büro"], ['Ünïcode + "both"']])(
        "%s: no filter is sent; the list is read and compared here (one call)",
        async (name) => {
            await t.accessProfile("Decoy");
            const ap = await t.accessProfile(name);
            await t.clear();
            expect((await getAccessProfile({ name }, t.opts)).id).toBe(ap.id);
            const calls = await t.calls();
            expect(calls).toHaveLength(1);
            expect(calls[0]).toMatchObject({ path: "/v3/access-profiles", offset: "0" });
            expect(calls[0].filters).toBeUndefined();
        },
    );

    test("a name no filter can carry, beyond the first 250: two pages, no filter", async () => {
        await seedMany((name) => t.accessProfile(name), "AP", 280);
        const target = await t.accessProfile('R&D + Ops "Ω"');
        await t.clear();
        expect((await getAccessProfile({ name: 'R&D + Ops "Ω"' }, t.opts)).id).toBe(target.id);
        expect((await t.calls()).map((c) => [c.filters, c.offset])).toEqual([
            [undefined, "0"],
            [undefined, "250"],
        ]);
    });

    test("a case-insensitive match of a name no filter can carry: listed, taken when unique", async () => {
        const ap = await t.accessProfile("Zürich Büro");
        expect((await getAccessProfile({ name: "ZÜRICH BÜRO" }, t.opts)).id).toBe(ap.id);
    });

    test("a miss reads at most missScanLimit objects, and the error says so", async () => {
        await seedMany((name) => t.accessProfile(name), "AP", 300);
        await t.clear();
        const e = lookupError(await rejection(getAccessProfile({ name: "Nope" }, { ...t.opts, missScanLimit: 250 })));
        expect((await t.calls()).map((c) => [c.filters, c.offset])).toEqual([
            ['name eq "Nope"', "0"],
            ['name sw "Nope"', "0"],
            [undefined, "0"],
        ]);
        expect(e.problems[0]).toMatchObject({ kind: "not-found", scanned: { compared: 250, total: 300 } });
        expect(e.message).toContain("Only the first 250 of 300 objects were compared (missScanLimit)");
    });

    test("the access-profiles API version comes from the settings", async () => {
        const ap = await t.accessProfile("Versioned");
        await t.clear();
        expect((await getAccessProfile({ name: "Versioned" }, { ...t.opts, accessProfilesApiVersion: "v2025" })).id).toBe(ap.id);
        expect((await t.calls()).map((c) => c.path)).toEqual(["/v2025/access-profiles"]);
    });

    test("bad arguments fail before any call", async () => {
        await t.clear();
        const e = lookupError(await rejection(getAccessProfile({ name: "" }, t.opts)));
        expect(e.problems[0]).toMatchObject({ kind: "invalid", what: "name" });
        expect(await t.calls()).toHaveLength(0);
    });
});
