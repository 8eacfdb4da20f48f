/**
 * How a resource is described, once: check, diff, normalisation, patch planning, outputs and documentation
 * are all derived from a `ResourceSchema`. Resource folders hold the descriptions; nothing in the engine
 * names a field of a particular resource.
 */
import type { JsonObject, JsonValue } from "./json";
import type { ObjectShape } from "./shapes";

/** A property bag as Pulumi passes it (inputs, outputs) or as ISC returns it. */
export type Props = Record<string, unknown>;

/** A reference as a program writes it: `type` may be omitted where only one type is possible. */
export interface Reference<T extends string> {
    type?: T;
    id: string;
    /** Filled in by ISC; if written, ISC checks that it matches the object's name. */
    name?: string;
}

/** A reference as ISC returns it. */
export interface ServerReference<T extends string> {
    type: T;
    id: string;
    name?: string | null;
}

/** One validation problem: the property path (`visibilityCriteria.expression.children[1].value`) and why. */
export interface Failure {
    property: string;
    reason: string;
}

/**
 * Extra rules for one field's value, beyond its kind. Called only with a known, non-null value; it must
 * itself skip any nested value that is the preview's unknown sentinel (see unknown.ts).
 */
export type FieldValidator = (value: unknown, path: string) => Failure[];

interface FieldCommon {
    /**
     * What the field means, for users: the generated documentation (docs/RESOURCES.md) and the JSDoc of the
     * field in the resource's `*Args` and output declarations (its generated.ts) use it verbatim.
     */
    doc: string;
    /** Must be present (and non-null) in the inputs. */
    required: boolean;
    /** `null` is an allowed input value. */
    nullable: boolean;
    /** ISC accepts a JSON Patch of this field. */
    patchable: boolean;
    /** Set by ISC only (`id`, `created`, `modified`): never an input, never diffed, never patched. */
    computed?: boolean;
    /** Only the provider reads it (`adoptId`): never sent to ISC, never diffed, never patched. */
    providerOnly?: boolean;
    /**
     * Absent from the inputs means "not managed": diff and the planner leave the field alone, whatever the server
     * holds, and the outputs show the server's value. Given (even as null or `[]`), it is compared and written like
     * any other field. For what the server also changes from elsewhere (a ZPA segment group's applications).
     */
    unmanagedWhenAbsent?: boolean;
    /** A change cannot be written to the existing object: the resource is replaced (see `replacedFields`). */
    replaceOnChange?: boolean;
    /** Applied by check when the field is absent, so that ISC's own default never shows as a diff. */
    default?: JsonValue;
    /** Rules beyond the kind's own (see FieldValidator). */
    validate?: FieldValidator;
    /**
     * Fields that must be replaced whole in the same patch whenever this one changes: ISC accepts a new
     * `source` only together with the entitlements of that source.
     */
    replacesWith?: readonly string[];
}

export interface StringField extends FieldCommon {
    kind: "string";
    /** Empty or only whitespace is refused. */
    nonBlank?: boolean;
    maxLength?: number;
    /** `""` compares equal to `null` (and absent): ISC shows both as "no value" and may store either. */
    emptyIsNull?: boolean;
}

export interface BooleanField extends FieldCommon {
    kind: "boolean";
}

/** Reference to another ISC object: `{type, id, name?}`; `name` is filled by ISC and never compared. */
export interface ReferenceField extends FieldCommon {
    kind: "reference";
    refTypes: readonly string[];
    /**
     * The exported TypeScript name of the union of `refTypes` (`(typeof LIST)[number]`, LIST being the const list
     * `refTypes` is, exported from the resource's shapes.ts). Without it the union is written out.
     */
    refTypeName?: string;
    /** Filled in by check when `type` is omitted; without it, `type` is required. */
    defaultRefType?: string;
}

/** An unordered list of references, each present once. */
export interface ReferenceSetField extends FieldCommon {
    kind: "referenceSet";
    refTypes: readonly string[];
    /** As ReferenceField's. */
    refTypeName?: string;
    defaultRefType?: string;
    /** What makes two elements the same: the id alone, or the type and the id. */
    identity: "id" | "typeAndId";
    /** `[]` compares equal to `null` and absent. */
    emptyIsNull: boolean;
}

/** An unordered list of distinct strings (ids). */
export interface StringSetField extends FieldCommon {
    kind: "stringSet";
    emptyIsNull: boolean;
}

/** A nested JSON object with its own rules. Patched by replacing it whole. */
export interface ObjectField extends FieldCommon {
    kind: "object";
    /** What the object holds: its TypeScript types are generated from it, its validator accepts its keys. */
    shape: ObjectShape;
    /** Fills what check adds to a valid value (e.g. a `type` that has only one allowed value). Unknown-tolerant. */
    complete?: (value: JsonObject) => JsonObject;
    /**
     * The canonical comparable form of a valid value: ISC's "no value" spellings collapsed, null keys dropped.
     * `null` means "nothing set". Must be idempotent: normalize(normalize(v)) equals normalize(v).
     */
    normalize: (value: JsonObject) => JsonValue;
    /**
     * Where diff must see more values as equal than `normalize` makes equal (an AND's children in any order):
     * applied to the normalised form, for comparison only. `normalize` keeps the order the server or program
     * gave, which is what reading an object back into inputs shows.
     */
    comparable?: (normalized: JsonValue) => JsonValue;
}

export type FieldSpec = StringField | BooleanField | ReferenceField | ReferenceSetField | StringSetField | ObjectField;
export type SetField = ReferenceSetField | StringSetField;

export interface ResourceSchema {
    /** The type name users see: "Segment". */
    label: string;
    /** What the resource is, for users: the JSDoc of its class and the lead of its documentation. */
    doc: string;
    /** The ISC collection in paths: `segments` in `/v2025/segments/{id}`. */
    collection: string;
    /** Every field, in the order checks report and patches are written. */
    fields: Readonly<Record<string, FieldSpec>>;
    /** Rules that involve more than one field, run after every field passed its own checks. Unknown-tolerant. */
    validate?: (inputs: Props) => Failure[];
}

export function isSetField(field: FieldSpec): field is SetField {
    return field.kind === "referenceSet" || field.kind === "stringSet";
}

/** Fields the user declares and ISC stores: what diff compares and the planner may patch. */
export function declaredFields(schema: ResourceSchema): Array<[string, FieldSpec]> {
    return Object.entries(schema.fields).filter(([, f]) => !f.computed && !f.providerOnly);
}

/** Whether `inputs` leaves the field to the server: absent, and the field is `unmanagedWhenAbsent`. */
export function isUnmanaged(field: FieldSpec, inputs: Props, name: string): boolean {
    return field.unmanagedWhenAbsent === true && inputs[name] === undefined;
}

/** Every state output name except `id`: the declared fields and the server-computed ones. */
export function outputNames(schema: ResourceSchema): string[] {
    return Object.entries(schema.fields)
        .filter(([name, f]) => name !== "id" && !f.providerOnly)
        .map(([name]) => name);
}
