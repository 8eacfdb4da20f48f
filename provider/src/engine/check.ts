/**
 * Check: every input validated before any API call, defaults applied, references completed, sets put in a
 * stable order. Pure; tolerates the preview's unknown sentinel anywhere.
 */
import { isPlainObject, JsonObject, JsonValue, stripUndefined } from "./json";
import { choices, describe, lastKey, quoteName } from "./messages";
import { checkReference } from "./references";
import { isSetField, type Failure, type FieldSpec, type Props, type ResourceSchema } from "./schema";
import { checkSet, sortByKey } from "./sets";
import { isUnknown } from "./unknown";
import { expectArray, expectBoolean, expectString, failure } from "./validators";

export interface CheckResult {
    inputs: JsonObject;
    failures: Failure[];
}

/**
 * The previous inputs are not consulted: a value is valid or not on its own, and a changed `adoptId` is
 * ignored by diff rather than rewritten here. Messages never name the object (its `name` is free text and may
 * be a secret, see messages.ts): Pulumi prefixes each failure with the resource's type and name.
 */
export function check(schema: ResourceSchema, news: Props): CheckResult {
    if (!isPlainObject(news)) {
        return { inputs: {}, failures: [failure("", `${schema.label} needs an object of inputs, got ${describe(news)}`)] };
    }
    const failures = unknownProperties(schema, news);
    const inputs: JsonObject = {};
    for (const [name, field] of Object.entries(schema.fields)) {
        if (field.computed) continue;
        const checked = checkField(field, news[name], name);
        failures.push(...checked.failures);
        const value = stripUndefined(checked.value);
        if (value !== undefined) inputs[name] = value;
    }
    if (schema.validate) failures.push(...schema.validate(inputs));
    return { inputs, failures };
}

/**
 * Keys starting with `__` belong to Pulumi (`__provider`). The output slots a dynamic resource must register
 * (`id`, `created`, `modified`) are `undefined`, which Pulumi drops before check; a server-computed field given
 * a value (even an unknown one) is refused rather than silently dropped. Anything else not in the schema is a
 * typo worth reporting.
 */
function unknownProperties(schema: ResourceSchema, news: Props): Failure[] {
    const known = Object.entries(schema.fields)
        .filter(([, f]) => !f.computed)
        .map(([n]) => n);
    return Object.keys(news)
        .filter((k) => news[k] !== undefined && !k.startsWith("__") && (!(k in schema.fields) || schema.fields[k].computed))
        .map((k) =>
            k in schema.fields
                ? failure(k, `${k} of a ${schema.label} is assigned by ISC and cannot be given as an input: remove it (the inputs are ${choices(known)})`)
                : failure(k, `property ${quoteName(k)} is not an input of ${schema.label}: use ${choices(known)}`),
        );
}

export function checkField(field: FieldSpec, value: unknown, path: string): { value: unknown; failures: Failure[] } {
    const key = lastKey(path);
    if (value === undefined) {
        if (field.default !== undefined) return { value: field.default, failures: [] };
        return { value, failures: field.required ? [failure(path, `${key} is required`)] : [] };
    }
    if (isUnknown(value)) return { value, failures: [] };
    if (value === null) {
        if (field.nullable) return { value, failures: [] };
        const hint = field.default !== undefined ? `: omit it for the default ${JSON.stringify(field.default)}` : "";
        return { value, failures: [failure(path, `${key} must not be null${hint}`)] };
    }
    const shaped = checkKind(field, value, path);
    if (shaped.failures.length === 0 && field.validate) shaped.failures.push(...field.validate(shaped.value, path));
    // A set is put in a stable order once its rules have named its elements by the program's indexes.
    if (isSetField(field) && Array.isArray(shaped.value)) shaped.value = sortByKey(field, shaped.value);
    if (shaped.failures.length === 0 && field.kind === "object" && field.complete && isPlainObject(shaped.value)) {
        shaped.value = field.complete(shaped.value as JsonObject);
    }
    return shaped;
}

function checkKind(field: FieldSpec, value: unknown, path: string): { value: unknown; failures: Failure[] } {
    switch (field.kind) {
        case "string":
            return { value, failures: expectString(value, path, { nonBlank: field.nonBlank, maxLength: field.maxLength }) };
        case "boolean":
            return { value, failures: expectBoolean(value, path) };
        case "reference":
            return checkReference(field, value, path);
        case "referenceSet":
        case "stringSet": {
            const notList = expectArray(value, path, field.kind === "stringSet" ? "strings" : "references {type, id}");
            return notList.length > 0 || !Array.isArray(value) ? { value, failures: notList } : checkSet(field, value, path);
        }
        case "object": {
            if (!isPlainObject(value)) return { value, failures: [failure(path, `${lastKey(path)} must be an object, got ${describe(value)}`)] };
            return { value: stripUndefined(value) as JsonValue, failures: [] };
        }
    }
}
