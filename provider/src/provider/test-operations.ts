/**
 * RFC 6902 `test` operations guard the removal of a set element by index (engine/plan-set.ts): a patch planned on a
 * stale order is refused whole instead of removing the wrong element. SailPoint's specs list `test` among the
 * operations every PATCH takes, but a tenant may refuse them, and ISC's answer to a failed `test` is a 400 like any
 * other refused patch. So this module
 *  - evaluates a patch's `test`s against an object here (failingTest): run against a fresh read after a 400, it
 *    tells a failed guard from a patch refused for another reason;
 *  - remembers, per collection (tenant, client id and path: collectionKey) and for the life of the process, what a
 *    tenant did with `test` operations: accepted them (a patch carrying them succeeded) or refused them (the same
 *    change succeeded once they were left out). update.ts acts on both.
 */
import { applyOperation, deepClone, type Operation } from "fast-json-patch";

export type TestSupport = "accepted" | "refused";

const learned = new Map<string, TestSupport>();

/** What this process learned about the collection's `test` operations, if anything. */
export function testSupport(key: string): TestSupport | undefined {
    return learned.get(key);
}

/**
 * Records what the tenant did; true when this is news. "refused" is final for the process: a tenant is not taken
 * back to `test` operations by a later patch (none is sent).
 */
export function noteTestSupport(key: string, support: TestSupport): boolean {
    const known = learned.get(key);
    if (known === support || known === "refused") return false;
    learned.set(key, support);
    return true;
}

export function hasTests(ops: readonly Operation[]): boolean {
    return ops.some((op) => op.op === "test");
}

/** Whether some operation addresses a list element by its index (`/entitlements/3`): its target depends on the order. */
export function addressesByIndex(ops: readonly Operation[]): boolean {
    return ops.some((op) => /^\/[^/]+\/\d+(?:\/|$)/.test(op.path));
}

/**
 * The first `test` of `ops` that fails on `object`, each judged on the object as the operations before it leave it
 * (RFC 6902: in order; a test of a location that does not exist fails). An operation that cannot be applied here
 * is skipped: that is not a failed guard, and the server decides it.
 */
export function failingTest(ops: readonly Operation[], object: Readonly<Record<string, unknown>>): Operation | undefined {
    let doc: unknown = deepClone(object);
    for (const op of ops) {
        try {
            doc = applyOperation(doc, op, op.op === "test", true).newDocument;
        } catch {
            if (op.op === "test") return op;
        }
    }
    return undefined;
}
