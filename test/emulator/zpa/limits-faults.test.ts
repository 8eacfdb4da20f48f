/** Rate limits per client (reads and writes apart), seeded faults (edit locks deterministic per key), consistency lag. */
import { startZpaEmulator, zpaKeyedFaults, ZPA_NO_FAULTS, type ZpaFaults } from "../../../emulator/zpa";
import { signin, zpa, type Zpa } from "./helpers";

type Group = { id: string; name: string };

describe("rate limits", () => {
    let z: Zpa;
    beforeAll(async () => {
        z = await zpa({
            rateLimit: { reads: 3, writes: 2, windowMs: 60_000 },
            clients: [
                { id: "zpa-demo-client", secret: "zpa-demo-secret" },
                { id: "other", secret: "other-secret" },
            ],
        });
    });
    afterAll(() => z.close());

    test("reads and writes have their own budgets per client; the one over it is a 429 with Retry-After and X-Ratelimit-*", async () => {
        const remaining: string[] = [];
        for (let i = 0; i < 3; i++) {
            const r = await z.api("GET", "/segmentGroup");
            expect(r.status).toBe(200);
            remaining.push(r.headers.get("x-ratelimit-remaining")!);
        }
        expect(remaining).toEqual(["2", "1", "0"]);
        const over = await z.api("GET", "/segmentGroup");
        expect(over.status).toBe(429);
        expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(59);
        expect(over.headers.get("x-ratelimit-limit")).toBe("3");
        expect(over.headers.get("x-ratelimit-remaining")).toBe("0");
        // Writes still have their budget of 2.
        expect((await z.api("POST", "/segmentGroup", { name: "w1" })).status).toBe(200);
        expect((await z.api("POST", "/segmentGroup", { name: "w2" })).status).toBe(200);
        expect((await z.api("POST", "/segmentGroup", { name: "w3" })).status).toBe(429);
        // Another client has its own.
        const other = (await signin(z.emu.url, "other", "other-secret")).body.access_token as string;
        expect((await z.api("GET", "/segmentGroup", undefined, { token: other })).status).toBe(200);
    });
});

