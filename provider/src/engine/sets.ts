/**
 * Set-like lists (entitlements, segment ids, additional owners): ISC keeps them as JSON arrays, but their
 * order carries no meaning. Each element has a key; two lists are the same set when their keys are.
 */
import { jsonText, JsonValue } from "./json";
import { atIndex } from "./messages";
import { bareReference, checkReference, referenceKey } from "./references";
import type { Failure, SetField } from "./schema";
import { isUnknown, UNKNOWN } from "./unknown";
import { expectString, failure } from "./validators";

export function elementKey(field: SetField, element: unknown): string {
    if (field.kind === "stringSet") return typeof element === "string" ? element : isUnknown(element) ? UNKNOWN : jsonText(element);
    return referenceKey(field, element);
}

/** The element as ISC needs it on write: the string itself, or `{type, id}` without the server's name. */
export function elementForWrite(field: SetField, element: unknown): JsonValue {
    return field.kind === "stringSet" ? (element as string) : bareReference(field, element);
}

/** Stable order by key, so the same set always reads the same (in checked inputs and in comparisons). */
export function sortByKey<T>(field: SetField, elements: readonly T[]): T[] {
    return elements
        .map((e) => ({ e, k: elementKey(field, e) }))
        .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
        .map(({ e }) => e);
}

/**
 * Validates every element, refuses duplicates and completes references, keeping the program's order: the field's
 * own rules (`validate`) then name elements by the index the program gave them; check sorts the list after them.
 */
export function checkSet(field: SetField, list: readonly unknown[], path: string): { value: unknown[]; failures: Failure[] } {
    const failures: Failure[] = [];
    const elements = list.map((element, i) => {
        const elementPath = atIndex(path, i);
        if (field.kind === "stringSet") {
            failures.push(...expectString(element, elementPath, { nonBlank: true }));
            return element;
        }
        const checked = checkReference(field, element, elementPath);
        failures.push(...checked.failures);
        return checked.value;
    });
    const firstAt = new Map<string, number>();
    elements.forEach((element, i) => {
        const key = elementKey(field, element);
        if (containsSentinel(field, element)) return;
        const first = firstAt.get(key);
        if (first === undefined) {
            firstAt.set(key, i);
            return;
        }
        failures.push(duplicate(field, path, first, i));
    });
    return { value: elements, failures };
}

/** Which elements are the same, by their positions: the ids themselves may be secrets (see messages.ts). */
function duplicate(field: SetField, path: string, first: number, again: number): Failure {
    if (field.kind === "stringSet")
        return failure(atIndex(path, again), `${atIndex(path, again)} is the same as ${atIndex(path, first)}: list each element once`);
    const property = `${atIndex(path, again)}.id`;
    if (field.identity === "id") return failure(property, `${property} is the same as ${atIndex(path, first)}.id: list each element once`);
    return failure(property, `${atIndex(path, again)} has the same type and id as ${atIndex(path, first)}: list each element once`);
}

function containsSentinel(field: SetField, element: unknown): boolean {
    return elementKey(field, element).includes(UNKNOWN);
}
