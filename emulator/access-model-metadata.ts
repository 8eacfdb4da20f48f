/**
 * An access profile's `accessModelMetadata`, as SailPoint's specs publish it on every version
 * (`idn/{v3,v2024,v2025,v2026}/schemas/access/AccessProfile.yaml`, beta through v3's; `idn/apis/access-profiles`):
 * an AttributeDTOList, `{attributes: AttributeDTO[] | null}`, each attribute `{key, name, multiselect, isAdhoc,
 * status, type, objectTypes, description, values}` and each value (AttributeValueDTO) `{value, name, status, type}`.
 *
 * What the specs say of writing it: the field "must be left null or empty when creating", or the answer is a 400;
 * it is not among the fields PATCH lists as patchable; and the Access Model Metadata API says metadata for access
 * profiles comes "in a subsequent release". So a create accepts it only empty, a PATCH refuses it (not patchable),
 * and only the admin API (an object "made in the UI") can give a profile metadata.
 */
import { CODES, show, type Violation } from "./errors";
import type { Json, JsonObject } from "./validation";

const isObject = (v: Json | undefined): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

const ATTRIBUTE_STRINGS = ["key", "name", "status", "type", "description"] as const;
const ATTRIBUTE_FIELDS = [...ATTRIBUTE_STRINGS, "multiselect", "isAdhoc", "objectTypes", "values"];
const VALUE_STRINGS = ["value", "name", "status"] as const;
const VALUE_TYPES = ["static", "adhoc"];

const illegal = (field: string, value: unknown, allowed: string): Violation => ({
    code: CODES.illegalValue,
    text: `Illegal value ${show(value)} for field "${field}": ${allowed}.`,
});
const unknown = (key: string, where: string, known: readonly string[]): Violation => ({
    code: CODES.badContent,
    text: `Unrecognized field "${key}" in ${where}; known fields: ${known.join(", ")}.`,
});

function checkFields(obj: JsonObject, where: string, known: readonly string[], out: Violation[]): void {
    for (const key of Object.keys(obj)) if (!known.includes(key)) out.push(unknown(key, where, known));
}

function checkValue(v: Json, path: string, out: Violation[]): void {
    if (!isObject(v)) return void out.push(illegal(path, v, "expected {value, name, status, type}"));
    checkFields(v, path, [...VALUE_STRINGS, "type"], out);
    for (const f of VALUE_STRINGS) if (v[f] !== undefined && typeof v[f] !== "string") out.push(illegal(`${path}.${f}`, v[f], "expected a string"));
    if (v.type !== undefined && v.type !== null && !VALUE_TYPES.includes(v.type as string))
        out.push(illegal(`${path}.type`, v.type, `allowed: ${VALUE_TYPES.join(", ")} or null`));
}

function checkAttribute(a: Json, path: string, out: Violation[]): void {
    if (!isObject(a)) return void out.push(illegal(path, a, "expected an attribute {key, name, multiselect, status, type, objectTypes, description, values}"));
    checkFields(a, path, ATTRIBUTE_FIELDS, out);
    for (const f of ATTRIBUTE_STRINGS) if (a[f] !== undefined && typeof a[f] !== "string") out.push(illegal(`${path}.${f}`, a[f], "expected a string"));
    if (a.multiselect !== undefined && typeof a.multiselect !== "boolean") out.push(illegal(`${path}.multiselect`, a.multiselect, "expected true or false"));
    if (a.isAdhoc !== undefined && a.isAdhoc !== null && typeof a.isAdhoc !== "boolean")
        out.push(illegal(`${path}.isAdhoc`, a.isAdhoc, "expected true, false or null"));
    const types = a.objectTypes;
    if (types !== undefined && types !== null && !(Array.isArray(types) && types.every((t) => typeof t === "string"))) {
        out.push(illegal(`${path}.objectTypes`, types, "expected a list of strings or null"));
    }
    const values = a.values;
    if (values === undefined || values === null) return;
    if (!Array.isArray(values)) return void out.push(illegal(`${path}.values`, values, "expected a list of {value, name, status, type} or null"));
    values.forEach((v, i) => checkValue(v, `${path}.values[${i}]`, out));
}

/** Violations of the documented shape; absent and null are fine. */
export function checkAccessModelMetadata(m: Json | undefined): Violation[] {
    if (m === undefined || m === null) return [];
    const out: Violation[] = [];
    if (!isObject(m)) return [illegal("accessModelMetadata", m, 'expected an object {"attributes": [...]} (AttributeDTOList) or null')];
    checkFields(m, "accessModelMetadata", ["attributes"], out);
    const attrs = m.attributes;
    if (attrs === undefined || attrs === null) return out;
    if (!Array.isArray(attrs)) return [...out, illegal("accessModelMetadata.attributes", attrs, "expected a list of attributes or null")];
    attrs.forEach((a, i) => checkAttribute(a, `accessModelMetadata.attributes[${i}]`, out));
    return out;
}

/** Whether the metadata holds no attribute (absent, null, `{}`, `{attributes: null}` or `{attributes: []}`). */
export function isEmptyMetadata(m: Json | undefined): boolean {
    return !isObject(m) || !Array.isArray(m.attributes) || m.attributes.length === 0;
}

/** A create may carry the field only empty: "must be left null or empty when creating", else a 400. */
export function checkMetadataOnCreate(m: Json | undefined): Violation[] {
    if (isEmptyMetadata(m)) return [];
    return [illegal("accessModelMetadata", m, "must be left null or empty when creating an access profile")];
}

/** The stored form: `{attributes: [...]}`, an empty list when there is none. */
export function normalizeAccessModelMetadata(m: Json | undefined): JsonObject {
    return { attributes: isObject(m) && Array.isArray(m.attributes) ? structuredClone(m.attributes) : [] };
}
