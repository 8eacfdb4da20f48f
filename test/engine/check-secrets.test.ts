/**
 * Check failures never repeat an input's content. Pulumi's dynamic-provider host unwraps secrets before it
 * calls `check` (the provider says it does not accept secrets), so the engine cannot tell which value was a
 * secret: no failure message may quote a value the user wrote, only name the field, the rule, and the
 * value's type and length. The only words a message quotes are the schema's own (field names, allowed
 * values, defaults) and a value already known to be one of a closed list of allowed values.
 */
import { check, Failure, ResourceSchema } from "../../provider/src/engine";
import { lastKey } from "../../provider/src/engine/messages";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { and, equals } from "../../provider/src/sdk/expressions";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { accessProfileProgram, segmentProgram } from "./examples";
import { allPaths, failuresOf, replaceAt } from "./helpers";

const MARK = "TOPSECRET-";
const secret = (what: string) => `${MARK}${what}`;
/** How `@pulumi/pulumi` wraps a secret on the wire: should one ever reach check, its content stays unsaid. */
const wrapped = (what: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: secret(what) });

type Props = Record<string, unknown>;
const seg = segmentProgram;
const ap = accessProfileProgram;
const withExpression = (expression: unknown): Props => ({ ...seg, visibilityCriteria: { expression } });
const withRequest = (patch: Props): Props => ({ ...ap, accessRequestConfig: { ...ap.accessRequestConfig, ...patch } });
const withSchemes = (...schemes: unknown[]): Props => withRequest({ approvalSchemes: schemes });
const withCriteria = (criteria: unknown): Props => ({ ...ap, provisioningCriteria: criteria });

function leaks(failures: Failure[]): string[] {
    return failures.filter((f) => f.reason.includes(MARK) || f.property.includes(MARK)).map((f) => `${f.property}: ${f.reason}`);
}

