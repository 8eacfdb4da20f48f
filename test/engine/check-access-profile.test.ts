import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { accessProfileProgram } from "./examples";
import { checked, failuresOf } from "./helpers";

const valid = accessProfileProgram;

type Patch = Record<string, unknown>;
const requestConfig = (patch: Patch) => ({ ...valid, accessRequestConfig: { ...valid.accessRequestConfig, ...patch } });
const schemes = (...list: unknown[]) => requestConfig({ approvalSchemes: list });
const criteria = (c: unknown) => ({ ...valid, provisioningCriteria: c });
const and = (...children: unknown[]) => ({ operation: "AND", children });
const test_ = (operation: string, attribute?: string, value?: string) => ({ operation, attribute, value });
const OPERATIONS = '"EQUALS", "NOT_EQUALS", "CONTAINS", "HAS", "AND" or "OR"';
const APPROVER_TYPES =
    '"APP_OWNER", "OWNER", "SOURCE_OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW", "ALL_OWNERS", "ADDITIONAL_OWNER", "ADDITIONAL_GOVERNANCE_GROUP"';

/** [rule, inputs, property named, what the reason must say (the rule and what is allowed; never the value: check-secrets.test.ts)] */
const rules: Array<[string, Patch, string, string[]]> = [
    ["name is required", { ...valid, name: undefined }, "name", ["name is required"]],
    ["name is not empty", { ...valid, name: "" }, "name", ["name is an empty string: use a non-empty string"]],
    ["owner is required", { ...valid, owner: undefined }, "owner", ["owner is required"]],
    ["owner is not null", { ...valid, owner: null }, "owner", ["owner must not be null"]],
    [
        "owner is an identity",
        { ...valid, owner: { id: "2c91808a000000000000000000000078", type: "GOVERNANCE_GROUP" } },
        "owner.type",
        ['type is a string of 16 characters that is not one of: "IDENTITY"'],
    ],
    ["source is required", { ...valid, source: undefined }, "source", ["source is required"]],
    [
        "source is a source",
        { ...valid, source: { id: "2c91808a000000000000000000000078", type: "IDENTITY" } },
        "source.type",
        ['type is a string of 8 characters that is not one of: "SOURCE"'],
    ],
    ["source needs an id", { ...valid, source: { type: "SOURCE" } }, "source.id", ["id is required", "source"]],
    [
        "description at most 2000 characters",
        { ...valid, description: "é".repeat(2001) },
        "description",
        ["description is 2,001 characters; at most 2,000 are allowed"],
    ],
    ["enabled needs an entitlement", { ...valid, entitlements: [] }, "enabled", ["enabled true is not allowed without entitlements", "set enabled to false"]],
    ["enabled needs an entitlement (absent)", { ...valid, entitlements: undefined }, "enabled", ["without entitlements"]],
    ["enabled is a boolean", { ...valid, enabled: "true" }, "enabled", ["enabled must be true or false, got a string of 4 characters"]],
    ["requestable is a boolean", { ...valid, requestable: 1 }, "requestable", ["requestable must be true or false, got a number"]],
    [
        "entitlements are a list",
        { ...valid, entitlements: { id: "2c91808a00000000000000656e742d31" } },
        "entitlements",
        ["must be a list of references {type, id}, got an object"],
    ],
    [
        "entitlement ids are unique",
        {
            ...valid,
            entitlements: [
                { id: "2c91808a00000000000000656e742d31" },
                { id: "2c91808a00000000000000656e742d32" },
                { id: "2c91808a00000000000000656e742d31", type: "ENTITLEMENT" },
            ],
        },
        "entitlements[2].id",
        ["entitlements[2].id is the same as entitlements[0].id: list each element once"],
    ],
    [
        "entitlements are entitlements",
        { ...valid, entitlements: [{ id: "2c91808a00000000000000656e742d31", type: "ROLE" }] },
        "entitlements[0].type",
        ['type is a string of 4 characters that is not one of: "ENTITLEMENT"'],
    ],
    [
        "entitlements need ids",
        { ...valid, entitlements: [{ id: "2c91808a00000000000000656e742d31" }, { name: "Admins" }] },
        "entitlements[1].id",
        ["id is required"],
    ],
    [
        "segments are a list",
        { ...valid, segments: "2c91808a000000000000007365672d31" },
        "segments",
        ["must be a list of strings, got a string of 32 characters"],
    ],
    [
        "segments are unique",
        { ...valid, segments: ["2c91808a000000000000007365672d31", "2c91808a000000000000007365672d32", "2c91808a000000000000007365672d31"] },
        "segments[2]",
        ["segments[2] is the same as segments[0]: list each element once"],
    ],
    [
        "segments are non-empty strings",
        { ...valid, segments: ["2c91808a000000000000007365672d31", ""] },
        "segments[1]",
        ["segments is an empty string", "non-empty"],
    ],
    ["segments are strings", { ...valid, segments: [{ id: "2c91808a000000000000007365672d31" }] }, "segments[0]", ["must be a string, got an object"]],
    [
        "approverType is known",
        schemes({ approverType: "BOSS" }),
        "accessRequestConfig.approvalSchemes[0].approverType",
        [`approverType is a string of 4 characters that is not one of: ${APPROVER_TYPES}`],
    ],
    [
        "approverType is required",
        schemes({ approverId: "2c91808a000000000000000000000078" }),
        "accessRequestConfig.approvalSchemes[0].approverType",
        ["approverType is required", '"MANAGER"'],
    ],
    [
        "GOVERNANCE_GROUP needs approverId",
        schemes({ approverType: "GOVERNANCE_GROUP" }),
        "accessRequestConfig.approvalSchemes[0].approverId",
        ['approverId is required with approverType "GOVERNANCE_GROUP"', "governance group"],
    ],
    [
        "ADDITIONAL_GOVERNANCE_GROUP needs approverId",
        schemes({ approverType: "MANAGER" }, { approverType: "ADDITIONAL_GOVERNANCE_GROUP", approverId: null }),
        "accessRequestConfig.approvalSchemes[1].approverId",
        ['"ADDITIONAL_GOVERNANCE_GROUP"'],
    ],
    [
        "WORKFLOW needs approverId",
        schemes({ approverType: "WORKFLOW" }),
        "accessRequestConfig.approvalSchemes[0].approverId",
        ['approverId is required with approverType "WORKFLOW"', "workflow"],
    ],
    [
        "approverId is not empty",
        schemes({ approverType: "WORKFLOW", approverId: "" }),
        "accessRequestConfig.approvalSchemes[0].approverId",
        ["approverId is an empty string: use a non-empty string"],
    ],
    [
        "approverId only where it is used",
        schemes({ approverType: "MANAGER", approverId: "2c91808a0000000000000000006d2d31" }),
        "accessRequestConfig.approvalSchemes[0].approverId",
        ['approverId is not allowed with approverType "MANAGER"', '"GOVERNANCE_GROUP", "WORKFLOW" or "ADDITIONAL_GOVERNANCE_GROUP"'],
    ],
    [
        "WORKFLOW excludes other schemes",
        schemes({ approverType: "MANAGER" }, { approverType: "WORKFLOW", approverId: "2c91808a000000000000000077662d31" }),
        "accessRequestConfig.approvalSchemes[1].approverType",
        ['approverType "WORKFLOW" is not allowed together with other approval schemes', "the only one"],
    ],
    [
        "approvalSchemes are a list",
        requestConfig({ approvalSchemes: { approverType: "MANAGER" } }),
        "accessRequestConfig.approvalSchemes",
        ["must be a list of approval schemes"],
    ],
    [
        "scheme keys are known",
        schemes({ approverType: "MANAGER", approver: "x" }),
        "accessRequestConfig.approvalSchemes[0].approver",
        ['property "approver" is not allowed here', '"approverType" or "approverId"'],
    ],
    [
        "duration value is positive",
        requestConfig({ maxPermittedAccessDuration: { value: 0, timeUnit: "DAYS" } }),
        "accessRequestConfig.maxPermittedAccessDuration.value",
        ["value must be a whole number greater than 0, got a number less than 1"],
    ],
    [
        "duration value is whole",
        requestConfig({ maxPermittedAccessDuration: { value: 1.5, timeUnit: "DAYS" } }),
        "accessRequestConfig.maxPermittedAccessDuration.value",
        ["value must be a whole number greater than 0, got a number with a fractional part"],
    ],
    [
        "duration value is a number",
        requestConfig({ maxPermittedAccessDuration: { value: "3", timeUnit: "DAYS" } }),
        "accessRequestConfig.maxPermittedAccessDuration.value",
        ["value must be a whole number greater than 0, got a string of 1 character"],
    ],
    [
        "duration value is required",
        requestConfig({ maxPermittedAccessDuration: { timeUnit: "DAYS" } }),
        "accessRequestConfig.maxPermittedAccessDuration.value",
        ["value is required: use a whole number greater than 0"],
    ],
    [
        "duration unit is known",
        requestConfig({ maxPermittedAccessDuration: { value: 1, timeUnit: "YEARS" } }),
        "accessRequestConfig.maxPermittedAccessDuration.timeUnit",
        ['timeUnit is a string of 5 characters that is not one of: "HOURS", "DAYS", "WEEKS", "MONTHS"'],
    ],
    [
        "duration unit is required",
        requestConfig({ maxPermittedAccessDuration: { value: 1 } }),
        "accessRequestConfig.maxPermittedAccessDuration.timeUnit",
        ['timeUnit is required: use "HOURS", "DAYS", "WEEKS" or "MONTHS"'],
    ],
    [
        "request flags are booleans",
        requestConfig({ commentsRequired: "yes" }),
        "accessRequestConfig.commentsRequired",
        ["commentsRequired must be true or false, got a string of 3 characters"],
    ],
    [
        "request config keys are known",
        requestConfig({ commentRequired: true }),
        "accessRequestConfig.commentRequired",
        ['property "commentRequired" is not allowed here', '"commentsRequired"'],
    ],
    ["request config is an object", { ...valid, accessRequestConfig: [] }, "accessRequestConfig", ["accessRequestConfig must be an object, got an empty list"]],
    [
        "revocation approverType is known",
        { ...valid, revocationRequestConfig: { approvalSchemes: [{ approverType: "NOBODY" }] } },
        "revocationRequestConfig.approvalSchemes[0].approverType",
        [`approverType is a string of 6 characters that is not one of: ${APPROVER_TYPES}`],
    ],
    [
        "revocation config keys are known",
        { ...valid, revocationRequestConfig: { commentsRequired: true } },
        "revocationRequestConfig.commentsRequired",
        ['property "commentsRequired" is not allowed here', '"approvalSchemes"'],
    ],
    [
        "criteria operation is known",
        criteria(test_("XOR", "a", "b")),
        "provisioningCriteria.operation",
        ['operation is a string of 3 characters that is not one of: "EQUALS", "NOT_EQUALS", "CONTAINS", "HAS", "AND", "OR"'],
    ],
    [
        "criteria operation is required",
        criteria({ attribute: "a", value: "b" }),
        "provisioningCriteria.operation",
        [`operation is required: use ${OPERATIONS}`],
    ],
    [
        "EQUALS needs an attribute",
        criteria(test_("EQUALS", undefined, "b")),
        "provisioningCriteria.attribute",
        ['attribute is required with operation "EQUALS"'],
    ],
    ["NOT_EQUALS needs a value", criteria(test_("NOT_EQUALS", "a")), "provisioningCriteria.value", ['value is required with operation "NOT_EQUALS"']],
    [
        "CONTAINS needs a value",
        criteria(and(test_("HAS", "x"), test_("CONTAINS", "a"))),
        "provisioningCriteria.children[1].value",
        ['value is required with operation "CONTAINS"'],
    ],
    ["HAS needs an attribute", criteria(test_("HAS")), "provisioningCriteria.attribute", ['attribute is required with operation "HAS"']],
    [
        "HAS takes no value",
        criteria(test_("HAS", "a", "b")),
        "provisioningCriteria.value",
        ['value is not allowed with operation "HAS" (got a string of 1 character)', "HAS only tests"],
    ],
    [
        "criteria value is a string",
        criteria(test_("EQUALS", "a", 5 as unknown as string)),
        "provisioningCriteria.value",
        ["value must be a string, got a number"],
    ],
    [
        "tests have no children",
        criteria({ ...test_("EQUALS", "a", "b"), children: [test_("HAS", "c")] }),
        "provisioningCriteria.children",
        ['children is not allowed with operation "EQUALS" (got a list of 1 element): only "AND" or "OR" have children'],
    ],
    [
        "AND needs children",
        criteria({ operation: "AND" }),
        "provisioningCriteria.children",
        ['children is required with operation "AND"', "at least one criterion"],
    ],
    [
        "OR needs non-empty children",
        criteria({ operation: "OR", children: [] }),
        "provisioningCriteria.children",
        ['children must not be empty with operation "OR"', "at least one criterion"],
    ],
    [
        "OR takes no attribute",
        criteria({ operation: "OR", attribute: "a", children: [test_("HAS", "b")] }),
        "provisioningCriteria.attribute",
        ['attribute is not allowed with operation "OR" (got a string of 1 character)', "put attributes and values in its children"],
    ],
    [
        "at most three levels",
        criteria(and(and(and(test_("HAS", "a"))))),
        "provisioningCriteria.children[0].children[0].operation",
        ['operation "AND" is not allowed at level 3: use "EQUALS", "NOT_EQUALS", "CONTAINS" or "HAS"', "at most 3 levels"],
    ],
    [
        "criteria keys are known",
        criteria({ ...test_("HAS", "a"), operator: "HAS" }),
        "provisioningCriteria.operator",
        ['property "operator" is not allowed here', '"operation"'],
    ],
    [
        "additional owners name their type",
        { ...valid, additionalOwners: [{ id: "2c91808a000000000000000000000078" }] },
        "additionalOwners[0].type",
        ['type is required: use "IDENTITY" or "GOVERNANCE_GROUP"'],
    ],
    [
        "additional owners are identities or groups",
        { ...valid, additionalOwners: [{ id: "2c91808a000000000000000000000078", type: "SOURCE" }] },
        "additionalOwners[0].type",
        ['type is a string of 6 characters that is not one of: "IDENTITY", "GOVERNANCE_GROUP"'],
    ],
    [
        "additional owners are unique",
        {
            ...valid,
            additionalOwners: [
                { id: "2c91808a000000000000000000000078", type: "IDENTITY" },
                { id: "2c91808a000000000000000000000078", type: "IDENTITY" },
            ],
        },
        "additionalOwners[1].id",
        ["additionalOwners[1] has the same type and id as additionalOwners[0]: list each element once"],
    ],
    [
        "unknown inputs are reported",
        { ...valid, entitlement: [] },
        "entitlement",
        ['property "entitlement" is not an input of AccessProfile', '"entitlements"'],
    ],
];

