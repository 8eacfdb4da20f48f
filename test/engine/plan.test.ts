import { applyPatch, deepClone, JsonPatchError, Operation } from "fast-json-patch";
import { diff, planPatch } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { accessProfileEcho, accessProfileProgram, segmentEcho, segmentProgram } from "./examples";
import { checked, clone, deepFreeze } from "./helpers";

const segment = (change: Record<string, unknown> = {}) => checked(segmentSchema, { ...segmentProgram, ...change });
const ap = (change: Record<string, unknown> = {}) => checked(accessProfileSchema, { ...accessProfileProgram, ...change });
/** ISC ids are 32 hex digits; their length decides between element-wise ops and a whole-list replace. */
const hex = (label: string) => label.replace(/\D/g, "").padStart(32, "e");
const ents = (...ids: string[]) => ids.map((id) => ({ type: "ENTITLEMENT", id: hex(id), name: `name of ${id}` }));
const apWith = (entitlementIds: string[], extra: Record<string, unknown> = {}) => ({
    ...clone(accessProfileEcho),
    entitlements: ents(...entitlementIds),
    ...extra,
});
const desiredEnts = (...ids: string[]) => ap({ entitlements: ids.map((id) => ({ id: hex(id) })) });

function apply<T>(doc: T, ops: Operation[]): T {
    return applyPatch(deepClone(doc), ops, true).newDocument;
}

describe("planPatch: Segment", () => {
    test("nothing to do right after create", () => {
        expect(planPatch(segmentSchema, segmentEcho, segment())).toEqual([]);
    });

    test("a scalar is replaced", () => {
        expect(planPatch(segmentSchema, segmentEcho, segment({ name: "Paris" }))).toEqual([{ op: "replace", path: "/name", value: "Paris" }]);
    });

    test("a removed field is replaced with null, or its default", () => {
        const desired = segment();
        delete desired.description;
        delete desired.active;
        desired.owner = null;
        expect(planPatch(segmentSchema, segmentEcho, desired)).toEqual([
            { op: "replace", path: "/description", value: null },
            { op: "replace", path: "/owner", value: null },
            { op: "replace", path: "/active", value: false },
        ]);
    });

    test("a key the server left out is added (RFC 6902 replace needs an existing target)", () => {
        const { description: _d, ...sparse } = clone(segmentEcho);
        const ops = planPatch(segmentSchema, sparse, segment({ description: "new" }));
        expect(ops).toEqual([{ op: "add", path: "/description", value: "new" }]);
        expect(apply<Record<string, unknown>>(sparse, ops).description).toBe("new");
    });

    test("a reference is replaced whole as {type, id}, without the name", () => {
        const ops = planPatch(segmentSchema, segmentEcho, segment({ owner: { id: "2c91808a0000006e65772d6f776e6572", name: "New Owner" } }));
        expect(ops).toEqual([{ op: "replace", path: "/owner", value: { type: "IDENTITY", id: "2c91808a0000006e65772d6f776e6572" } }]);
    });

    test("visibility criteria are replaced whole", () => {
        const expression = { operator: "EQUALS", attribute: "location", value: { type: "STRING", value: "Paris" } };
        expect(planPatch(segmentSchema, segmentEcho, segment({ visibilityCriteria: { expression } }))).toEqual([
            { op: "replace", path: "/visibilityCriteria", value: { expression } },
        ]);
    });

    test("adoptId and server-computed fields are never patched", () => {
        expect(
            planPatch(
                segmentSchema,
                { ...segmentEcho, adoptId: "2c91808a000000000000000000000061" },
                { ...segment(), adoptId: "2c91808a000000000000000000000062", id: "2c91808a000000000000000000000078", created: "y" },
            ),
        ).toEqual([]);
    });
});

