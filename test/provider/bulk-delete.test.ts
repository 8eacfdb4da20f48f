/** Access-profile deletes coalesced into bulk-delete calls, each resource told its own outcome. */
import { BulkDeleteAnswer, DeleteBatcher, MAX_IDS, parseBulkDeleteAnswer } from "../../provider/src/provider/bulk-delete";
import { IscInUseError, isIscInUseError } from "../../provider/src/provider/errors";
import { IscApiError, IscOutcomeUnknownError } from "../../provider/src/client";

function calls(answer: (ids: string[]) => BulkDeleteAnswer | Error, missing: Set<string> = new Set()) {
    const bulks: string[][] = [];
    const singles: string[] = [];
    return {
        bulks,
        singles,
        calls: {
            bulk: async (ids: string[]) => {
                bulks.push(ids);
                const a = answer(ids);
                if (a instanceof Error) throw a;
                return a;
            },
            single: async (id: string) => {
                singles.push(id);
                return !missing.has(id);
            },
        },
    };
}

const everyPending = (ids: string[]): BulkDeleteAnswer => ({ pending: ids, inUse: [] });

test("120 concurrent deletes: 3 bulk calls of at most 50 ids, no single DELETE", async () => {
    const c = calls(everyPending);
    const batcher = new DeleteBatcher(c.calls, 20);
    const ids = Array.from({ length: 120 }, (_, i) => `ap${i}`);
    expect(await Promise.all(ids.map((id) => batcher.delete(id)))).toEqual(ids.map(() => true));
    expect(c.bulks.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(c.bulks.flat().sort()).toEqual([...ids].sort());
    expect(c.singles).toEqual([]);
    expect(Math.max(...c.bulks.map((b) => b.length))).toBeLessThanOrEqual(MAX_IDS);
});

test("one delete alone is a plain DELETE (no bulk call), and 404 still reads as not found", async () => {
    const c = calls(everyPending, new Set(["gone"]));
    const batcher = new DeleteBatcher(c.calls, 5);
    expect(await batcher.delete("gone")).toBe(false);
    expect(c.bulks).toEqual([]);
    expect(c.singles).toEqual(["gone"]);
});

test("a profile in use fails alone, naming what uses it; the others of its batch are deleted", async () => {
    const c = calls((ids) => ({
        pending: ids.filter((id) => id !== "ap2"),
        inUse: [{ accessProfileId: "ap2", usedBy: [{ type: "ROLE", id: "r1", name: "Finance Role" }] }],
    }));
    const batcher = new DeleteBatcher(c.calls, 5);
    const results = await Promise.allSettled(["ap1", "ap2", "ap3"].map((id) => batcher.delete(id)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const error = (results[1] as PromiseRejectedResult).reason as IscInUseError;
    expect(isIscInUseError(error)).toBe(true);
    expect(error.message).toContain('ROLE "Finance Role" (id r1)');
    expect(c.singles).toEqual([]);
});

test("ids the answer does not mention are settled by a single DELETE each", async () => {
    const c = calls((ids) => ({ pending: ids.filter((id) => id !== "unknown"), inUse: [] }), new Set(["unknown"]));
    const batcher = new DeleteBatcher(c.calls, 5);
    expect(await Promise.all(["a", "unknown", "b"].map((id) => batcher.delete(id)))).toEqual([true, false, true]);
    expect(c.singles).toEqual(["unknown"]);
});

test.each([
    ["an unknown outcome", new IscOutcomeUnknownError("POST", "/v3/access-profiles/bulk-delete", "socket hang up")],
    ["a 400", new IscApiError(400, "POST", "/v3/access-profiles/bulk-delete", { messages: ["no"] })],
    ["a 404 (no such route on this version)", new IscApiError(404, "POST", "/beta/access-profiles/bulk-delete", { messages: [] })],
])("after %s from the bulk call, every id gets its own DELETE", async (_label, error) => {
    const c = calls(() => error);
    const batcher = new DeleteBatcher(c.calls, 5);
    expect(await Promise.all(["a", "b", "c"].map((id) => batcher.delete(id)))).toEqual([true, true, true]);
    expect(c.singles.sort()).toEqual(["a", "b", "c"]);
});

test("a 403 on the bulk call fails every delete of the batch with it", async () => {
    const forbidden = new IscApiError(403, "POST", "/v3/access-profiles/bulk-delete", { messages: ["forbidden"] });
    const c = calls(() => forbidden);
    const batcher = new DeleteBatcher(c.calls, 5);
    const results = await Promise.allSettled(["a", "b"].map((id) => batcher.delete(id)));
    expect(results.every((r) => r.status === "rejected" && r.reason === forbidden)).toBe(true);
    expect(c.singles).toEqual([]);
});

test("the documented answer is read; odd shapes are tolerated", () => {
    expect(
        parseBulkDeleteAnswer({
            taskId: "2c9180835d191a86015d28455b4a2329",
            pending: ["a", "b"],
            inUse: [{ accessProfileId: "c", usedBy: [{ type: "ROLE", id: "r", name: "Role R" }] }],
        }),
    ).toEqual({ pending: ["a", "b"], inUse: [{ accessProfileId: "c", usedBy: [{ type: "ROLE", id: "r", name: "Role R" }] }] });
    expect(parseBulkDeleteAnswer(null)).toEqual({ pending: [], inUse: [] });
    expect(parseBulkDeleteAnswer({ pending: [1, "x"], inUse: [{ nope: 1 }, { accessProfileId: "y" }] })).toEqual({
        pending: ["x"],
        inUse: [{ accessProfileId: "y", usedBy: [] }],
    });
});
