/**
 * Ids are checked for shape in check, before any API call (issue 14 §5): every place an input gives an ISC id
 * (references, the segments list, approverId, adoptId) takes 32 hex digits or a UUID, in either letter case, and
 * refuses anything else naming the field, what the value is (never the value: it may be a secret), the allowed
 * forms, and how to find the id by name. The preview's unknown passes.
 */
import { hexId, seeded } from "../../emulator/random";
import { uuidShaped } from "../../emulator/echo";
import { UNKNOWN } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { isIscId } from "../../provider/src/resources/ids";
import { accessProfileProgram, segmentProgram } from "./examples";
import { failuresOf } from "./helpers";

type Props = Record<string, unknown>;
const HEX = "8a1f0c2b9d3e4f5061728394a5b6c7d8";
const OTHER = "8a1f0c2b9d3e4f5061728394a5b6c7d9";
const UUID = "5d0c6e2a-91b4-4c3f-8e7d-2a1b0c9d8e7f";
const ALLOWED = "ISC ids are 32 hexadecimal digits (2c9180835d2e5168015d32f890ca1581) or a UUID (0f11f2a4-7c94-4bf3-a2bd-742580fe3bde)";

const seg = (id: unknown): Props => ({ ...segmentProgram, owner: { id } });
const ap = (patch: (id: unknown) => Props) => (id: unknown) => ({ ...accessProfileProgram, ...patch(id) });
const schemes = (approverType: string) => (id: unknown) => ({ accessRequestConfig: { approvalSchemes: [{ approverType, approverId: id }] } });

/** [where, schema, inputs with the id given, the failure's property, the lookup its message names] */
const PLACES: Array<[string, typeof segmentSchema, (id: unknown) => Props, string, string]> = [
    ["Segment owner", segmentSchema, seg, "owner.id", "getIdentity({ alias })"],
    ["Segment adoptId", segmentSchema, (id) => ({ ...segmentProgram, adoptId: id }), "adoptId", "getSegment({ name })"],
    ["AccessProfile owner", accessProfileSchema, ap((id) => ({ owner: { id } })), "owner.id", "getIdentity({ alias })"],
    ["AccessProfile source", accessProfileSchema, ap((id) => ({ source: { id } })), "source.id", "getSource({ name })"],
    [
        "AccessProfile entitlement",
        accessProfileSchema,
        ap((id) => ({ entitlements: [{ id: OTHER }, { id }] })),
        "entitlements[1].id",
        "getEntitlement({ source, value })",
    ],
    ["AccessProfile segment", accessProfileSchema, ap((id) => ({ segments: [id] })), "segments[0]", "getSegment({ name })"],
    [
        "AccessProfile additional owner (identity)",
        accessProfileSchema,
        ap((id) => ({ additionalOwners: [{ type: "IDENTITY", id }] })),
        "additionalOwners[0].id",
        "getIdentity({ alias })",
    ],
    [
        "AccessProfile additional owner (governance group)",
        accessProfileSchema,
        ap((id) => ({ additionalOwners: [{ type: "GOVERNANCE_GROUP", id }] })),
        "additionalOwners[0].id",
        "getGovernanceGroup({ name })",
    ],
    [
        "AccessProfile approver (governance group)",
        accessProfileSchema,
        ap(schemes("GOVERNANCE_GROUP")),
        "accessRequestConfig.approvalSchemes[0].approverId",
        "getGovernanceGroup({ name })",
    ],
    ["AccessProfile approver (workflow)", accessProfileSchema, ap(schemes("WORKFLOW")), "accessRequestConfig.approvalSchemes[0].approverId", "workflow's id"],
    [
        "AccessProfile revocation approver",
        accessProfileSchema,
        ap((id) => ({ revocationRequestConfig: { approvalSchemes: [{ approverType: "GOVERNANCE_GROUP", approverId: id }] } })),
        "revocationRequestConfig.approvalSchemes[0].approverId",
        "getGovernanceGroup({ name })",
    ],
    ["AccessProfile adoptId", accessProfileSchema, ap((id) => ({ adoptId: id })), "adoptId", "getAccessProfile({ name })"],
];

describe.each(PLACES)("%s", (_where, schema, given, property, lookup) => {
    test.each([
        ["32 hex digits", HEX],
        ["32 hex digits in capitals", HEX.toUpperCase()],
        ["a UUID", UUID],
        ["the preview's unknown value", UNKNOWN],
    ])("%s passes", (_what, id) => {
        expect(failuresOf(schema, given(id))).toEqual([]);
    });

    test("a name pasted where the id belongs is refused, naming the field, the forms and the lookup, never the value", () => {
        const failures = failuresOf(schema, given("Alice Admin"));
        expect(failures).toHaveLength(1);
        expect(failures[0].property).toBe(property);
        expect(failures[0].reason).toContain("a string of 11 characters with spaces, which looks like a name, not an id");
        expect(failures[0].reason).toContain(ALLOWED);
        expect(failures[0].reason).toContain(lookup);
        expect(failures[0].reason).not.toContain("Alice");
    });

    test("an id cut short is refused as one, not as a name", () => {
        const failures = failuresOf(schema, given(HEX.slice(0, 30)));
        expect(failures.map((f) => f.property)).toEqual([property]);
        expect(failures[0].reason).toContain("is a string of 30 characters of hexadecimal digits, not an id");
        expect(failures[0].reason).toContain("check that it was copied whole");
        expect(failures[0].reason).not.toContain(HEX.slice(0, 30));
    });

    test("a name without spaces and an id with a stray space are refused too", () => {
        for (const id of ["jdoe", ` ${HEX}`, `${UUID}x`]) expect(failuresOf(schema, given(id)).map((f) => f.property)).toEqual([property]);
    });

    test("an empty id is one failure: the field's own", () => {
        const failures = failuresOf(schema, given(""));
        expect(failures).toHaveLength(1);
        expect(failures[0].reason).toContain("empty string");
    });
});

test("the ids the emulator hands out (32 hex digits, or UUID-shaped under echo variation) have ISC's shape", () => {
    const random = seeded(7);
    for (let i = 0; i < 200; i++) {
        const hex = hexId(random);
        expect([isIscId(hex), isIscId(uuidShaped(hex))]).toEqual([true, true]);
    }
});
