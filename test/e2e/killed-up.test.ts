/**
 * A `pulumi up` killed part way, as a CI job's timeout kills it: SIGKILL to the CLI's whole process group (the
 * engine, the language host and the provider plugin) while the creates of eight objects are under way, then the
 * recovery the README documents ("Troubleshooting: a killed `pulumi up`"), run as written there (with --skip-preview):
 *
 *   pulumi cancel --yes                                    the lock the killed run left
 *   pulumi refresh --clear-pending-creates --yes           forget the creates whose outcome Pulumi never learned
 *   SAIL_ADOPT_ON_CREATE=true pulumi up --yes              create what is missing, taking over what the killed run made
 *
 * and then: each declared name exactly once in the tenant, each object once in the stack's state (no pending
 * operation left), a clean `preview --refresh`, and `pulumi destroy` leaving no orphan.
 *
 * The emulator holds every ISC call for LATENCY_MS (and reads lag by up to LAG_MS), so the run is caught mid-create;
 * the test watches the emulator's request log to kill at three points:
 *  1. every segment POST sent, none answered (the objects appear after the kill);
 *  2. with --parallel 2, two segments created and recorded, two POSTs in flight, the profiles not begun;
 *  3. every POST answered, the last four never recorded: the engine is stopped (SIGSTOP) once the last POST is sent,
 *     so it cannot write the state, and the group is killed when ISC has answered them all.
 */
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin, type RequestLogEntry } from "../../emulator/admin-client";
import { pulumiCliEnv, type PulumiStack } from "../../scripts/lib/pulumi";
import { deployment, installKilledRunProgram, isCreate, killedRun, newKilledRunStack, ours, PROFILES, SEGMENTS, tenantNames } from "./killed-run";

const PROJECT = "isc-killed-up";
const LATENCY_MS = 1500;
const LAG_MS = 1000;

/** The README's recovery after a killed `pulumi up` (local file backend; with Pulumi Cloud the same commands). */
const RECOVERY: Array<{ args: string[]; env?: NodeJS.ProcessEnv }> = [
    { args: ["cancel", "--yes"] },
    { args: ["refresh", "--clear-pending-creates", "--yes", "--skip-preview"] },
    { args: ["up", "--yes", "--skip-preview"], env: { SAIL_ADOPT_ON_CREATE: "true" } },
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
        // Answers in every form the specs allow (emulator/echo.ts): recovery must find its objects whatever ISC echoes.
        emu = await startEmulator({ port: 0, seed: 23, echoVariation: { seed: 23 } });
        admin = new EmulatorAdmin(emu.url);
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    for (const s of stacks) s.dispose();
    await emu?.close();
});

async function newStack(name: string): Promise<PulumiStack> {
    const s = await newKilledRunStack(programDir, name, emu, cliEnv);
    stacks.push(s);
    return s;
}

interface KillPoint {
    title: string;
    parallel: number;
    /** When to stop the engine alone (SIGSTOP), before the group is killed: from the creates sent and answered. */
    freezeWhen?: (sent: number, answered: number) => boolean;
    /** When to kill the group. */
    killWhen: (sent: number, answered: number, frozen: boolean) => boolean;
    /** What the kill must have left: creates sent and answered when it came, objects in the state and pending. */
    left: { sent: number; answered: number; recorded: number; pending: number };
}

const POINTS: KillPoint[] = [
    {
        title: "every segment POST sent, none answered",
        parallel: 8,
        killWhen: (sent) => sent >= 4,
        left: { sent: 4, answered: 0, recorded: 0, pending: 4 },
    },
    {
        title: "two segments created and recorded, two POSTs in flight, the profiles not begun",
        parallel: 2,
        killWhen: (sent, answered) => sent >= 4 && answered >= 2,
        left: { sent: 4, answered: 2, recorded: 2, pending: 2 },
    },
    {
        title: "every POST answered, the last four never recorded",
        parallel: 8,
        freezeWhen: (sent) => sent >= 8,
        killWhen: (_sent, answered, frozen) => frozen && answered >= 8,
        left: { sent: 8, answered: 8, recorded: 4, pending: 4 },
    },
];

