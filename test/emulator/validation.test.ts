/** The emulator's validation rules, one case each, and its literal, atomic RFC 6902 PATCH. */
import { expectIscError, ids, tenant, Tenant } from "./helpers";

let t: Tenant;
let x: ReturnType<typeof ids>;
beforeAll(async () => {
    t = await tenant({ seed: 5, rateLimit: null });
    x = ids(t);
});
afterAll(() => t.close());

const eq = (attribute: string, value: string) => ({ operator: "EQUALS", attribute, value: { type: "STRING", value } });
type Body = Record<string, unknown>;

describe("segment rules", () => {
    const cases: Array<[string, () => Body, string, RegExp]> = [
        ["name is required", () => ({ description: "x" }), "400.1 Bad Request Content", /"name" is missing/],
        ["name must not be blank", () => ({ name: "  " }), "400.1.3 Illegal value", /blank/],
        ["name must be a string", () => ({ name: 7 }), "400.1.3 Illegal value", /"name"/],
        ["description must be a string", () => ({ name: "s", description: 5 }), "400.1.3 Illegal value", /"description"/],
        ["active must be a boolean", () => ({ name: "s", active: "yes" }), "400.1.3 Illegal value", /"active"/],
        ["unknown fields are refused", () => ({ name: "s", colour: "red" }), "400.1 Bad Request Content", /colour/],
        ["owner type must be IDENTITY", () => ({ name: "s", owner: { type: "SOURCE", id: x.alice } }), "400.1.3 Illegal value", /owner\.type.*IDENTITY/],
        ["owner must exist", () => ({ name: "s", owner: { type: "IDENTITY", id: "0".repeat(32) } }), "400.1.404 Referenced object not found", /0{32}/],
        [
            "owner.name must match when sent",
            () => ({ name: "s", owner: { type: "IDENTITY", id: x.alice, name: "Mallory" } }),
            "400.1.3 Illegal value",
            /Alice Admin/,
        ],
        ["visibilityCriteria is an object", () => ({ name: "s", visibilityCriteria: "location eq London" }), "400.1.3 Illegal value", /visibilityCriteria/],
        [
            "unknown fields in visibilityCriteria are refused",
            () => ({ name: "s", visibilityCriteria: { expression: eq("a", "b"), mode: "x" } }),
            "400.1 Bad Request Content",
            /mode/,
        ],
        ["owner must be an object", () => ({ name: "s", owner: "alice" }), "400.1.3 Illegal value", /"owner"/],
        ["owner needs an id", () => ({ name: "s", owner: { type: "IDENTITY" } }), "400.1.3 Illegal value", /owner\.id/],
        [
            "operator is AND or EQUALS",
            () => ({ name: "s", visibilityCriteria: { expression: { operator: "OR", children: [] } } }),
            "400.1.3 Illegal value",
            /AND, EQUALS/,
        ],
        [
            "EQUALS needs an attribute",
            () => ({ name: "s", visibilityCriteria: { expression: { operator: "EQUALS", value: { type: "STRING", value: "x" } } } }),
            "400.1.3 Illegal value",
            /attribute/,
        ],
        [
            "EQUALS needs a STRING value",
            () => ({ name: "s", visibilityCriteria: { expression: { operator: "EQUALS", attribute: "a", value: { type: "NUMBER", value: "1" } } } }),
            "400.1.3 Illegal value",
            /STRING/,
        ],
        [
            "EQUALS has no children",
            () => ({ name: "s", visibilityCriteria: { expression: { ...eq("a", "b"), children: [eq("c", "d")] } } }),
            "400.1.3 Illegal value",
            /no children/,
        ],
        [
            "AND needs children",
            () => ({ name: "s", visibilityCriteria: { expression: { operator: "AND", children: [] } } }),
            "400.1.3 Illegal value",
            /non-empty/,
        ],
        [
            "expressions nest at most two levels",
            () => ({ name: "s", visibilityCriteria: { expression: { operator: "AND", children: [{ operator: "AND", children: [eq("a", "b")] }] } } }),
            "400.1.3 Illegal value",
            /two levels/,
        ],
    ];
    test.each(cases)("%s", async (_name, body, code, text) => {
        expectIscError(await t.api("POST", "/v2025/segments", body()), 400, code, text);
    });

    test("id, created and modified in a create body are ignored: the server sets them", async () => {
        const r = await t.api<Body>("POST", "/v2025/segments", { name: "ro", id: "mine", created: "2001-01-01T00:00:00Z", modified: "2001-01-01T00:00:00Z" });
        expect(r.status).toBe(201);
        expect(r.body.id).toMatch(/^[0-9a-f]{32}$/);
        expect(Date.parse(r.body.created as string)).toBeGreaterThan(Date.parse("2020-01-01"));
    });

    test("a valid two-level expression is accepted and normalised", async () => {
        const r = await t.api<Body>("POST", "/v2025/segments", {
            name: "ok",
            visibilityCriteria: { expression: { operator: "AND", children: [eq("a", "b"), eq("c", "d")] } },
        });
        expect(r.status).toBe(201);
        expect(r.body.visibilityCriteria).toEqual({
            expression: {
                operator: "AND",
                attribute: null,
                value: null,
                children: [
                    { ...eq("a", "b"), children: null },
                    { ...eq("c", "d"), children: null },
                ],
            },
        });
    });
});

