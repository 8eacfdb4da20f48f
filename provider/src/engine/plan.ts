/**
 * The patch planner: the RFC 6902 JSON Patch that takes the server's object (`current`, the state outputs
 * as last seen, in the server's list order) to the checked inputs (`desired`). Pure; neither argument is
 * mutated and no value in the patch aliases them.
 *
 * Only patchable fields whose canonical forms differ are written (see normalize.ts), in schema order:
 *  - scalars and references: `replace` of the field; references as `{type, id}` (ISC fills the name).
 *    `add` is used instead when `current` lacks the key altogether, since RFC 6902 `replace` needs an
 *    existing target. ISC returns unset nullable fields as null, so in practice that is always `replace`.
 *  - nested objects (visibility criteria, request configs, provisioning criteria): `replace` of the whole
 *    object. Whether ISC accepts paths inside them (`/accessRequestConfig/commentsRequired`) is not
 *    documented; a whole replace is accepted on every version.
 *  - sets: see plan-set.ts. When `current` holds no element (null, absent or `[]`), the whole list is written:
 *    an empty list may be shown as `[]` while the server holds null (ISC's specs allow both forms for an empty
 *    nullable list), and appending with `/-` to a null fails.
 *  - a field with `replacesWith` (access profile `source`) writes those fields whole in the same patch.
 *  - a field the inputs leave unmanaged (absent and `unmanagedWhenAbsent`) is never written.
 */
import type { Operation } from "fast-json-patch";
import { fieldChanged } from "./diff";
import { JsonValue, stripUndefined } from "./json";
import { bareReference } from "./references";
import { planSetChange } from "./plan-set";
import { pointer } from "./pointer";
import { declaredFields, FieldSpec, isSetField, isUnmanaged, Props, ResourceSchema, SetField } from "./schema";
import { elementForWrite, sortByKey } from "./sets";
import { containsUnknown } from "./unknown";
import { isAbsent } from "./validators";

export interface PlanOptions {
    /** Precede each index-based removal with a `test` of the element there. Default true. */
    guardRemovals?: boolean;
}

export function planPatch(schema: ResourceSchema, current: Props, desired: Props, options: PlanOptions = {}): Operation[] {
    const guard = options.guardRemovals ?? true;
    const patchable = declaredFields(schema).filter(([name, f]) => f.patchable && !isUnmanaged(f, desired, name));
    const changed = new Set(patchable.filter(([name, f]) => fieldChanged(f, current[name], desired[name])).map(([name]) => name));
    const writeWhole = new Set<string>();
    for (const name of changed) for (const other of schema.fields[name].replacesWith ?? []) writeWhole.add(other);

    const ops: Operation[] = [];
    for (const [name, field] of patchable) {
        if (!changed.has(name) && !writeWhole.has(name)) continue;
        if (containsUnknown(desired[name])) {
            throw new Error(`${schema.label}: cannot plan a patch of "${name}": its value is not known yet (preview)`);
        }
        const held = current[name];
        if (isSetField(field) && Array.isArray(held) && held.length > 0 && !writeWhole.has(name)) {
            ops.push(...planSetChange(field, name, held, listOf(field, desired[name]), guard));
        } else {
            const op = held === undefined ? "add" : "replace";
            ops.push({ op, path: pointer(name), value: valueForWrite(field, desired[name]) });
        }
    }
    return ops;
}

/** The desired value as sent to ISC: defaults applied, names of references dropped, a fresh copy. */
function valueForWrite(field: FieldSpec, value: unknown): JsonValue {
    if (isSetField(field)) return listOf(field, value).map((e) => elementForWrite(field, e));
    if (isAbsent(value)) return stripUndefined(field.default) ?? null;
    if (field.kind === "reference") return bareReference(field, value);
    return stripUndefined(value) ?? null;
}

function listOf(field: SetField, value: unknown): unknown[] {
    return Array.isArray(value) ? sortByKey(field, value) : [];
}