describe("planPatch: sets", () => {
    test("one removal: a guard, then remove by the server's index", () => {
        const current = apWith([
            "2c91808a00000000000000656e742d33",
            "2c91808a00000000000000656e742d31",
            "2c91808a00000000000000656e742d32",
            "2c91808a00000000000000656e742d34",
        ]);
        expect(
            planPatch(
                accessProfileSchema,
                current,
                desiredEnts("2c91808a00000000000000656e742d31", "2c91808a00000000000000656e742d33", "2c91808a00000000000000656e742d34"),
            ),
        ).toEqual([
            { op: "test", path: "/entitlements/2/id", value: hex("2c91808a00000000000000656e742d32") },
            { op: "remove", path: "/entitlements/2" },
        ]);
    });

    test("removals from the highest index down, additions appended with /-", () => {
        const current = apWith([
            "2c91808a00000000000000656e742d31",
            "2c91808a00000000000000656e742d32",
            "2c91808a00000000000000656e742d33",
            "2c91808a00000000000000656e742d34",
            "2c91808a00000000000000656e742d35",
            "2c91808a00000000000000656e742d36",
        ]);
        const ops = planPatch(
            accessProfileSchema,
            current,
            desiredEnts(
                "2c91808a00000000000000656e742d32",
                "2c91808a00000000000000656e742d33",
                "2c91808a00000000000000656e742d34",
                "2c91808a00000000000000656e742d35",
                "2c91808a00000000000000656e742d37",
            ),
        );
        expect(ops).toEqual([
            { op: "test", path: "/entitlements/5/id", value: hex("2c91808a00000000000000656e742d36") },
            { op: "remove", path: "/entitlements/5" },
            { op: "test", path: "/entitlements/0/id", value: hex("2c91808a00000000000000656e742d31") },
            { op: "remove", path: "/entitlements/0" },
            { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: hex("2c91808a00000000000000656e742d37") } },
        ]);
        expect(
            diff(
                accessProfileSchema,
                apply(current, ops),
                desiredEnts(
                    "2c91808a00000000000000656e742d32",
                    "2c91808a00000000000000656e742d33",
                    "2c91808a00000000000000656e742d34",
                    "2c91808a00000000000000656e742d35",
                    "2c91808a00000000000000656e742d37",
                ),
            ).changes,
        ).toBe(false);
    });

    test("string sets are guarded on the element itself", () => {
        const [s1, s2, s3, s9] = [
            "2c91808a000000000000007365672d31",
            "2c91808a000000000000007365672d32",
            "2c91808a000000000000007365672d33",
            "2c91808a000000000000007365672d39",
        ].map(hex);
        const current = { ...clone(accessProfileEcho), segments: [s9, s1, s2, s3] };
        expect(planPatch(accessProfileSchema, current, ap({ segments: [s1, s2, s3] }))).toEqual([
            { op: "test", path: "/segments/0", value: s9 },
            { op: "remove", path: "/segments/0" },
        ]);
    });

    test("sets whose identity includes the type are guarded on type and id", () => {
        const [g1, o2, o3] = ["grp-1", "own-2", "own-3"].map(hex);
        const current = {
            ...clone(accessProfileEcho),
            additionalOwners: [
                { type: "IDENTITY", id: g1, name: "x" },
                { type: "IDENTITY", id: o2, name: "y" },
                { type: "GOVERNANCE_GROUP", id: g1, name: "z" },
                { type: "IDENTITY", id: o3, name: "w" },
            ],
        };
        const desired = ap({
            additionalOwners: [
                { type: "GOVERNANCE_GROUP", id: g1 },
                { type: "IDENTITY", id: o2 },
                { type: "IDENTITY", id: o3 },
            ],
        });
        expect(planPatch(accessProfileSchema, current, desired)).toEqual([
            { op: "test", path: "/additionalOwners/0/type", value: "IDENTITY" },
            { op: "test", path: "/additionalOwners/0/id", value: g1 },
            { op: "remove", path: "/additionalOwners/0" },
        ]);
    });

    test("the whole list is replaced when that is fewer bytes", () => {
        const current = apWith([
            "2c91808a00000000000000656e742d31",
            "2c91808a00000000000000656e742d32",
            "2c91808a00000000000000656e742d33",
            "2c91808a00000000000000656e742d34",
        ]);
        const ops = planPatch(accessProfileSchema, current, desiredEnts("2c91808a00000000000000656e742d35"));
        expect(ops).toEqual([{ op: "replace", path: "/entitlements", value: [{ type: "ENTITLEMENT", id: hex("2c91808a00000000000000656e742d35") }] }]);
    });

    test("a list the server holds as null is replaced whole; one it left out is added whole", () => {
        const desired = desiredEnts("2c91808a00000000000000656e742d32", "2c91808a00000000000000656e742d31");
        const whole = [
            { type: "ENTITLEMENT", id: hex("2c91808a00000000000000656e742d31") },
            { type: "ENTITLEMENT", id: hex("2c91808a00000000000000656e742d32") },
        ];
        expect(planPatch(accessProfileSchema, { ...clone(accessProfileEcho), entitlements: null }, desired)).toEqual([
            { op: "replace", path: "/entitlements", value: whole },
        ]);
        const { entitlements: _e, ...sparse } = clone(accessProfileEcho);
        expect(planPatch(accessProfileSchema, sparse, desired)).toEqual([{ op: "add", path: "/entitlements", value: whole }]);
    });

    test("a list shown as [] is replaced whole, never appended to: the server may hold it as null", () => {
        const desired = desiredEnts("2c91808a00000000000000656e742d31");
        const ops = planPatch(accessProfileSchema, { ...clone(accessProfileEcho), entitlements: [] }, desired);
        expect(ops).toEqual([{ op: "replace", path: "/entitlements", value: [{ type: "ENTITLEMENT", id: hex("2c91808a00000000000000656e742d31") }] }]);
        // The same patch on the object as the server stores it, with null: "/entitlements/-" would not resolve.
        expect(diff(accessProfileSchema, apply({ ...clone(accessProfileEcho), entitlements: null }, ops), desired).changedFields).toEqual([]);
    });

    test("emptying a list replaces it with []", () => {
        const current = apWith(["2c91808a00000000000000656e742d31"], { enabled: false });
        expect(planPatch(accessProfileSchema, current, ap({ entitlements: [], enabled: false }))).toEqual([
            { op: "replace", path: "/entitlements", value: [] },
        ]);
    });

    test("a duplicate the server holds is removed", () => {
        const current = apWith(["2c91808a00000000000000656e742d31", "2c91808a00000000000000656e742d32", "2c91808a00000000000000656e742d31"]);
        const ops = planPatch(accessProfileSchema, current, desiredEnts("2c91808a00000000000000656e742d31", "2c91808a00000000000000656e742d32"));
        expect(ops).toEqual([
            { op: "test", path: "/entitlements/2/id", value: hex("2c91808a00000000000000656e742d31") },
            { op: "remove", path: "/entitlements/2" },
        ]);
    });

    test("guardRemovals: false leaves the tests out", () => {
        const current = apWith([
            "2c91808a00000000000000656e742d31",
            "2c91808a00000000000000656e742d32",
            "2c91808a00000000000000656e742d33",
            "2c91808a00000000000000656e742d34",
        ]);
        expect(
            planPatch(
                accessProfileSchema,
                current,
                desiredEnts("2c91808a00000000000000656e742d31", "2c91808a00000000000000656e742d33", "2c91808a00000000000000656e742d34"),
                { guardRemovals: false },
            ),
        ).toEqual([{ op: "remove", path: "/entitlements/1" }]);
    });

    test("a new source replaces source and the entitlements whole, in that order, in one patch", () => {
        const desired = ap({
            source: { id: "2c91808a000000000000007372632d32" },
            entitlements: [{ id: hex("2c91808a00000000000000656e742d31") }, { id: hex("2c91808a00000000000000656e742d39") }],
        });
        expect(planPatch(accessProfileSchema, accessProfileEcho, desired)).toEqual([
            { op: "replace", path: "/source", value: { type: "SOURCE", id: "2c91808a000000000000007372632d32" } },
            {
                op: "replace",
                path: "/entitlements",
                value: [
                    { type: "ENTITLEMENT", id: hex("2c91808a00000000000000656e742d31") },
                    { type: "ENTITLEMENT", id: hex("2c91808a00000000000000656e742d39") },
                ],
            },
        ]);
    });

    test("a new source with the same (empty) entitlements still sends them", () => {
        const current = { ...clone(accessProfileEcho), enabled: false, entitlements: [] };
        expect(planPatch(accessProfileSchema, current, ap({ source: { id: "2c91808a000000000000007372632d32" }, enabled: false, entitlements: [] }))).toEqual([
            { op: "replace", path: "/source", value: { type: "SOURCE", id: "2c91808a000000000000007372632d32" } },
            { op: "replace", path: "/entitlements", value: [] },
        ]);
    });
});

