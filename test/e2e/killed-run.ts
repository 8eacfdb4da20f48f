/**
 * What the killed-run tests share (killed-up.test.ts, killed-runs.test.ts): the program they kill, a stack of
 * it pointed at the emulator, a command killed with its whole process group at a point read from the emulator's
 * request log, as a CI job's timeout kills it, and what the stack's state and the tenant hold afterwards.
 */
import * as fs from "fs";
import * as path from "path";
import type { Emulator } from "../../emulator";
import { EmulatorAdmin, type RequestLogEntry } from "../../emulator/admin-client";
import { installProgram, packProvider } from "../../scripts/lib/program";
import { PulumiStack, type RunningCommand } from "../../scripts/lib/pulumi";

export const CITIES = ["London", "Paris", "Berlin", "Madrid"];
export const SEGMENTS = CITIES.map((c) => `Killed run: ${c}`);
export const PROFILES = CITIES.map((c) => `Killed run: ${c} access`);
export const SEGMENT_TYPE = "pulumi-nodejs:dynamic/isc:Segment";
export const PROFILE_TYPE = "pulumi-nodejs:dynamic/isc:AccessProfile";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const isCreate = (r: RequestLogEntry) => r.method === "POST" && /^\/\w+\/(segments|access-profiles)$/.test(r.path);

/** The packed provider installed in a program folder that runs test/e2e/killed-up/index.ts. */
export function installKilledRunProgram(project: string): string {
    const programDir = installProgram(packProvider(), { project, typescript: true });
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\nmain: killed-up/index.ts\n`);
    fs.mkdirSync(path.join(programDir, "killed-up"), { recursive: true });
    fs.copyFileSync(path.join(__dirname, "killed-up", "index.ts"), path.join(programDir, "killed-up", "index.ts"));
    return programDir;
}

/** A new stack of the program, pointed at the emulator, its owner, source and entitlement the tenant's own. */
export async function newKilledRunStack(programDir: string, name: string, emu: Emulator, cliEnv: NodeJS.ProcessEnv): Promise<PulumiStack> {
    const state = await new EmulatorAdmin(emu.url).state();
    const source = state.sources[0];
    const s = new PulumiStack(programDir, name, cliEnv);
    await s.init();
    await s.setConfig("isc:baseUrl", emu.url);
    await s.setConfig("isc:clientId", "demo-client");
    await s.setConfig("isc:clientSecret", "demo-secret", { secret: true });
    await s.setConfig("ownerId", state.identities[0].id);
    await s.setConfig("sourceId", source.id);
    await s.setConfig("entitlementId", state.entitlements.find((e) => e.source.id === source.id)!.id);
    return s;
}

export interface KillAt {
    /** When to stop the engine alone (SIGSTOP) before the group is killed, from the request log so far. */
    freezeWhen?: (log: RequestLogEntry[]) => boolean;
    /** When to kill the group; `frozen` says whether the engine was stopped. */
    killWhen: (log: RequestLogEntry[], frozen: boolean) => boolean;
    latencyMs: number;
    lagMs: number;
}

/**
 * Starts `pulumi <args>` with every ISC call held `latencyMs` (reads lagging up to `lagMs`), watches the request log
 * and kills the CLI's process group at the point `at` names. Returns the log as it stood at the kill. Afterwards no
 * process of the group is left, every request ISC had received has been answered, and latency is off again.
 */
export async function killedRun(admin: EmulatorAdmin, stack: PulumiStack, args: string[], at: KillAt): Promise<RequestLogEntry[]> {
    await admin.setConfig({ consistencyLagMs: at.lagMs, faults: { latencyMs: at.latencyMs } });
    await admin.clearRequests();
    const cmd: RunningCommand = stack.start(args);
    let frozen = false;
    let log: RequestLogEntry[];
    const deadline = Date.now() + 120_000;
    for (;;) {
        log = await admin.requests();
        if (!frozen && at.freezeWhen?.(log)) {
            cmd.signal("SIGSTOP");
            frozen = true;
        }
        if (at.killWhen(log, frozen)) break;
        if (Date.now() > deadline) {
            cmd.signalGroup("SIGKILL");
            const r = await cmd.done;
            throw new Error(`the kill point never came (${log.length} requests)\n${r.stdout}\n${r.stderr}`);
        }
        await sleep(20);
    }
    cmd.signalGroup("SIGKILL");
    const result = await cmd.done;
    expect(result.signal).toBe("SIGKILL");
    // Nothing of the killed run lives on: no process of its group, and, once ISC has answered what it had
    // received (the requests in flight still take effect), no further request.
    expect(await groupGone(cmd.pid, 10_000)).toBe(true);
    for (;;) {
        if ((await admin.requests()).every((r) => r.status !== 0)) break;
        await sleep(50);
    }
    const settled = (await admin.requests()).length;
    await sleep(at.lagMs);
    expect((await admin.requests()).length).toBe(settled);
    await admin.setConfig({ faults: { latencyMs: 0 } });
    return log;
}

/** Whether no process of the group is left within `ms` (killed processes linger until their parent reaps them). */
export async function groupGone(pgid: number, ms: number): Promise<boolean> {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(50)) {
        try {
            process.kill(-pgid, 0);
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === "ESRCH") return true;
            throw e;
        }
    }
    return false;
}

export interface Deployment {
    resources?: Array<{ urn: string; type: string; id?: string; outputs?: Record<string, unknown> }>;
    pending_operations?: Array<{ type: string; resource: { urn: string } }>;
}

export async function deployment(stack: PulumiStack): Promise<Deployment> {
    return (JSON.parse(await stack.exportState()) as { deployment: Deployment }).deployment;
}

/** The stack's segments and access profiles. */
export const ours = (d: Deployment) => (d.resources ?? []).filter((r) => r.type === SEGMENT_TYPE || r.type === PROFILE_TYPE);

export async function tenantNames(admin: EmulatorAdmin): Promise<{ segments: string[]; accessProfiles: string[] }> {
    const state = await admin.state();
    return { segments: state.segments.map((s) => s.name).sort(), accessProfiles: state.accessProfiles.map((p) => p.name).sort() };
}
