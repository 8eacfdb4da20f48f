/**
 * The lifecycle's recovery paths not covered by lifecycle.test.ts, on the same in-memory ISC (fake-isc.ts) and
 * virtual clock:
 *  - create after a POST with an unknown outcome: a look-up that fails once and then answers; objects that are not
 *    ours (made before the POST, or with other fields); two lost POSTs of identical declarations;
 *  - isc:adoptOnCreate (the run after a killed `pulumi up`): what it takes over, what it never takes, a failed listing,
 *    and how the setting is read;
 *  - update: unknown outcomes until the re-plans run out;
 *  - delete: a 404 inside the propagation window that lasts until the deadline.
 */
import { IscApiError } from "../../provider/src/client";
import type { ServerObject } from "../../provider/src/provider/api";
import { create, remove, update, type LifecycleContext } from "../../provider/src/provider/lifecycle";
import { resolveProviderSettings } from "../../provider/src/provider/settings";
import { BASE, declared, E, ents, existing, FakeIsc, setup as baseSetup, TIMEOUT_MS } from "./fake-isc";

/** FakeIsc with look-ups by name that fail a given number of times, and the whole listing isc:adoptOnCreate reads. */
class RecoveryIsc extends FakeIsc {
    /** How many of the next look-ups by name fail (then they answer again). */
    listFailures = 0;

    override async list(): Promise<ServerObject[]> {
        if (this.listFailures > 0) {
            this.listFailures--;
            this.calls.push({ method: "LIST" });
            throw new IscApiError(503, "GET", BASE, { messages: ["Service Unavailable"] });
        }
        return super.list();
    }

    /** The whole collection, as the run's list snapshot serves it; fails when `listFails`. */
    async listAll(): Promise<ServerObject[]> {
        const all = await super.list();
        this.calls[this.calls.length - 1] = { method: "LIST ALL" };
        return all;
    }
}

function setup(options: Pick<LifecycleContext, "adoptOnCreate"> = {}) {
    const base = baseSetup();
    const isc = new RecoveryIsc(base.clock);
    return { ...base, isc, ctx: { ...base.ctx, api: isc.asApi(), ...options } };
}

const posts = (calls: Array<{ method: string }>) => calls.filter((c) => c.method === "POST").length;

describe("create after a POST whose outcome is unknown", () => {
    test("a look-up that fails once and then answers: the object is found, no second POST", async () => {
        const { isc, ctx, name } = setup();
        isc.createFaults = ["applied-then-lost"];
        isc.listFailures = 1;
        const res = await create(ctx, declared(name));
        expect(posts(isc.calls)).toBe(1);
        expect(isc.calls.filter((c) => c.method === "LIST")).toHaveLength(2);
        expect(isc.current(res.id)).toMatchObject({ name });
    });

    test("an object with the same name made before the POST is someone else's: another POST", async () => {
        const { isc, ctx, name } = setup();
        const older = existing(isc, name); // created long before, identical fields
        isc.createFaults = ["lost-unapplied"];
        const res = await create(ctx, declared(name));
        expect(res.id).not.toBe(older.id);
        expect(posts(isc.calls)).toBe(2);
    });

    test("an object with the same name and other fields is not ours: another POST", async () => {
        const { isc, ctx, name } = setup();
        // Made by someone else a moment ago (within the clock-skew allowance of our POST): same name, another description.
        const theirs = await isc.create({ ...declared(name), description: "theirs" });
        isc.createFaults = ["lost-unapplied"];
        const res = await create(ctx, declared(name));
        expect(res.id).not.toBe(theirs.id);
        expect(posts(isc.calls)).toBe(3); // theirs, our lost one, our second
        expect(isc.current(res.id)).toMatchObject({ name, description: null });
    });

    test("two identical declarations whose POSTs were both applied and lost: each takes its own object", async () => {
        const { isc, ctx, name } = setup();
        isc.createFaults = ["applied-then-lost", "applied-then-lost"];
        const [a, b] = await Promise.all([create(ctx, declared(name)), create(ctx, declared(name))]);
        expect(posts(isc.calls)).toBe(2);
        expect(a.id).not.toBe(b.id);
    });
});

