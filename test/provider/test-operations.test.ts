/**
 * RFC 6902 `test` operations and the 400s of a guarded patch (update.ts, test-operations.ts), against the in-memory
 * ISC of fake-isc.ts on a virtual clock:
 *  - a 400 for the change itself (a validation error) is reported with the server's message after the change was sent
 *    once more without `test`s (a read whose order is not the server's cannot tell it from a guard), never re-planned;
 *  - a 400 from a failed guard re-plans from a fresh read, its sets written whole (the read's order need not be the
 *    server's);
 *  - a tenant that refuses `test` operations: the change goes through without them, the process remembers it (one
 *    warning), and the next resource's patch is planned from a fresh read and carries no `test`;
 *  - isc:useTestOperations false: no `test`, the patch planned from the update's read, and a set it would change by
 *    index written whole: no index is taken from an answer unguarded.
 * Every update plans from a read of the object (update.ts, readCurrent): its GET comes first in each call sequence.
 */
import type { Operation } from "fast-json-patch";
import { update } from "../../provider/src/provider/lifecycle";
import { failingTest } from "../../provider/src/provider/test-operations";
import { declared, E, entIds, ents, existing, FakeIsc, setup } from "./fake-isc";

const FOUR = ents(E[0], E[1], E[2], E[3]);
/** The declared set without E1: the planner removes E1 by its index, guarded by a `test` of its id. */
const WITHOUT_E1 = ents(E[0], E[2], E[3]);
const FORBIDDEN = 'description: "forbidden" is not an allowed description';

const isTest = (o: Operation) => o.op === "test";
const methods = (isc: FakeIsc, from = 0) => isc.calls.slice(from).map((c) => c.method);
const failure = (p: Promise<unknown>): Promise<Error> =>
    p.then(
        () => {
            throw new Error("expected the update to fail");
        },
        (e: unknown) => e as Error,
    );

describe("a 400 that is not the guard", () => {
    test("on a tenant that took a guarded patch before: reported after the change went once more without tests (sets whole), with the server's message and trackingId", async () => {
        const { clock, isc, ctx, name } = setup();
        const earlier = existing(isc, `${name} earlier`, { entitlements: FOUR });
        await update(ctx, earlier.id, earlier.outs, declared(`${name} earlier`, { entitlements: WITHOUT_E1 }));
        expect(isc.patches()[0].some(isTest)).toBe(true);

        isc.rules = [(o) => (o.description === "forbidden" ? FORBIDDEN : undefined)];
        const { id, outs } = existing(isc, name, { entitlements: FOUR });
        const from = isc.calls.length;
        const err = await failure(update(ctx, id, outs, declared(name, { description: "forbidden", entitlements: WITHOUT_E1 })));
        // The update's read, one guarded attempt, one read to judge its tests, the change once more without them; no re-plan.
        expect(methods(isc, from)).toEqual(["GET", "PATCH", "GET", "PATCH"]);
        expect(isc.patches()[2]).toEqual(expect.arrayContaining([{ op: "replace", path: "/entitlements", value: WITHOUT_E1 }]));
        expect(isc.patches()[2].some(isTest)).toBe(false);
        expect(err.message).toContain(FORBIDDEN);
        expect(err.message).toMatch(/trackingId tracking-\d+/);
        expect(err.message).toContain(`AccessProfile "${name}" (id ${id}): update failed`);
        expect(clock.slept).toBe(0);
        expect(entIds(isc.current(id))).toEqual(FOUR.map((e) => e.id).sort());
    });

    test("on a tenant not yet known: the same change once more without `test`s, then reported with the server's message; nothing learned", async () => {
        const { clock, isc, ctx, name, warnings } = setup();
        isc.rules = [(o) => (o.description === "forbidden" ? FORBIDDEN : undefined)];
        const { id, outs } = existing(isc, name, { entitlements: FOUR });
        const err = await failure(update(ctx, id, outs, declared(name, { description: "forbidden", entitlements: WITHOUT_E1 })));
        expect(methods(isc)).toEqual(["GET", "PATCH", "GET", "PATCH"]);
        const [guarded, unguarded] = isc.patches();
        expect(guarded.some(isTest)).toBe(true);
        expect(unguarded.some(isTest)).toBe(false);
        expect(unguarded).toEqual(
            expect.arrayContaining([
                { op: "replace", path: "/description", value: "forbidden" },
                { op: "replace", path: "/entitlements", value: WITHOUT_E1 },
            ]),
        );
        expect(err.message).toContain(FORBIDDEN);
        expect(err.message).toContain("trackingId tracking-2");
        expect(clock.slept).toBe(0);
        expect(warnings).toEqual([]);

        // Not taken for a tenant that refuses `test`s: the next patch is guarded again.
        isc.rules = [];
        await update(ctx, id, outs, declared(name, { entitlements: WITHOUT_E1 }));
        expect(isc.patches()[2].some(isTest)).toBe(true);
        expect(entIds(isc.current(id))).toEqual(WITHOUT_E1.map((e) => e.id).sort());
    });
});

