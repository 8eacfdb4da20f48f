/**
 * During `pulumi preview`, an input that depends on another resource's unresolved output reaches the
 * provider as this string, whatever the property's type and at any depth (a whole object, one key, one
 * element of a list). Check must let it through unvalidated; diff must count it as a change.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return value === UNKNOWN;
}

export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}