describe("access profile rules", () => {
    const base = (): Body => ({ name: "p", owner: { type: "IDENTITY", id: x.alice }, source: { type: "SOURCE", id: x.ad } });
    const ent = (id: string) => ({ type: "ENTITLEMENT", id });
    const scheme = (approverType: string, approverId?: string) => ({ approverType, ...(approverId ? { approverId } : {}) });
    const cases: Array<[string, () => Body, string, RegExp]> = [
        ["name is required", () => ({ ...base(), name: undefined }), "400.1 Bad Request Content", /"name" is missing/],
        ["owner is required", () => ({ ...base(), owner: undefined }), "400.1 Bad Request Content", /"owner" is missing/],
        ["name must not be blank", () => ({ ...base(), name: "" }), "400.1.3 Illegal value", /blank/],
        ["unknown fields are refused", () => ({ ...base(), colour: "red" }), "400.1 Bad Request Content", /colour/],
        [
            "owner must be an IDENTITY",
            () => ({ ...base(), owner: { type: "GOVERNANCE_GROUP", id: x.group } }),
            "400.1.3 Illegal value",
            /owner\.type.*IDENTITY/,
        ],
        ["owner must exist", () => ({ ...base(), owner: { type: "IDENTITY", id: "7".repeat(32) } }), "400.1.404 Referenced object not found", /7{32}/],
        ["source must be a SOURCE", () => ({ ...base(), source: { type: "IDENTITY", id: x.ad } }), "400.1.3 Illegal value", /source\.type.*SOURCE/],
        ["source is required", () => ({ ...base(), source: undefined }), "400.1 Bad Request Content", /"source" is missing/],
        ["source must exist", () => ({ ...base(), source: { type: "SOURCE", id: "f".repeat(32) } }), "400.1.404 Referenced object not found", /f{32}/],
        ["owner.name must match", () => ({ ...base(), owner: { type: "IDENTITY", id: x.alice, name: "Bob Owner" } }), "400.1.3 Illegal value", /Alice Admin/],
        ["description must be a string", () => ({ ...base(), description: ["d"] }), "400.1.3 Illegal value", /"description"/],
        ["entitlements are a list", () => ({ ...base(), entitlements: ent(x.adEnts[0]) }), "400.1.3 Illegal value", /"entitlements"/],
        [
            "entitlement references are of type ENTITLEMENT",
            () => ({ ...base(), entitlements: [{ type: "ROLE", id: x.adEnts[0] }] }),
            "400.1.3 Illegal value",
            /entitlements\[0\]\.type.*ENTITLEMENT/,
        ],
        ["enabled must be a boolean", () => ({ ...base(), enabled: "true" }), "400.1.3 Illegal value", /"enabled"/],
        ["segments are a list", () => ({ ...base(), segments: "s1" }), "400.1.3 Illegal value", /segment ids/],
        ["accessRequestConfig is an object", () => ({ ...base(), accessRequestConfig: [] }), "400.1.3 Illegal value", /accessRequestConfig/],
        [
            "unknown fields in accessRequestConfig are refused",
            () => ({ ...base(), accessRequestConfig: { approvers: [] } }),
            "400.1 Bad Request Content",
            /approvers/,
        ],
        [
            "approvalSchemes are a list",
            () => ({ ...base(), accessRequestConfig: { approvalSchemes: scheme("MANAGER") } }),
            "400.1.3 Illegal value",
            /approvalSchemes/,
        ],
        [
            "ADDITIONAL_GOVERNANCE_GROUP must be an existing group",
            () => ({ ...base(), revocationRequestConfig: { approvalSchemes: [scheme("ADDITIONAL_GOVERNANCE_GROUP", "6".repeat(32))] } }),
            "400.1.404 Referenced object not found",
            /6{32}/,
        ],
        [
            "access duration is a whole number",
            () => ({ ...base(), accessRequestConfig: { maxPermittedAccessDuration: { value: 1.5, timeUnit: "DAYS" } } }),
            "400.1.3 Illegal value",
            /whole number/,
        ],
        ["revocationRequestConfig is an object", () => ({ ...base(), revocationRequestConfig: "none" }), "400.1.3 Illegal value", /revocationRequestConfig/],
        [
            "EQUALS criteria need a value",
            () => ({ ...base(), provisioningCriteria: { operation: "EQUALS", attribute: "a" } }),
            "400.1.3 Illegal value",
            /EQUALS needs a string value/,
        ],
        [
            "NOT_EQUALS criteria need a value",
            () => ({ ...base(), provisioningCriteria: { operation: "NOT_EQUALS", attribute: "a" } }),
            "400.1.3 Illegal value",
            /NOT_EQUALS needs a string value/,
        ],
        [
            "HAS criteria need an attribute",
            () => ({ ...base(), provisioningCriteria: { operation: "HAS" } }),
            "400.1.3 Illegal value",
            /HAS needs an attribute/,
        ],
        ["AND needs children", () => ({ ...base(), provisioningCriteria: { operation: "AND" } }), "400.1.3 Illegal value", /AND needs a non-empty/],
        ["additional owners are a list", () => ({ ...base(), additionalOwners: { type: "IDENTITY", id: x.bob } }), "400.1.3 Illegal value", /additionalOwners/],
        ["description is at most 2000 characters", () => ({ ...base(), description: "d".repeat(2001) }), "400.1.4 Limit violation", /2000/],
        ["entitlements must exist", () => ({ ...base(), entitlements: [ent("e".repeat(32))] }), "400.1.404 Referenced object not found", /e{32}/],
        ["entitlements must be of the profile's source", () => ({ ...base(), entitlements: [ent(x.wdEnts[0])] }), "400.1.3 Illegal value", /belongs to source/],
        ["an entitlement appears once", () => ({ ...base(), entitlements: [ent(x.adEnts[0]), ent(x.adEnts[0])] }), "400.1.3 Illegal value", /once/],
        ["enabled needs an entitlement", () => ({ ...base(), enabled: true }), "400.1.3 Illegal value", /at least one entitlement/],
        ["requestable must be a boolean", () => ({ ...base(), requestable: 1 }), "400.1.3 Illegal value", /"requestable"/],
        ["segments are a list of ids", () => ({ ...base(), segments: [1] }), "400.1.3 Illegal value", /segment ids/],
        ["approverType is an enum", () => ({ ...base(), accessRequestConfig: { approvalSchemes: [scheme("BOSS")] } }), "400.1.3 Illegal value", /MANAGER/],
        [
            "GOVERNANCE_GROUP needs an approverId",
            () => ({ ...base(), accessRequestConfig: { approvalSchemes: [scheme("GOVERNANCE_GROUP")] } }),
            "400.1.3 Illegal value",
            /needs an approverId/,
        ],
        [
            "the governance group must exist",
            () => ({ ...base(), accessRequestConfig: { approvalSchemes: [scheme("GOVERNANCE_GROUP", "9".repeat(32))] } }),
            "400.1.404 Referenced object not found",
            /9{32}/,
        ],
        [
            "WORKFLOW needs an approverId",
            () => ({ ...base(), accessRequestConfig: { approvalSchemes: [scheme("WORKFLOW")] } }),
            "400.1.3 Illegal value",
            /WORKFLOW needs/,
        ],
        [
            "WORKFLOW must be the only scheme",
            () => ({ ...base(), accessRequestConfig: { approvalSchemes: [scheme("WORKFLOW", "w1"), scheme("MANAGER")] } }),
            "400.1.3 Illegal value",
            /only one/,
        ],
        [
            "MANAGER takes no approverId",
            () => ({ ...base(), accessRequestConfig: { approvalSchemes: [scheme("MANAGER", "m1")] } }),
            "400.1.3 Illegal value",
            /takes no approverId/,
        ],
        ["request flags are booleans", () => ({ ...base(), accessRequestConfig: { commentsRequired: "yes" } }), "400.1.3 Illegal value", /commentsRequired/],
        [
            "access duration is a positive whole number",
            () => ({ ...base(), accessRequestConfig: { maxPermittedAccessDuration: { value: 0, timeUnit: "DAYS" } } }),
            "400.1.3 Illegal value",
            /greater than 0/,
        ],
        [
            "access duration unit is an enum",
            () => ({ ...base(), accessRequestConfig: { maxPermittedAccessDuration: { value: 1, timeUnit: "YEARS" } } }),
            "400.1.3 Illegal value",
            /HOURS, DAYS, WEEKS, MONTHS/,
        ],
        [
            "revocation schemes follow the same rules",
            () => ({ ...base(), revocationRequestConfig: { approvalSchemes: [scheme("ADDITIONAL_GOVERNANCE_GROUP")] } }),
            "400.1.3 Illegal value",
            /approverId/,
        ],
        [
            "criteria operation is an enum",
            () => ({ ...base(), provisioningCriteria: { operation: "LIKE", attribute: "a", value: "b" } }),
            "400.1.3 Illegal value",
            /NOT_EQUALS/,
        ],
        [
            "EQUALS criteria need an attribute",
            () => ({ ...base(), provisioningCriteria: { operation: "EQUALS", value: "b" } }),
            "400.1.3 Illegal value",
            /needs an attribute/,
        ],
        [
            "CONTAINS criteria need a value",
            () => ({ ...base(), provisioningCriteria: { operation: "CONTAINS", attribute: "a" } }),
            "400.1.3 Illegal value",
            /needs a string value/,
        ],
        [
            "only AND and OR take children",
            () => ({ ...base(), provisioningCriteria: { operation: "HAS", attribute: "a", children: [{ operation: "HAS", attribute: "b" }] } }),
            "400.1.3 Illegal value",
            /only AND and OR/,
        ],
        ["OR needs children", () => ({ ...base(), provisioningCriteria: { operation: "OR", children: [] } }), "400.1.3 Illegal value", /non-empty/],
        [
            "criteria nest at most three levels",
            () => ({
                ...base(),
                provisioningCriteria: {
                    operation: "OR",
                    children: [{ operation: "AND", children: [{ operation: "OR", children: [{ operation: "HAS", attribute: "a" }] }] }],
                },
            }),
            "400.1.3 Illegal value",
            /three levels/,
        ],
        [
            "additional owners are identities or governance groups",
            () => ({ ...base(), additionalOwners: [{ type: "SOURCE", id: x.ad }] }),
            "400.1.3 Illegal value",
            /IDENTITY, GOVERNANCE_GROUP/,
        ],
        [
            "additional owners must exist",
            () => ({ ...base(), additionalOwners: [{ type: "GOVERNANCE_GROUP", id: "8".repeat(32) }] }),
            "400.1.404 Referenced object not found",
            /8{32}/,
        ],
    ];
    test.each(cases)("%s", async (_name, body, code, text) => {
        expectIscError(await t.api("POST", "/v3/access-profiles", body()), 400, code, text);
    });

    test("a full, valid profile is accepted", async () => {
        const r = await t.api<Body>("POST", "/v3/access-profiles", {
            ...base(),
            enabled: true,
            entitlements: [ent(x.adEnts[0])],
            accessRequestConfig: {
                approvalSchemes: [scheme("MANAGER"), scheme("GOVERNANCE_GROUP", x.group)],
                maxPermittedAccessDuration: { value: 3, timeUnit: "WEEKS" },
            },
            revocationRequestConfig: { approvalSchemes: [scheme("OWNER")] },
            provisioningCriteria: {
                operation: "OR",
                children: [
                    {
                        operation: "AND",
                        children: [
                            { operation: "HAS", attribute: "a" },
                            { operation: "EQUALS", attribute: "b", value: "c" },
                        ],
                    },
                ],
            },
            additionalOwners: [
                { type: "GOVERNANCE_GROUP", id: x.group },
                { type: "IDENTITY", id: x.bob },
            ],
            segments: ["s1"],
        });
        expect(r.status).toBe(201);
        expect(r.body.accessRequestConfig).toMatchObject({
            commentsRequired: false,
            approvalSchemes: [
                { approverType: "MANAGER", approverId: null },
                { approverType: "GOVERNANCE_GROUP", approverId: x.group },
            ],
        });
        expect(r.body.additionalOwners).toEqual([
            { type: "GOVERNANCE_GROUP", id: x.group, name: "Security Reviewers" },
            { type: "IDENTITY", id: x.bob, name: "Bob Owner" },
        ]);
    });

    test("deleting a profile in use is refused with 400.2.1.0, and works once freed", async () => {
        const p = await t.api<{ id: string }>("POST", "/v3/access-profiles", base());
        await t.admin.setInUse(p.body.id, true);
        expectIscError(await t.api("DELETE", `/v3/access-profiles/${p.body.id}`), 400, "400.2.1.0 Object in use by another", /in use/);
        await t.admin.setInUse(p.body.id, false);
        expect((await t.api("DELETE", `/v3/access-profiles/${p.body.id}`)).status).toBe(204);
    });
});