describe("a refused guard", () => {
    test("the test fails on the fresh read too: re-planned from it, the set written whole (the read's order need not be the server's), and the tenant is not taken to refuse tests", async () => {
        const { isc, ctx, name, warnings } = setup();
        const { id, outs } = existing(isc, name, { entitlements: FOUR });
        // Reordered in the UI since the state was written, and the update's read lags behind that change.
        isc.changeOutside(id, { entitlements: [...FOUR].reverse() });
        isc.staleReads = 1;
        await update(ctx, id, outs, declared(name, { entitlements: WITHOUT_E1 }));
        expect(methods(isc)).toEqual(["GET", "PATCH", "GET", "PATCH"]);
        const [refused, replanned] = isc.patches();
        expect(refused).toEqual([
            { op: "test", path: "/entitlements/1/id", value: E[1] },
            { op: "remove", path: "/entitlements/1" },
        ]);
        expect(replanned).toEqual([{ op: "replace", path: "/entitlements", value: WITHOUT_E1 }]);
        expect(entIds(isc.current(id))).toEqual(WITHOUT_E1.map((e) => e.id).sort());
        expect(warnings).toEqual([]);
    });
});

describe("reads that show a set in another order than the server applies indexes to", () => {
    test("a refused guard whose test holds on the read: the change once more without tests, sets whole; the tenant is still taken to accept tests", async () => {
        const { isc, ctx, name, warnings } = setup();
        const earlier = existing(isc, `${name} earlier`, { entitlements: FOUR });
        await update(ctx, earlier.id, earlier.outs, declared(`${name} earlier`, { entitlements: WITHOUT_E1 }));
        isc.readsReversed = true;
        const { id } = existing(isc, name, { entitlements: FOUR });
        // The state comes from a read: E1 shown at index 2, held at index 1.
        const shown = (await isc.get(id))!;
        const from = isc.calls.length;
        await update(ctx, id, shown, declared(name, { entitlements: WITHOUT_E1 }));
        expect(methods(isc, from)).toEqual(["GET", "PATCH", "GET", "PATCH"]);
        const [refused, whole] = isc.patches().slice(1);
        expect(refused).toEqual([
            { op: "test", path: "/entitlements/2/id", value: E[1] },
            { op: "remove", path: "/entitlements/2" },
        ]);
        expect(whole).toEqual([{ op: "replace", path: "/entitlements", value: WITHOUT_E1 }]);
        expect(entIds(isc.current(id))).toEqual(WITHOUT_E1.map((e) => e.id).sort());
        expect(warnings).toEqual([]);
        // Not learned as a tenant that refuses tests: the next removal is guarded again.
        isc.readsReversed = false;
        const next = existing(isc, `${name} next`, { entitlements: FOUR });
        await update(ctx, next.id, next.outs, declared(`${name} next`, { entitlements: WITHOUT_E1 }));
        expect(isc.patches()[isc.patches().length - 1].some(isTest)).toBe(true);
    });
});

describe("a tenant that refuses `test` operations", () => {
    test("the first update goes through without them (sets written whole) and warns once; the next resource's patch is planned from a read, no test", async () => {
        const { isc, ctx, name, warnings } = setup();
        isc.refuseTests = true;
        const first = existing(isc, `${name} A`, { entitlements: FOUR });
        await update(ctx, first.id, first.outs, declared(`${name} A`, { entitlements: WITHOUT_E1 }));
        expect(methods(isc)).toEqual(["GET", "PATCH", "GET", "PATCH"]);
        expect(isc.patches()[1]).toEqual([{ op: "replace", path: "/entitlements", value: WITHOUT_E1 }]);
        expect(entIds(isc.current(first.id))).toEqual(WITHOUT_E1.map((e) => e.id).sort());
        expect(warnings).toHaveLength(1);
        expect(warnings[0]).toContain("Unsupported operation: test");
        expect(warnings[0]).toContain("isc:useTestOperations");

        // The second resource: its state saw another order than the server holds (same version). The patch is planned
        // from a read, and the set it would change by index is written whole: no test guards an index now.
        const second = existing(isc, `${name} B`, { entitlements: FOUR });
        const stateOuts = { ...second.outs, entitlements: [...(second.outs.entitlements as unknown[])].reverse() };
        const from = isc.calls.length;
        await update(ctx, second.id, stateOuts, declared(`${name} B`, { entitlements: [...WITHOUT_E1, ...ents(E[4])] }));
        expect(methods(isc, from)).toEqual(["GET", "PATCH"]);
        expect(isc.patches()[2]).toEqual([{ op: "replace", path: "/entitlements", value: [...WITHOUT_E1, ...ents(E[4])] }]);
        expect(entIds(isc.current(second.id))).toEqual([E[0], E[2], E[3], E[4]].sort());
        expect(warnings).toHaveLength(1);
    });
});