/** [where the secret went, schema, inputs, the property the failure names, what its reason must say] */
const cases: Array<[string, ResourceSchema, Props, string, string[]]> = [
    // Segment: every string field, the enums, the nested expression, the reference and its type and id.
    ["Segment name given a list", segmentSchema, { ...seg, name: [secret("name")] }, "name", ["name must be a string", "a list of 1 element"]],
    [
        "Segment description too long",
        segmentSchema,
        { ...seg, description: secret("d").padEnd(2010, "x") },
        "description",
        ["description is 2,010 characters", "at most 2,000"],
    ],
    [
        "Segment description given an object",
        segmentSchema,
        { ...seg, description: { text: secret("d") } },
        "description",
        ["description must be a string", "an object"],
    ],
    [
        "Segment owner given a string",
        segmentSchema,
        { ...seg, owner: secret("owner") },
        "owner",
        ["owner must be an object {type, id, name}", "a string of 15 characters"],
    ],
    ["Segment owner id given a list", segmentSchema, { ...seg, owner: { id: [secret("id")] } }, "owner.id", ["id must be a string", "a list of 1 element"]],
    [
        "Segment owner type",
        segmentSchema,
        { ...seg, owner: { id: "2c91808a00000000000000000000006f", type: secret("type") } },
        "owner.type",
        ["type is a string of 14 characters", 'not one of: "IDENTITY"'],
    ],
    [
        "Segment owner name given a list",
        segmentSchema,
        { ...seg, owner: { id: "2c91808a00000000000000000000006f", name: [secret("n")] } },
        "owner.name",
        ["name must be a string"],
    ],
    [
        "Segment active given a string",
        segmentSchema,
        { ...seg, active: secret("flag") },
        "active",
        ["active must be true or false", "a string of 14 characters"],
    ],
    [
        "Segment visibilityCriteria given a string",
        segmentSchema,
        { ...seg, visibilityCriteria: secret("vc") },
        "visibilityCriteria",
        ["visibilityCriteria must be an object", "a string of 12 characters"],
    ],
    [
        "Segment expression given a string",
        segmentSchema,
        withExpression(secret("expr")),
        "visibilityCriteria.expression",
        ["expression must be an object", "a string of 14 characters"],
    ],
    [
        "Segment operator",
        segmentSchema,
        withExpression({ operator: secret("op"), attribute: "a", value: { value: "b" } }),
        "visibilityCriteria.expression.operator",
        ["operator is a string of 12 characters", 'not one of: "AND", "EQUALS"'],
    ],
    [
        "Segment attribute given a list",
        segmentSchema,
        withExpression({ operator: "EQUALS", attribute: [secret("attr")], value: { value: "b" } }),
        "visibilityCriteria.expression.attribute",
        ["attribute must be a string"],
    ],
    [
        "Segment EQUALS value given a string",
        segmentSchema,
        withExpression({ operator: "EQUALS", attribute: "a", value: secret("val") }),
        "visibilityCriteria.expression.value",
        ["value must be an object", 'type: "STRING"', "a string of 13 characters", "equals()"],
    ],
    [
        "Segment value type",
        segmentSchema,
        withExpression({ operator: "EQUALS", attribute: "a", value: { type: secret("t"), value: "b" } }),
        "visibilityCriteria.expression.value.type",
        ["type is a string of 11 characters", 'not one of: "STRING"'],
    ],
    [
        "Segment value value given a list",
        segmentSchema,
        withExpression({ operator: "EQUALS", attribute: "a", value: { value: [secret("v")] } }),
        "visibilityCriteria.expression.value.value",
        ["value must be a string", "a list of 1 element"],
    ],
    [
        "Segment EQUALS children",
        segmentSchema,
        withExpression({ ...equals("a", "b"), children: [equals(secret("a"), secret("b"))] }),
        "visibilityCriteria.expression.children",
        ['children is not allowed with operator "EQUALS"', "a list of 1 element"],
    ],
    [
        "Segment AND attribute",
        segmentSchema,
        withExpression({ operator: "AND", attribute: secret("a"), children: [equals("a", "b")] }),
        "visibilityCriteria.expression.attribute",
        ['attribute is not allowed with operator "AND"', "a string of 11 characters"],
    ],
    [
        "Segment AND value",
        segmentSchema,
        withExpression({ operator: "AND", value: { type: "STRING", value: secret("v") }, children: [equals("a", "b")] }),
        "visibilityCriteria.expression.value",
        ['value is not allowed with operator "AND"', "an object"],
    ],
    [
        "Segment AND children given a string",
        segmentSchema,
        withExpression({ operator: "AND", children: secret("kids") }),
        "visibilityCriteria.expression.children",
        ["children must be a list of EQUALS expressions", "a string of 14 characters"],
    ],
    [
        "Segment child operator",
        segmentSchema,
        withExpression({ operator: "AND", children: [equals("a", "b"), { operator: secret("op"), attribute: "c", value: { value: "d" } }] }),
        "visibilityCriteria.expression.children[1].operator",
        ["operator is a string of 12 characters", 'not one of: "EQUALS"', "a child of AND"],
    ],
    [
        "Segment child value given a string",
        segmentSchema,
        withExpression(and(equals("a", "b"), { operator: "EQUALS", attribute: "c", value: secret("v") } as unknown as ReturnType<typeof equals>)),
        "visibilityCriteria.expression.children[1].value",
        ["value must be an object"],
    ],
    ["Segment adoptId given a list", segmentSchema, { ...seg, adoptId: [secret("adopt")] }, "adoptId", ["adoptId must be a string"]],
    ["Segment unknown input holding a secret", segmentSchema, { ...seg, nmae: secret("typo") }, "nmae", ['property "nmae" is not an input of Segment']],

    // AccessProfile: the issue's own example, then every other position.
    [
        "AccessProfile enabled given a string",
        accessProfileSchema,
        { ...ap, enabled: secret("flag") },
        "enabled",
        ["enabled must be true or false", "a string of 14 characters"],
    ],
    [
        "AccessProfile requestable given a string",
        accessProfileSchema,
        { ...ap, requestable: secret("r") },
        "requestable",
        ["requestable must be true or false", "a string of 11 characters"],
    ],
    ["AccessProfile name given an object", accessProfileSchema, { ...ap, name: { first: secret("n") } }, "name", ["name must be a string", "an object"]],
    [
        "AccessProfile description too long",
        accessProfileSchema,
        { ...ap, description: secret("d").padEnd(2001, "é") },
        "description",
        ["description is 2,001 characters", "at most 2,000"],
    ],
    ["AccessProfile source id given a list", accessProfileSchema, { ...ap, source: { id: [secret("src")] } }, "source.id", ["id must be a string"]],
    [
        "AccessProfile source type",
        accessProfileSchema,
        { ...ap, source: { id: "2c91808a000000000000000000000073", type: secret("type") } },
        "source.type",
        ["type is a string of 14 characters", 'not one of: "SOURCE"'],
    ],
    ["AccessProfile owner given a string", accessProfileSchema, { ...ap, owner: secret("owner") }, "owner", ["owner must be an object"]],
    [
        "AccessProfile entitlements given a string",
        accessProfileSchema,
        { ...ap, entitlements: secret("ents") },
        "entitlements",
        ["entitlements must be a list of references", "a string of 14 characters"],
    ],
    [
        "AccessProfile entitlement given a string",
        accessProfileSchema,
        { ...ap, entitlements: [secret("ent")] },
        "entitlements[0]",
        ["entitlements must be an object {type, id, name}", "a string of 13 characters"],
    ],
    [
        "AccessProfile entitlement ids listed twice",
        accessProfileSchema,
        { ...ap, entitlements: [{ id: secret("e") }, { id: "2c91808a00000000000000656e742d32" }, { id: secret("e") }] },
        "entitlements[2].id",
        ["entitlements[2].id is the same as entitlements[0].id", "list each element once"],
    ],
    [
        "AccessProfile entitlement type",
        accessProfileSchema,
        { ...ap, entitlements: [{ id: "2c91808a000000000000000000000065", type: secret("type") }] },
        "entitlements[0].type",
        ["type is a string of 14 characters", 'not one of: "ENTITLEMENT"'],
    ],
    [
        "AccessProfile segments given a string",
        accessProfileSchema,
        { ...ap, segments: secret("segs") },
        "segments",
        ["segments must be a list of strings", "a string of 14 characters"],
    ],
    [
        "AccessProfile segment ids listed twice",
        accessProfileSchema,
        { ...ap, segments: [secret("s"), "2c91808a000000000000007365672d31", secret("s")] },
        "segments[2]",
        ["segments[2] is the same as segments[0]", "list each element once"],
    ],
    [
        "AccessProfile segment given an object",
        accessProfileSchema,
        { ...ap, segments: [{ id: secret("s") }] },
        "segments[0]",
        ["segments must be a string", "an object"],
    ],
    [
        "AccessProfile additional owners listed twice",
        accessProfileSchema,
        {
            ...ap,
            additionalOwners: [
                { type: "IDENTITY", id: secret("o") },
                { type: "IDENTITY", id: secret("o") },
            ],
        },
        "additionalOwners[1].id",
        ["additionalOwners[1] has the same type and id as additionalOwners[0]"],
    ],
    [
        "AccessProfile additional owner type",
        accessProfileSchema,
        { ...ap, additionalOwners: [{ type: secret("type"), id: "2c91808a00000000000000000000006f" }] },
        "additionalOwners[0].type",
        ["type is a string of 14 characters", 'not one of: "IDENTITY", "GOVERNANCE_GROUP"'],
    ],
    [
        "AccessProfile request config given a string",
        accessProfileSchema,
        { ...ap, accessRequestConfig: secret("cfg") },
        "accessRequestConfig",
        ["accessRequestConfig must be an object", "a string of 13 characters"],
    ],
    [
        "AccessProfile request flag given a string",
        accessProfileSchema,
        withRequest({ requireEndDate: secret("flag") }),
        "accessRequestConfig.requireEndDate",
        ["requireEndDate must be true or false", "a string of 14 characters"],
    ],
    [
        "AccessProfile duration given a string",
        accessProfileSchema,
        withRequest({ maxPermittedAccessDuration: secret("dur") }),
        "accessRequestConfig.maxPermittedAccessDuration",
        ["maxPermittedAccessDuration must be an object {value, timeUnit}", "a string of 13 characters"],
    ],
    [
        "AccessProfile duration value given a string",
        accessProfileSchema,
        withRequest({ maxPermittedAccessDuration: { value: secret("3"), timeUnit: "DAYS" } }),
        "accessRequestConfig.maxPermittedAccessDuration.value",
        ["value must be a whole number greater than 0", "a string of 11 characters"],
    ],
    [
        "AccessProfile duration unit",
        accessProfileSchema,
        withRequest({ maxPermittedAccessDuration: { value: 1, timeUnit: secret("unit") } }),
        "accessRequestConfig.maxPermittedAccessDuration.timeUnit",
        ["timeUnit is a string of 14 characters", 'not one of: "HOURS", "DAYS", "WEEKS", "MONTHS"'],
    ],
    [
        "AccessProfile approval schemes given a string",
        accessProfileSchema,
        withRequest({ approvalSchemes: secret("schemes") }),
        "accessRequestConfig.approvalSchemes",
        ["approvalSchemes must be a list of approval schemes", "a string of 17 characters"],
    ],
    [
        "AccessProfile approval scheme given a string",
        accessProfileSchema,
        withSchemes(secret("scheme")),
        "accessRequestConfig.approvalSchemes[0]",
        ["approvalSchemes must be an object {approverType, approverId}", "a string of 16 characters"],
    ],
    [
        "AccessProfile approverType",
        accessProfileSchema,
        withSchemes({ approverType: secret("boss") }),
        "accessRequestConfig.approvalSchemes[0].approverType",
        ["approverType is a string of 14 characters", 'not one of: "APP_OWNER", "OWNER", "SOURCE_OWNER", "MANAGER"'],
    ],
    [
        "AccessProfile approverId where none is used",
        accessProfileSchema,
        withSchemes({ approverType: "MANAGER", approverId: secret("id") }),
        "accessRequestConfig.approvalSchemes[0].approverId",
        ['approverId is not allowed with approverType "MANAGER"', '"GOVERNANCE_GROUP", "WORKFLOW" or "ADDITIONAL_GOVERNANCE_GROUP"'],
    ],
    [
        "AccessProfile approverId given a list",
        accessProfileSchema,
        withSchemes({ approverType: "WORKFLOW", approverId: [secret("wf")] }),
        "accessRequestConfig.approvalSchemes[0].approverId",
        ["approverId must be a string"],
    ],
    [
        "AccessProfile revocation approverType",
        accessProfileSchema,
        { ...ap, revocationRequestConfig: { approvalSchemes: [{ approverType: secret("nobody") }] } },
        "revocationRequestConfig.approvalSchemes[0].approverType",
        ["approverType is a string of 16 characters", "not one of:"],
    ],
    [
        "AccessProfile criteria given a string",
        accessProfileSchema,
        withCriteria(secret("crit")),
        "provisioningCriteria",
        ["provisioningCriteria must be an object", "a string of 14 characters"],
    ],
    [
        "AccessProfile criteria operation",
        accessProfileSchema,
        withCriteria({ operation: secret("xor"), attribute: "a", value: "b" }),
        "provisioningCriteria.operation",
        ["operation is a string of 13 characters", 'not one of: "EQUALS", "NOT_EQUALS", "CONTAINS", "HAS", "AND", "OR"'],
    ],
    [
        "AccessProfile criteria attribute given a list",
        accessProfileSchema,
        withCriteria({ operation: "HAS", attribute: [secret("a")] }),
        "provisioningCriteria.attribute",
        ["attribute must be a string"],
    ],
    [
        "AccessProfile criteria value given a list",
        accessProfileSchema,
        withCriteria({ operation: "EQUALS", attribute: "a", value: [secret("v")] }),
        "provisioningCriteria.value",
        ["value must be a string"],
    ],
    [
        "AccessProfile HAS value",
        accessProfileSchema,
        withCriteria({ operation: "HAS", attribute: "a", value: secret("v") }),
        "provisioningCriteria.value",
        ['value is not allowed with operation "HAS"', "a string of 11 characters"],
    ],
    [
        "AccessProfile test children",
        accessProfileSchema,
        withCriteria({ operation: "EQUALS", attribute: "a", value: "b", children: [{ operation: "HAS", attribute: secret("c") }] }),
        "provisioningCriteria.children",
        ['children is not allowed with operation "EQUALS"', 'only "AND" or "OR" have children'],
    ],
    [
        "AccessProfile OR attribute",
        accessProfileSchema,
        withCriteria({ operation: "OR", attribute: secret("a"), children: [{ operation: "HAS", attribute: "b" }] }),
        "provisioningCriteria.attribute",
        ['attribute is not allowed with operation "OR"', "a string of 11 characters"],
    ],
    [
        "AccessProfile AND value",
        accessProfileSchema,
        withCriteria({ operation: "AND", value: secret("v"), children: [{ operation: "HAS", attribute: "b" }] }),
        "provisioningCriteria.value",
        ['value is not allowed with operation "AND"'],
    ],
    [
        "AccessProfile AND children given a string",
        accessProfileSchema,
        withCriteria({ operation: "AND", children: secret("kids") }),
        "provisioningCriteria.children",
        ["children must be a list of provisioning criteria", "a string of 14 characters"],
    ],
    [
        "AccessProfile nested criteria operation",
        accessProfileSchema,
        withCriteria({ operation: "AND", children: [{ operation: secret("op"), attribute: "a" }] }),
        "provisioningCriteria.children[0].operation",
        ["operation is a string of 12 characters", "not one of:"],
    ],
    [
        "AccessProfile adoptId given an object",
        accessProfileSchema,
        { ...ap, adoptId: { id: secret("adopt") } },
        "adoptId",
        ["adoptId must be a string", "an object"],
    ],
];

