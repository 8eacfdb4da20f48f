/**
 * Input caught in check, before any API call (issue 14 §5): server-assigned fields given as inputs are refused
 * (not silently dropped), and an AND's children in another order are not a change.
 */
import { diff, UNKNOWN } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { and, equals } from "../../provider/src/sdk/expressions";
import { accessProfileProgram, segmentEcho, segmentProgram } from "./examples";
import { checked, clone, failuresOf } from "./helpers";

const MARK = "s3cr3t-MARK";

describe("check: server-assigned fields given as inputs", () => {
    const cases = [
        ["Segment", segmentSchema, segmentProgram],
        ["AccessProfile", accessProfileSchema, accessProfileProgram],
    ] as const;
    const given: Array<[string, unknown]> = [
        ["a string", `${MARK}-x`],
        ["a list", [MARK]],
        ["an unknown (preview) value", UNKNOWN],
    ];

    for (const [label, schema, program] of cases) {
        for (const field of ["id", "created", "modified"]) {
            test.each(given)(`${label} ${field} given as %s is refused, naming the resource and the field`, (_what, value) => {
                const failures = failuresOf(schema, { ...program, [field]: value });
                expect(failures).toHaveLength(1);
                expect(failures[0].property).toBe(field);
                expect(failures[0].reason).toContain(`${field} of a ${label} is assigned by ISC and cannot be given as an input: remove it`);
                expect(failures[0].reason).toContain('"name"');
                expect(JSON.stringify(failures)).not.toContain(MARK);
            });
        }
    }

    test("the output slots a dynamic resource registers (undefined) and Pulumi's own keys are still accepted", () => {
        const inputs = checked(segmentSchema, { name: "n", __provider: "serialized", id: undefined, created: undefined, modified: undefined });
        expect(inputs).toEqual({ name: "n", active: false });
    });

    test("every server-assigned field given is named, once each", () => {
        const failures = failuresOf(segmentSchema, { ...segmentProgram, id: "2c91808a000000000000000000000061", created: "b", modified: "c" });
        expect(failures.map((f) => f.property)).toEqual(["id", "created", "modified"]);
    });
});

describe("diff: the order of an AND's children is not a change", () => {
    const a = equals("location", "London");
    const b = equals("department", "Sales");
    const c = equals("country", "UK");
    const segmentWith = (expression: unknown) => checked(segmentSchema, { ...segmentProgram, visibilityCriteria: { expression } });

    test("and(a, b) against and(b, a), both as programs", () => {
        expect(diff(segmentSchema, segmentWith(and(a, b)), segmentWith(and(b, a)))).toEqual({ changes: false, changedFields: [] });
        expect(diff(segmentSchema, segmentWith(and(a, b, c)), segmentWith(and(c, a, b))).changedFields).toEqual([]);
    });

    test("the server answering the children in another order (with its null keys)", () => {
        const echo = clone(segmentEcho);
        echo.visibilityCriteria.expression.children.reverse();
        expect(diff(segmentSchema, echo, segmentWith(and(a, b)))).toEqual({ changes: false, changedFields: [] });
        expect(diff(segmentSchema, echo, segmentWith(and(b, a)))).toEqual({ changes: false, changedFields: [] });
    });

    test("a changed, added or removed child is still a change", () => {
        const changed = (expression: unknown) => diff(segmentSchema, segmentEcho, segmentWith(expression)).changedFields;
        expect(changed(and(b, equals("location", "Paris")))).toEqual(["visibilityCriteria"]);
        expect(changed(and(b, a, c))).toEqual(["visibilityCriteria"]);
        expect(changed(and(b))).toEqual(["visibilityCriteria"]);
        expect(changed(a)).toEqual(["visibilityCriteria"]);
    });
});