describe("isc:useTestOperations false", () => {
    test("a removal by index: the object is read first and the patch planned from the read, the set written whole, with no test", async () => {
        const { isc, ctx, name, warnings } = setup({ useTestOperations: false });
        const { id, outs } = existing(isc, name, { entitlements: FOUR });
        // Planned from this state, `remove /entitlements/2` would drop E2 from the server's list; planned from a read,
        // an index would be right only if the server applied it to the order the read showed: the set goes whole.
        const stateOuts = { ...outs, entitlements: [...(outs.entitlements as unknown[])].reverse() };
        const res = await update(ctx, id, stateOuts, declared(name, { entitlements: WITHOUT_E1 }));
        expect(methods(isc)).toEqual(["GET", "PATCH"]);
        expect(isc.patches()[0]).toEqual([{ op: "replace", path: "/entitlements", value: WITHOUT_E1 }]);
        expect(entIds(isc.current(id))).toEqual(WITHOUT_E1.map((e) => e.id).sort());

        // Every update plans from a read (a change made in the UI since the state was written is undone too); a patch
        // that addresses no element by index is planned from it as it is, with no test either.
        const from = isc.calls.length;
        await update(ctx, id, res.outs, declared(name, { description: "edited", entitlements: [...WITHOUT_E1, ...ents(E[4])] }));
        expect(methods(isc, from)).toEqual(["GET", "PATCH"]);
        expect(isc.patches()[1].filter((o) => o.path.startsWith("/entitlements"))).toEqual([
            { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: E[4] } },
        ]);
        expect(isc.patches().flat().some(isTest)).toBe(false);
        expect(warnings).toEqual([]);
    });

    test("reads older than the state are waited out: the patch is never planned from an older version", async () => {
        const { isc, ctx, name } = setup({ useTestOperations: false });
        const made = existing(isc, name, { entitlements: FOUR });
        const v2 = await update(ctx, made.id, made.outs, declared(name, { description: "v2", entitlements: FOUR }));
        isc.staleReads = 2; // the next two reads still show the version before v2
        const from = isc.calls.length;
        await update(ctx, made.id, v2.outs, declared(name, { description: "v2", entitlements: WITHOUT_E1 }));
        expect(methods(isc, from)).toEqual(["GET", "GET", "GET", "PATCH"]);
        expect(isc.current(made.id)).toMatchObject({ description: "v2" });
        expect(entIds(isc.current(made.id))).toEqual(WITHOUT_E1.map((e) => e.id).sort());
    });
});

describe("failingTest: a patch's tests judged here", () => {
    const doc = { entitlements: [{ id: "a" }, { id: "b" }], segments: ["s1"] };
    test.each<[string, Operation[], number | undefined]>([
        [
            "all hold",
            [
                { op: "test", path: "/entitlements/1/id", value: "b" },
                { op: "remove", path: "/entitlements/1" },
            ],
            undefined,
        ],
        ["another element at the index", [{ op: "test", path: "/entitlements/0/id", value: "b" }], 0],
        ["an index past the end", [{ op: "test", path: "/entitlements/5/id", value: "b" }], 0],
        [
            "judged after the operations before it",
            [
                { op: "remove", path: "/entitlements/0" },
                { op: "test", path: "/entitlements/0/id", value: "b" },
            ],
            undefined,
        ],
        [
            "an inapplicable operation is not a failed test",
            [
                { op: "remove", path: "/missing/3" },
                { op: "test", path: "/segments/0", value: "s1" },
            ],
            undefined,
        ],
    ])("%s", (_name, ops, failing) => {
        expect(failingTest(ops, doc)).toBe(failing === undefined ? undefined : ops[failing]);
        expect(doc.entitlements).toHaveLength(2); // never changed
    });
});
