/** Plain JSON values: what Pulumi hands the provider, what ISC returns, and what a JSON Patch carries. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
    [key: string]: JsonValue;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A deep copy without `undefined`: Pulumi's host rejects results holding it ("Unexpected struct type"), and
 * fast-json-patch rejects operations holding it. Undefined array elements are dropped with their slot.
 */
export function stripUndefined(value: unknown): JsonValue | undefined {
    if (value === undefined) return undefined;
    if (Array.isArray(value)) {
        return value.map(stripUndefined).filter((v): v is JsonValue => v !== undefined);
    }
    if (isPlainObject(value)) {
        const out: JsonObject = {};
        for (const [k, v] of Object.entries(value)) {
            const s = stripUndefined(v);
            if (s !== undefined) out[k] = s;
        }
        return out;
    }
    return value as JsonPrimitive;
}

/** `stripUndefined` for a whole property bag. */
export function stripUndefinedProps(props: Record<string, unknown>): JsonObject {
    const out = stripUndefined(props);
    return isPlainObject(out) ? (out as JsonObject) : {};
}

/** A value as JSON text, for keys that order and compare values (never for messages: see messages.ts). */
export function jsonText(value: unknown): string {
    return JSON.stringify(value) ?? String(value);
}

/** JSON text with object keys sorted at every depth: two values are equal when their texts are. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(sortKeys(value)) ?? "undefined";
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (isPlainObject(value)) {
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(value).sort()) if (value[k] !== undefined) out[k] = sortKeys(value[k]);
        return out;
    }
    return value;
}