/** Starts `pulumi up` and kills the CLI's process group at `point`: the creates sent and answered at the kill. */
async function killedUp(stack: PulumiStack, point: KillPoint): Promise<{ sent: number; answered: number }> {
    const creates = (log: RequestLogEntry[]) => {
        const posts = log.filter(isCreate);
        return { sent: posts.length, answered: posts.filter((r) => r.status !== 0).length };
    };
    const log = await killedRun(admin, stack, ["up", "--yes", "--skip-preview", "--parallel", String(point.parallel)], {
        latencyMs: LATENCY_MS,
        lagMs: LAG_MS,
        ...(point.freezeWhen ? { freezeWhen: (l: RequestLogEntry[]) => point.freezeWhen!(creates(l).sent, creates(l).answered) } : {}),
        killWhen: (l, frozen) => point.killWhen(creates(l).sent, creates(l).answered, frozen),
    });
    return creates(log);
}

describe.each(POINTS.map((p, i) => [`${i + 1}. ${p.title}`, p] as const))("pulumi up killed: %s", (_title, point) => {
    let stack: PulumiStack;

    beforeAll(async () => {
        await admin.reset();
        stack = await newStack(`killed-${POINTS.indexOf(point) + 1}`);
    }, 120_000);

    test("the kill leaves objects in the tenant that the state does not hold", async () => {
        const at = await killedUp(stack, point);
        const d = await deployment(stack);
        const pending = (d.pending_operations ?? []).filter((o) => o.type === "creating");
        const tenant = await admin.state();
        expect({ ...at, recorded: ours(d).length, pending: pending.length }).toEqual(point.left);
        // Every POST sent created its object, the ones answered after the kill included.
        expect(tenant.segments.length + tenant.accessProfiles.length).toBe(point.left.sent);
        console.log(
            `killed (${point.title}): ${at.sent} creates sent, ${at.answered} answered before the kill; ` +
                `${ours(d).length} objects in the state, ${pending.length} pending creates, ${point.left.sent} objects in the tenant`,
        );
    }, 180_000);

    test("the next run is refused by the stack's lock, naming `pulumi cancel`", async () => {
        const r = await stack.run(["up", "--yes", "--skip-preview"], { allowFailure: true });
        expect(r.code).not.toBe(0);
        expect(r.stdout + r.stderr).toMatch(/locked/);
        expect(r.stdout + r.stderr).toContain("pulumi cancel");
    }, 120_000);

    test("the README's recovery: every declared object exactly once in the tenant and in the state", async () => {
        const before = (await admin.state()).segments.length + (await admin.state()).accessProfiles.length;
        await admin.clearRequests();
        let output = "";
        for (const step of RECOVERY) output = (await stack.run(step.args, { env: step.env })).stdout;
        const creates = (await admin.requests()).filter(isCreate);
        // Only what the killed run never sent is created: the rest is taken over, each with a warning naming it.
        expect(creates).toHaveLength(SEGMENTS.length + PROFILES.length - before);
        // Ids are 32 hex digits or UUIDs (echo variation gives either).
        const warned = new Set([...output.matchAll(/\(id ([0-9a-f-]+)\): took over the existing object/g)].map((m) => m[1]));
        expect(warned.size).toBe(before - point.left.recorded);

        expect(await tenantNames(admin)).toEqual({ segments: [...SEGMENTS].sort(), accessProfiles: [...PROFILES].sort() });
        const d = await deployment(stack);
        expect(d.pending_operations ?? []).toEqual([]);
        const tenant = await admin.state();
        const held = ours(d)
            .map((r) => r.id)
            .sort();
        expect(held).toEqual([...tenant.segments, ...tenant.accessProfiles].map((o) => o.id).sort());
        expect(new Set(held).size).toBe(SEGMENTS.length + PROFILES.length);

        await stack.run(["preview", "--refresh", "--expect-no-changes"]);
    }, 300_000);

    test("destroy leaves no orphan", async () => {
        await stack.run(["destroy", "--yes", "--skip-preview"]);
        expect(await tenantNames(admin)).toEqual({ segments: [], accessProfiles: [] });
        expect(ours(await deployment(stack))).toEqual([]);
    }, 300_000);
});
