/**
 * The lifecycle's recovery paths, against an in-memory ISC (fake-isc.ts: FakeIsc) whose reads can lag behind its
 * writes and whose answers can be lost, on a virtual clock (no test waits for real time):
 *  - a PATCH applied but answered with a dropped connection, while reads lag (never re-applied);
 *  - an update planned from a read of the object, not from state outputs that predate changes made in the UI;
 *  - a PATCH refused by its `test` guards (its read lagging behind a change), then re-planned from a newer read;
 *  - a PATCH on an object deleted outside Pulumi, and a 404 just after our own create;
 *  - two resources adopting one object;
 *  - create: an applied POST whose answer was lost, attempts exhausted, a failed look-up, a partial adopt;
 *  - delete: 404 inside and outside the propagation window.
 */
import { IscApiError } from "../../provider/src/client";
import { create, read, remove, repeatSafePlan, update } from "../../provider/src/provider/lifecycle";
import { definitionOf } from "../../provider/src/provider/registry";
import { BASE, declared, E, entIds, ents, existing, normalize, OWNER, setup, SOURCE, TIMEOUT_MS, type Props } from "./fake-isc";

const def = definitionOf("accessProfile");

describe("a PATCH applied whose answer was lost, with lagging reads (defect 1)", () => {
    test("the recovery waits for a read newer than the patch's basis and does not add the entitlement again", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        isc.patchFaults = ["applied-then-lost"];
        isc.staleReads = 3; // the next three GETs still show the list without the new entitlement
        const res = await update(ctx, id, outs, declared(name, { entitlements: ents(E[0], E[1], E[2]) }));
        expect(entIds(isc.current(id))).toEqual([E[0], E[1], E[2]].sort());
        expect(isc.patches()).toHaveLength(1); // the applied one, never again
        expect(isc.calls.filter((c) => c.method === "GET")).toHaveLength(5); // the update's read; three stale, then the newer one
        expect(res.outs.modified).toBe(isc.current(id)!.modified);
    });

    test("when reads lag past the deadline, the re-plan writes the set whole (repeat-safe), never appends twice", async () => {
        const { clock, isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        isc.patchFaults = ["applied-then-lost"];
        isc.staleReads = 1000;
        await update(ctx, id, outs, declared(name, { entitlements: ents(E[0], E[1], E[2]) }));
        expect(clock.slept).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
        const [first, second] = isc.patches();
        expect(first.filter((o) => o.op !== "test")).toEqual([{ op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: E[2] } }]);
        expect(second).toEqual([{ op: "replace", path: "/entitlements", value: ents(E[0], E[1], E[2]) }]);
        expect(entIds(isc.current(id))).toEqual([E[0], E[1], E[2]].sort());
    });

    test("a lost answer of a patch that was NOT applied: after the deadline the repeat-safe re-plan applies it once", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        isc.patchFaults = ["lost-unapplied"];
        await update(ctx, id, outs, declared(name, { description: "new text", entitlements: ents(E[0], E[1], E[2]) }));
        const second = isc.patches()[1];
        expect(second.map((o) => `${o.op} ${o.path}`).sort()).toEqual(["replace /description", "replace /entitlements"]);
        expect(isc.current(id)).toMatchObject({ description: "new text" });
        expect(entIds(isc.current(id))).toEqual([E[0], E[1], E[2]].sort());
    });

    test("a removal and an addition, applied and lost, reads lagging once: nothing is removed or added twice", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name, { entitlements: ents(E[0], E[1], E[2], E[3]) });
        isc.patchFaults = ["applied-then-lost"];
        isc.staleReads = 1;
        const desired = declared(name, { entitlements: ents(E[1], E[2], E[3], E[4]) });
        await update(ctx, id, outs, desired);
        expect(entIds(isc.current(id))).toEqual([E[1], E[2], E[3], E[4]].sort());
        expect(isc.patches()).toHaveLength(1);
    });

    test("repeatSafePlan: set operations become one whole replace; an emptied set is written as []", () => {
        const obj = normalize({ id: "x", name: "n", owner: OWNER, source: SOURCE, entitlements: ents(E[0], E[1], E[2], E[3]), segments: ["s1", "s2", "s3"] });
        const plan = repeatSafePlan(def, obj, declared("n", { entitlements: ents(E[1], E[2], E[3], E[4]), segments: [] }));
        expect(plan.map((o) => `${o.op} ${o.path}`).sort()).toEqual(["replace /entitlements", "replace /segments"]);
        expect(plan.find((o) => o.path === "/segments")).toMatchObject({ value: [] });
        for (const op of plan) expect(op.path).not.toMatch(/\/(\d+|-)(\/|$)/);
    });
});