describe("check: AccessProfile rules", () => {
    test("the valid example passes", () => {
        expect(failuresOf(accessProfileSchema, valid)).toEqual([]);
    });

    test.each(rules)("%s", (_rule, news, property, says) => {
        const named = failuresOf(accessProfileSchema, news).filter((f) => f.property === property);
        expect(named).toHaveLength(1);
        for (const text of says) expect(named[0].reason).toContain(text);
    });

    test("every rule's failure is the only one", () => {
        for (const [rule, news] of rules) expect([rule, failuresOf(accessProfileSchema, news).length]).toEqual([rule, 1]);
    });

    test("the same id may be an identity and a governance group among additional owners", () => {
        expect(
            failuresOf(accessProfileSchema, {
                ...valid,
                additionalOwners: [
                    { id: "2c91808a000000000000000000000078", type: "IDENTITY" },
                    { id: "2c91808a000000000000000000000078", type: "GOVERNANCE_GROUP" },
                ],
            }),
        ).toEqual([]);
    });

    test("a lone WORKFLOW scheme is fine", () => {
        expect(failuresOf(accessProfileSchema, schemes({ approverType: "WORKFLOW", approverId: "2c91808a000000000000000077662d31" }))).toEqual([]);
    });
});

describe("check: AccessProfile completion", () => {
    test("applies defaults and fills reference types", () => {
        const inputs = checked(accessProfileSchema, {
            name: "n",
            owner: { id: "2c91808a00000000000000000000006f" },
            source: { id: "2c91808a000000000000000000000073" },
        });
        expect(inputs).toEqual({
            name: "n",
            enabled: false,
            owner: { type: "IDENTITY", id: "2c91808a00000000000000000000006f" },
            source: { type: "SOURCE", id: "2c91808a000000000000000000000073" },
            requestable: true,
        });
    });

    test("sorts sets by id so the same set always reads the same", () => {
        const inputs = checked(accessProfileSchema, valid);
        expect(inputs.entitlements).toEqual([
            { type: "ENTITLEMENT", id: "2c91808a00000000000000656e742d31" },
            { type: "ENTITLEMENT", id: "2c91808a00000000000000656e742d32" },
        ]);
        expect(inputs.segments).toEqual(["2c91808a000000000000007365672d31", "2c91808a000000000000007365672d32"]);
        expect(inputs.additionalOwners).toEqual([
            { type: "GOVERNANCE_GROUP", id: "2c91808a000000000000000067672d31" },
            { type: "IDENTITY", id: "2c91808a00000000006f776e65722d32" },
        ]);
    });

    test("keeps explicit false and requestable false", () => {
        const inputs = checked(accessProfileSchema, { ...valid, enabled: false, requestable: false, entitlements: [] });
        expect([inputs.enabled, inputs.requestable, inputs.entitlements]).toEqual([false, false, []]);
    });

    test("is idempotent", () => {
        const once = checked(accessProfileSchema, valid);
        expect(checked(accessProfileSchema, once)).toEqual(once);
    });
});
