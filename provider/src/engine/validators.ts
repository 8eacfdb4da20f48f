/**
 * Small checks shared by the engine and the resource validators. Each returns the failures it found and
 * lets the preview's unknown sentinel through (we cannot validate a value we do not know yet). Their
 * messages describe a bad value, never repeat it (see messages.ts).
 */
import { isPlainObject } from "./json";
import { at, choices, count, describe, lastKey, notOneOf, quoteName } from "./messages";
import type { Failure } from "./schema";
import { isUnknown } from "./unknown";

export function failure(property: string, reason: string): Failure {
    return { property, reason };
}

export function expectString(value: unknown, path: string, opts: { nonBlank?: boolean; maxLength?: number } = {}): Failure[] {
    if (isUnknown(value)) return [];
    const key = lastKey(path);
    if (typeof value !== "string") return [failure(path, `${key} must be a string, got ${describe(value)}`)];
    if (opts.nonBlank && value.trim() === "") return [failure(path, `${key} is ${describe(value)}: use a non-empty string`)];
    if (opts.maxLength !== undefined && value.length > opts.maxLength) {
        return [failure(path, `${key} is ${count(value.length)} characters; at most ${count(opts.maxLength)} are allowed`)];
    }
    return [];
}

export function expectBoolean(value: unknown, path: string): Failure[] {
    if (isUnknown(value) || typeof value === "boolean") return [];
    return [failure(path, `${lastKey(path)} must be true or false, got ${describe(value)}`)];
}

export function expectEnum(value: unknown, path: string, allowed: readonly string[]): Failure[] {
    if (isUnknown(value)) return [];
    if (typeof value === "string" && allowed.includes(value)) return [];
    return [failure(path, notOneOf(lastKey(path), value, allowed))];
}

/**
 * A plain object whose keys are all in `allowed`: an unknown key is almost always a typo
 * (`commentRequired`), and ISC would ignore it silently, leaving a perpetual diff behind.
 */
export function expectObject(value: unknown, path: string, allowed: readonly string[]): Failure[] {
    if (isUnknown(value)) return [];
    if (!isPlainObject(value)) return [failure(path, `${lastKey(path)} must be an object {${allowed.join(", ")}}, got ${describe(value)}`)];
    return Object.keys(value)
        .filter((k) => !allowed.includes(k) && value[k] !== undefined)
        .map((k) => failure(at(path, k), `property ${quoteName(k)} is not allowed here: use ${choices(allowed)}`));
}

export function expectArray(value: unknown, path: string, of: string): Failure[] {
    if (isUnknown(value) || Array.isArray(value)) return [];
    return [failure(path, `${lastKey(path)} must be a list of ${of}, got ${describe(value)}`)];
}

/** Absent and null are the same here: ISC returns both for "no value". */
export function isAbsent(value: unknown): value is null | undefined {
    return value === null || value === undefined;
}

/** A value was given and is known: rules that forbid a value apply only then (an unknown may turn out null). */
export function isGiven(value: unknown): boolean {
    return !isAbsent(value) && !isUnknown(value);
}
