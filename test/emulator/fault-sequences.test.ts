/**
 * Fault sequences: the per-key sequence gives every request key the same faults whatever the interleaving of
 * other keys' requests (and whatever ids the emulator handed out); the cap bounds faults in a row on one key;
 * the arrival sequence stays as it was (a storm whose distribution depends on order).
 */
import { startEmulator, type Faults, type RequestLogEntry } from "../../emulator";
import { parseArgs } from "../../emulator/cli";
import { faultsByKey, longestFaultRun, unseededKeys, type Fault } from "../seeded-faults";
import { tenant, type Tenant } from "./helpers";

const NAMES = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];
const STORM: Partial<Faults> = { serverErrorRate: 0.3, dropRate: 0.1, rateLimitRate: 0.2, applyBeforeFaultShare: 0 };

/** Sends a request; a dropped connection is an answer too. */
async function send(t: Tenant, method: string, path: string, body?: unknown): Promise<number | "drop"> {
    try {
        return (await t.api(method, path, body)).status;
    } catch {
        return "drop";
    }
}

/** One object's requests, in order: reads, patches, a list, creates of another object. */
function steps(name: string, id: string): Array<[string, string, unknown?]> {
    return [
        ["GET", `/v2025/segments/${id}`],
        ["PATCH", `/v2025/segments/${id}`, [{ op: "replace", path: "/description", value: `${name} edited` }]],
        ["GET", `/v2025/segments/${id}`],
        ["POST", "/v2025/segments", { name: `${name} copy` }],
        ["GET", "/v2025/segments?limit=250&offset=0"],
        ["PATCH", `/v2025/segments/${id}`, [{ op: "replace", path: "/active", value: true }]],
        ["POST", "/v2025/segments", { name: `${name} copy` }],
        ["GET", `/v2025/segments/${id}`],
        ["DELETE", `/v2025/segments/${id}`],
        ["DELETE", `/v2025/segments/${id}`],
    ];
}

type Interleaving = "one object after another" | "round robin, last object first" | "all objects at once";

/**
 * Creates the objects (in an order that changes their ids), turns faults on, and sends every object's steps in
 * the given interleaving; returns each key's faults and the ids.
 */
async function storm(
    faults: Partial<Faults>,
    interleaving: Interleaving,
): Promise<{ byKey: Record<string, Fault[]>; ids: Record<string, string>; log: RequestLogEntry[]; config: Faults }> {
    const t = await tenant({ seed: 5, rateLimit: null });
    try {
        const order = interleaving === "one object after another" ? NAMES : [...NAMES].reverse();
        const ids: Record<string, string> = {};
        for (const name of order) ids[name] = (await t.admin.createObject("segments", { name })).id;
        const { faults: config } = await t.admin.setConfig({ faults });
        const scripts = order.map((name) => steps(name, ids[name]));
        if (interleaving === "one object after another") {
            for (const script of scripts) for (const [m, p, b] of script) await send(t, m, p, b);
        } else if (interleaving === "round robin, last object first") {
            for (let i = 0; i < scripts[0].length; i++) for (const script of scripts) await send(t, ...script[i]);
        } else {
            await Promise.all(
                scripts.map(async (script) => {
                    for (const [m, p, b] of script) await send(t, m, p, b);
                }),
            );
        }
        const log = await t.admin.requests();
        return { byKey: faultsByKey(log), ids, log, config };
    } finally {
        await t.close();
    }
}

