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

/** [rule, inputs, property named, what the reason must say (the bad value and what is allowed)] */
const rules: Array<[string, Patch, string, string[]]> = [
    ["name is required", { ...valid, name: undefined }, "name", ["name is required"]],
    ["name is not empty", { ...valid, name: "" }, "name", ['name "" is not allowed']],
    ["owner is required", { ...valid, owner: undefined }, "owner", ["owner is required"]],
    ["owner is not null", { ...valid, owner: null }, "owner", ["owner must not be null"]],
    ["owner is an identity", { ...valid, owner: { id: "x", type: "GOVERNANCE_GROUP" } }, "owner.type", ['type "GOVERNANCE_GROUP" is not allowed: use "IDENTITY"']],
    ["source is required", { ...valid, source: undefined }, "source", ["source is required"]],
    ["source is a source", { ...valid, source: { id: "x", type: "IDENTITY" } }, "source.type", ['type "IDENTITY" is not allowed: use "SOURCE"']],
    ["source needs an id", { ...valid, source: { type: "SOURCE" } }, "source.id", ["id is required", "source"]],
    ["description at most 2000 characters", { ...valid, description: "é".repeat(2001) }, "description", ["2001 characters", "at most 2000"]],
    ["enabled needs an entitlement", { ...valid, entitlements: [] }, "enabled", ["enabled true is not allowed without entitlements", "set enabled to false"]],
    ["enabled needs an entitlement (absent)", { ...valid, entitlements: undefined }, "enabled", ["without entitlements"]],
    ["enabled is a boolean", { ...valid, enabled: "true" }, "enabled", ['enabled must be true or false, got "true"']],
    ["requestable is a boolean", { ...valid, requestable: 1 }, "requestable", ["requestable must be true or false, got 1"]],
    ["entitlements are a list", { ...valid, entitlements: { id: "ent-1" } }, "entitlements", ["must be a list of references", '{"id":"ent-1"}']],
    ["entitlement ids are unique", { ...valid, entitlements: [{ id: "ent-1" }, { id: "ent-2" }, { id: "ent-1", type: "ENTITLEMENT" }] }, "entitlements[2].id", ['"ent-1" is listed twice', "entitlements[0].id"]],
    ["entitlements are entitlements", { ...valid, entitlements: [{ id: "ent-1", type: "ROLE" }] }, "entitlements[0].type", ['type "ROLE" is not allowed: use "ENTITLEMENT"']],
    ["entitlements need ids", { ...valid, entitlements: [{ id: "ent-1" }, { name: "Admins" }] }, "entitlements[1].id", ["id is required"]],
    ["segments are a list", { ...valid, segments: "seg-1" }, "segments", ['must be a list of strings, got "seg-1"']],
    ["segments are unique", { ...valid, segments: ["seg-1", "seg-2", "seg-1"] }, "segments[2]", ['"seg-1" is listed twice', "segments[0]"]],
    ["segments are non-empty strings", { ...valid, segments: ["seg-1", ""] }, "segments[1]", ['segments "" is not allowed', "non-empty"]],
    ["segments are strings", { ...valid, segments: [{ id: "seg-1" }] }, "segments[0]", ["must be a string", '{"id":"seg-1"}']],
    ["approverType is known", schemes({ approverType: "BOSS" }), "accessRequestConfig.approvalSchemes[0].approverType", ['approverType "BOSS" is not allowed', '"APP_OWNER", "OWNER", "SOURCE_OWNER", "MANAGER", "GOVERNANCE_GROUP", "WORKFLOW", "ALL_OWNERS", "ADDITIONAL_OWNER" or "ADDITIONAL_GOVERNANCE_GROUP"']],
    ["approverType is required", schemes({ approverId: "x" }), "accessRequestConfig.approvalSchemes[0].approverType", ["approverType is required", '"MANAGER"']],
    ["GOVERNANCE_GROUP needs approverId", schemes({ approverType: "GOVERNANCE_GROUP" }), "accessRequestConfig.approvalSchemes[0].approverId", ['approverId is required with approverType "GOVERNANCE_GROUP"', "governance group"]],
    ["ADDITIONAL_GOVERNANCE_GROUP needs approverId", schemes({ approverType: "MANAGER" }, { approverType: "ADDITIONAL_GOVERNANCE_GROUP", approverId: null }), "accessRequestConfig.approvalSchemes[1].approverId", ['"ADDITIONAL_GOVERNANCE_GROUP"']],
    ["WORKFLOW needs approverId", schemes({ approverType: "WORKFLOW" }), "accessRequestConfig.approvalSchemes[0].approverId", ['approverId is required with approverType "WORKFLOW"', "workflow"]],
    ["approverId is not empty", schemes({ approverType: "WORKFLOW", approverId: "" }), "accessRequestConfig.approvalSchemes[0].approverId", ['approverId "" is not allowed']],
    ["approverId only where it is used", schemes({ approverType: "MANAGER", approverId: "m-1" }), "accessRequestConfig.approvalSchemes[0].approverId", ['approverId "m-1" is not allowed with approverType "MANAGER"', '"GOVERNANCE_GROUP", "WORKFLOW" or "ADDITIONAL_GOVERNANCE_GROUP"']],
    ["WORKFLOW excludes other schemes", schemes({ approverType: "MANAGER" }, { approverType: "WORKFLOW", approverId: "wf-1" }), "accessRequestConfig.approvalSchemes[1].approverType", ['approverType "WORKFLOW" is not allowed together with other approval schemes', "the only one"]],
    ["approvalSchemes are a list", requestConfig({ approvalSchemes: { approverType: "MANAGER" } }), "accessRequestConfig.approvalSchemes", ["must be a list of approval schemes"]],
    ["scheme keys are known", schemes({ approverType: "MANAGER", approver: "x" }), "accessRequestConfig.approvalSchemes[0].approver", ['property "approver" is not allowed here', '"approverType" or "approverId"']],
    ["duration value is positive", requestConfig({ maxPermittedAccessDuration: { value: 0, timeUnit: "DAYS" } }), "accessRequestConfig.maxPermittedAccessDuration.value", ["value 0 is not allowed: use a whole number greater than 0"]],
    ["duration value is whole", requestConfig({ maxPermittedAccessDuration: { value: 1.5, timeUnit: "DAYS" } }), "accessRequestConfig.maxPermittedAccessDuration.value", ["value 1.5 is not allowed"]],
    ["duration value is a number", requestConfig({ maxPermittedAccessDuration: { value: "3", timeUnit: "DAYS" } }), "accessRequestConfig.maxPermittedAccessDuration.value", ['value "3" is not allowed']],
    ["duration value is required", requestConfig({ maxPermittedAccessDuration: { timeUnit: "DAYS" } }), "accessRequestConfig.maxPermittedAccessDuration.value", ["value null is not allowed"]],
    ["duration unit is known", requestConfig({ maxPermittedAccessDuration: { value: 1, timeUnit: "YEARS" } }), "accessRequestConfig.maxPermittedAccessDuration.timeUnit", ['timeUnit "YEARS" is not allowed: use "HOURS", "DAYS", "WEEKS" or "MONTHS"']],
    ["duration unit is required", requestConfig({ maxPermittedAccessDuration: { value: 1 } }), "accessRequestConfig.maxPermittedAccessDuration.timeUnit", ['timeUnit is required: use "HOURS", "DAYS", "WEEKS" or "MONTHS"']],
    ["request flags are booleans", requestConfig({ commentsRequired: "yes" }), "accessRequestConfig.commentsRequired", ['commentsRequired must be true or false, got "yes"']],
    ["request config keys are known", requestConfig({ commentRequired: true }), "accessRequestConfig.commentRequired", ['property "commentRequired" is not allowed here', '"commentsRequired"']],
    ["request config is an object", { ...valid, accessRequestConfig: [] }, "accessRequestConfig", ["must be an object, got []"]],
    ["revocation approverType is known", { ...valid, revocationRequestConfig: { approvalSchemes: [{ approverType: "NOBODY" }] } }, "revocationRequestConfig.approvalSchemes[0].approverType", ['approverType "NOBODY" is not allowed']],
    ["revocation config keys are known", { ...valid, revocationRequestConfig: { commentsRequired: true } }, "revocationRequestConfig.commentsRequired", ['property "commentsRequired" is not allowed here', '"approvalSchemes"']],
    ["criteria operation is known", criteria(test_("XOR", "a", "b")), "provisioningCriteria.operation", [`operation "XOR" is not allowed: use ${OPERATIONS}`]],
    ["criteria operation is required", criteria({ attribute: "a", value: "b" }), "provisioningCriteria.operation", [`operation is required: use ${OPERATIONS}`]],
    ["EQUALS needs an attribute", criteria(test_("EQUALS", undefined, "b")), "provisioningCriteria.attribute", ['attribute is required with operation "EQUALS"']],
    ["NOT_EQUALS needs a value", criteria(test_("NOT_EQUALS", "a")), "provisioningCriteria.value", ['value is required with operation "NOT_EQUALS"']],
    ["CONTAINS needs a value", criteria(and(test_("HAS", "x"), test_("CONTAINS", "a"))), "provisioningCriteria.children[1].value", ['value is required with operation "CONTAINS"']],
    ["HAS needs an attribute", criteria(test_("HAS")), "provisioningCriteria.attribute", ['attribute is required with operation "HAS"']],
    ["HAS takes no value", criteria(test_("HAS", "a", "b")), "provisioningCriteria.value", ['value "b" is not allowed with operation "HAS"']],
    ["criteria value is a string", criteria(test_("EQUALS", "a", 5 as unknown as string)), "provisioningCriteria.value", ["must be a string, got 5"]],
    ["tests have no children", criteria({ ...test_("EQUALS", "a", "b"), children: [test_("HAS", "c")] }), "provisioningCriteria.children", ['is not allowed with operation "EQUALS": only "AND" or "OR" have children']],
    ["AND needs children", criteria({ operation: "AND" }), "provisioningCriteria.children", ['children null is not allowed with operation "AND"', "at least one criterion"]],
    ["OR needs non-empty children", criteria({ operation: "OR", children: [] }), "provisioningCriteria.children", ['children [] is not allowed with operation "OR"']],
    ["OR takes no attribute", criteria({ operation: "OR", attribute: "a", children: [test_("HAS", "b")] }), "provisioningCriteria.attribute", ['attribute "a" is not allowed with operation "OR"']],
    ["at most three levels", criteria(and(and(and(test_("HAS", "a"))))), "provisioningCriteria.children[0].children[0].operation", ['operation "AND" is not allowed at level 3: use "EQUALS", "NOT_EQUALS", "CONTAINS" or "HAS"', "at most 3 levels"]],
    ["criteria keys are known", criteria({ ...test_("HAS", "a"), operator: "HAS" }), "provisioningCriteria.operator", ['property "operator" is not allowed here', '"operation"']],
    ["additional owners name their type", { ...valid, additionalOwners: [{ id: "x" }] }, "additionalOwners[0].type", ['type is required: use "IDENTITY" or "GOVERNANCE_GROUP"']],
    ["additional owners are identities or groups", { ...valid, additionalOwners: [{ id: "x", type: "SOURCE" }] }, "additionalOwners[0].type", ['type "SOURCE" is not allowed: use "IDENTITY" or "GOVERNANCE_GROUP"']],
    ["additional owners are unique", { ...valid, additionalOwners: [{ id: "x", type: "IDENTITY" }, { id: "x", type: "IDENTITY" }] }, "additionalOwners[1].id", ['"IDENTITY:x" is listed twice']],
    ["unknown inputs are reported", { ...valid, entitlement: [] }, "entitlement", ['property "entitlement" is not an input of AccessProfile', '"entitlements"']],
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
        expect(failuresOf(accessProfileSchema, { ...valid, additionalOwners: [{ id: "x", type: "IDENTITY" }, { id: "x", type: "GOVERNANCE_GROUP" }] })).toEqual([]);
    });

    test("a lone WORKFLOW scheme is fine", () => {
        expect(failuresOf(accessProfileSchema, schemes({ approverType: "WORKFLOW", approverId: "wf-1" }))).toEqual([]);
    });
});

describe("check: AccessProfile completion", () => {
    test("applies defaults and fills reference types", () => {
        const inputs = checked(accessProfileSchema, { name: "n", owner: { id: "o" }, source: { id: "s" } });
        expect(inputs).toEqual({ name: "n", enabled: false, owner: { type: "IDENTITY", id: "o" }, source: { type: "SOURCE", id: "s" }, requestable: true });
    });

    test("sorts sets by id so the same set always reads the same", () => {
        const inputs = checked(accessProfileSchema, valid);
        expect(inputs.entitlements).toEqual([{ type: "ENTITLEMENT", id: "ent-1" }, { type: "ENTITLEMENT", id: "ent-2" }]);
        expect(inputs.segments).toEqual(["seg-1", "seg-2"]);
        expect(inputs.additionalOwners).toEqual([{ type: "GOVERNANCE_GROUP", id: "gg-1" }, { type: "IDENTITY", id: "owner-2" }]);
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
