/**
 * The canonical comparable form of a resource: what diff and the planner compare, so that nothing ISC does
 * to a value without changing its meaning shows as a change. Per kind:
 *  - absent and null are the same (ISC returns unset nullable fields as null, programs omit them);
 *  - a field with a default reads as its default when absent;
 *  - references are `{type, id}`: ISC fills `name` itself;
 *  - sets are sorted by key, and `[]` equals null where the field says so;
 *  - nested objects go through the field's own normaliser; object key order never matters (canonicalJson).
 */
import { isPlainObject, JsonObject, JsonValue, stripUndefined } from "./json";
import { bareReference } from "./references";
import { declaredFields, FieldSpec, Props, ResourceSchema } from "./schema";
import { elementForWrite, sortByKey } from "./sets";
import { isAbsent } from "./validators";

export function normalizeField(field: FieldSpec, value: unknown): JsonValue {
    if (isAbsent(value)) return absentValue(field);
    switch (field.kind) {
        case "string":
            return field.emptyIsNull && value === "" ? absentValue(field) : (value as string);
        case "boolean":
            return value as boolean;
        case "reference":
            return bareReference(field, value);
        case "referenceSet":
        case "stringSet": {
            if (!Array.isArray(value)) return value as JsonValue;
            if (value.length === 0 && field.emptyIsNull) return absentValue(field);
            return sortByKey(field, value).map((e) => elementForWrite(field, e));
        }
        case "object":
            return isPlainObject(value) ? field.normalize(value as JsonObject) : (value as JsonValue);
    }
}

/** What an absent value means for this field. */
function absentValue(field: FieldSpec): JsonValue {
    if (field.default !== undefined) return stripUndefined(field.default) ?? null;
    if ((field.kind === "referenceSet" || field.kind === "stringSet") && field.emptyIsNull) return [];
    return null;
}

/** The canonical form of every declared field (server-computed and provider-only fields left out). */
export function normalize(schema: ResourceSchema, props: Props): JsonObject {
    const out: JsonObject = {};
    for (const [name, field] of declaredFields(schema)) out[name] = normalizeField(field, props[name]);
    return out;
}
