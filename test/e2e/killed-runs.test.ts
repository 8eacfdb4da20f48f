/**
 * A `pulumi destroy` and a `pulumi up` that updates, each killed part way as a CI job's timeout kills it (SIGKILL to
 * the CLI's whole process group, see killed-run.ts), then the README's recovery (Troubleshooting: a killed run):
 *
 *   pulumi cancel --yes                                    the lock the killed run left
 *   pulumi refresh --clear-pending-creates --yes           the tenant as it is now (what the killed run did included)
 *   pulumi destroy --yes           (a killed destroy)      delete what is left
 *   SAIL_ADOPT_ON_CREATE=true pulumi up --yes  (a killed up)  finish the update
 *
 * and then 0 duplicates, 0 orphans, no pending operation, and after the update a clean `preview --refresh`.
 *
 * Kill points (every ISC call held LATENCY_MS, so the requests are caught in flight):
 *  - destroy: the four access profiles deleted and recorded, the four segment DELETEs sent and none answered (the
 *    segments go after the kill, while the state still holds them);
 *  - update: the four segment PATCHes sent and none answered (they apply after the kill, while the state holds the
 *    old values), the access profiles' PATCHes not begun.
 */
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin, type RequestLogEntry } from "../../emulator/admin-client";
import { pulumiCliEnv, type PulumiStack } from "../../scripts/lib/pulumi";
import { deployment, installKilledRunProgram, killedRun, newKilledRunStack, ours, PROFILES, SEGMENTS, tenantNames } from "./killed-run";

const PROJECT = "isc-killed-runs";
const LATENCY_MS = 1500;
const LAG_MS = 1000;
const ALL = SEGMENTS.length + PROFILES.length;

const CANCEL_AND_REFRESH: string[][] = [
    ["cancel", "--yes"],
    ["refresh", "--clear-pending-creates", "--yes", "--skip-preview"],
];

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
let emu: Emulator;
let admin: EmulatorAdmin;
const stacks: PulumiStack[] = [];

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installKilledRunProgram(PROJECT);
        emu = await startEmulator({ port: 0, seed: 29, echoVariation: { seed: 29 } });
        admin = new EmulatorAdmin(emu.url);
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    for (const s of stacks) s.dispose();
    await emu?.close();
});

/** A stack whose eight objects were created by a plain `up`. */
async function createdStack(name: string): Promise<PulumiStack> {
    await admin.reset();
    const s = await newKilledRunStack(programDir, name, emu, cliEnv);
    stacks.push(s);
    await s.run(["up", "--yes", "--skip-preview"]);
    expect(await tenantNames(admin)).toEqual({ segments: [...SEGMENTS].sort(), accessProfiles: [...PROFILES].sort() });
    return s;
}

const segmentCall = (method: string) => (r: RequestLogEntry) => r.method === method && /^\/\w+\/segments\/[^/]+$/.test(r.path);
const profileCall = (r: RequestLogEntry) => /^\/\w+\/access-profiles(\/|$)/.test(r.path) && r.method !== "GET";
const writes = (log: RequestLogEntry[]) => log.filter((r) => r.method !== "GET" && !r.path.startsWith("/oauth"));

async function pendingOperations(stack: PulumiStack): Promise<string[]> {
    return ((await deployment(stack)).pending_operations ?? []).map((o) => o.type);
}