describe("isc:adoptOnCreate (the run after a killed pulumi up)", () => {
    test("an object with the declared name and fields is taken over: no POST, a warning naming it", async () => {
        const { isc, ctx, name, warnings } = setup({ adoptOnCreate: true });
        const left = existing(isc, name);
        const res = await create(ctx, declared(name));
        expect(res.id).toBe(left.id);
        expect(res.outs).toMatchObject({ name, created: isc.current(left.id)!.created });
        expect(posts(isc.calls)).toBe(0);
        expect(warnings).toEqual([
            `AccessProfile "${name}" (id ${left.id}): took over the existing object with the declared name and fields instead of creating another (isc:adoptOnCreate)`,
        ]);
    });

    test("off (the default): the same object is not looked for, a POST creates another", async () => {
        const { isc, ctx, name } = setup();
        const left = existing(isc, name);
        const res = await create(ctx, declared(name));
        expect(res.id).not.toBe(left.id);
        expect(isc.calls.map((c) => c.method)).toEqual(["POST"]);
    });

    test("an object whose fields differ from the declaration is not taken: a POST", async () => {
        const { isc, ctx, name, warnings } = setup({ adoptOnCreate: true });
        const left = existing(isc, name, { entitlements: ents(E[0]) });
        const res = await create(ctx, declared(name));
        expect(res.id).not.toBe(left.id);
        expect(posts(isc.calls)).toBe(1);
        expect(warnings).toEqual([]);
    });

    test("an object this run already holds is not taken twice: of two identical declarations and one object, one takes it, the other POSTs", async () => {
        const { isc, ctx, name } = setup({ adoptOnCreate: true });
        const left = existing(isc, name);
        const [a, b] = await Promise.all([create(ctx, declared(name)), create(ctx, declared(name))]);
        expect([a.id, b.id]).toContain(left.id);
        expect(a.id).not.toBe(b.id);
        expect(posts(isc.calls)).toBe(1);
        // A third create in the same run finds both held.
        const c = await create(ctx, declared(name));
        expect([a.id, b.id]).not.toContain(c.id);
    });

    test("the listing fails: the create fails naming the setting, with no POST", async () => {
        const { isc, ctx, name } = setup({ adoptOnCreate: true });
        isc.listFails = true;
        await expect(create(ctx, declared(name))).rejects.toThrow(/isc:adoptOnCreate: listing the collection.*503/s);
        expect(posts(isc.calls)).toBe(0);
    });
});

describe("the setting: isc:adoptOnCreate / SAIL_ADOPT_ON_CREATE", () => {
    const stack = { baseUrl: "https://acme.api.identitynow.com", clientId: "id", clientSecret: "secret" };
    test.each<[string, Record<string, string>, NodeJS.ProcessEnv, boolean]>([
        ["off by default", {}, {}, false],
        ["on from the environment (the recovery run)", {}, { SAIL_ADOPT_ON_CREATE: "true" }, true],
        ["stack config wins over the environment", { adoptOnCreate: "false" }, { SAIL_ADOPT_ON_CREATE: "true" }, false],
        ["any case, spaces around", { adoptOnCreate: " TRUE " }, {}, true],
    ])("%s", (_what, config, env, on) => {
        expect(resolveProviderSettings({ ...stack, ...config }, env).adoptOnCreate).toBe(on);
    });

    test("another value is refused, naming both places to set it", () => {
        expect(() => resolveProviderSettings(stack, { SAIL_ADOPT_ON_CREATE: "yes" })).toThrow(
            'isc:adoptOnCreate (or SAIL_ADOPT_ON_CREATE) is "yes": use true or false.',
        );
    });
});

describe("update", () => {
    test("every PATCH's outcome unknown: after the re-plans run out, the failure is reported, never an endless loop", async () => {
        const { isc, ctx, name } = setup();
        const { id, outs } = existing(isc, name);
        isc.patchFaults = Array.from({ length: 10 }, () => "lost-unapplied" as const);
        await expect(update(ctx, id, outs, declared(name, { description: "never applied" }))).rejects.toThrow(/update failed.*dropped/s);
        expect(isc.patches()).toHaveLength(5); // the first and four re-plans
        expect(isc.current(id)).toMatchObject({ description: null });
    });
});

describe("delete", () => {
    test("404 inside the window of our own create, lasting past the deadline: stops at the deadline without error", async () => {
        const { clock, isc, ctx, name } = setup();
        const made = await create(ctx, declared(name));
        isc.missingDeletes = 1000;
        const started = clock.now();
        await remove(ctx, made.id, made.outs);
        expect(clock.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
        expect(clock.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
        expect(isc.calls.filter((c) => c.method === "DELETE").length).toBeGreaterThan(2);
    });
});
