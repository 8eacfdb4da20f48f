/**
 * Validation and server-side normalisation of segments and access profiles, as ISC does it. Written from
 * ISC's documented rules (shared/ISC_API.md), independently of the provider's own checks, so that the
 * provider's tests against the emulator are not the provider checking itself.
 */
import { checkAccessModelMetadata } from "./access-model-metadata";
import { CODES, show, Violation } from "./errors";
export { normalizeAccessProfile, normalizeSegment } from "./normalize";
import type { Entitlement, ReferenceData } from "./tenant-types";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const SEGMENT_FIELDS = ["name", "description", "owner", "visibilityCriteria", "active"] as const;
/** The fields an access profile's PATCH may change (the spec's list); a create also takes ACCESS_PROFILE_CREATE_ONLY. */
export const ACCESS_PROFILE_FIELDS = [
    "name",
    "description",
    "enabled",
    "owner",
    "source",
    "entitlements",
    "requestable",
    "accessRequestConfig",
    "revocationRequestConfig",
    "segments",
    "provisioningCriteria",
    "additionalOwners",
] as const;
/** Accepted in a create (only empty: access-model-metadata.ts) and shown on read, but not patchable. */
export const ACCESS_PROFILE_CREATE_ONLY = ["accessModelMetadata"] as const;
/** Fields a client may send but the server sets: ignored on create, not patchable. */
export const SERVER_FIELDS = ["id", "created", "modified"] as const;

export const APPROVER_TYPES = [
    "APP_OWNER",
    "OWNER",
    "SOURCE_OWNER",
    "MANAGER",
    "GOVERNANCE_GROUP",
    "WORKFLOW",
    "ALL_OWNERS",
    "ADDITIONAL_OWNER",
    "ADDITIONAL_GOVERNANCE_GROUP",
] as const;
const NEEDS_APPROVER_ID = ["GOVERNANCE_GROUP", "WORKFLOW", "ADDITIONAL_GOVERNANCE_GROUP"];
const TIME_UNITS = ["HOURS", "DAYS", "WEEKS", "MONTHS"];
const CRITERIA_OPERATIONS = ["EQUALS", "NOT_EQUALS", "CONTAINS", "HAS", "AND", "OR"];
const REQUEST_FLAGS = ["commentsRequired", "denialCommentsRequired", "reauthorizationRequired", "requireEndDate"] as const;

export function isObject(v: unknown): v is JsonObject {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}
export const absent = (v: unknown): v is null | undefined => v === undefined || v === null;

class Collector {
    readonly violations: Violation[] = [];
    add(code: Violation["code"], text: string): void {
        this.violations.push({ code, text });
    }
    illegal(field: string, value: unknown, allowed: string): void {
        this.add(CODES.illegalValue, `Illegal value ${show(value)} for field "${field}": ${allowed}.`);
    }
    bad(text: string): void {
        this.add(CODES.badContent, text);
    }
}

function checkUnknownFields(c: Collector, obj: JsonObject, allowed: readonly string[], where: string): void {
    for (const key of Object.keys(obj)) {
        if (!allowed.includes(key) && !(SERVER_FIELDS as readonly string[]).includes(key)) {
            c.bad(`Unrecognized field "${key}" in ${where}; known fields: ${allowed.join(", ")}.`);
        }
    }
}

function checkString(c: Collector, obj: JsonObject, field: string, opts: { required?: boolean; nullable?: boolean; max?: number }): void {
    const v = obj[field];
    if (v === undefined || (v === null && !opts.required && opts.nullable !== false)) {
        if (opts.required) c.bad(`Required field "${field}" is missing.`);
        return;
    }
    if (typeof v !== "string") return c.illegal(field, v, "expected a string");
    if (opts.required && v.trim() === "") return c.illegal(field, v, "must not be blank");
    if (opts.max !== undefined && v.length > opts.max) c.add(CODES.limit, `Field "${field}" is ${v.length} characters long; the limit is ${opts.max}.`);
}

function checkBoolean(c: Collector, obj: JsonObject, field: string, path = field): void {
    const v = obj[field];
    if (v !== undefined && v !== null && typeof v !== "boolean") c.illegal(path, v, "expected true or false");
}

/**
 * How a reference's `name` and `type` are checked. The specs say an owner's (OwnerReference,
 * OwnerReferenceSegments) and an additional owner's (AdditionalOwnerRef) name, if set, must match the object's
 * current name or the answer is a 400, and that an owner's type may be left null; they say nothing of a source's or
 * an entitlement's name, which the emulator ignores (the answer shows the real one).
 */
interface RefRule {
    nameMustMatch: boolean;
    /** The type assumed when `type` is absent or null; undefined: `type` is required. */
    defaultType?: string;
}
const OWNER: RefRule = { nameMustMatch: true, defaultType: "IDENTITY" };
const MATCHED: RefRule = { nameMustMatch: true };
const NAME_IGNORED: RefRule = { nameMustMatch: false };