describe("re-plan after a refused guard", () => {
    test("a list reordered in the UI since the state was written: the update plans from its read, one guarded patch", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name, { entitlements: ents(E[0], E[1], E[2], E[3]) });
        // Someone reordered the list since the state was written; the state still shows the old order.
        isc.changeOutside(id, { entitlements: ents(E[3], E[2], E[1], E[0]) });
        await update(ctx, id, outs, declared(name, { entitlements: ents(E[1], E[2], E[3], E[4]) }));
        const patches = isc.patches();
        expect(patches).toHaveLength(1);
        expect(patches[0]).toContainEqual({ op: "test", path: "/entitlements/3/id", value: E[0] });
        expect(entIds(isc.current(id))).toEqual([E[1], E[2], E[3], E[4]].sort());
    });

    test("a removal planned on a read that lags behind a reorder is refused by its test, then re-planned from a newer read", async () => {
        const { clock, isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name, { entitlements: ents(E[0], E[1], E[2], E[3]) });
        isc.changeOutside(id, { entitlements: ents(E[3], E[2], E[1], E[0]) });
        isc.staleReads = 1; // the update's read still shows the old order
        await update(ctx, id, outs, declared(name, { entitlements: ents(E[1], E[2], E[3], E[4]) }));
        const patches = isc.patches();
        expect(patches).toHaveLength(2);
        expect(patches[0].some((o) => o.op === "test")).toBe(true);
        expect(clock.slept).toBe(0);
        expect(entIds(isc.current(id))).toEqual([E[1], E[2], E[3], E[4]].sort());
    });

    test("state outputs in another order than the server's, same version: planned from the read, no refused patch, no wait", async () => {
        const { clock, isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name, { entitlements: ents(E[0], E[1], E[2], E[3]) });
        const stateOuts = { ...outs, entitlements: [...(outs.entitlements as unknown[])].reverse() };
        await update(ctx, id, stateOuts, declared(name, { entitlements: ents(E[1], E[2], E[3], E[4]) }));
        expect(isc.patches()).toHaveLength(1);
        expect(clock.slept).toBe(0);
        expect(entIds(isc.current(id))).toEqual([E[1], E[2], E[3], E[4]].sort());
    });

    test("the object deleted outside Pulumi between a refused guard and the re-read: said so", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name, { entitlements: ents(E[0], E[1], E[2], E[3]) });
        isc.patchRefusals = [new IscApiError(400, "PATCH", `${BASE}/${id}`, { messages: ["test operation failed"] })];
        isc.deleteOutside(id);
        await expect(update(ctx, id, outs, declared(name, { entitlements: ents(E[1], E[2], E[3], E[4]) }))).rejects.toThrow(
            /deleted outside Pulumi.*pulumi up --refresh.*GET \/v3\/access-profiles\/\w+ answered 404/s,
        );
    });

    test("an entitlement added in the UI that the program now declares too: planned from the read, it is not appended again", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        // The state thinks E2 is not there, the server has it: appended again, it would be a 400 ("appear once").
        isc.changeOutside(id, { entitlements: ents(E[0], E[1], E[2]) });
        const res = await update(ctx, id, outs, declared(name, { entitlements: ents(E[0], E[1], E[2]) }));
        expect(isc.patches()).toHaveLength(0);
        expect(res.outs.modified).toBe(isc.current(id)!.modified);
    });

    test("a patch refused for another reason is reported as it is, with no re-plan", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        isc.rules = [(o) => (o.description === "forbidden" ? "description: not allowed" : undefined)];
        await expect(update(ctx, id, outs, declared(name, { description: "forbidden" }))).rejects.toThrow(/not allowed/);
        expect(isc.patches()).toHaveLength(1);
    });
});

describe("an object deleted outside Pulumi (defect 2)", () => {
    test("update outside the propagation window says it was deleted outside Pulumi and how to re-create it", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        isc.deleteOutside(id);
        const err = await update(ctx, id, outs, declared(name, { description: "edited" })).then(
            () => undefined,
            (e: unknown) => e as Error,
        );
        expect(err?.message).toContain(`AccessProfile "${name}" (id ${id}): update failed`);
        expect(err?.message).toMatch(/deleted outside Pulumi/);
        expect(err?.message).toContain("pulumi up --refresh");
        expect(err?.message).toMatch(/404/); // ISC's own answer is kept
        expect(isc.patches()).toHaveLength(0); // the update's read found it gone: no PATCH sent
    });

    test("inside the window after our own create, a 404 from PATCH is a replica that has not seen the object yet", async () => {
        const { isc, ctx, name } = setup();
        const made = await create(ctx, declared(name));
        isc.missingPatches = 2;
        isc.missingReads = 2;
        const res = await update(ctx, made.id, made.outs, declared(name, { description: "edited at once" }));
        expect(res.outs).toMatchObject({ description: "edited at once" });
    });
});

