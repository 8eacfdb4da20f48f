import { and, equals } from "../../provider/src/sdk/expressions";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { segmentProgram } from "./examples";
import { checked, failuresOf } from "./helpers";

const valid = segmentProgram;

function withExpression(expression: unknown): Record<string, unknown> {
    return { ...valid, visibilityCriteria: { expression } };
}
const eq = (attribute: unknown, value: unknown) => ({ operator: "EQUALS", attribute, value });
const str = (value: string) => ({ type: "STRING", value });

/** [rule, inputs, property named, what the reason must say (the rule and what is allowed; never the value: check-secrets.test.ts)] */
const rules: Array<[string, Record<string, unknown>, string, string[]]> = [
    ["name is required", { ...valid, name: undefined }, "name", ["name is required"]],
    ["name may not be empty", { ...valid, name: "" }, "name", ["name is an empty string", "non-empty"]],
    ["name may not be blank", { ...valid, name: "  " }, "name", ["name is a blank string of 2 characters", "non-empty"]],
    ["name is a string", { ...valid, name: 5 }, "name", ["must be a string", "got a number"]],
    ["name may not be null", { ...valid, name: null }, "name", ["must not be null"]],
    [
        "description at most 2000 characters",
        { ...valid, description: "x".repeat(2001) },
        "description",
        ["description is 2,001 characters; at most 2,000 are allowed"],
    ],
    [
        "owner is a reference",
        { ...valid, owner: "2c91808a000000003263393138303861" },
        "owner",
        ["owner must be an object {type, id, name}, got a string of 32 characters"],
    ],
    ["owner needs an id", { ...valid, owner: {} }, "owner.id", ["id is required", "identity"]],
    ["owner id is not empty", { ...valid, owner: { id: "" } }, "owner.id", ["id is an empty string: use a non-empty string"]],
    [
        "owner is an identity",
        { ...valid, owner: { id: "2c91808a000000000000000000000078", type: "SOURCE" } },
        "owner.type",
        ['type is a string of 6 characters that is not one of: "IDENTITY"'],
    ],
    [
        "owner has no other keys",
        { ...valid, owner: { id: "2c91808a000000000000000000000078", Id: "y" } },
        "owner.Id",
        ['property "Id" is not allowed here', '"type", "id" or "name"'],
    ],
    ["active is a boolean", { ...valid, active: "yes" }, "active", ["active must be true or false, got a string of 3 characters"]],
    ["active is not null", { ...valid, active: null }, "active", ["must not be null", "default false"]],
    [
        "visibilityCriteria is an object",
        { ...valid, visibilityCriteria: "location eq London" },
        "visibilityCriteria",
        ["visibilityCriteria must be an object, got a string of 18 characters"],
    ],
    ["visibilityCriteria needs an expression", { ...valid, visibilityCriteria: {} }, "visibilityCriteria.expression", ["expression is required", "null"]],
    [
        "visibilityCriteria has only expression",
        { ...valid, visibilityCriteria: { expression: equals("a", "b"), active: true } },
        "visibilityCriteria.active",
        ['"active" is not allowed', '"expression"'],
    ],
    [
        "operator AND or EQUALS",
        withExpression({ operator: "OR", children: [equals("a", "b")] }),
        "visibilityCriteria.expression.operator",
        ['operator is a string of 2 characters that is not one of: "AND", "EQUALS"'],
    ],
    [
        "operator is required",
        withExpression({ attribute: "a", value: str("b") }),
        "visibilityCriteria.expression.operator",
        ["operator is required", '"AND" or "EQUALS"'],
    ],
    [
        "operator is upper case",
        withExpression({ operator: "equals", attribute: "a", value: str("b") }),
        "visibilityCriteria.expression.operator",
        ['not one of: "AND", "EQUALS"', 'differs from "EQUALS" only in letter case'],
    ],
    [
        "EQUALS needs an attribute",
        withExpression(eq(undefined, str("London"))),
        "visibilityCriteria.expression.attribute",
        ["attribute is required", '"EQUALS"'],
    ],
    [
        "EQUALS attribute is not empty",
        withExpression(eq("", str("London"))),
        "visibilityCriteria.expression.attribute",
        ["attribute is an empty string: use a non-empty string"],
    ],
    [
        "EQUALS needs a value",
        withExpression(eq("location", null)),
        "visibilityCriteria.expression.value",
        ["value is required", '{type: "STRING", value: "..."}'],
    ],
    [
        "EQUALS value is an object",
        withExpression(eq("location", "London")),
        "visibilityCriteria.expression.value",
        ['value must be an object {type: "STRING", value: "..."}, got a string of 6 characters', "equals()"],
    ],
    [
        "EQUALS value type is STRING",
        withExpression(eq("location", { type: "NUMBER", value: "1" })),
        "visibilityCriteria.expression.value.type",
        ['type is a string of 6 characters that is not one of: "STRING"'],
    ],
    ["EQUALS value has a value", withExpression(eq("location", { type: "STRING" })), "visibilityCriteria.expression.value.value", ["value is required"]],
    ["EQUALS value is a string", withExpression(eq("location", { value: 3 })), "visibilityCriteria.expression.value.value", ["must be a string, got a number"]],
    [
        "EQUALS has no children",
        withExpression({ ...equals("a", "b"), children: [equals("c", "d")] }),
        "visibilityCriteria.expression.children",
        ['children is not allowed with operator "EQUALS" (got a list of 1 element)', "two levels"],
    ],
    [
        "AND needs children",
        withExpression({ operator: "AND" }),
        "visibilityCriteria.expression.children",
        ['children is required with operator "AND"', "at least one EQUALS"],
    ],
    [
        "AND needs non-empty children",
        withExpression({ operator: "AND", children: [] }),
        "visibilityCriteria.expression.children",
        ['children must not be empty with operator "AND"', "at least one EQUALS"],
    ],
    [
        "AND children are a list",
        withExpression({ operator: "AND", children: equals("a", "b") }),
        "visibilityCriteria.expression.children",
        ["must be a list of EQUALS expressions"],
    ],
    [
        "AND has no attribute",
        withExpression({ operator: "AND", attribute: "location", children: [equals("a", "b")] }),
        "visibilityCriteria.expression.attribute",
        ['attribute is not allowed with operator "AND" (got a string of 8 characters)', "EQUALS children"],
    ],
    [
        "AND has no value",
        withExpression({ operator: "AND", value: str("x"), children: [equals("a", "b")] }),
        "visibilityCriteria.expression.value",
        ['value is not allowed with operator "AND" (got an object)'],
    ],
    [
        "children of AND are not AND",
        withExpression({ operator: "AND", children: [equals("a", "b"), { operator: "AND", children: [equals("c", "d")] }] }),
        "visibilityCriteria.expression.children[1].operator",
        ['operator "AND" is not allowed in a child of AND: use "EQUALS"', "two levels"],
    ],
    [
        "children of AND are EQUALS",
        withExpression({ operator: "AND", children: [equals("a", "b"), { operator: "OR", children: [] }] }),
        "visibilityCriteria.expression.children[1].operator",
        ['operator is a string of 2 characters that is not one of: "EQUALS"', "a child of AND"],
    ],
    [
        "a child's operator is required",
        withExpression({ operator: "AND", children: [{ attribute: "a", value: str("b") }] }),
        "visibilityCriteria.expression.children[0].operator",
        ['operator is required: use "EQUALS"'],
    ],
    [
        "a child's children are null",
        withExpression(and({ ...equals("a", "b"), children: [equals("c", "d")] })),
        "visibilityCriteria.expression.children[0].children",
        ["is not allowed", "two levels"],
    ],
    [
        "a child needs its value",
        withExpression({ operator: "AND", children: [equals("a", "b"), eq("department", undefined)] }),
        "visibilityCriteria.expression.children[1].value",
        ["value is required"],
    ],
    [
        "expression keys are known",
        withExpression({ ...equals("a", "b"), operater: "EQUALS" }),
        "visibilityCriteria.expression.operater",
        ['property "operater" is not allowed here', '"operator"'],
    ],
    ["unknown inputs are reported", { ...valid, nmae: "x" }, "nmae", ['property "nmae" is not an input of Segment', '"name"', '"visibilityCriteria"']],
    ["adoptId is not empty", { ...valid, adoptId: "" }, "adoptId", ["adoptId is an empty string: use a non-empty string"]],
    ["adoptId is a string", { ...valid, adoptId: 12 }, "adoptId", ["must be a string, got a number"]],
];