/** `{type, id, name?}` referencing an object that must exist. */
function checkRef(
    c: Collector,
    ref: unknown,
    path: string,
    types: readonly string[],
    lookup: (type: string, id: string) => { name: string } | undefined,
    rule: RefRule,
): void {
    if (!isObject(ref)) return c.illegal(path, ref, `expected an object {type, id}`);
    const type = absent(ref.type) && rule.defaultType ? rule.defaultType : ref.type;
    if (!types.includes(type as string)) return c.illegal(`${path}.type`, ref.type ?? null, `allowed: ${types.join(", ")}`);
    if (typeof ref.id !== "string" || ref.id === "") return c.illegal(`${path}.id`, ref.id ?? null, "expected the id of an existing object");
    const found = lookup(type as string, ref.id);
    if (!found) return c.add(CODES.notFoundRef, `Referenced ${type} "${ref.id}" in "${path}" was not found.`);
    if (ref.name !== undefined && ref.name !== null && typeof ref.name !== "string") return c.illegal(`${path}.name`, ref.name, "expected a string or null");
    if (rule.nameMustMatch && typeof ref.name === "string" && ref.name !== found.name) {
        c.illegal(`${path}.name`, ref.name, `the ${type}'s name is ${show(found.name)} (the name may be omitted)`);
    }
}

interface Index {
    byType: Map<string, Map<string, { name: string }>>;
    entitlements: Map<string, Entitlement>;
}
/** Per-tenant maps by id, built once: a populated tenant holds thousands of objects and validates thousands more. */
const indexes = new WeakMap<ReferenceData, Index>();

function indexOf(data: ReferenceData): Index {
    let index = indexes.get(data);
    if (!index) {
        const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x] as const));
        const entitlements = byId(data.entitlements);
        index = {
            byType: new Map<string, Map<string, { name: string }>>([
                ["IDENTITY", byId(data.identities)],
                ["SOURCE", byId(data.sources)],
                ["ENTITLEMENT", entitlements],
                ["GOVERNANCE_GROUP", byId(data.governanceGroups)],
            ]),
            entitlements,
        };
        indexes.set(data, index);
    }
    return index;
}

export function lookupIn(data: ReferenceData) {
    const index = indexOf(data);
    return (type: string, id: string): { name: string } | undefined => index.byType.get(type)?.get(id);
}

function checkSegmentExpression(c: Collector, e: unknown, path: string, depth: number): void {
    if (!isObject(e)) return c.illegal(path, e, "expected an expression object {operator, attribute, value, children}");
    const op = e.operator;
    if (op !== "AND" && op !== "EQUALS") return c.illegal(`${path}.operator`, op, "allowed: AND, EQUALS");
    if (op === "EQUALS") {
        if (typeof e.attribute !== "string" || e.attribute === "") c.illegal(`${path}.attribute`, e.attribute ?? null, "EQUALS needs an attribute name");
        const v = e.value;
        if (!isObject(v) || v.type !== "STRING" || typeof v.value !== "string") {
            c.illegal(`${path}.value`, v ?? null, 'EQUALS needs a value {type: "STRING", value: string}');
        }
        if (!absent(e.children) && !(Array.isArray(e.children) && e.children.length === 0)) c.illegal(`${path}.children`, e.children, "EQUALS has no children");
        return;
    }
    if (depth >= 2) return c.illegal(`${path}.operator`, op, "an expression nests at most two levels: a child must be EQUALS");
    if (!Array.isArray(e.children) || e.children.length === 0)
        return c.illegal(`${path}.children`, e.children ?? null, "AND needs a non-empty list of children");
    if (!absent(e.attribute)) c.illegal(`${path}.attribute`, e.attribute, "AND takes no attribute");
    if (!absent(e.value)) c.illegal(`${path}.value`, e.value, "AND takes no value");
    e.children.forEach((child, i) => checkSegmentExpression(c, child, `${path}.children[${i}]`, depth + 1));
}

/** Every violation of a segment (the body of a create, or the object a patch would produce). */
export function validateSegment(obj: JsonObject, data: ReferenceData): Violation[] {
    const c = new Collector();
    checkUnknownFields(c, obj, SEGMENT_FIELDS, "the segment");
    checkString(c, obj, "name", { required: true });
    checkString(c, obj, "description", { nullable: true });
    checkBoolean(c, obj, "active");
    if (!absent(obj.owner)) checkRef(c, obj.owner, "owner", ["IDENTITY"], lookupIn(data), OWNER);
    if (!absent(obj.visibilityCriteria)) {
        const vc = obj.visibilityCriteria;
        if (!isObject(vc)) c.illegal("visibilityCriteria", vc, "expected {expression} or null");
        else {
            checkUnknownFields(c, vc, ["expression"], "visibilityCriteria");
            if (!absent(vc.expression)) checkSegmentExpression(c, vc.expression, "visibilityCriteria.expression", 1);
        }
    }
    return c.violations;
}