describe("planPatch: a stale view of the server's order", () => {
    const planned = apWith([
        "2c91808a00000000000000656e742d31",
        "2c91808a00000000000000656e742d32",
        "2c91808a00000000000000656e742d33",
        "2c91808a00000000000000656e742d34",
    ]);
    const desired = desiredEnts("2c91808a00000000000000656e742d31", "2c91808a00000000000000656e742d33", "2c91808a00000000000000656e742d34");
    // Someone reordered (or removed and re-added) entitlements in the UI since we last read the profile.
    const server = apWith([
        "2c91808a00000000000000656e742d32",
        "2c91808a00000000000000656e742d31",
        "2c91808a00000000000000656e742d33",
        "2c91808a00000000000000656e742d34",
    ]);

    test("with guards, the patch fails at its test instead of removing the wrong element", () => {
        const ops = planPatch(accessProfileSchema, planned, desired);
        let error: unknown;
        try {
            applyPatch(deepClone(server), ops, true);
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(JsonPatchError);
        expect((error as JsonPatchError).name).toBe("TEST_OPERATION_FAILED");
    });

    test("without guards, the same patch removes ent-1 instead of ent-2 (why the guards exist)", () => {
        const ops = planPatch(accessProfileSchema, planned, desired, { guardRemovals: false });
        const result = apply(server, ops);
        expect(result.entitlements.map((e) => e.id)).toEqual(
            ["2c91808a00000000000000656e742d32", "2c91808a00000000000000656e742d33", "2c91808a00000000000000656e742d34"].map(hex),
        );
    });

    test("an identity and a governance group with one id swapped places: the type guard fails", () => {
        const [g1, o2, o3] = ["grp-1", "own-2", "own-3"].map(hex);
        const owners = (...types: string[]) => [
            ...types.map((type) => ({ type, id: g1, name: "n" })),
            { type: "IDENTITY", id: o2 },
            { type: "IDENTITY", id: o3 },
        ];
        const current = { ...clone(accessProfileEcho), additionalOwners: owners("IDENTITY", "GOVERNANCE_GROUP") };
        const ops = planPatch(
            accessProfileSchema,
            current,
            ap({
                additionalOwners: [
                    { type: "GOVERNANCE_GROUP", id: g1 },
                    { type: "IDENTITY", id: o2 },
                    { type: "IDENTITY", id: o3 },
                ],
            }),
        );
        expect(ops.map((o) => o.op)).toEqual(["test", "test", "remove"]);
        const swapped = { ...clone(accessProfileEcho), additionalOwners: owners("GOVERNANCE_GROUP", "IDENTITY") };
        expect(() => applyPatch(deepClone(swapped), ops, true)).toThrow(expect.objectContaining({ name: "TEST_OPERATION_FAILED" }));
    });
});

describe("planPatch: purity", () => {
    test("inputs are not mutated and the patch shares no objects with them", () => {
        const current = deepFreeze(apWith(["2c91808a00000000000000656e742d31", "2c91808a00000000000000656e742d32", "2c91808a00000000000000656e742d33"]));
        const desired = deepFreeze(
            ap({
                source: { id: "2c91808a000000000000007372632d32" },
                entitlements: [{ id: hex("2c91808a00000000000000656e742d37") }],
                accessRequestConfig: { commentsRequired: true },
            }),
        );
        const ops = planPatch(accessProfileSchema, current, desired);
        expect(ops.length).toBeGreaterThan(0);
        const before = JSON.stringify(desired);
        for (const op of ops) if ("value" in op && typeof op.value === "object" && op.value !== null) (op.value as Record<string, unknown>).touched = true;
        expect(JSON.stringify(desired)).toBe(before);
    });

    test("an unknown value is refused rather than sent (update never runs in preview)", () => {
        expect(() => planPatch(segmentSchema, segmentEcho, { ...segment(), name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" })).toThrow(/not known yet/);
    });
});
