/**
 * The lookups against a small stand-in for ISC whose filters compare case exactly or not (fake-isc.ts), so every
 * branch runs whichever way the real tenant behaves: exact match first, a case-insensitive match only when unique
 * (proven complete, never guessed), getEntitlements' `in` batches, the scan limit and what it must not hide.
 */
import {
    getEntitlement,
    getEntitlements,
    getGovernanceGroup,
    getIdentity,
    getSource,
    isIscLookupError,
    type IscLookupError,
    type LookupOptions,
} from "../../provider/src/lookups";
import { DOCUMENTED, fakeIsc, type FakeIsc, type FakeOptions } from "./fake-isc";
import { rejection } from "./support";

const hex = (n: number) => n.toString(16).padStart(32, "0");
const S1 = hex(0x51);
const S2 = hex(0x52);
const SECRET = "fake-secret-5f2b9";

function entitlement(id: number, source: string, name: string, value: string) {
    return { id: hex(id), name, value, attribute: "memberOf", source: { type: "SOURCE", id: source, name: source === S1 ? "Directory" : "HR" } };
}

function tenant() {
    const s1 = [
        ...Array.from({ length: 300 }, (_, i) =>
            entitlement(0x1000 + i, S1, `Group ${String(i).padStart(3, "0")}`, `CN=Group ${String(i).padStart(3, "0")},OU=Groups`),
        ),
        entitlement(0x2001, S1, "Smith, John", "CN=Smith\\, John,OU=Users"),
        entitlement(0x2002, S1, "Ünïcode Group", "CN=Ünïcode,OU=Groups"),
        entitlement(0x2003, S1, "Twin", "CN=Twin A,OU=Groups"),
        entitlement(0x2004, S1, "Twin", "CN=Twin B,OU=Groups"),
    ];
    // A pair that differs only in case, one inside the first page and one far beyond it.
    s1.splice(5, 0, entitlement(0x3001, S1, "Admins", "CN=Admins,OU=G"));
    s1.splice(290, 0, entitlement(0x3002, S1, "admins", "cn=ADMINS,ou=g"));
    const s2 = [entitlement(0x4001, S2, "Group 000", "CN=Group 000,OU=Groups"), entitlement(0x4002, S2, "Payroll Viewer", "payroll-viewer")];
    return {
        "/v3/sources": {
            filters: DOCUMENTED["/v3/sources"],
            items: [
                { id: S1, name: "Directory", type: "Active Directory - Direct" },
                { id: S2, name: "HR", type: "Workday" },
                { id: hex(0x53), name: "Workday", type: "Workday" },
                { id: hex(0x54), name: "Payroll", type: "Delimited File" },
                { id: hex(0x55), name: "PAYROLL", type: "Delimited File" },
                { id: hex(0x56), name: "Dup Source", type: "JDBC" },
                { id: hex(0x57), name: "Dup Source", type: "JDBC" },
                { id: hex(0x58), name: 'Say "hi"', type: "JDBC" },
                { id: hex(0x59), name: "C++ Builds", type: "JDBC" },
                { id: hex(0x5a), name: "Zürich HR", type: "JDBC" },
            ],
        },
        "/v2025/entitlements": { filters: DOCUMENTED["/v2025/entitlements"], items: [...s1, ...s2] },
        "/v2025/identities": {
            filters: DOCUMENTED["/v2025/identities"],
            paths: { email: "emailAddress" },
            items: [
                { id: hex(0x61), name: "Alice Admin", alias: "alice.admin", emailAddress: "alice@example.com" },
                { id: hex(0x62), name: "Bob Owner", alias: "bob.owner", emailAddress: null },
            ],
        },
        "/beta/workgroups": { filters: DOCUMENTED["/beta/workgroups"], items: [{ id: hex(0x71), name: "Security Reviewers", description: "Reviews" }] },
    };
}

const MODES: Array<[string, FakeOptions]> = [
    ["eq and sw compare case exactly", { eqIgnoresCase: false, swIgnoresCase: false }],
    ["eq exact, sw ignores case", { eqIgnoresCase: false, swIgnoresCase: true }],
    ["eq and sw ignore case", { eqIgnoresCase: true, swIgnoresCase: true }],
];