function checkSchemes(c: Collector, schemes: unknown, path: string, data: ReferenceData): void {
    if (absent(schemes)) return;
    if (!Array.isArray(schemes)) return c.illegal(path, schemes, "expected a list of approval schemes");
    schemes.forEach((s, i) => {
        const p = `${path}[${i}]`;
        if (!isObject(s)) return c.illegal(p, s, "expected {approverType, approverId}");
        checkUnknownFields(c, s, ["approverType", "approverId"], p);
        if (!(APPROVER_TYPES as readonly string[]).includes(s.approverType as string)) {
            return c.illegal(`${p}.approverType`, s.approverType ?? null, `allowed: ${APPROVER_TYPES.join(", ")}`);
        }
        const type = s.approverType as string;
        if (NEEDS_APPROVER_ID.includes(type)) {
            if (typeof s.approverId !== "string" || s.approverId === "")
                return c.illegal(`${p}.approverId`, s.approverId ?? null, `${type} needs an approverId`);
            if ((type === "GOVERNANCE_GROUP" || type === "ADDITIONAL_GOVERNANCE_GROUP") && !lookupIn(data)("GOVERNANCE_GROUP", s.approverId)) {
                c.add(CODES.notFoundRef, `Referenced governance group "${s.approverId}" in "${p}.approverId" was not found.`);
            }
        } else if (!absent(s.approverId)) {
            c.illegal(`${p}.approverId`, s.approverId, `${type} takes no approverId`);
        }
    });
    if (schemes.some((s) => isObject(s) && s.approverType === "WORKFLOW") && schemes.length > 1) {
        c.illegal(
            path,
            schemes.map((s) => (isObject(s) ? s.approverType : s)),
            "a WORKFLOW approval scheme must be the only one",
        );
    }
}

function checkRequestConfig(c: Collector, cfg: unknown, data: ReferenceData): void {
    if (absent(cfg)) return;
    if (!isObject(cfg)) return c.illegal("accessRequestConfig", cfg, "expected an object or null");
    checkUnknownFields(c, cfg, [...REQUEST_FLAGS, "maxPermittedAccessDuration", "approvalSchemes"], "accessRequestConfig");
    for (const f of REQUEST_FLAGS) checkBoolean(c, cfg, f, `accessRequestConfig.${f}`);
    const d = cfg.maxPermittedAccessDuration;
    if (!absent(d)) {
        if (!isObject(d)) c.illegal("accessRequestConfig.maxPermittedAccessDuration", d, "expected {value, timeUnit}");
        else {
            if (typeof d.value !== "number" || !Number.isInteger(d.value) || d.value <= 0) {
                c.illegal("accessRequestConfig.maxPermittedAccessDuration.value", d.value ?? null, "a whole number greater than 0");
            }
            if (!TIME_UNITS.includes(d.timeUnit as string))
                c.illegal("accessRequestConfig.maxPermittedAccessDuration.timeUnit", d.timeUnit ?? null, `allowed: ${TIME_UNITS.join(", ")}`);
        }
    }
    checkSchemes(c, cfg.approvalSchemes, "accessRequestConfig.approvalSchemes", data);
}

/**
 * ProvisioningCriteriaLevel1..3: `attribute` is required for EQUALS, NOT_EQUALS, CONTAINS and HAS and "specifying
 * it" otherwise is an error; `value` likewise for EQUALS, NOT_EQUALS and CONTAINS; `children` is required for AND
 * and OR and "must be left null" otherwise; at most three levels, leaves included (level 3 types `children` as a
 * string that is always null).
 */
