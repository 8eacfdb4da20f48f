/**
 * Which declared fields differ between the state and the program. Pure. Server-computed fields (`id`,
 * `created`, `modified`) and provider-only ones (`adoptId`, which does nothing once the object exists) are
 * never a change.
 */
import { canonicalJson, type JsonValue } from "./json";
import { normalizeField } from "./normalize";
import { declaredFields, FieldSpec, isUnmanaged, Props, ResourceSchema } from "./schema";
import { containsUnknown } from "./unknown";

export interface DiffResult {
    changes: boolean;
    /**
     * Changed top-level fields, in schema order. A field the inputs leave unmanaged (absent and `unmanagedWhenAbsent`)
     * is never one. Which of them force a replace: `replacedFields`.
     */
    changedFields: string[];
}

export function diff(schema: ResourceSchema, oldOutputs: Props, newInputs: Props): DiffResult {
    const changedFields = declaredFields(schema)
        .filter(([name, field]) => !isUnmanaged(field, newInputs, name) && fieldChanged(field, oldOutputs[name], newInputs[name]))
        .map(([name]) => name);
    return { changes: changedFields.length > 0, changedFields };
}

/** A value holding the preview's unknown sentinel counts as changed: we cannot prove it equal. */
export function fieldChanged(field: FieldSpec, oldValue: unknown, newValue: unknown): boolean {
    if (containsUnknown(newValue)) return true;
    return canonicalJson(comparableForm(field, oldValue)) !== canonicalJson(comparableForm(field, newValue));
}

function comparableForm(field: FieldSpec, value: unknown): JsonValue {
    const normalized = normalizeField(field, value);
    return field.kind === "object" && field.comparable ? field.comparable(normalized) : normalized;
}

/** Of `changedFields`, those a change of which replaces the object (`replaceOnChange`), in the same order. */
export function replacedFields(schema: ResourceSchema, changedFields: readonly string[]): string[] {
    return changedFields.filter((name) => schema.fields[name]?.replaceOnChange === true);
}
