/**
 * The public types are the description: every `*Args`, `*Inputs`, `*Outputs`, nested type, union and output
 * declaration matches its resource's schema and shapes member by member (as the TypeScript compiler reads the
 * package), and adding a field to a description is all it takes for every one of them, the documentation and the
 * engine to follow.
 */
import { check, diff, fieldReference, planPatch, type ResourceSchema } from "../../provider/src/engine";
import { schemaDefinition } from "../../provider/src/provider/schema-definition";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { segmentGroupSchema } from "../../provider/src/zpa/resources/segment-group/schema";
import { RESOURCES, ZPA_RESOURCES } from "../../scripts/docs";
import { resourceFiles } from "../../scripts/lib/resource-types";
import { loadPublicApi, publicTypeDrift, ZPA_ENTRY } from "./public-types";

const committed = loadPublicApi();
const committedZpa = loadPublicApi({}, ZPA_ENTRY);

test.each(Object.values(RESOURCES).map((r) => [r.schema.label, r.schema] as const))("%s: the exported types match its description", (_label, schema) => {
    expect(publicTypeDrift(committed, schema)).toEqual([]);
});

test.each(Object.values(ZPA_RESOURCES).map((r) => [r.schema.label, r.schema] as const))(
    "zpa.%s: the types pulumi-sailpoint-isc/zpa exports match its description",
    (_label, schema) => {
        expect(publicTypeDrift(committedZpa, schema)).toEqual([]);
    },
);

describe("adding a field to a ZPA resource is one entry in its schema.ts", () => {
    const note = { kind: "string", required: false, nullable: true, patchable: true, doc: "A note for the admins." } as const;
    const withNote: ResourceSchema = { ...segmentGroupSchema, fields: { ...segmentGroupSchema.fields, note } };

    test("the committed types lack it: the typings check names every place it is missing", () => {
        expect(publicTypeDrift(committedZpa, withNote)).toEqual([
            expect.stringMatching(/^SegmentGroupInputs: members are .*adoptId, not .*adoptId, note$/),
            expect.stringMatching(/^SegmentGroupOutputs: members are .*adoptId, not .*adoptId, note$/),
            expect.stringMatching(/^SegmentGroupArgs: members are .*adoptId, not .*adoptId, note$/),
            expect.stringMatching(/^SegmentGroup \(class\): members are .*modifiedBy, not .*modifiedBy, note$/),
        ]);
    });

    test("generated again, every type the ZPA entry exports has it, with its doc", () => {
        const { folder, family } = ZPA_RESOURCES.segmentGroup;
        const generated = resourceFiles({ ...ZPA_RESOURCES.segmentGroup, schema: withNote });
        const api = loadPublicApi(
            {
                [`${family.resourcesDir}/${folder}/generated.ts`]: generated.types,
                [`${family.sdkDir}/${folder}.generated.ts`]: generated.sdk,
            },
            ZPA_ENTRY,
        );
        expect(publicTypeDrift(api, withNote)).toEqual([]);
        expect(generated.types).toContain("    /** A note for the admins. */\n    note?: string | null;\n");
    });
});

describe("adding a field to a resource is one entry in its schema.ts", () => {
    const colour = {
        kind: "string",
        maxLength: 20,
        emptyIsNull: true,
        required: false,
        nullable: true,
        patchable: true,
        doc: "The segment's colour in the UI.",
    } as const;
    const withColour: ResourceSchema = { ...segmentSchema, fields: { ...segmentSchema.fields, colour } };
    const generated = resourceFiles({ ...RESOURCES.segment, schema: withColour });

    test("the committed types lack it: the typings check names every place it is missing", () => {
        expect(publicTypeDrift(committed, withColour)).toEqual([
            expect.stringMatching(/^SegmentInputs: members are .*adoptId, not .*adoptId, colour$/),
            expect.stringMatching(/^SegmentOutputs: members are .*adoptId, not .*adoptId, colour$/),
            expect.stringMatching(/^SegmentArgs: members are .*adoptId, not .*adoptId, colour$/),
            expect.stringMatching(/^Segment \(class\): members are .*modified, not .*modified, colour$/),
        ]);
    });

    test("generated again, every public type has it, with its doc", () => {
        const api = loadPublicApi({ "provider/src/resources/segment/generated.ts": generated.types, "provider/src/sdk/segment.generated.ts": generated.sdk });
        expect(publicTypeDrift(api, withColour)).toEqual([]);
        expect(generated.types).toContain("    /** The segment's colour in the UI. */\n    colour?: string | null;\n");
        expect(generated.sdk).toContain("    /** The segment's colour in the UI. */\n    colour?: pulumi.Input<string | null>;\n");
        expect(generated.sdk).toContain("    /** The segment's colour in the UI. */\n    declare public readonly colour: pulumi.Output<string | null>;\n");
    });

    test("the documentation, check, diff, the planner and the provider's definition follow", () => {
        expect(fieldReference(withColour)).toContain("| `colour` | string (≤ 20 chars) or null | no | none | patch | The segment's colour in the UI. |");
        const before = check(withColour, { name: "S" }).inputs;
        const after = check(withColour, { name: "S", colour: "teal" });
        expect(after.failures).toEqual([]);
        expect(check(withColour, { name: "S", colour: "x".repeat(21) }).failures).toEqual([
            { property: "colour", reason: "colour is 21 characters; at most 20 are allowed" },
        ]);
        expect(diff(withColour, before, after.inputs).changedFields).toEqual(["colour"]);
        expect(planPatch(withColour, before, after.inputs)).toEqual([{ op: "add", path: "/colour", value: "teal" }]);
        const def = schemaDefinition({ schema: withColour, version: () => "v2025", findByName: async () => [] });
        expect(def.outputNames).toContain("colour");
        expect(def.createBody(after.inputs)).toEqual({ name: "S", active: false, colour: "teal" });
    });
});