describe("two resources adopting one object (defect 3)", () => {
    test("the second adopt is refused, naming both resources, and sends nothing", async () => {
        const { isc, ctx } = setup();
        const { id } = existing(isc, "Legacy");
        const first = await create(ctx, declared("Legacy A", { adoptId: id }));
        expect(first.id).toBe(id);
        const before = isc.calls.length;
        const err = await create(ctx, declared("Legacy B", { adoptId: id })).then(
            () => undefined,
            (e: unknown) => e as Error,
        );
        expect(err?.message).toContain('AccessProfile "Legacy B"');
        expect(err?.message).toContain('AccessProfile "Legacy A"');
        expect(err?.message).toContain(id);
        expect(err?.message).toMatch(/does not tell a dynamic provider/);
        expect(isc.calls.slice(before)).toEqual([]);
        expect(isc.current(id)).toMatchObject({ name: "Legacy A" });
    });

    test("two concurrent adopts: exactly one succeeds", async () => {
        const { isc, ctx } = setup();
        const { id } = existing(isc, "Legacy");
        const results = await Promise.allSettled([create(ctx, declared("C1", { adoptId: id })), create(ctx, declared("C2", { adoptId: id }))]);
        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    });

    test("adopting an object another resource created in this process is refused", async () => {
        const { ctx } = setup();
        const made = await create(ctx, declared("Made Here"));
        await expect(create(ctx, declared("Grabber", { adoptId: made.id }))).rejects.toThrow(/AccessProfile "Grabber".*AccessProfile "Made Here"/s);
    });

    test("an adopt that failed before the object was in the state claims nothing", async () => {
        const { isc, ctx } = setup();
        const { id } = existing(isc, "Legacy");
        isc.readFailures = 1;
        await expect(create(ctx, declared("First Try", { adoptId: id }))).rejects.toThrow(/reading the existing object/);
        await expect(create(ctx, declared("Second Try", { adoptId: id }))).resolves.toMatchObject({ id });
    });

    test("after a delete, the id is no longer claimed", async () => {
        const { isc, ctx } = setup();
        const { id } = existing(isc, "Legacy");
        const a = await create(ctx, declared("Owner One", { adoptId: id }));
        await remove(ctx, id, a.outs);
        expect(isc.current(id)).toBeUndefined();
        // Adopting it again fails because it is gone, not because it is claimed.
        await expect(create(ctx, declared("Owner Two", { adoptId: id }))).rejects.toThrow(/no AccessProfile with id/);
    });
});

describe("create", () => {
    test("a POST applied whose answer was lost: the object is found by name, not created twice", async () => {
        const { isc, ctx, name } = setup();
        isc.createFaults = ["applied-then-lost"];
        const res = await create(ctx, declared(name));
        expect(isc.calls.filter((c) => c.method === "POST")).toHaveLength(1);
        expect(isc.current(res.id)).toMatchObject({ name });
    });

    test("attempts exhausted: three POSTs with unknown outcome and no object found", async () => {
        const { isc, ctx, name } = setup();
        isc.createFaults = ["lost-unapplied", "lost-unapplied", "lost-unapplied"];
        await expect(create(ctx, declared(name))).rejects.toThrow(/after 3 attempts whose outcome stayed unknown/);
        expect(isc.calls.filter((c) => c.method === "POST")).toHaveLength(3);
    });

    test("a failed look-up during recovery stops before another POST", async () => {
        const { isc, ctx, name } = setup();
        isc.createFaults = ["lost-unapplied"];
        isc.listFails = true;
        await expect(create(ctx, declared(name))).rejects.toThrow(/looking for the object a POST with an unknown outcome may have made.*503/);
        expect(isc.calls.filter((c) => c.method === "POST")).toHaveLength(1);
    });

    test("a partial create: the adopted object exists, its patch fails; the error carries the id and properties", async () => {
        const { isc, ctx } = setup();
        const { id } = existing(isc, "Half");
        isc.patchRefusals = [
            new IscApiError(400, "PATCH", `${BASE}/${id}`, { detailCode: "400.1.404 Referenced object not found", messages: ["owner: no such identity"] }),
        ];
        const err = await create(ctx, declared("Half", { adoptId: id, description: "declared" })).then(
            () => undefined,
            (e: unknown) => e as Error & { id?: string; properties?: Props },
        );
        expect(err?.name).toBe("IscPartialCreateError");
        expect(err?.id).toBe(id);
        expect(err?.properties).toMatchObject({ name: "Half" });
        expect(err?.message).toMatch(/adopt \(patching the existing object to its declared state\) failed: .*no such identity/);
    });
});

describe("read", () => {
    test("right after our own write, a stale replica is waited out", async () => {
        const { isc, ctx, name } = setup();
        const made = await create(ctx, declared(name));
        const res = await update(ctx, made.id, made.outs, declared(name, { description: "v2" }));
        isc.staleReads = 2;
        const r = await read(ctx, made.id, res.outs);
        expect(r.props).toMatchObject({ description: "v2" });
    });
});

describe("delete", () => {
    test("404 inside the propagation window of our own create: tried again until the object is seen and deleted", async () => {
        const { isc, ctx, name } = setup();
        const made = await create(ctx, declared(name));
        isc.missingDeletes = 2;
        await remove(ctx, made.id, made.outs);
        expect(isc.current(made.id)).toBeUndefined();
        expect(isc.calls.filter((c) => c.method === "DELETE")).toHaveLength(3);
    });

    test("404 outside the window: already gone, one call, no error", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        isc.deleteOutside(id);
        await remove(ctx, id, outs);
        expect(isc.calls.filter((c) => c.method === "DELETE")).toHaveLength(1);
    });
});
