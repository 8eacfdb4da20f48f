/**
 * The write rules SailPoint's access-profile and segment schemas document (sailpoint-oss/api-specs), each refused
 * with ISC's ErrorResponseDto naming the field: `accessModelMetadata` (its shape; empty on create; not patchable),
 * provisioning criteria (which operation takes an attribute, a value or children; three levels, leaves included),
 * `requestable: false` without the new Request Center, and references' `name` and `type`.
 */
import { parseArgs } from "../../emulator/cli";
import { expectIscError, ids, tenant, type Tenant } from "./helpers";

let t: Tenant;
let x: ReturnType<typeof ids>;
beforeAll(async () => {
    t = await tenant({ seed: 9, rateLimit: null });
    x = ids(t);
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
const profile = (extra: Body = {}): Body => ({ name: "p", owner: { type: "IDENTITY", id: x.alice }, source: { type: "SOURCE", id: x.ad }, ...extra });
const attribute = {
    key: "iscPrivacy",
    name: "Privacy",
    multiselect: false,
    status: "active",
    type: "governance",
    objectTypes: ["all"],
    description: "d",
    values: [{ value: "public", name: "Public", status: "active", type: "static" }],
};

describe("accessModelMetadata: the documented shape, empty on create, not patchable", () => {
    const cases: Array<[string, unknown, string, RegExp]> = [
        ["a list (the spec's example) instead of the AttributeDTOList object", [attribute], "400.1.3 Illegal value", /"accessModelMetadata".*AttributeDTOList/],
        ["a string", "secret", "400.1.3 Illegal value", /"accessModelMetadata"/],
        ["attributes that are not a list", { attributes: "x" }, "400.1.3 Illegal value", /"accessModelMetadata\.attributes"/],
        ["an unknown field", { attributes: [], labels: [] }, "400.1 Bad Request Content", /Unrecognized field "labels" in accessModelMetadata/],
        ["an attribute that is not an object", { attributes: ["iscPrivacy"] }, "400.1.3 Illegal value", /attributes\[0\]/],
        ["multiselect that is not a boolean", { attributes: [{ ...attribute, multiselect: "no" }] }, "400.1.3 Illegal value", /attributes\[0\]\.multiselect/],
        ["objectTypes that are not strings", { attributes: [{ ...attribute, objectTypes: [1] }] }, "400.1.3 Illegal value", /objectTypes/],
        [
            "a value type outside static/adhoc",
            { attributes: [{ ...attribute, values: [{ value: "v", type: "dynamic" }] }] },
            "400.1.3 Illegal value",
            /values\[0\]\.type.*static, adhoc/,
        ],
        ["an unknown attribute field", { attributes: [{ ...attribute, colour: "red" }] }, "400.1 Bad Request Content", /Unrecognized field "colour"/],
    ];
    test.each(cases)("a create with %s is refused naming the field", async (_name, metadata, code, text) => {
        expectIscError(await t.api("POST", "/v2025/access-profiles", profile({ accessModelMetadata: metadata })), 400, code, text);
    });

    test.each(["v3", "beta", "v2024", "v2025", "v2026"])("a create on %s with an attribute is refused: the field must be left null or empty", async (v) => {
        expectIscError(
            await t.api("POST", `/${v}/access-profiles`, profile({ accessModelMetadata: { attributes: [attribute] } })),
            400,
            "400.1.3 Illegal value",
            /"accessModelMetadata".*left null or empty when creating/,
        );
    });

    test("PATCH cannot write it (not among the patchable fields); the admin API checks its shape too", async () => {
        const made = await t.api<Body>("POST", "/v2025/access-profiles", profile());
        for (const op of [
            { op: "add", path: "/accessModelMetadata/attributes/-", value: attribute },
            { op: "replace", path: "/accessModelMetadata", value: { attributes: [] } },
        ]) {
            expectIscError(
                await t.api("PATCH", `/v2025/access-profiles/${made.body.id}`, [op]),
                400,
                "400.1 Bad Request Content",
                /"\/accessModelMetadata.*not patchable/,
            );
        }
        await expect(t.admin.createObject("access-profiles", profile({ accessModelMetadata: { attributes: [{ key: 5 }] } }))).rejects.toThrow(
            /attributes\[0\]\.key/,
        );
    });
});

describe("provisioning criteria as ProvisioningCriteriaLevel1..3 describe them", () => {
    const leaf = { operation: "EQUALS", attribute: "dn", value: "x" };
    const cases: Array<[string, Body, RegExp]> = [
        ["AND takes no attribute", { operation: "AND", attribute: "dn", children: [leaf] }, /provisioningCriteria\.attribute.*AND takes no attribute/],
        ["OR takes no value", { operation: "OR", value: "x", children: [leaf] }, /provisioningCriteria\.value.*OR takes no value/],
        ["HAS takes no value", { operation: "HAS", attribute: "dn", value: "x" }, /provisioningCriteria\.value.*HAS takes no value/],
        [
            "a leaf's children must be left null, not []",
            { operation: "CONTAINS", attribute: "dn", value: "x", children: [] },
            /provisioningCriteria\.children.*must be left null/,
        ],
        [
            "a nested AND takes no attribute either",
            { operation: "OR", children: [{ operation: "AND", attribute: "a", children: [leaf] }] },
            /children\[0\]\.attribute/,
        ],
        [
            "three levels at most, leaves included",
            { operation: "OR", children: [{ operation: "AND", children: [{ operation: "OR", children: [leaf] }] }] },
            /children\[0\]\.children\[0\]\.operation.*three levels/,
        ],
        ["NOT_EQUALS needs a value", { operation: "NOT_EQUALS", attribute: "dn" }, /NOT_EQUALS needs a string value/],
    ];
    test.each(cases)("%s", async (_name, criteria, text) => {
        expectIscError(await t.api("POST", "/v3/access-profiles", profile({ provisioningCriteria: criteria })), 400, "400.1.3 Illegal value", text);
    });

    test("three levels with every operation are accepted and read back with null for what each does not use", async () => {
        const criteria = {
            operation: "OR",
            children: [
                {
                    operation: "AND",
                    children: [
                        { operation: "HAS", attribute: "mail" },
                        { operation: "NOT_EQUALS", attribute: "dn", value: "x" },
                    ],
                },
                { operation: "CONTAINS", attribute: "title", value: "Manager", children: null },
            ],
        };
        const r = await t.api<Body>("POST", "/v2024/access-profiles", profile({ provisioningCriteria: criteria }));
        expect(r.status).toBe(201);
        expect(r.body.provisioningCriteria).toEqual({
            operation: "OR",
            attribute: null,
            value: null,
            children: [
                {
                    operation: "AND",
                    attribute: null,
                    value: null,
                    children: [
                        { operation: "HAS", attribute: "mail", value: null, children: null },
                        { operation: "NOT_EQUALS", attribute: "dn", value: "x", children: null },
                    ],
                },
                { operation: "CONTAINS", attribute: "title", value: "Manager", children: null },
            ],
        });
        // A patch that would break a rule is refused as a create would be, and changes nothing.
        const id = r.body.id as string;
        expectIscError(
            await t.api("PATCH", `/v2024/access-profiles/${id}`, [{ op: "add", path: "/provisioningCriteria/attribute", value: "dn" }]),
            400,
            "400.1.3 Illegal value",
            /OR takes no attribute/,
        );
        expect((await t.api<Body>("GET", `/v2024/access-profiles/${id}`)).body.provisioningCriteria).toEqual(r.body.provisioningCriteria);
    });
});

describe("requestable: false needs the new Request Center", () => {
    test("by default the tenant has it: a non-requestable profile is created and patched both ways", async () => {
        const r = await t.api<Body>("POST", "/v2025/access-profiles", profile({ requestable: false }));
        expect(r.status).toBe(201);
        expect(r.body.requestable).toBe(false);
        expect((await t.api("PATCH", `/v2025/access-profiles/${r.body.id}`, [{ op: "replace", path: "/requestable", value: true }])).status).toBe(200);
        expect((await t.api("PATCH", `/v2025/access-profiles/${r.body.id}`, [{ op: "replace", path: "/requestable", value: false }])).status).toBe(200);
    });

    test("without it, a create or a patch to false is a 400 naming requestable; other writes still work", async () => {
        const old = await tenant({ rateLimit: null, newRequestCenter: false });
        try {
            const o = ids(old);
            const body = { name: "legacy", owner: { type: "IDENTITY", id: o.alice }, source: { type: "SOURCE", id: o.ad } };
            expectIscError(
                await old.api("POST", "/v3/access-profiles", { ...body, requestable: false }),
                400,
                "400.1.3 Illegal value",
                /"requestable".*new Request Center/,
            );
            const made = await old.api<Body>("POST", "/v3/access-profiles", body);
            expect(made.body.requestable).toBe(true);
            expectIscError(
                await old.api("PATCH", `/v3/access-profiles/${made.body.id}`, [{ op: "replace", path: "/requestable", value: false }]),
                400,
                "400.1.3 Illegal value",
                /"requestable"/,
            );
            // A profile already non-requestable (made in the UI when the tenant allowed it) can still be patched.
            const ui = await old.admin.createObject("access-profiles", { ...body, requestable: false });
            expect((await old.api("PATCH", `/v3/access-profiles/${ui.id}`, [{ op: "replace", path: "/description", value: "x" }])).status).toBe(200);
            // A run-time switch, as for the other tenant settings.
            expect((await old.admin.setConfig({ newRequestCenter: true })).newRequestCenter).toBe(true);
            expect((await old.api("POST", "/v3/access-profiles", { ...body, requestable: false })).status).toBe(201);
            await expect(old.admin.setConfig({ newRequestCenter: "yes" as unknown as boolean })).rejects.toThrow(/newRequestCenter must be true or false/);
        } finally {
            await old.close();
        }
    });

    test("the CLI says so with --legacy-request-center or ISC_EMULATOR_LEGACY_REQUEST_CENTER=1", () => {
        expect(parseArgs(["--legacy-request-center"], {})).toMatchObject({ newRequestCenter: false });
        expect(parseArgs([], { ISC_EMULATOR_LEGACY_REQUEST_CENTER: "1" })).toMatchObject({ newRequestCenter: false });
        expect(parseArgs([], {})).not.toHaveProperty("newRequestCenter");
    });
});

describe("references: name and type as OwnerReference, AdditionalOwnerRef, AccessProfileSourceRef and EntitlementRef say", () => {
    test("an owner's or additional owner's name that does not match is a 400 (documented); omitted or null is fine", async () => {
        expectIscError(
            await t.api("POST", "/v3/access-profiles", profile({ owner: { type: "IDENTITY", id: x.alice, name: "Mallory" } })),
            400,
            "400.1.3 Illegal value",
            /owner\.name.*Alice Admin/,
        );
        expectIscError(
            await t.api("POST", "/v3/segments", { name: "s", owner: { type: "IDENTITY", id: x.alice, name: "Mallory" } }),
            400,
            "400.1.3 Illegal value",
            /owner\.name/,
        );
        expectIscError(
            await t.api("POST", "/v3/access-profiles", profile({ additionalOwners: [{ type: "GOVERNANCE_GROUP", id: x.group, name: "Nobody" }] })),
            400,
            "400.1.3 Illegal value",
            /additionalOwners\[0\]\.name/,
        );
        expect((await t.api("POST", "/v3/access-profiles", profile({ owner: { type: "IDENTITY", id: x.alice, name: null } }))).status).toBe(201);
    });

    test("an owner's type may be left out or null (documented): it is IDENTITY; any other type is a 400", async () => {
        for (const owner of [{ id: x.alice }, { id: x.alice, type: null }]) {
            const ap = await t.api<Body>("POST", "/v2025/access-profiles", profile({ owner }));
            expect(ap.status).toBe(201);
            expect(ap.body.owner).toEqual({ type: "IDENTITY", id: x.alice, name: "Alice Admin" });
            const seg = await t.api<Body>("POST", "/v2025/segments", { name: "s", owner });
            expect(seg.body.owner).toEqual({ type: "IDENTITY", id: x.alice, name: "Alice Admin" });
        }
        expectIscError(
            await t.api("POST", "/v2025/access-profiles", profile({ owner: { type: "GOVERNANCE_GROUP", id: x.group } })),
            400,
            "400.1.3 Illegal value",
            /owner\.type/,
        );
    });

    test("a source's or entitlement's name is not checked (undocumented): accepted, and the answer shows the real name", async () => {
        const r = await t.api<Body>(
            "POST",
            "/v2025/access-profiles",
            profile({ source: { type: "SOURCE", id: x.ad, name: "Old AD name" }, entitlements: [{ type: "ENTITLEMENT", id: x.adEnts[0], name: "stale" }] }),
        );
        expect(r.status).toBe(201);
        expect(r.body.source).toEqual({ type: "SOURCE", id: x.ad, name: "Active Directory" });
        const state = await t.admin.state();
        const realName = state.entitlements.find((e) => e.id === x.adEnts[0])!.name;
        expect(r.body.entitlements).toEqual([{ type: "ENTITLEMENT", id: x.adEnts[0], name: realName }]);
        const patched = await t.api<Body>("PATCH", `/v2025/access-profiles/${r.body.id}`, [
            { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: x.adEnts[1], name: "whatever" } },
        ]);
        expect(patched.status).toBe(200);
        expect((patched.body.entitlements as Body[])[1].name).toBe(state.entitlements.find((e) => e.id === x.adEnts[1])!.name);
        // A name of the wrong type is still refused.
        expectIscError(
            await t.api("POST", "/v2025/access-profiles", profile({ source: { type: "SOURCE", id: x.ad, name: 7 } })),
            400,
            "400.1.3 Illegal value",
            /source\.name/,
        );
    });
});
