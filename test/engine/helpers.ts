/** Shared helpers for the engine tests. */
import { check, Failure, JsonObject, ResourceSchema } from "../../provider/src/engine";

/** Checks `news` and fails the test with the failures listed when there are any. */
export function checked(schema: ResourceSchema, news: Record<string, unknown>): JsonObject {
    const result = check(schema, news);
    expect(result.failures).toEqual([]);
    return result.inputs;
}

export function failuresOf(schema: ResourceSchema, news: Record<string, unknown>): Failure[] {
    return check(schema, news).failures;
}

/** Deep-freezes a value so that any mutation by the code under test throws (tests run in strict mode). */
export function deepFreeze<T>(value: T): T {
    if (typeof value === "object" && value !== null) {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
    }
    return value;
}

export function clone<T>(value: T): T {
    return structuredClone(value);
}

/** Every path to a value inside `value` (object keys and array indexes), containers included. */
export function allPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
    if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...allPaths(v, [...prefix, i])]);
    if (typeof value === "object" && value !== null) {
        return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...allPaths(v, [...prefix, k])]);
    }
    return [];
}

/** A copy of `value` with the value at `path` replaced. */
export function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): Record<string, unknown> {
    const copy = clone(value) as Record<string | number, unknown>;
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path[path.length - 1]] = replacement;
    return copy;
}