function lookupError(e: Error): IscLookupError {
    if (!isIscLookupError(e)) throw e;
    return e;
}

describe.each(MODES)("a server whose %s", (_label, mode) => {
    let isc: FakeIsc;
    let opts: LookupOptions;
    beforeAll(async () => {
        isc = await fakeIsc(tenant(), mode);
        opts = { baseUrl: isc.url, clientId: "fake-client", clientSecret: SECRET, maxRequestsPer10Seconds: 10_000 };
    });
    afterAll(() => isc.close());
    beforeEach(() => {
        isc.requests.length = 0;
    });
    const filters = () => isc.api().map((r) => r.query.filters);

    test("exact: one call with name eq, whatever the server's case rules", async () => {
        expect(await getSource({ name: "Workday" }, opts)).toEqual({ id: hex(0x53), name: "Workday", type: "Workday" });
        expect(filters()).toEqual(['name eq "Workday"']);
    });

    test("another case, one match: found, in as few calls as the server's rules allow", async () => {
        expect((await getSource({ name: "WORKDAY" }, opts)).id).toBe(hex(0x53));
        const expected = mode.eqIgnoresCase
            ? ['name eq "WORKDAY"']
            : mode.swIgnoresCase
              ? ['name eq "WORKDAY"', 'name sw "WORKDAY"']
              : ['name eq "WORKDAY"', 'name sw "WORKDAY"', undefined];
        expect(filters()).toEqual(expected);
    });

    test("another case, two matches (neither exact): an error with both ids", async () => {
        const e = lookupError(await rejection(getSource({ name: "payroll" }, opts)));
        expect(e.problems).toEqual([
            expect.objectContaining({
                kind: "ambiguous",
                how: "case-insensitive",
                candidates: [
                    { id: hex(0x54), name: "Payroll" },
                    { id: hex(0x55), name: "PAYROLL" },
                ],
            }),
        ]);
    });

    test("an exact match wins even when the server also answers the other case", async () => {
        expect((await getSource({ name: "PAYROLL" }, opts)).id).toBe(hex(0x55));
        expect(isc.api()).toHaveLength(1);
    });

    test("two sources with the same name: an error with both ids, after one call", async () => {
        const e = lookupError(await rejection(getSource({ name: "Dup Source" }, opts)));
        expect(e.problems[0]).toMatchObject({ kind: "ambiguous", how: "exact", candidates: [{ id: hex(0x56) }, { id: hex(0x57) }] });
        expect(isc.api()).toHaveLength(1);
    });

    test.each([
        ['Say "hi"', 0x58],
        ["C++ Builds", 0x59],
        ["Zürich HR", 0x5a],
    ])("%s: the list, no filter, one call", async (name, id) => {
        expect((await getSource({ name }, opts)).id).toBe(hex(id));
        expect(filters()).toEqual([undefined]);
    });

    test("identities by alias, email and name: one call each, uncorrelated identities included", async () => {
        const alice = { id: hex(0x61), name: "Alice Admin", alias: "alice.admin", email: "alice@example.com" };
        expect(await getIdentity({ alias: "alice.admin" }, opts)).toEqual(alice);
        expect(await getIdentity({ email: "alice@example.com" }, opts)).toEqual(alice);
        expect(await getIdentity({ name: "Bob Owner" }, opts)).toEqual({ id: hex(0x62), name: "Bob Owner", alias: "bob.owner", email: null });
        expect(isc.api().map((r) => [r.path, r.query.filters, r.query.defaultFilter])).toEqual([
            ["/v2025/identities", 'alias eq "alice.admin"', "NONE"],
            ["/v2025/identities", 'email eq "alice@example.com"', "NONE"],
            ["/v2025/identities", 'name eq "Bob Owner"', "NONE"],
        ]);
    });

    test("a governance group: /beta/workgroups, one call", async () => {
        expect(await getGovernanceGroup({ name: "Security Reviewers" }, opts)).toEqual({ id: hex(0x71), name: "Security Reviewers", description: "Reviews" });
        expect(isc.api().map((r) => [r.path, r.query.filters])).toEqual([["/beta/workgroups", 'name eq "Security Reviewers"']]);
    });

    test("an entitlement by value, scoped to its source: one call", async () => {
        const e = await getEntitlement({ source: S1, value: "CN=Group 299,OU=Groups" }, opts);
        expect(e).toEqual({
            id: hex(0x1000 + 299),
            name: "Group 299",
            value: "CN=Group 299,OU=Groups",
            attribute: "memberOf",
            source: { id: S1, name: "Directory" },
        });
        expect(filters()).toEqual([`source.id eq "${S1}" and value eq "CN=Group 299,OU=Groups"`]);
    });

    test("the same name on two sources: the source decides", async () => {
        expect((await getEntitlement({ source: { id: S2 }, name: "Group 000" }, opts)).id).toBe(hex(0x4001));
        expect((await getEntitlement({ source: S1, name: "Group 000" }, opts)).id).toBe(hex(0x1000));
    });

    test("a value with a backslash or non-ASCII: the source's whole list (two pages), source.id eq only", async () => {
        expect((await getEntitlement({ source: S1, value: "CN=Smith\\, John,OU=Users" }, opts)).id).toBe(hex(0x2001));
        expect(isc.api().map((r) => [r.query.filters, r.query.offset])).toEqual([
            [`source.id eq "${S1}"`, "0"],
            [`source.id eq "${S1}"`, "250"],
        ]);
    });

    test("getEntitlements: several values in one call, results in the order asked", async () => {
        const values = ["CN=Group 299,OU=Groups", "CN=Group 001,OU=Groups", "CN=Group 150,OU=Groups"];
        const found = await getEntitlements({ source: S1, values }, opts);
        expect(found.map((f) => f.value)).toEqual(values);
        expect(filters()).toEqual([`source.id eq "${S1}" and value in ("CN=Group 299,OU=Groups", "CN=Group 001,OU=Groups", "CN=Group 150,OU=Groups")`]);
    });

    test("getEntitlements: 60 values and 2 names: 50 values a call, so three calls", async () => {
        const values = Array.from({ length: 60 }, (_, i) => `CN=Group ${String(i * 4).padStart(3, "0")},OU=Groups`);
        const found = await getEntitlements({ source: S1, values, names: ["Group 007", "Smith, John"] }, opts);
        expect(found.map((f) => f.id)).toEqual([...values.map((_, i) => hex(0x1000 + i * 4)), hex(0x1007), hex(0x2001)]);
        expect(isc.api()).toHaveLength(3);
        expect(
            filters()
                .filter((f) => f?.includes(" in ("))
                .map((f) => (f!.match(/", "/g) ?? []).length + 1),
        ).toEqual([50, 10, 2]);
    });

    test("getEntitlements: every problem in one error (a miss with its closest values, an ambiguous name), after the in calls and one list", async () => {
        const e = lookupError(
            await rejection(
                getEntitlements({ source: S1, values: ["CN=Group 001,OU=Groups", "CN=Gruop 002,OU=Groups", "CN=Ünïcode,OU=Groups"], names: ["Twin"] }, opts),
            ),
        );
        expect(e.problems.map((p) => p.kind)).toEqual(["not-found", "ambiguous"]);
        const [missing, twin] = e.problems;
        expect(missing).toMatchObject({ what: `entitlement with value "CN=Gruop 002,OU=Groups" on source ${S1}`, where: `${isc.url}/v2025/entitlements` });
        expect(missing.kind === "not-found" && missing.closest[0]).toBe("CN=Group 002,OU=Groups");
        expect(twin).toMatchObject({
            how: "exact",
            candidates: [
                { id: hex(0x2003), name: "Twin" },
                { id: hex(0x2004), name: "Twin" },
            ],
        });
        expect(e.message).toMatch(/^getEntitlements: 2 problems:\n {2}1\. no entitlement with value "CN=Gruop 002,OU=Groups"/);
        // values in (...), names in (...), then the whole list (a value no filter can carry needs it all): 2 pages.
        expect(isc.api().map((r) => r.query.offset)).toEqual(["0", "0", "0", "250"]);
    });

    test("getEntitlements never takes a case variant that came back only because it was asked for itself", async () => {
        // "cn=admins,ou=g" does not exist; "CN=Admins,OU=G" does and is asked too; "cn=ADMINS,ou=g" also exists.
        const e = lookupError(await rejection(getEntitlements({ source: S1, values: ["cn=admins,ou=g", "CN=Admins,OU=G"] }, opts)));
        expect(e.problems).toEqual([
            expect.objectContaining({
                kind: "ambiguous",
                how: "case-insensitive",
                candidates: [expect.objectContaining({ id: hex(0x3001) }), expect.objectContaining({ id: hex(0x3002) })],
            }),
        ]);
    });

    test("a case variant inside the scan limit: the rest is read too, so a second variant beyond it is not hidden", async () => {
        const e = lookupError(await rejection(getEntitlement({ source: S1, value: "Cn=Admins,Ou=G" }, { ...opts, missScanLimit: 250 })));
        expect(e.problems[0]).toMatchObject({ kind: "ambiguous", how: "case-insensitive", candidates: [{ id: hex(0x3001) }, { id: hex(0x3002) }] });
    });

    test("a miss reads at most missScanLimit objects, and says so", async () => {
        const e = lookupError(await rejection(getEntitlement({ source: S1, name: "Nothing Like It" }, { ...opts, missScanLimit: 250 })));
        expect(e.problems[0]).toMatchObject({ kind: "not-found", scanned: { compared: 250, total: 306 } });
        expect(
            isc
                .api()
                .filter((r) => r.query.filters === `source.id eq "${S1}"`)
                .map((r) => r.query.offset),
        ).toEqual(["0"]);
    });

    test("a source id that lists nothing: the error says to check it", async () => {
        const e = lookupError(await rejection(getEntitlement({ source: "Directory", name: "Group 001" }, opts)));
        expect(e.message).toContain(
            'Nothing was listed there: source "Directory" lists no entitlements: check that it is a source id (getSource({ name }) finds one)',
        );
    });

    test("no token and no secret in any error or result", async () => {
        const texts: string[] = [];
        const runs: Array<() => Promise<unknown>> = [
            () => getSource({ name: "Nope" }, opts),
            () => getSource({ name: "payroll" }, opts),
            () => getEntitlements({ source: S1, values: ["x", "y"] }, opts),
            () => getSource({ name: "Workday" }, { ...opts, clientSecret: "wrong-secret-77" }), // the fake accepts any secret
        ];
        for (const run of runs) {
            const r = await run().then(
                (v) => v,
                (e: Error) => e,
            );
            texts.push(r instanceof Error ? `${r.message}\n${r.stack}\n${JSON.stringify(r)}` : JSON.stringify(r));
        }
        expect(isc.issuedTokens.length).toBeGreaterThan(0);
        for (const text of texts) {
            expect(text).not.toContain(SECRET);
            expect(text).not.toContain("wrong-secret-77");
            for (const token of isc.issuedTokens) expect(text).not.toContain(token);
        }
    });
});

test("a filter the server refuses (400) is an error naming the lookup; a refused sw only skips that step", async () => {
    const isc = await fakeIsc(
        {
            "/v3/sources": { filters: { name: ["eq"] }, items: [{ id: hex(1), name: "Workday" }] },
            "/v2025/identities": { filters: { name: ["eq"] }, items: [] },
        },
        { eqIgnoresCase: false, swIgnoresCase: false },
    );
    try {
        const opts = { baseUrl: isc.url, clientId: "c", clientSecret: SECRET };
        expect((await getSource({ name: "workday" }, opts)).id).toBe(hex(1)); // eq 0, sw refused, list
        expect(isc.api().map((r) => r.status)).toEqual([200, 400, 200]);
        const e = await rejection(getIdentity({ alias: "x" }, opts));
        expect(e.name).toBe("IscApiError");
        expect(e.message).toMatch(/^getIdentity \(alias "x"\): ISC rejected GET \/v2025\/identities \(400/);
    } finally {
        await isc.close();
    }
});
