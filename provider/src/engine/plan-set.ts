/**
 * The patch for one set-like list that the server already holds as a list: either element-wise (removals
 * by index, additions appended) or one replace of the whole list, whichever is fewer bytes of JSON.
 *
 * Removals address elements by their index in the server's order as last seen (`current`). A patch planned
 * against a stale order would remove the wrong element, so each removal is preceded by a `test` of the
 * element's id (and type, where that is part of its identity) at that index: the server then refuses the
 * whole patch instead (RFC 6902: a failed test fails the patch). Removals go from the highest index down,
 * so earlier ones do not shift later ones.
 * Additions use `/-` (append); `add` of the whole list is never used on an existing list, since ISC, like
 * RFC 6902, replaces the list then.
 */
import type { Operation } from "fast-json-patch";
import { isPlainObject, JsonValue, stripUndefined } from "./json";
import { pointer } from "./pointer";
import type { SetField } from "./schema";
import { elementForWrite, elementKey } from "./sets";

export function planSetChange(field: SetField, name: string, current: readonly unknown[], desired: readonly unknown[], guard: boolean): Operation[] {
    const whole: Operation[] = [{ op: "replace", path: pointer(name), value: desired.map((e) => elementForWrite(field, e)) }];
    const elementwise = planElementwise(field, name, current, desired, guard);
    // On a tie the whole list wins: it leaves exactly the desired set whatever order the server holds.
    return elementwise.length > 0 && byteSize(elementwise) < byteSize(whole) ? elementwise : whole;
}

function planElementwise(field: SetField, name: string, current: readonly unknown[], desired: readonly unknown[], guard: boolean): Operation[] {
    const wanted = new Set(desired.map((e) => elementKey(field, e)));
    const kept = new Set<string>();
    const removals: number[] = [];
    current.forEach((element, index) => {
        const key = elementKey(field, element);
        // A second copy of a wanted element is removed too: the server should hold each element once.
        if (wanted.has(key) && !kept.has(key)) kept.add(key);
        else removals.push(index);
    });
    const ops: Operation[] = [];
    for (const index of removals.reverse()) {
        if (guard) ops.push(...guardsOf(field, name, index, current[index]));
        ops.push({ op: "remove", path: pointer(name, index) });
    }
    const added = new Set<string>();
    for (const element of desired) {
        const key = elementKey(field, element);
        if (kept.has(key) || added.has(key)) continue;
        added.add(key);
        ops.push({ op: "add", path: pointer(name, "-"), value: elementForWrite(field, element) });
    }
    return ops;
}

/**
 * `test`s that the element at `index` is still the one to remove: its id, and its type too where the type
 * is part of its identity (an identity and a governance group may share an id). The server-filled name is
 * left out: a renamed object is still the same element.
 */
function guardsOf(field: SetField, name: string, index: number, element: unknown): Operation[] {
    if (field.kind === "referenceSet" && isPlainObject(element) && typeof element.id === "string") {
        const id: Operation = { op: "test", path: pointer(name, index, "id"), value: element.id };
        if (field.identity === "id" || typeof element.type !== "string") return [id];
        return [{ op: "test", path: pointer(name, index, "type"), value: element.type }, id];
    }
    return [{ op: "test", path: pointer(name, index), value: (stripUndefined(element) ?? null) as JsonValue }];
}

function byteSize(ops: Operation[]): number {
    return Buffer.byteLength(JSON.stringify(ops), "utf8");
}
