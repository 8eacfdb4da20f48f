/**
 * References to other ISC objects (`{type, id, name?}`): how check completes them and what identifies them.
 */
import { isPlainObject, jsonText, JsonObject } from "./json";
import { at, choices, notOneOf } from "./messages";
import type { Failure } from "./schema";
import { isUnknown, UNKNOWN } from "./unknown";
import { expectObject, expectString, failure } from "./validators";

export interface RefKind {
    refTypes: readonly string[];
    defaultRefType?: string;
}

const REF_KEYS = ["type", "id", "name"] as const;

/** Validates a reference and fills its `type` when omitted. `name` is kept: ISC checks it on write. */
export function checkReference(kind: RefKind, value: unknown, path: string): { value: unknown; failures: Failure[] } {
    if (isUnknown(value)) return { value, failures: [] };
    const shape = expectObject(value, path, REF_KEYS);
    if (!isPlainObject(value)) return { value, failures: shape };
    const failures = [...shape];
    if (value.id === undefined || value.id === null) {
        failures.push(failure(at(path, "id"), `id is required: use the id of the ${describeTypes(kind)} to refer to`));
    } else {
        failures.push(...expectString(value.id, at(path, "id"), { nonBlank: true }));
    }
    let type = value.type;
    if (type === undefined || type === null) {
        if (kind.defaultRefType === undefined) failures.push(failure(at(path, "type"), `type is required: use ${choices(kind.refTypes)}`));
        else type = kind.defaultRefType;
    } else if (!isUnknown(type) && !(typeof type === "string" && kind.refTypes.includes(type))) {
        failures.push(failure(at(path, "type"), notOneOf("type", type, kind.refTypes)));
    }
    if (value.name !== undefined && value.name !== null) failures.push(...expectString(value.name, at(path, "name")));
    const completed: Record<string, unknown> = { type, id: value.id };
    if (value.name !== undefined) completed.name = value.name;
    return { value: completed, failures };
}

function describeTypes(kind: RefKind): string {
    return kind.refTypes.map((t) => t.toLowerCase().replace(/_/g, " ")).join(" or ");
}

/** The reference as ISC needs it on write and as it is compared: `{type, id}`, without the server's name. */
export function bareReference(kind: RefKind, value: unknown): JsonObject {
    if (!isPlainObject(value)) return { type: kind.defaultRefType ?? null, id: String(value) };
    const type = value.type ?? kind.defaultRefType ?? null;
    return { type: type as string | null, id: value.id as string };
}

/**
 * Identity of a reference within a set. An unknown element gets the sentinel as its key. A key holds the
 * element's content: it orders and compares elements, and never appears in a message.
 */
export function referenceKey(kind: RefKind & { identity: "id" | "typeAndId" }, value: unknown): string {
    if (!isPlainObject(value)) return isUnknown(value) ? UNKNOWN : jsonText(value);
    const id = String(value.id);
    if (kind.identity === "id") return id;
    return `${String(value.type ?? kind.defaultRefType ?? "")}:${id}`;
}