describe("the per-key sequence", () => {
    test("every key gets the same faults whatever the interleaving, and the faults keyedFaults predicts", async () => {
        const faults: Partial<Faults> = { ...STORM, sequence: "per-key" };
        const a = await storm(faults, "one object after another");
        const b = await storm(faults, "round robin, last object first");
        const c = await storm(faults, "all objects at once");
        // The ids differ from run to run (they are handed out in creation order) and no key holds one.
        expect(b.ids.Alpha).not.toBe(a.ids.Alpha);
        for (const run of [a, b, c]) for (const id of Object.values(run.ids)) expect(Object.keys(run.byKey).join("\n")).not.toContain(id);
        expect(Object.keys(a.byKey)).toHaveLength(NAMES.length * 4 + 1); // per object: item, PATCH, DELETE, POST keys; one list key
        const faulted = Object.values(a.byKey)
            .flat()
            .filter((f) => f !== null).length;
        expect(faulted).toBeGreaterThan(15); // a real storm: 10 requests per object, 60% faulted
        expect(b.byKey).toEqual(a.byKey);
        expect(c.byKey).toEqual(a.byKey);
        for (const run of [a, b, c]) expect(unseededKeys(run.log, 5, run.config)).toEqual([]);
    }, 60_000);

    test("the arrival sequence depends on the interleaving (so it is kept for storms, not tests)", async () => {
        const a = await storm(STORM, "one object after another");
        const b = await storm(STORM, "round robin, last object first");
        expect(b.byKey).not.toEqual(a.byKey);
        expect(Object.keys(b.byKey)).toEqual(Object.keys(a.byKey));
    }, 60_000);

    test("keys name objects by the name they were created with, creates by the body's name, lists by path and sorted query", async () => {
        const t = await tenant({ seed: 3, rateLimit: null, faults: { sequence: "per-key" } });
        try {
            const x = (await t.api<{ id: string }>("POST", "/v2025/segments", { name: "Kilo" })).body.id;
            await t.api("PATCH", `/v2025/segments/${x}`, [{ op: "replace", path: "/name", value: "Lima" }]);
            await t.api("GET", `/v2025/segments/${x}`);
            await t.api("GET", "/v2025/segments?offset=0&limit=5");
            await t.api("GET", "/v2025/segments/not-an-id");
            const state = t.state;
            const source = state.sources[0];
            const owner = { type: "IDENTITY", id: state.identities[0].id };
            const p1 = (await t.api<{ id: string }>("POST", "/v3/access-profiles", { name: "Profile 1", owner, source: { type: "SOURCE", id: source.id } }))
                .body.id;
            const p2 = (await t.admin.createObject("access-profiles", { name: "Profile 0", owner, source: { type: "SOURCE", id: source.id } })).id;
            await t.api("POST", "/v3/access-profiles/bulk-delete", { accessProfileIds: [p1, p2] });
            const keys = (await t.admin.requests()).filter((r) => r.path !== "/oauth/token").map((r) => [r.faultKey, r.faultOccurrence]);
            expect(keys).toEqual([
                ['POST /v2025/segments name="Kilo"', 1],
                ['PATCH /v2025/segments/name="Kilo"', 1],
                ['GET /v2025/segments/name="Kilo"', 1], // renamed, still the name it was created with
                ["GET /v2025/segments?limit=5&offset=0", 1],
                ["GET /v2025/segments/id=not-an-id", 1],
                ['POST /v3/access-profiles name="Profile 1"', 1],
                ['POST /v3/access-profiles/bulk-delete [name="Profile 0", name="Profile 1"]', 1],
            ]);
        } finally {
            await t.close();
        }
    });

    test("a change of faults restarts every key's sequence; faults.seed picks another sequence", async () => {
        const t = await tenant({ seed: 9, rateLimit: null });
        try {
            const run = async (faults: Partial<Faults>): Promise<Fault[]> => {
                await t.admin.clearRequests();
                await t.admin.setConfig({ faults });
                for (let i = 0; i < 40; i++) await send(t, "GET", "/v2025/segments/x");
                return (await t.admin.requests()).map((r) => r.fault);
            };
            const perKey = { ...STORM, sequence: "per-key" as const };
            const first = await run(perKey);
            expect(await run(perKey)).toEqual(first);
            expect(await run({ ...perKey, seed: 9 })).toEqual(first); // the emulator's seed is the default
            expect(await run({ ...perKey, seed: 10 })).not.toEqual(first);
        } finally {
            await t.close();
        }
    });
});

