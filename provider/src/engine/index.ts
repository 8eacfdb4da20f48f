/** The resource engine: pure functions derived from a resource's description (see schema.ts). */
export type {
    BooleanField,
    Failure,
    FieldSpec,
    FieldValidator,
    ObjectField,
    Props,
    ReferenceField,
    ReferenceSetField,
    Reference,
    ResourceSchema,
    ServerReference,
    SetField,
    StringField,
    StringSetField,
} from "./schema";
export { declaredFields, isSetField, isUnmanaged, outputNames } from "./schema";
export type { ArrayShape, EnumShape, LazyShape, ObjectShape, ScalarShape, Shape, ShapeField } from "./shapes";
export { arrayShape, booleanShape, enumShape, integerShape, lazyShape, objectShape, resolveShape, shapeKeys, shapeKeysOf, stringShape } from "./shapes";
export type { JsonObject, JsonPrimitive, JsonValue } from "./json";
export { canonicalJson, isPlainObject, stripUndefined, stripUndefinedProps } from "./json";
export { UNKNOWN, containsUnknown, isUnknown } from "./unknown";
export type { CheckResult } from "./check";
export { check } from "./check";
export { normalize, normalizeField } from "./normalize";
export type { DiffResult } from "./diff";
export { diff, replacedFields } from "./diff";
export type { PlanOptions } from "./plan";
export { planPatch } from "./plan";
export { inputsFromServer, outputsFromServer } from "./server";
export { fieldReference, nestedShapes } from "./docs";
// For the rules a resource's description adds to its schema's (resources/<kind>/validate.ts and the like): the
// same checks and the same wording as the engine's own.
export { expectArray, expectBoolean, expectEnum, expectObject, expectString, failure, isAbsent, isGiven } from "./validators";
export { at, atIndex, choices, describe, notOneOf, quoteAllowed } from "./messages";
export { unknownKeysMessage } from "./suggest";
export type { ProgramConfig, SecretSetting } from "./plaintext";
export { plaintextCredentialsMessage } from "./plaintext";