describe("PATCH: RFC 6902 applied literally and atomically", () => {
    async function profile(entitlements: string[]): Promise<string> {
        const r = await t.api<{ id: string }>("POST", "/v3/access-profiles", {
            name: "patched",
            owner: { type: "IDENTITY", id: x.alice },
            source: { type: "SOURCE", id: x.ad },
            entitlements: entitlements.map((id) => ({ type: "ENTITLEMENT", id })),
        });
        return r.body.id;
    }
    const entIds = async (id: string) => ((await t.admin.getObject("access-profiles", id)).entitlements as Array<{ id: string }>).map((e) => e.id);
    const patch = (id: string, ops: unknown) => t.api<Body>("PATCH", `/v3/access-profiles/${id}`, ops);

    test("add /entitlements with an array REPLACES the list", async () => {
        const id = await profile([x.adEnts[0], x.adEnts[1]]);
        expect((await patch(id, [{ op: "add", path: "/entitlements", value: [{ type: "ENTITLEMENT", id: x.adEnts[2] }] }])).status).toBe(200);
        expect(await entIds(id)).toEqual([x.adEnts[2]]);
    });

    test("/entitlements/- appends, and remove by index uses the current order", async () => {
        const id = await profile([x.adEnts[0], x.adEnts[1]]);
        await patch(id, [{ op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: x.adEnts[2] } }]);
        expect(await entIds(id)).toEqual([x.adEnts[0], x.adEnts[1], x.adEnts[2]]);
        await patch(id, [{ op: "remove", path: "/entitlements/1" }]);
        expect(await entIds(id)).toEqual([x.adEnts[0], x.adEnts[2]]);
    });

    test("a failed test operation refuses the whole patch and changes nothing", async () => {
        const id = await profile([x.adEnts[0], x.adEnts[1]]);
        const before = await t.admin.getObject("access-profiles", id);
        const r = await patch(id, [
            { op: "replace", path: "/name", value: "renamed" },
            { op: "test", path: "/entitlements/0/id", value: x.adEnts[1] },
            { op: "remove", path: "/entitlements/0" },
        ]);
        expectIscError(r, 400, "400.1 Bad Request Content", /test/);
        expect(await t.admin.getObject("access-profiles", id)).toEqual(before);
    });

    test("an index out of range or a missing path refuses the patch", async () => {
        const id = await profile([x.adEnts[0]]);
        expectIscError(await patch(id, [{ op: "remove", path: "/entitlements/5" }]), 400, "400.1 Bad Request Content");
        expectIscError(await patch(id, [{ op: "replace", path: "/accessRequestConfig/commentsRequired", value: true }]), 400, "400.1 Bad Request Content");
    });

    test("paths outside the patchable fields are refused, naming the path", async () => {
        const id = await profile([]);
        expectIscError(
            await patch(id, [{ op: "replace", path: "/created", value: "2020-01-01T00:00:00Z" }]),
            400,
            "400.1 Bad Request Content",
            /"\/created".*patchable/,
        );
        expectIscError(await patch(id, [{ op: "replace", path: "/id", value: "x" }]), 400, "400.1 Bad Request Content", /not patchable/);
        expectIscError(await patch(id, { op: "replace" }), 400, "400.1 Bad Request Content", /array/);
        expectIscError(await patch(id, [{ op: "frobnicate", path: "/name" }]), 400, "400.1 Bad Request Content", /unknown op/);
    });

    test("the source changes only together with entitlements of the new source, in one request", async () => {
        const id = await profile([x.adEnts[0]]);
        expectIscError(
            await patch(id, [{ op: "replace", path: "/source", value: { type: "SOURCE", id: x.wd } }]),
            400,
            "400.1.3 Illegal value",
            /only together with the entitlements/,
        );
        const ok = await patch(id, [
            { op: "replace", path: "/source", value: { type: "SOURCE", id: x.wd } },
            { op: "replace", path: "/entitlements", value: [{ type: "ENTITLEMENT", id: x.wdEnts[0] }] },
        ]);
        expect(ok.status).toBe(200);
        expect(ok.body.source).toEqual({ type: "SOURCE", id: x.wd, name: "Workday" });
    });

    test("the result of a patch is validated like a create, and modified moves forward", async () => {
        const id = await profile([x.adEnts[0]]);
        const before = await t.admin.getObject("access-profiles", id);
        expectIscError(await patch(id, [{ op: "replace", path: "/description", value: "d".repeat(2001) }]), 400, "400.1.4 Limit violation");
        expectIscError(
            await patch(id, [
                { op: "remove", path: "/entitlements/0" },
                { op: "replace", path: "/enabled", value: true },
            ]),
            400,
            "400.1.3 Illegal value",
            /enabled/,
        );
        const ok = await patch(id, [{ op: "replace", path: "/description", value: "fine" }]);
        expect(ok.body.created).toBe(before.created);
        expect(Date.parse(ok.body.modified as string)).toBeGreaterThan(Date.parse(before.modified));
    });

    test("/entitlements/0 inserts at the front, and test-then-remove works when the test holds", async () => {
        const id = await profile([x.adEnts[0]]);
        await patch(id, [{ op: "add", path: "/entitlements/0", value: { type: "ENTITLEMENT", id: x.adEnts[1] } }]);
        expect(await entIds(id)).toEqual([x.adEnts[1], x.adEnts[0]]);
        const r = await patch(id, [
            { op: "test", path: "/entitlements/1/id", value: x.adEnts[0] },
            { op: "remove", path: "/entitlements/1" },
        ]);
        expect(r.status).toBe(200);
        expect(await entIds(id)).toEqual([x.adEnts[1]]);
    });

    test("segments are a list patched by index, like entitlements", async () => {
        const r = await t.api<{ id: string }>("POST", "/v3/access-profiles", {
            name: "segmented",
            owner: { type: "IDENTITY", id: x.alice },
            source: { type: "SOURCE", id: x.ad },
            segments: ["s1", "s2"],
        });
        await patch(r.body.id, [
            { op: "add", path: "/segments/-", value: "s3" },
            { op: "remove", path: "/segments/0" },
        ]);
        expect((await t.admin.getObject("access-profiles", r.body.id)).segments).toEqual(["s2", "s3"]);
    });

    test("a patch of a missing object is a 404; a malformed body is a 400", async () => {
        expectIscError(await patch("0".repeat(32), [{ op: "replace", path: "/name", value: "x" }]), 404, "404 Not found");
        const id = await profile([]);
        expectIscError(await t.api("PATCH", `/v3/access-profiles/${id}`, "[{"), 400, "400.1 Bad Request Content", /not valid JSON/);
        expectIscError(await patch(id, [{ op: "replace", value: "x" }]), 400, "400.1 Bad Request Content", /operation 0/i);
        expectIscError(await patch(id, [{ op: "move", from: "/id", path: "/name" }]), 400, "400.1 Bad Request Content", /"\/id".*not patchable/);
        expectIscError(await patch(id, [{ op: "add", path: "/colour", value: "red" }]), 400, "400.1 Bad Request Content", /"\/colour".*not patchable/);
    });

    test("a patch that fails validation changes nothing", async () => {
        const id = await profile([x.adEnts[0]]);
        const before = await t.admin.getObject("access-profiles", id);
        expectIscError(
            await patch(id, [
                { op: "replace", path: "/name", value: "renamed" },
                { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: x.wdEnts[0] } },
            ]),
            400,
            "400.1.3 Illegal value",
            /belongs to source/,
        );
        expect(await t.admin.getObject("access-profiles", id)).toEqual(before);
    });

    test("a new source with entitlements of the old one is refused", async () => {
        const id = await profile([x.adEnts[0]]);
        expectIscError(
            await patch(id, [
                { op: "replace", path: "/source", value: { type: "SOURCE", id: x.wd } },
                { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: x.wdEnts[0] } },
            ]),
            400,
            "400.1.3 Illegal value",
            /belongs to source/,
        );
    });

    test("segments are patched the same way", async () => {
        const s = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "seg", active: false });
        const r = await t.api<Body>("PATCH", `/v2025/segments/${s.body.id}`, [
            { op: "replace", path: "/active", value: true },
            { op: "add", path: "/visibilityCriteria", value: { expression: eq("location", "London") } },
        ]);
        expect(r.body).toMatchObject({ active: true, visibilityCriteria: { expression: { operator: "EQUALS", attribute: "location" } } });
        expectIscError(
            await t.api("PATCH", `/v2025/segments/${s.body.id}`, [{ op: "replace", path: "/owner", value: { type: "IDENTITY", id: "nobody" } }]),
            400,
            "400.1.404 Referenced object not found",
        );
    });
});