function checkCriteria(c: Collector, node: unknown, path: string, level: number): void {
    if (!isObject(node)) return c.illegal(path, node, "expected {operation, attribute, value, children}");
    checkUnknownFields(c, node, ["operation", "attribute", "value", "children"], path);
    const op = node.operation as string;
    if (!CRITERIA_OPERATIONS.includes(op)) return c.illegal(`${path}.operation`, node.operation ?? null, `allowed: ${CRITERIA_OPERATIONS.join(", ")}`);
    const combines = op === "AND" || op === "OR";
    if (combines) {
        if (!absent(node.attribute)) c.illegal(`${path}.attribute`, node.attribute, `${op} takes no attribute (only EQUALS, NOT_EQUALS, CONTAINS and HAS do)`);
        if (!absent(node.value)) c.illegal(`${path}.value`, node.value, `${op} takes no value (only EQUALS, NOT_EQUALS and CONTAINS do)`);
        if (level >= 3)
            return c.illegal(
                `${path}.operation`,
                op,
                "provisioning criteria nest at most three levels, leaves included: a level-3 criterion must be EQUALS, NOT_EQUALS, CONTAINS or HAS",
            );
        if (!Array.isArray(node.children) || node.children.length === 0)
            return c.illegal(`${path}.children`, node.children ?? null, `${op} needs a non-empty list of children`);
        node.children.forEach((child, i) => checkCriteria(c, child, `${path}.children[${i}]`, level + 1));
        return;
    }
    if (typeof node.attribute !== "string" || node.attribute === "") c.illegal(`${path}.attribute`, node.attribute ?? null, `${op} needs an attribute`);
    if (op === "HAS") {
        if (!absent(node.value)) c.illegal(`${path}.value`, node.value, "HAS takes no value (it tests that the attribute has one)");
    } else if (typeof node.value !== "string") c.illegal(`${path}.value`, node.value ?? null, `${op} needs a string value`);
    if (node.children !== undefined && node.children !== null)
        c.illegal(`${path}.children`, node.children, `must be left null: only AND and OR take children, not ${op}`);
}

/** Every violation of an access profile (a create body, or the object a patch would produce). */
export function validateAccessProfile(obj: JsonObject, data: ReferenceData): Violation[] {
    const c = new Collector();
    const lookup = lookupIn(data);
    checkUnknownFields(c, obj, [...ACCESS_PROFILE_FIELDS, ...ACCESS_PROFILE_CREATE_ONLY], "the access profile");
    checkString(c, obj, "name", { required: true });
    checkString(c, obj, "description", { nullable: true, max: 2000 });
    checkBoolean(c, obj, "enabled");
    checkBoolean(c, obj, "requestable");
    if (absent(obj.owner)) c.bad('Required field "owner" is missing.');
    else checkRef(c, obj.owner, "owner", ["IDENTITY"], lookup, OWNER);
    if (absent(obj.source)) c.bad('Required field "source" is missing.');
    else checkRef(c, obj.source, "source", ["SOURCE"], lookup, NAME_IGNORED);
    const sourceId = isObject(obj.source) ? obj.source.id : undefined;

    const ents = obj.entitlements;
    if (!absent(ents)) {
        if (!Array.isArray(ents)) c.illegal("entitlements", ents, "expected a list of {type: ENTITLEMENT, id}");
        else {
            const seen = new Set<string>();
            ents.forEach((e, i) => {
                const p = `entitlements[${i}]`;
                const before = c.violations.length;
                checkRef(c, e, p, ["ENTITLEMENT"], lookup, NAME_IGNORED);
                if (c.violations.length > before || !isObject(e)) return;
                const id = e.id as string;
                if (seen.has(id)) c.illegal(p, id, "each entitlement may appear once");
                seen.add(id);
                const ent = indexOf(data).entitlements.get(id)!;
                if (typeof sourceId === "string" && ent.source.id !== sourceId) {
                    c.illegal(
                        p,
                        id,
                        `entitlement "${ent.name}" belongs to source ${ent.source.id} (${ent.source.name}), not to the profile's source ${sourceId}`,
                    );
                }
            });
        }
    }
    if (obj.enabled === true && (!Array.isArray(ents) || ents.length === 0)) {
        c.illegal("enabled", true, "an enabled access profile needs at least one entitlement");
    }
    const segs = obj.segments;
    if (!absent(segs)) {
        if (!Array.isArray(segs) || segs.some((s) => typeof s !== "string" || s === "")) c.illegal("segments", segs, "expected a list of segment ids");
        else if (new Set(segs).size !== segs.length) c.illegal("segments", segs, "each segment id may appear once");
    }
    checkRequestConfig(c, obj.accessRequestConfig, data);
    const rev = obj.revocationRequestConfig;
    if (!absent(rev)) {
        if (!isObject(rev)) c.illegal("revocationRequestConfig", rev, "expected {approvalSchemes} or null");
        else {
            checkUnknownFields(c, rev, ["approvalSchemes"], "revocationRequestConfig");
            checkSchemes(c, rev.approvalSchemes, "revocationRequestConfig.approvalSchemes", data);
        }
    }
    if (!absent(obj.provisioningCriteria)) checkCriteria(c, obj.provisioningCriteria, "provisioningCriteria", 1);
    c.violations.push(...checkAccessModelMetadata(obj.accessModelMetadata));
    const owners = obj.additionalOwners;
    if (!absent(owners)) {
        if (!Array.isArray(owners)) c.illegal("additionalOwners", owners, "expected a list of {type, id}");
        else owners.forEach((o, i) => checkRef(c, o, `additionalOwners[${i}]`, ["IDENTITY", "GOVERNANCE_GROUP"], lookup, MATCHED));
    }
    return c.violations;
}
