/**
 * The PUT planner (pure). ZPA has no PATCH: a PUT replaces the whole object, so its body is the object as the server
 * holds it now (every field, known to this package or not), with exactly the declared fields that differ replaced.
 * Fields the server holds as objects and the inputs as ids (`applications`) are sent as `[{id}]`.
 */
import { diff, isSetField, normalizeField, stripUndefined, type FieldSpec, type JsonValue, type Props } from "../../engine";
import type { ZpaResourceDescription } from "../resources";

export interface PutPlan {
    /** The declared fields the PUT changes, in schema order: what the log line names. */
    changedFields: string[];
    /** The whole body to PUT. */
    body: Record<string, unknown>;
}

/** The server's object as the state and the engine see it: id-object sets as their ids. */
export function serverView(desc: ZpaResourceDescription, server: Props): Props {
    const view: Props = { ...server };
    for (const name of desc.idObjectSets) {
        const held = server[name];
        if (Array.isArray(held)) view[name] = held.map(idOf).filter((id): id is string => id !== undefined);
    }
    return view;
}

/**
 * The PUT that takes `server` (a fresh GET) to `desired` (checked inputs), or undefined when no declared field
 * differs. A field the inputs leave unmanaged is not compared and is sent as the server holds it.
 */
export function planPut(desc: ZpaResourceDescription, server: Props, desired: Props): PutPlan | undefined {
    const { changedFields } = diff(desc.schema, serverView(desc, server), desired);
    const writable = changedFields.filter((name) => !desc.schema.fields[name].replaceOnChange);
    if (writable.length === 0) return undefined;
    const body = bodyFromServer(desc, server);
    for (const name of writable) body[name] = valueForWrite(desc, name, desc.schema.fields[name], desired[name]);
    return { changedFields: writable, body };
}

/** The server object as a PUT body: every field kept; id-object sets reduced to `[{id}]` (a read returns them whole). */
export function bodyFromServer(desc: ZpaResourceDescription, server: Props): Record<string, unknown> {
    const body: Record<string, unknown> = structuredClone(stripUndefined(server) as Record<string, unknown>);
    for (const name of desc.idObjectSets) {
        const held = server[name];
        if (Array.isArray(held))
            body[name] = held
                .map(idOf)
                .filter((id): id is string => id !== undefined)
                .map((id) => ({ id }));
    }
    return body;
}

/** A declared value as the server takes it: sets sorted (id-object sets as `[{id}]`), "none" as the field spells it. */
export function valueForWrite(desc: ZpaResourceDescription, name: string, field: FieldSpec, value: unknown): JsonValue {
    const normalized = normalizeField(field, value);
    if (isSetField(field)) {
        const ids = Array.isArray(normalized) ? (normalized as string[]) : [];
        return desc.idObjectSets.includes(name) ? ids.map((id) => ({ id })) : ids;
    }
    // A string that is empty when unset goes as "": a PUT without it would not say "clear" on every ZPA version.
    if (normalized === null && field.kind === "string" && field.emptyIsNull) return "";
    return normalized;
}

function idOf(element: unknown): string | undefined {
    if (typeof element === "string") return element;
    if (element !== null && typeof element === "object") {
        const id = (element as { id?: unknown }).id;
        if (typeof id === "string") return id;
        if (typeof id === "number") return String(id);
    }
    return undefined;
}
