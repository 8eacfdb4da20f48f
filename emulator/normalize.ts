/**
 * Server-side normalisation of valid segments and access profiles: the form the emulator stores (and from which
 * present.ts makes its answers). References get their real names, flags their defaults, absent values `null`.
 */
import { normalizeAccessModelMetadata } from "./access-model-metadata";
import type { ReferenceData } from "./tenant-types";
import { absent, isObject, Json, JsonObject, lookupIn } from "./validation";

/** Fills the names ISC fills into references (the real name, whatever name was sent), and an owner's type. */
function namedRef(ref: Json, data: ReferenceData, defaultType?: string): Json {
    if (!isObject(ref)) return ref;
    const type = absent(ref.type) && defaultType ? defaultType : ref.type;
    const found = lookupIn(data)(type as string, ref.id as string);
    return { type, id: ref.id, name: found ? found.name : null };
}

function orNull(v: Json | undefined): Json {
    return v === undefined ? null : v;
}

/** A valid segment as the server stores and returns it. */
export function normalizeSegment(obj: JsonObject, data: ReferenceData): JsonObject {
    return {
        name: obj.name as string,
        description: orNull(obj.description),
        owner: absent(obj.owner) ? null : namedRef(obj.owner as Json, data, "IDENTITY"),
        visibilityCriteria: absent(obj.visibilityCriteria) ? null : normalizeVisibility(obj.visibilityCriteria as JsonObject),
        active: obj.active === true,
    };
}

function normalizeExpression(e: JsonObject): JsonObject {
    return {
        operator: e.operator,
        attribute: orNull(e.attribute),
        value: absent(e.value) ? null : { type: (e.value as JsonObject).type, value: (e.value as JsonObject).value },
        children: Array.isArray(e.children) && e.children.length > 0 ? e.children.map((x) => normalizeExpression(x as JsonObject)) : null,
    };
}

function normalizeVisibility(vc: JsonObject): JsonObject {
    return { expression: absent(vc.expression) ? null : normalizeExpression(vc.expression as JsonObject) };
}

function normalizeSchemes(schemes: Json | undefined): Json[] {
    return Array.isArray(schemes)
        ? schemes.map((s) => ({ approverType: (s as JsonObject).approverType, approverId: orNull((s as JsonObject).approverId) }))
        : [];
}

function normalizeCriteria(node: JsonObject): JsonObject {
    return {
        operation: node.operation,
        attribute: orNull(node.attribute),
        value: orNull(node.value),
        children: Array.isArray(node.children) && node.children.length > 0 ? node.children.map((x) => normalizeCriteria(x as JsonObject)) : null,
    };
}

/**
 * A valid access profile as the server stores and returns it: references named, flags defaulted, request
 * configs with every flag present, lists that were absent stored as empty lists.
 */
export function normalizeAccessProfile(obj: JsonObject, data: ReferenceData): JsonObject {
    const cfg = obj.accessRequestConfig;
    const rev = obj.revocationRequestConfig;
    return {
        name: obj.name as string,
        description: orNull(obj.description),
        enabled: obj.enabled === true,
        owner: namedRef(obj.owner as Json, data, "IDENTITY"),
        source: namedRef(obj.source as Json, data),
        entitlements: Array.isArray(obj.entitlements) ? obj.entitlements.map((e) => namedRef(e, data)) : [],
        requestable: obj.requestable !== false,
        accessRequestConfig: isObject(cfg)
            ? {
                  commentsRequired: cfg.commentsRequired === true,
                  denialCommentsRequired: cfg.denialCommentsRequired === true,
                  reauthorizationRequired: cfg.reauthorizationRequired === true,
                  requireEndDate: cfg.requireEndDate === true,
                  maxPermittedAccessDuration: isObject(cfg.maxPermittedAccessDuration)
                      ? { value: cfg.maxPermittedAccessDuration.value, timeUnit: cfg.maxPermittedAccessDuration.timeUnit }
                      : null,
                  approvalSchemes: normalizeSchemes(cfg.approvalSchemes),
              }
            : null,
        revocationRequestConfig: isObject(rev) ? { approvalSchemes: normalizeSchemes(rev.approvalSchemes) } : null,
        segments: Array.isArray(obj.segments) ? [...obj.segments] : [],
        accessModelMetadata: normalizeAccessModelMetadata(obj.accessModelMetadata),
        provisioningCriteria: isObject(obj.provisioningCriteria) ? normalizeCriteria(obj.provisioningCriteria) : null,
        additionalOwners: Array.isArray(obj.additionalOwners) ? obj.additionalOwners.map((o) => namedRef(o, data)) : null,
    };
}
