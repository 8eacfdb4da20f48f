import { diff, ResourceSchema } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { accessProfileEcho, accessProfileProgram, minimalAccessProfileEcho, segmentEcho, segmentProgram } from "./examples";
import { checked, clone, deepFreeze } from "./helpers";

const segment = () => checked(segmentSchema, segmentProgram);
const accessProfile = () => checked(accessProfileSchema, accessProfileProgram);

describe("diff: no perpetual differences", () => {
    test("a segment right after create (owner name filled, null expression keys, key order)", () => {
        expect(diff(segmentSchema, segmentEcho, segment())).toEqual({ changes: false, changedFields: [] });
    });

    test("an access profile right after create (names, defaults, set order, false flags, null keys)", () => {
        expect(diff(accessProfileSchema, accessProfileEcho, accessProfile())).toEqual({ changes: false, changedFields: [] });
    });

    test("the smallest access profile against every 'none' spelling ISC uses", () => {
        const inputs = checked(accessProfileSchema, {
            name: "Minimal",
            owner: { id: "2c91808a00000000006f776e65722d31" },
            source: { id: "2c91808a000000000000007372632d31" },
        });
        expect(diff(accessProfileSchema, minimalAccessProfileEcho, inputs).changedFields).toEqual([]);
        const spelledOut = checked(accessProfileSchema, {
            name: "Minimal",
            owner: { id: "2c91808a00000000006f776e65722d31", type: "IDENTITY" },
            source: { id: "2c91808a000000000000007372632d31" },
            description: "",
            entitlements: [],
            segments: [],
            additionalOwners: null,
            accessRequestConfig: { commentsRequired: false, approvalSchemes: [] },
            revocationRequestConfig: {},
            provisioningCriteria: null,
        });
        expect(diff(accessProfileSchema, minimalAccessProfileEcho, spelledOut).changedFields).toEqual([]);
    });

    test("a server that omits defaulted and nullable fields", () => {
        const sparse = { id: "2c91808a000000000000007365672d32", name: "n", created: "c", modified: "m" };
        expect(diff(segmentSchema, sparse, checked(segmentSchema, { name: "n" })).changedFields).toEqual([]);
        const sparseAp = {
            id: "2c91808a000000000000000000006170",
            name: "n",
            owner: { id: "2c91808a00000000000000000000006f", type: "IDENTITY" },
            source: { id: "2c91808a000000000000000000000073", type: "SOURCE" },
        };
        expect(
            diff(
                accessProfileSchema,
                sparseAp,
                checked(accessProfileSchema, {
                    name: "n",
                    owner: { id: "2c91808a00000000000000000000006f" },
                    source: { id: "2c91808a000000000000000000000073" },
                }),
            ).changedFields,
        ).toEqual([]);
    });

    test("sets in any order, after a refresh", () => {
        const echo = clone(accessProfileEcho);
        echo.entitlements.reverse();
        echo.segments.reverse();
        echo.additionalOwners.reverse();
        expect(diff(accessProfileSchema, echo, accessProfile()).changes).toBe(false);
    });

    test("server-computed fields and adoptId never differ", () => {
        const echo = {
            ...segmentEcho,
            id: "2c91808a000000000000006f74686572",
            created: "later",
            modified: "later",
            adoptId: "2c91808a0000000000000000006f6c64",
        };
        expect(diff(segmentSchema, echo, { ...segment(), adoptId: "2c91808a0000000000000000006e6577" }).changes).toBe(false);
    });

    test("inputs are not mutated", () => {
        const olds = deepFreeze(clone(accessProfileEcho));
        const news = deepFreeze(accessProfile());
        expect(() => diff(accessProfileSchema, olds, news)).not.toThrow();
    });
});

describe("diff: real changes, exactly the changed top-level fields", () => {
    const cases: Array<[string, ResourceSchema, Record<string, unknown>, () => Record<string, unknown>, Record<string, unknown>, string[]]> = [
        ["segment name", segmentSchema, segmentEcho, segment, { name: "Paris Office" }, ["name"]],
        ["segment description cleared", segmentSchema, segmentEcho, segment, { description: undefined }, ["description"]],
        ["segment owner", segmentSchema, segmentEcho, segment, { owner: { type: "IDENTITY", id: "2c91808a736f6d656f6e652d656c7365" } }, ["owner"]],
        ["segment owner removed", segmentSchema, segmentEcho, segment, { owner: null }, ["owner"]],
        ["segment deactivated by omission", segmentSchema, segmentEcho, segment, { active: undefined }, ["active"]],
        [
            "segment criteria value",
            segmentSchema,
            segmentEcho,
            segment,
            { visibilityCriteria: { expression: { operator: "EQUALS", attribute: "location", value: { type: "STRING", value: "Paris" } } } },
            ["visibilityCriteria"],
        ],
        ["segment name and criteria", segmentSchema, segmentEcho, segment, { name: "x", visibilityCriteria: null }, ["name", "visibilityCriteria"]],
        [
            "entitlement added",
            accessProfileSchema,
            accessProfileEcho,
            accessProfile,
            {
                entitlements: [
                    { type: "ENTITLEMENT", id: "2c91808a00000000000000656e742d31" },
                    { type: "ENTITLEMENT", id: "2c91808a00000000000000656e742d32" },
                    { type: "ENTITLEMENT", id: "2c91808a00000000000000656e742d33" },
                ],
            },
            ["entitlements"],
        ],
        ["segments emptied", accessProfileSchema, accessProfileEcho, accessProfile, { segments: [] }, ["segments"]],
        [
            "additional owner type",
            accessProfileSchema,
            accessProfileEcho,
            accessProfile,
            {
                additionalOwners: [
                    { type: "IDENTITY", id: "2c91808a000000000000000067672d31" },
                    { type: "IDENTITY", id: "2c91808a00000000006f776e65722d32" },
                ],
            },
            ["additionalOwners"],
        ],
        [
            "approval order",
            accessProfileSchema,
            accessProfileEcho,
            accessProfile,
            {
                accessRequestConfig: {
                    ...accessProfileProgram.accessRequestConfig,
                    approvalSchemes: [...accessProfileProgram.accessRequestConfig.approvalSchemes].reverse(),
                },
            },
            ["accessRequestConfig"],
        ],
        ["revocation config removed", accessProfileSchema, accessProfileEcho, accessProfile, { revocationRequestConfig: null }, ["revocationRequestConfig"]],
        [
            "requestable by omission stays true",
            accessProfileSchema,
            { ...accessProfileEcho, requestable: false },
            accessProfile,
            { requestable: true },
            ["requestable"],
        ],
        [
            "criteria value",
            accessProfileSchema,
            accessProfileEcho,
            accessProfile,
            { provisioningCriteria: { operation: "HAS", attribute: "email" } },
            ["provisioningCriteria"],
        ],
        [
            "source and entitlements",
            accessProfileSchema,
            accessProfileEcho,
            accessProfile,
            {
                source: { type: "SOURCE", id: "2c91808a000000000000007372632d32" },
                entitlements: [{ id: "2c91808a00000000000000656e742d39", type: "ENTITLEMENT" }],
            },
            ["source", "entitlements"],
        ],
    ];

    test.each(cases)("%s", (_name, schema, olds, base, change, fields) => {
        const news = { ...base(), ...change };
        for (const k of Object.keys(change)) if (change[k] === undefined) delete news[k];
        expect(diff(schema, olds, news)).toEqual({ changes: true, changedFields: fields });
    });
});