describe("check: Segment rules", () => {
    test("the valid example passes", () => {
        expect(failuresOf(segmentSchema, valid)).toEqual([]);
    });

    test.each(rules)("%s", (_rule, news, property, says) => {
        const failures = failuresOf(segmentSchema, news);
        const named = failures.filter((f) => f.property === property);
        expect(named).toHaveLength(1);
        for (const text of says) expect(named[0].reason).toContain(text);
    });

    test("every rule's failure is the only one", () => {
        for (const [rule, news] of rules) expect([rule, failuresOf(segmentSchema, news).length]).toEqual([rule, 1]);
    });
});

describe("check: Segment completion", () => {
    test("applies defaults, fills reference and value types, drops undefined", () => {
        const inputs = checked(segmentSchema, {
            name: "n",
            description: undefined,
            owner: { id: "2c91808a000000000000000000006f31" },
            visibilityCriteria: { expression: { operator: "EQUALS", attribute: "location", value: { value: "London" }, children: undefined } },
        });
        expect(inputs).toEqual({
            name: "n",
            owner: { type: "IDENTITY", id: "2c91808a000000000000000000006f31" },
            active: false,
            visibilityCriteria: { expression: { operator: "EQUALS", attribute: "location", value: { type: "STRING", value: "London" } } },
        });
        expect(JSON.stringify(inputs)).not.toContain("undefined");
        expect(Object.values(inputs)).not.toContain(undefined);
    });

    test("keeps an owner name the program gave (ISC checks it on write) and explicit nulls", () => {
        const inputs = checked(segmentSchema, {
            name: "n",
            owner: { id: "2c91808a000000000000000000006f31", name: "Ann" },
            description: null,
            visibilityCriteria: null,
        });
        expect(inputs).toEqual({
            name: "n",
            owner: { type: "IDENTITY", id: "2c91808a000000000000000000006f31", name: "Ann" },
            description: null,
            visibilityCriteria: null,
            active: false,
        });
    });

    test("leaves Pulumi's own keys and server-computed output slots alone", () => {
        const inputs = checked(segmentSchema, { name: "n", __provider: "serialized", created: undefined, id: undefined });
        expect(inputs).toEqual({ name: "n", active: false });
    });

    test("is idempotent", () => {
        const once = checked(segmentSchema, valid);
        expect(checked(segmentSchema, once)).toEqual(once);
    });

    test("reports every failure at once", () => {
        const failures = failuresOf(segmentSchema, { name: "", active: "no", owner: { id: "2c91808a000000000000000000000078", type: "ROLE" } });
        expect(failures.map((f) => f.property).sort()).toEqual(["active", "name", "owner.type"]);
    });

    test("a root that is not an object is named", () => {
        const failures = failuresOf(segmentSchema, "nope" as unknown as Record<string, unknown>);
        expect(failures).toEqual([{ property: "", reason: "Segment needs an object of inputs, got a string of 4 characters" }]);
    });
});