describe("faults", () => {
    const EDIT_LOCKS: Partial<ZpaFaults> = { rate: 0.5, kinds: ["editLock409", "editLock412"], sequence: "per-key" };

    /** The statuses of `count` PUTs of one group, and the PUT key, on a fresh emulator; `noise` interleaves another group's PUTs. */
    async function putStatuses(seed: number, count: number, noise: boolean): Promise<{ statuses: number[]; key: string; bodies: unknown[] }> {
        const z = await zpa({ seed, rateLimit: null, faults: EDIT_LOCKS });
        try {
            const g = (await z.admin<Group>("POST", "/segmentGroups", { name: "Locked" })).body;
            const n = (await z.admin<Group>("POST", "/segmentGroups", { name: "Noise" })).body;
            const statuses: number[] = [];
            const bodies: unknown[] = [];
            for (let i = 0; i < count; i++) {
                if (noise) await z.api("PUT", `/segmentGroup/${n.id}`, { name: "Noise", description: `n${i}` });
                const r = await z.api("PUT", `/segmentGroup/${g.id}`, { name: "Locked", description: `d${i}` });
                statuses.push(r.status);
                bodies.push(r.body);
            }
            const key = (await z.log()).find((e) => e.path.endsWith(g.id))!.faultKey!;
            return { statuses, key, bodies };
        } finally {
            await z.close();
        }
    }

    test("edit-lock faults (409 and 412 EDIT_LOCK_NOT_AVAILABLE) follow the seed per key, whatever else is sent", async () => {
        const a = await putStatuses(7, 16, false);
        const b = await putStatuses(7, 16, true);
        expect(b.statuses).toEqual(a.statuses);
        expect(a.key).toBe('PUT v1 /segmentGroup/name="Locked"');
        const predicted = zpaKeyedFaults(7, { ...ZPA_NO_FAULTS, ...EDIT_LOCKS }, a.key, 16).map((f) =>
            f === "editLock409" ? 409 : f === "editLock412" ? 412 : 204,
        );
        expect(a.statuses).toEqual(predicted);
        expect(a.statuses).toEqual(expect.arrayContaining([204, 409, 412]));
        const locked = a.bodies.filter((_, i) => a.statuses[i] !== 204);
        for (const body of locked) expect(body).toMatchObject({ id: "EDIT_LOCK_NOT_AVAILABLE" });
        const c = await putStatuses(8, 16, false);
        expect(c.statuses).not.toEqual(a.statuses);
    });

    test("maxConsecutive caps faults in a row; reads never get an edit lock", async () => {
        const z = await zpa({ rateLimit: null, faults: { rate: 1, kinds: ["editLock409"], maxConsecutive: 1 } });
        try {
            const g = (await z.admin<Group>("POST", "/segmentGroups", { name: "Capped" })).body;
            const statuses: number[] = [];
            for (let i = 0; i < 4; i++) statuses.push((await z.api("PUT", `/segmentGroup/${g.id}`, { name: "Capped" })).status);
            expect(statuses).toEqual([409, 204, 409, 204]);
            expect((await z.api("GET", `/segmentGroup/${g.id}`)).status).toBe(200);
        } finally {
            await z.close();
        }
    });

    test.each([
        ["throttle", 429, { id: "too.many.requests" }],
        ["serverError", 500, { id: "internal.server.error" }],
        ["unavailable", 503, { id: "service.unavailable" }],
        ["sessionNotValid", 401, { id: "SESSION_NOT_VALID", reason: expect.stringContaining("Resource Access Blocked") }],
    ] as const)("a %s fault answers %i with a ZPA body", async (kind, status, body) => {
        const z = await zpa({ rateLimit: null, faults: { rate: 1, kinds: [kind] } });
        try {
            const r = await z.api("GET", "/segmentGroup");
            expect(r.status).toBe(status);
            expect(r.body).toMatchObject(body);
            if (kind === "throttle") expect(r.headers.get("retry-after")).toBe("1");
            expect((await z.log()).at(-1)).toMatchObject({ fault: kind, status });
        } finally {
            await z.close();
        }
    });

    test("a dropped connection gets no answer; with applyBeforeFaultShare 1 the create happened anyway", async () => {
        const z = await zpa({ rateLimit: null, faults: { rate: 1, kinds: ["drop"], applyBeforeFaultShare: 1 } });
        try {
            await expect(z.api("POST", "/segmentGroup", { name: "Dropped" })).rejects.toThrow();
            expect((await z.admin<Group[]>("GET", "/segmentGroups")).body.map((g) => g.name)).toEqual(["Dropped"]);
            expect((await z.log()).at(-1)).toMatchObject({ fault: "drop", status: 0, applied: true });
        } finally {
            await z.close();
        }
    });

    test("a nonsensical fault option is refused naming it", async () => {
        await expect(startZpaEmulator({ faults: { rate: 2 } })).rejects.toThrow(/faults\.rate must be a number from 0 to 1/);
    });
});

describe("consistency lag", () => {
    test("reads see a create or a change only after consistencyLagMs; writes see the latest state at once", async () => {
        const z = await zpa({ rateLimit: null, consistencyLagMs: 1500 });
        try {
            const g = (await z.api<Group>("POST", "/segmentGroup", { name: "Lagged" })).body;
            expect((await z.api("GET", `/segmentGroup/${g.id}`)).status).toBe(404);
            expect((await z.api("PUT", `/segmentGroup/${g.id}`, { name: "Renamed" })).status).toBe(204);
            await new Promise((r) => setTimeout(r, 1600));
            expect((await z.api<Group>("GET", `/segmentGroup/${g.id}`)).body.name).toBe("Renamed");
            expect((await z.api("PUT", `/segmentGroup/${g.id}`, { name: "Again" })).status).toBe(204);
            expect((await z.api<Group>("GET", `/segmentGroup/${g.id}`)).body.name).toBe("Renamed");
        } finally {
            await z.close();
        }
    });
});
