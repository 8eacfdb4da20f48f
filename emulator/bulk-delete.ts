/** `POST /access-profiles/bulk-delete`, as SailPoint's spec documents it. */
import { CODES, HttpError, show } from "./errors";
import { hexId, Random } from "./random";
import type { Answer } from "./answer";
import { AccessProfileUser, Store } from "./store";
import { isObject, Json } from "./validation";

/** At most this many ids in one bulk delete (ISC's documented limit). */
export const BULK_DELETE_MAX = 50;
/** `taskId` of a bulk delete that started no task (nothing deleted); ISC's spec leaves it undefined there. */
export const NO_TASK_ID = "";

/**
 * `POST /access-profiles/bulk-delete` as SailPoint's spec documents it (AccessProfileBulkDeleteRequest ->
 * AccessProfileBulkDeleteResponse). Ids that do not exist are skipped: neither pending nor in use. When a profile
 * is in use and `bestEffortOnly` is not true, nothing is deleted (200); otherwise the others are deleted as a
 * single DELETE deletes them (same lag) and the answer is 202 with a task id. Nothing to delete at all is a 200
 * with `taskId` "" (no task started).
 */
export function bulkDelete(body: Json, store: Store, keepMs: number, random: Random): Answer {
    const refuse = (code: string, text: string): never => {
        throw new HttpError(400, code, [text]);
    };
    const shape = `{"accessProfileIds": [1 to ${BULK_DELETE_MAX} ids], "bestEffortOnly": true|false}`;
    if (!isObject(body)) return refuse(CODES.badContent, `The body must be a JSON object ${shape}; got ${show(body)}.`);
    const fields = ["accessProfileIds", "bestEffortOnly"];
    for (const key of Object.keys(body))
        if (!fields.includes(key)) refuse(CODES.badContent, `Unknown field "${key}" in the bulk delete request; allowed: ${fields.join(", ")}.`);
    const list = body.accessProfileIds;
    if (!Array.isArray(list))
        return refuse(CODES.badContent, `accessProfileIds must be an array of 1 to ${BULK_DELETE_MAX} access profile ids; got ${show(list ?? null)}.`);
    if (list.length === 0 || list.length > BULK_DELETE_MAX) {
        refuse(CODES.limit, `accessProfileIds has ${list.length} ids; send 1 to ${BULK_DELETE_MAX}.`);
    }
    const ids: string[] = [];
    for (const [i, id] of list.entries()) {
        if (typeof id !== "string") return refuse(CODES.badContent, `accessProfileIds[${i}] must be a string id; got ${show(id)}.`);
        if (!ids.includes(id)) ids.push(id);
    }
    const best = body.bestEffortOnly;
    if (best !== undefined && best !== null && typeof best !== "boolean") refuse(CODES.badContent, `bestEffortOnly must be true or false; got ${show(best)}.`);

    const existing = ids.filter((id) => store.current("access-profiles", id) !== undefined);
    const inUse: Array<{ accessProfileId: string; usedBy: AccessProfileUser[] }> = [];
    const deletable: string[] = [];
    for (const id of existing) {
        const users = store.inUse.get(id);
        if (users) inUse.push({ accessProfileId: id, usedBy: structuredClone(users) });
        else deletable.push(id);
    }
    if ((inUse.length > 0 && best !== true) || deletable.length === 0) {
        return { status: 200, body: { taskId: NO_TASK_ID, pending: [], inUse } };
    }
    for (const id of deletable) store.remove("access-profiles", id, Date.now(), keepMs);
    return { status: 202, body: { taskId: hexId(random), pending: deletable, inUse }, applied: true };
}
