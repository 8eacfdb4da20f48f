/** The pure rules behind every lookup: what a filter can carry, exact-then-case-insensitive, closest names. */
import { allOf, canFilter, quote } from "../../provider/src/client";
import { closestNames, decide, editDistance, fold } from "../../provider/src/lookups/match";
import { IscLookupError } from "../../provider/src/lookups/errors";

const key = (x: { name: string }) => x.name;
const objs = (...names: string[]) => names.map((name, i) => ({ id: `id${i}`, name }));

describe("what a filter can carry", () => {
    test.each([["Payroll Admins"], ["CN=Payroll,OU=Groups,DC=acme"], ["a'b (c) & d; e=f"], ["x@example.com"]])("%s: filtered", (v) => {
        expect(canFilter(v)).toBe(true);
    });
    test.each([['Say "hi"'], ["C++ Devs"], ["back\\slash"], ["Zürich"], ["名前"], ["tab\there"], [""]])("%s: listed instead", (v) => {
        expect(canFilter(v)).toBe(false);
    });
    test("quote escapes quotes and backslashes; allOf joins the present parts", () => {
        expect(quote("a")).toBe('"a"');
        expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
        expect(allOf(undefined, 'name eq "x"')).toBe('name eq "x"');
        expect(allOf('source.id eq "s"', 'value eq "v"')).toBe('source.id eq "s" and value eq "v"');
        expect(allOf(undefined, "")).toBeUndefined();
    });
});

describe("exact first, then case-insensitive only when unique", () => {
    test("an exact match wins over matches that differ in case", () => {
        const d = decide(objs("PAYROLL", "Payroll", "payroll"), "Payroll", key);
        expect(d).toEqual({ kind: "one", match: { id: "id1", name: "Payroll" }, how: "exact" });
    });
    test("two exact matches are ambiguous", () => {
        const d = decide(objs("Dup", "Dup", "dup"), "Dup", key);
        expect(d.kind).toBe("many");
        expect(d.kind === "many" && d.matches.map((m) => m.id)).toEqual(["id0", "id1"]);
        expect(d.kind === "many" && d.how).toBe("exact");
    });
    test("one case-insensitive match is taken; two are ambiguous; none is none", () => {
        expect(decide(objs("Payroll", "Other"), "PAYROLL", key)).toMatchObject({ kind: "one", how: "case-insensitive", match: { id: "id0" } });
        expect(decide(objs("Payroll", "PAYROLL"), "payroll", key)).toMatchObject({ kind: "many", how: "case-insensitive" });
        expect(decide(objs("Payroll Admins"), "Payroll", key)).toEqual({ kind: "none" });
    });
    test("case folding covers non-ASCII and canonical equivalence", () => {
        expect(fold("STRASSE")).toBe(fold("straße"));
        expect(fold("ΣΟΦΊΑ")).toBe(fold("σοφία"));
        expect(fold("Ze\u0301")).toBe(fold("ZÉ")); // decomposed é
        expect(decide(objs("Zürich Büro"), "ZÜRICH BÜRO", key)).toMatchObject({ kind: "one", how: "case-insensitive" });
    });
});

describe("closest names", () => {
    test("edit distance", () => {
        expect(editDistance("kitten", "sitting")).toBe(3);
        expect(editDistance("", "abc")).toBe(3);
        expect(editDistance("same", "same")).toBe(0);
    });
    test("up to five, closest first, ignoring case; containment counts as close", () => {
        const names = ["Workday", "Active Directory", "Salesforce", "Workday Sandbox", "ServiceNow", "SAP", "Okta"];
        const closest = closestNames("workdya", names);
        expect(closest).toHaveLength(5);
        expect(closest[0]).toBe("Workday");
        expect(closestNames("Directory", names)[0]).toBe("Active Directory");
        expect(closestNames("x", [])).toEqual([]);
        expect(closestNames("a", ["b", "b", "c"])).toEqual(["b", "c"]);
    });
});

describe("error messages", () => {
    test("not found: what, where, how, closest, and the scan limit when cut", () => {
        const e = new IscLookupError("getSource", [
            {
                kind: "not-found",
                what: 'source named "Wrkday"',
                where: "https://acme.api.identitynow.com/v3/sources",
                searched: 'filter name eq "Wrkday" answered 0',
                closest: ["Workday"],
                closestOf: "names",
                scanned: { compared: 250, total: 300 },
            },
        ]);
        expect(e.message).toBe(
            'getSource: no source named "Wrkday" in https://acme.api.identitynow.com/v3/sources, exactly or ignoring case ' +
                '(filter name eq "Wrkday" answered 0). Closest names: "Workday". Only the first 250 of 300 objects were compared ' +
                "(missScanLimit); a match beyond them was not looked for.",
        );
    });
    test("ambiguous: every candidate's id and name; several problems listed together", () => {
        const e = new IscLookupError("getEntitlements", [
            {
                kind: "ambiguous",
                what: 'entitlement with value "cn=x"',
                where: "w",
                how: "case-insensitive",
                candidates: [
                    { id: "a1", name: "X", matched: "CN=X" },
                    { id: "a2", name: "x", matched: "cn=X" },
                ],
            },
            { kind: "invalid", what: "values[1]", reason: "expected a non-empty string" },
        ]);
        expect(e.message).toContain('"CN=X", name "X" (id a1); "cn=X", name "x" (id a2)');
        expect(e.message).toContain("ignoring case (none exactly)");
        expect(e.message).toMatch(/^getEntitlements: 2 problems:\n {2}1\. .*\n {2}2\. values\[1\]: expected/);
        expect(e.name).toBe("IscLookupError");
    });
});