describe("maxConsecutive", () => {
    test.each(["per-key", "arrival"] as const)("caps the faults in a row on one key (%s sequence)", async (sequence) => {
        const t = await tenant({ seed: 4, rateLimit: null });
        try {
            const run = async (maxConsecutive: number | null): Promise<Fault[]> => {
                await t.admin.clearRequests();
                await t.admin.setConfig({ faults: { serverErrorRate: 0.6, dropRate: 0.2, sequence, maxConsecutive } });
                for (let i = 0; i < 60; i++) await send(t, "GET", "/v2025/segments/capped");
                return (await t.admin.requests()).map((r) => r.fault);
            };
            expect(longestFaultRun(await run(null))).toBeGreaterThan(3);
            const capped = await run(2);
            expect(longestFaultRun(capped)).toBe(2);
            expect(capped.filter((f) => f !== null).length).toBeGreaterThan(20);
        } finally {
            await t.close();
        }
    });
});

describe("configuration", () => {
    test("PATCH /__emulator/config, startEmulator and the CLI take the sequence, the cap and the seed, and refuse nonsense", async () => {
        const t = await tenant();
        try {
            expect((await t.admin.config()).faults).toMatchObject({ sequence: "arrival", maxConsecutive: null, seed: null });
            expect((await t.admin.setConfig({ faults: { sequence: "per-key", maxConsecutive: 3, seed: 12 } })).faults).toMatchObject({
                sequence: "per-key",
                maxConsecutive: 3,
                seed: 12,
            });
            const before = await t.admin.config();
            await expect(t.admin.setConfig({ faults: { sequence: "random" as "arrival" } })).rejects.toThrow(
                /400.*faults\.sequence must be \\"arrival\\" or \\"per-key\\"; got \\"random\\"/,
            );
            await expect(t.admin.setConfig({ faults: { maxConsecutive: 0 } })).rejects.toThrow(
                /400.*faults\.maxConsecutive must be null or a whole number from 1/,
            );
            await expect(t.admin.setConfig({ faults: { seed: 1.5 } })).rejects.toThrow(/400.*faults\.seed .* got 1\.5/);
            expect(await t.admin.config()).toEqual(before);
            expect((await t.admin.setConfig({ faults: { maxConsecutive: null } })).faults.maxConsecutive).toBeNull();
        } finally {
            await t.close();
        }
        await expect(startEmulator({ faults: { sequence: "keyed" as "arrival" } })).rejects.toThrow(/startEmulator: faults\.sequence must be/);
        await expect(startEmulator({ faults: { serverErrorRate: 2 } })).rejects.toThrow(
            /startEmulator: faults\.serverErrorRate must be a number from 0 to 1; got 2/,
        );
        expect(parseArgs(["--fault-sequence", "per-key", "--max-consecutive-faults=2", "--fault-seed", "8"], {})).toMatchObject({
            faults: { sequence: "per-key", maxConsecutive: 2, seed: 8 },
        });
        const env = { ISC_EMULATOR_FAULT_SEQUENCE: "per-key", ISC_EMULATOR_MAX_CONSECUTIVE_FAULTS: "3", ISC_EMULATOR_FAULT_SEED: "4" };
        expect(parseArgs([], env)).toMatchObject({ faults: { sequence: "per-key", maxConsecutive: 3, seed: 4 } });
        expect(parseArgs(["--fault-sequence=arrival"], env)).toMatchObject({ faults: { sequence: "arrival" } });
        expect(() => parseArgs(["--fault-sequence", "keyed"], {})).toThrow(/--fault-sequence needs arrival or per-key, not "keyed"/);
        expect(() => parseArgs(["--max-consecutive-faults", "0"], {})).toThrow(/--max-consecutive-faults needs a number from 1/);
    });
});
