/** RFC 6902 JSON Patch as ISC applies it: the operations checked against the patchable fields, then applied literally. */
import { applyPatch, type Operation } from "fast-json-patch";
import { CODES, HttpError, show } from "./errors";
import { topField } from "./routes";
import { isObject, Json, JsonObject } from "./validation";

export const PATCH_OPS = ["add", "remove", "replace", "move", "copy", "test"] as const;

/**
 * The body's operations, or a 400 naming the first one that is malformed or touches a field that cannot be patched.
 * `refuseTest`: the tenant refuses RFC 6902 `test` operations (config `refuseTestOperations`), so a patch carrying one
 * is a 400 as well, whatever it tests.
 */
export function patchOperations(body: Json, patchable: readonly string[], options: { refuseTest?: boolean } = {}): Operation[] {
    if (!Array.isArray(body)) throw new HttpError(400, CODES.badContent, ["A JSON Patch body must be an array of operations."]);
    const ops: Operation[] = [];
    for (const [i, op] of body.entries()) {
        if (!isObject(op) || typeof op.op !== "string" || typeof op.path !== "string") {
            throw new HttpError(400, CODES.badContent, [`Operation ${i} is not a JSON Patch operation {op, path, ...}: ${show(op)}.`]);
        }
        if (!(PATCH_OPS as readonly string[]).includes(op.op)) {
            throw new HttpError(400, CODES.badContent, [`Operation ${i} has an unknown op ${show(op.op)}; allowed: ${PATCH_OPS.join(", ")}.`]);
        }
        if (op.op === "test" && options.refuseTest) {
            throw new HttpError(400, CODES.badContent, [
                `Unsupported operation: test (operation ${i}); allowed: ${PATCH_OPS.filter((o) => o !== "test").join(", ")}.`,
            ]);
        }
        for (const p of [op.path, ...(typeof op.from === "string" && op.op !== "copy" ? [op.from] : [])]) {
            const top = topField(p);
            if (op.op !== "test" && (top === undefined || !patchable.includes(top))) {
                throw new HttpError(400, CODES.badContent, [`Path ${show(p)} in operation ${i} is not patchable; patchable fields: ${patchable.join(", ")}.`]);
            }
        }
        ops.push(op as unknown as Operation);
    }
    return ops;
}

/** `current` with `ops` applied, all or nothing; a failed `test` or an inapplicable operation is a 400 naming it. */
export function applyOperations(current: JsonObject, ops: Operation[]): Json {
    try {
        return applyPatch(structuredClone(current), ops, true, true).newDocument as Json;
    } catch (e) {
        const err = e as { name?: string; message?: string; index?: number };
        const which = err.index !== undefined ? `operation ${err.index}` : "the patch";
        const text =
            err.name === "TEST_OPERATION_FAILED"
                ? `The test in ${which} failed: the object does not hold the tested value.`
                : `${which} cannot be applied: ${(err.message ?? "").split("\n")[0]}`;
        throw new HttpError(400, CODES.badContent, [text]);
    }
}

/** An access profile's source may change only together with its entitlements, in the same request (ISC's rule). */
export function checkSourceChange(current: JsonObject, result: JsonObject, ops: Operation[]): void {
    const before = (current.source as JsonObject | null)?.id;
    const after = isObject(result.source) ? result.source.id : undefined;
    const touchesEntitlements = ops.some((o) => o.op !== "test" && topField(o.path) === "entitlements");
    if (before !== after && !touchesEntitlements) {
        throw new HttpError(400, CODES.illegalValue, [
            `The source may change only together with the entitlements, in the same request: replace /entitlements with entitlements of source ${show(after)}.`,
        ]);
    }
}

/** An object's fields a client may write: all but the server's `id`, `created` and `modified`. */
export function writableFields(obj: JsonObject): JsonObject {
    const { id: _id, created: _created, modified: _modified, ...fields } = obj;
    return fields;
}
