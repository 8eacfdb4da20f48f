import { check, diff, UNKNOWN } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { accessProfileEcho, accessProfileProgram, segmentEcho, segmentProgram } from "./examples";
import { allPaths, checked, replaceAt } from "./helpers";

const cases = [
    ["Segment", segmentSchema, segmentProgram, segmentEcho],
    ["AccessProfile", accessProfileSchema, accessProfileProgram, accessProfileEcho],
] as const;

describe.each(cases)("the preview's unknown sentinel: %s", (_label, schema, program, echo) => {
    const paths = allPaths(program);

    test("check accepts it in place of any value, at any depth, and keeps it", () => {
        expect(paths.length).toBeGreaterThan(10);
        for (const path of paths) {
            const result = check(schema, replaceAt(program, path, UNKNOWN));
            expect({ path, failures: result.failures }).toEqual({ path, failures: [] });
            expect(JSON.stringify(result.inputs)).toContain(UNKNOWN);
        }
    });

    test("check accepts it for a required field and in place of a boolean with a default", () => {
        const news = { ...program, name: UNKNOWN, [Object.keys(program).includes("enabled") ? "enabled" : "active"]: UNKNOWN };
        expect(check(schema, news).failures).toEqual([]);
    });

    test("diff counts it as a change of exactly the top-level field holding it", () => {
        for (const path of paths) {
            const news = checked(schema, replaceAt(program, path, UNKNOWN));
            expect({ path, changed: diff(schema, echo, news).changedFields }).toEqual({ path, changed: [path[0]] });
        }
    });
});

test("an unknown adoptId changes nothing", () => {
    const news = checked(segmentSchema, { ...segmentProgram, adoptId: UNKNOWN });
    expect(diff(segmentSchema, segmentEcho, news).changes).toBe(false);
});

describe("the sentinel where only null would be allowed is not refused: it may turn out null", () => {
    const ap = accessProfileProgram;
    const cases: Array<[string, typeof segmentSchema, Record<string, unknown>]> = [
        [
            "AND attribute",
            segmentSchema,
            {
                ...segmentProgram,
                visibilityCriteria: {
                    expression: {
                        operator: "AND",
                        attribute: UNKNOWN,
                        value: UNKNOWN,
                        children: [{ operator: "EQUALS", attribute: "a", value: { value: "b" } }],
                    },
                },
            },
        ],
        [
            "EQUALS children",
            segmentSchema,
            { ...segmentProgram, visibilityCriteria: { expression: { operator: "EQUALS", attribute: "a", value: { value: "b" }, children: UNKNOWN } } },
        ],
        ["approverId of MANAGER", accessProfileSchema, { ...ap, accessRequestConfig: { approvalSchemes: [{ approverType: "MANAGER", approverId: UNKNOWN }] } }],
        ["value of HAS", accessProfileSchema, { ...ap, provisioningCriteria: { operation: "HAS", attribute: "a", value: UNKNOWN } }],
        ["children of EQUALS", accessProfileSchema, { ...ap, provisioningCriteria: { operation: "EQUALS", attribute: "a", value: "b", children: UNKNOWN } }],
        [
            "attribute of OR",
            accessProfileSchema,
            { ...ap, provisioningCriteria: { operation: "OR", attribute: UNKNOWN, children: [{ operation: "HAS", attribute: "a" }] } },
        ],
        ["enabled with unknown entitlements", accessProfileSchema, { ...ap, enabled: true, entitlements: UNKNOWN }],
        ["an unknown element among entitlements", accessProfileSchema, { ...ap, entitlements: [UNKNOWN, UNKNOWN, { id: "2c91808a00000000000000656e742d31" }] }],
    ];
    test.each(cases)("%s", (_name, schema, news) => {
        expect(check(schema, news).failures).toEqual([]);
    });
});