describe("pulumi destroy killed with the segment DELETEs in flight", () => {
    let stack: PulumiStack;
    beforeAll(async () => {
        stack = await createdStack("killed-destroy");
    }, 300_000);

    test("the kill leaves segments in the state that the tenant no longer holds", async () => {
        const deletes = segmentCall("DELETE");
        const log = await killedRun(admin, stack, ["destroy", "--yes", "--skip-preview", "--parallel", "8"], {
            latencyMs: LATENCY_MS,
            lagMs: LAG_MS,
            killWhen: (l) => l.filter(deletes).length >= SEGMENTS.length,
        });
        expect(log.filter(deletes).filter((r) => r.status !== 0)).toEqual([]);
        expect(log.filter(profileCall).every((r) => r.status !== 0)).toBe(true);
        const d = await deployment(stack);
        expect(ours(d)).toHaveLength(SEGMENTS.length);
        expect(await pendingOperations(stack)).toEqual(SEGMENTS.map(() => "deleting"));
        expect(await tenantNames(admin)).toEqual({ segments: [], accessProfiles: [] });
    }, 300_000);

    test("cancel, refresh and destroy again: nothing left in the tenant or the state, nothing deleted twice", async () => {
        await admin.clearRequests();
        for (const args of CANCEL_AND_REFRESH) await stack.run(args);
        await stack.run(["destroy", "--yes", "--skip-preview"]);
        expect(writes(await admin.requests())).toEqual([]);
        expect(await tenantNames(admin)).toEqual({ segments: [], accessProfiles: [] });
        expect(ours(await deployment(stack))).toEqual([]);
        expect(await pendingOperations(stack)).toEqual([]);
    }, 300_000);
});

describe("pulumi up (an update) killed with the segment PATCHes in flight", () => {
    let stack: PulumiStack;
    beforeAll(async () => {
        stack = await createdStack("killed-update");
        await stack.setConfig("edition", " (second edition)");
    }, 300_000);

    test("the kill leaves the segments changed in the tenant and unchanged in the state", async () => {
        const patches = segmentCall("PATCH");
        const log = await killedRun(admin, stack, ["up", "--yes", "--skip-preview", "--parallel", "8"], {
            latencyMs: LATENCY_MS,
            lagMs: LAG_MS,
            killWhen: (l) => l.filter(patches).length >= SEGMENTS.length,
        });
        expect(log.filter(patches).filter((r) => r.status !== 0)).toEqual([]);
        expect(log.filter(profileCall)).toEqual([]);
        const tenant = await admin.state();
        expect(tenant.segments.every((s) => String(s.description).endsWith(" (second edition)"))).toBe(true);
        expect(tenant.accessProfiles.some((p) => String(p.description).endsWith(" (second edition)"))).toBe(false);
        const recorded = ours(await deployment(stack)).map((r) => String(r.outputs?.description));
        expect(recorded).toHaveLength(ALL);
        expect(recorded.some((d) => d.endsWith(" (second edition)"))).toBe(false);
        expect(await pendingOperations(stack)).toEqual(SEGMENTS.map(() => "updating"));
    }, 300_000);

    test("the README's recovery finishes the update: the profiles patched once, no create, no delete, a clean preview --refresh", async () => {
        await admin.clearRequests();
        for (const args of CANCEL_AND_REFRESH) await stack.run(args);
        await stack.run(["up", "--yes", "--skip-preview"], { env: { SAIL_ADOPT_ON_CREATE: "true" } });
        const sent = writes(await admin.requests());
        expect(sent.map((r) => r.method)).toEqual(PROFILES.map(() => "PATCH"));
        expect(sent.every(profileCall)).toBe(true);

        const tenant = await admin.state();
        expect(await tenantNames(admin)).toEqual({ segments: [...SEGMENTS].sort(), accessProfiles: [...PROFILES].sort() });
        expect([...tenant.segments, ...tenant.accessProfiles].every((o) => String(o.description).endsWith(" (second edition)"))).toBe(true);
        const held = ours(await deployment(stack))
            .map((r) => r.id)
            .sort();
        expect(held).toEqual([...tenant.segments, ...tenant.accessProfiles].map((o) => o.id).sort());
        expect(await pendingOperations(stack)).toEqual([]);
        await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    }, 300_000);

    test("destroy leaves no orphan", async () => {
        await stack.run(["destroy", "--yes", "--skip-preview"]);
        expect(await tenantNames(admin)).toEqual({ segments: [], accessProfiles: [] });
        expect(ours(await deployment(stack))).toEqual([]);
    }, 300_000);
});