describe("check: failure messages never repeat a value", () => {
    test.each(cases)("%s", (_where, schema, news, property, says) => {
        const failures = failuresOf(schema, news);
        expect(leaks(failures)).toEqual([]);
        const named = failures.filter((f) => f.property === property);
        expect(named).toHaveLength(1);
        for (const text of says) expect(named[0].reason).toContain(text);
    });

    test("a 2,010-character description: the length and the limit, not the text", () => {
        const description = `${secret("description")} ${"Lorem ipsum dolor sit amet. ".repeat(80)}`.slice(0, 2010);
        expect(description).toHaveLength(2010);
        for (const schema of [segmentSchema, accessProfileSchema]) {
            const base = schema === segmentSchema ? seg : ap;
            const failures = failuresOf(schema, { ...base, description });
            expect(failures).toEqual([{ property: "description", reason: "description is 2,010 characters; at most 2,000 are allowed" }]);
            expect(failures[0].reason).not.toContain("Lorem");
        }
    });

    test("the issue's example: a secret flag is described, not echoed", () => {
        expect(failuresOf(accessProfileSchema, { ...ap, enabled: "TOPSECRET-flag" })).toEqual([
            { property: "enabled", reason: "enabled must be true or false, got a string of 14 characters" },
        ]);
    });

    test("an enum value is described, with a hint when only its letter case or spacing is wrong", () => {
        const [wrongCase] = failuresOf(segmentSchema, withExpression({ operator: "equals", attribute: "a", value: { value: "b" } }));
        expect(wrongCase.reason).toBe(
            'operator is a string of 6 characters that is not one of: "AND", "EQUALS" (it differs from "EQUALS" only in letter case or spacing)',
        );
        const [number] = failuresOf(accessProfileSchema, withRequest({ maxPermittedAccessDuration: { value: 1, timeUnit: 7 } }));
        expect(number.reason).toBe('timeUnit must be one of: "HOURS", "DAYS", "WEEKS", "MONTHS"; got a number');
    });

    test("the inputs do not appear when they are not an object", () => {
        for (const news of [secret("inputs"), [secret("inputs")], 42]) {
            const failures = check(segmentSchema, news as unknown as Props).failures;
            expect(leaks(failures)).toEqual([]);
            expect(failures).toHaveLength(1);
            expect(failures[0].reason).toMatch(/^Segment needs an object of inputs, got (a string of 16 characters|a list of 1 element|a number)$/);
        }
    });

    // Every position a program can reach, with every shape of bad value: whatever the rule that fires, no
    // message holds the secret, and each names the field it is about.
    const shapes: Array<[string, (path: string) => unknown]> = [
        ["a string", (p) => secret(p)],
        ["a long string", (p) => secret(p).padEnd(2010, "s")],
        ["a blank-looking string", (p) => ` ${secret(p)} `],
        ["a list of strings, twice the same", (p) => [secret(p), secret(p)]],
        ["a reference", (p) => ({ type: secret(`${p}.type`), id: secret(`${p}.id`), name: [secret(`${p}.name`)] })],
        ["an expression", (p) => ({ operator: secret(p), operation: secret(p), attribute: [secret(p)], value: secret(p), children: secret(p) })],
        ["a wire-wrapped secret", (p) => wrapped(p)],
    ];
    const programs: Array<[string, ResourceSchema, Props]> = [
        ["Segment", segmentSchema, seg],
        ["AccessProfile", accessProfileSchema, ap],
    ];
    test.each(programs)("%s: a secret anywhere, in any shape, is never repeated", (_label, schema, program) => {
        let failing = 0;
        const paths = [...allPaths(program), ["nmae"], ["description"], ["adoptId"], ["additionalOwners"], ["segments"]];
        for (const path of paths) {
            for (const [, shape] of shapes) {
                const failures = failuresOf(schema, replaceAt(program, path, shape(path.join("."))));
                expect([path.join("."), leaks(failures)]).toEqual([path.join("."), []]);
                for (const f of failures)
                    if (f.property !== "") expect([f.property, f.reason]).toEqual([f.property, expect.stringContaining(lastKey(f.property))]);
                failing += failures.length;
            }
        }
        expect(failing).toBeGreaterThan(100);
    });

    test("a valid secret in one field is not repeated by a rule about another", () => {
        const entitlements = [{ id: secret("ent") }];
        const failures = failuresOf(accessProfileSchema, { ...ap, entitlements, segments: [secret("seg"), secret("seg")], enabled: "yes" });
        // The secret entitlement id is not of an id's shape: that failure describes it too, never quotes it.
        expect(failures.map((f) => f.property).sort()).toEqual(["enabled", "entitlements[0].id", "segments[1]"]);
        expect(leaks(failures)).toEqual([]);
    });
});
