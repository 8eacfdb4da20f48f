import fc from "fast-check";
import { canonicalJson } from "../../provider/src/engine/json";
import { check, declaredFields, fieldReference, normalizeField, outputNames, ResourceSchema } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { and, equals } from "../../provider/src/sdk/expressions";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { serverAccessProfile, serverSegment } from "./arbitraries";

describe("expression helpers", () => {
    test("equals() builds an EQUALS test with a STRING value", () => {
        expect(equals("location", "London")).toEqual({ operator: "EQUALS", attribute: "location", value: { type: "STRING", value: "London" } });
    });

    test("and() combines tests and merges nested and()s into one level, as ISC requires", () => {
        const e = and(equals("a", "1"), and(equals("b", "2"), equals("c", "3")));
        expect(e).toEqual({ operator: "AND", children: [equals("a", "1"), equals("b", "2"), equals("c", "3")] });
        expect(check(segmentSchema, { name: "n", visibilityCriteria: { expression: e } }).failures).toEqual([]);
    });
});

describe("schema-derived facts", () => {
    test("output names: every field but id and provider-only ones", () => {
        expect(outputNames(segmentSchema)).toEqual(["name", "description", "owner", "active", "visibilityCriteria", "created", "modified"]);
        expect(outputNames(accessProfileSchema)).toEqual(expect.arrayContaining(["entitlements", "segments", "created", "modified"]));
        expect(outputNames(accessProfileSchema)).not.toContain("adoptId");
    });

    test("the field reference names every input and output with its doc", () => {
        for (const schema of [segmentSchema, accessProfileSchema]) {
            const text = fieldReference(schema);
            for (const [name, field] of Object.entries(schema.fields)) {
                expect(text).toContain(`\`${name}\``);
                expect(text).toContain(field.doc.replace(/\|/g, "\\|"));
            }
        }
        expect(fieldReference(segmentSchema)).toContain("| `active` | boolean | no | `false` | patch |");
        expect(fieldReference(accessProfileSchema)).toContain("| `entitlements` | set of references to ENTITLEMENT or null | no | none | patch |");
    });
});

describe("normalisation", () => {
    const cases: Array<[string, ResourceSchema, fc.Arbitrary<Record<string, unknown>>]> = [
        ["Segment", segmentSchema, serverSegment],
        ["AccessProfile", accessProfileSchema, serverAccessProfile],
    ];
    test.each(cases)("%s: is idempotent on every field", (_label, schema, server) => {
        fc.assert(
            fc.property(server, (x) => {
                for (const [name, field] of declaredFields(schema)) {
                    const once = normalizeField(field, x[name]);
                    expect(canonicalJson(normalizeField(field, once))).toBe(canonicalJson(once));
                }
            }),
            { numRuns: 500 },
        );
    });
});
