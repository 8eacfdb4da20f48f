/**
 * ISC ids, checked for shape before any API call. ISC gives its objects ids of two forms: 32 hexadecimal digits
 * (identities, sources, entitlements, access profiles: `2c9180835d2e5168015d32f890ca1581`) or a UUID (segments,
 * governance groups and workflows on some tenants: `0f11f2a4-7c94-4bf3-a2bd-742580fe3bde`), and SailPoint's
 * answers use either (the emulator's echo variation does too). Anything else (a name pasted where the id belongs,
 * an id cut short, spaces) would only fail at `up` with ISC's 400 or 404, after the objects before it were written.
 *
 * Messages describe the bad value, never repeat it (it may be a secret, see engine/messages.ts): its length, and
 * whether it looks like a name (letters other than a-f, spaces, punctuation) or a cut or padded id.
 */
import { atIndex, describe, failure, isPlainObject, isUnknown, type Failure, type FieldValidator } from "../engine";

const HEX_ID = /^[0-9a-f]{32}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The allowed forms, as every message states them. */
export const ID_FORMS = "ISC ids are 32 hexadecimal digits (2c9180835d2e5168015d32f890ca1581) or a UUID (0f11f2a4-7c94-4bf3-a2bd-742580fe3bde)";

/** Whether `value` has the shape of an ISC id: 32 hex digits or a UUID, in either letter case. */
export function isIscId(value: string): boolean {
    return HEX_ID.test(value) || UUID.test(value);
}

/**
 * The failures of one id: none for an id of ISC's shape, for the preview's unknown value, and for a value that is not
 * a non-blank string (the field's own kind check reports that). `lookup` says how to find the id by name.
 */
export function idFailures(value: unknown, path: string, lookup: string): Failure[] {
    if (isUnknown(value) || typeof value !== "string" || value.trim() === "" || isIscId(value)) return [];
    const key = path.slice(path.lastIndexOf(".") + 1).replace(/\[\d+\]$/, "");
    const what = describe(value);
    if (/^[0-9a-f-]+$/i.test(value)) {
        return [failure(path, `${key} is ${what} of hexadecimal digits, not an id: ${ID_FORMS}; check that it was copied whole, or ${lookup}`)];
    }
    const spaces = /\s/.test(value) ? " with spaces" : "";
    return [failure(path, `${key} is ${what}${spaces}, which looks like a name, not an id: ${ID_FORMS}. ${capitalized(lookup)}`)];
}

function capitalized(text: string): string {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A validator for a string field that holds an id (`adoptId`). */
export function idField(lookup: string): FieldValidator {
    return (value, path) => idFailures(value, path, lookup);
}

/** A validator for a reference field (`owner`): its `id`. `lookup` may depend on the reference's type. */
export function referenceIdField(lookup: string | ((type: unknown) => string)): FieldValidator {
    return (value, path) => referenceFailures(value, path, lookup);
}

/** A validator for a set of references (`entitlements`): each element's `id`. */
export function referenceSetIdField(lookup: string | ((type: unknown) => string)): FieldValidator {
    return (value, path) => (Array.isArray(value) ? value.flatMap((element, i) => referenceFailures(element, atIndex(path, i), lookup)) : []);
}

/** A validator for a set of ids (`segments`): each element. */
export function idSetField(lookup: string): FieldValidator {
    return (value, path) => (Array.isArray(value) ? value.flatMap((element, i) => idFailures(element, atIndex(path, i), lookup)) : []);
}

function referenceFailures(value: unknown, path: string, lookup: string | ((type: unknown) => string)): Failure[] {
    if (!isPlainObject(value)) return [];
    return idFailures(value.id, `${path}.id`, typeof lookup === "string" ? lookup : lookup(value.type));
}

/** How to find each kind of object's id by name, for the messages. */
export const LOOKUPS = {
    identity: "find the identity's id by name with getIdentity({ alias }) (or { email }, { name })",
    source: "find the source's id by name with getSource({ name }) and give { id: source.id }",
    entitlement: "find the entitlement's id with getEntitlement({ source, value }) (or getEntitlements({ source, values }) for several)",
    governanceGroup: "find the governance group's id by name with getGovernanceGroup({ name })",
    workflow: "use the workflow's id as ISC shows it",
    segment: "use a Segment resource's id (segment.id), or find one by name with getSegment({ name })",
    segmentToAdopt: "find the segment's id by name with getSegment({ name })",
    accessProfileToAdopt: "find the access profile's id by name with getAccessProfile({ name })",
} as const;
