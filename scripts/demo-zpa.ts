/**
 * The demo's ZPA chapter: the zpa-segment-groups example (examples/zpa-segment-groups) goes through the real `pulumi`
 * CLI against the embedded ZPA emulator, printing every API call each step made as the emulator logged it.
 *
 *   up creates the segment groups -> preview --refresh (no changes) -> drift in the "ZPA UI" -> preview --refresh
 *   names the drifted fields -> up --refresh restores them with one PUT (the emulator's changedFields shown and
 *   checked) -> destroy leaves no group, and the client secret is in no state
 *
 * Like the ISC chapter, it checks its own story: a step that goes otherwise, or any 429, throws.
 */
import * as fs from "fs";
import * as path from "path";
import { startZpaEmulator, ZPA_DEMO_CLIENT, type ZpaEmulator } from "../emulator/zpa";
import { installProgram, REPO } from "./lib/program";
import { PulumiStack, type RunResult } from "./lib/pulumi";
import { describeZpaCalls, isTokenCall, ZpaAdmin, type ZpaRequestLogEntry } from "./lib/zpa-admin";

const EXAMPLE = "examples/zpa-segment-groups";
const PROJECT = "zpa-segment-groups";

export interface ZpaChapterOptions {
    /** The packed provider (scripts/lib/program.ts packProvider). */
    tarball: string;
    /** The environment with the pulumi CLI on PATH (pulumiCliEnv). */
    cliEnv: NodeJS.ProcessEnv;
    /** Show every line pulumi printed. */
    verbose: boolean;
}

/** The caller's own ZPA_* and ZSCALER_* settings would point the stack elsewhere: only the stack config counts here. */
function withoutZscalerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(ZPA|ZSCALER)_/.test(k)));
}

export async function zpaChapter(options: ZpaChapterOptions): Promise<void> {
    console.log(`\n=== ZPA: segment groups in Zscaler Private Access, the same engine (${EXAMPLE}) ===`);
    const programDir = installProgram(options.tarball, { project: PROJECT, typescript: true });
    fs.copyFileSync(path.join(REPO, EXAMPLE, "Pulumi.yaml"), path.join(programDir, "Pulumi.yaml"));
    fs.copyFileSync(path.join(REPO, EXAMPLE, "index.ts"), path.join(programDir, "index.ts"));
    console.log(`  program folder ${programDir}`);

    const secret = ZPA_DEMO_CLIENT.secret;
    let zpa: ZpaEmulator | undefined;
    let stack: PulumiStack | undefined;
    try {
        zpa = await startZpaEmulator({ port: 0, seed: 1 });
        const admin = new ZpaAdmin(zpa.url);
        const z = zpa;
        console.log(`  ZPA emulator listening on ${zpa.url} (customer ${zpa.customerId}, client ${ZPA_DEMO_CLIENT.id}, 20 reads and 10 writes / 10 s)`);
        console.log(`  API paths below are under /mgmtconfig/v1/admin/customers/${zpa.customerId}`);
        stack = new PulumiStack(programDir, "zpa-demo", withoutZscalerEnv(options.cliEnv));
        const s = stack;

        let calls: ZpaRequestLogEntry[] = [];
        let throttled = 0;
        const expectThat = (ok: boolean, what: string) => {
            if (!ok) throw new Error(`the ZPA chapter did not go as it should: ${what}`);
        };
        const step = async <T>(n: number, title: string, fn: () => Promise<T>): Promise<T> => {
            console.log(`\n[ZPA ${n}] ${title}`);
            await admin.clearRequests();
            const started = Date.now();
            const result = await fn();
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            calls = await admin.requests();
            throttled += calls.filter((c) => c.status === 429).length;
            console.log(`    ${seconds} s, ${calls.length} API call${calls.length === 1 ? "" : "s"}:`);
            for (const line of describeZpaCalls(calls)) console.log(`      ${line}`);
            return result;
        };
        const show = (r: RunResult, filter: (line: string) => boolean) => {
            const lines = r.stdout.split("\n").filter((l) => l.trim() !== "" && (options.verbose || filter(l)));
            for (const l of lines) console.log(`    | ${l}`);
        };
        const writes = () => calls.filter((c) => !isTokenCall(c) && c.method !== "GET");
        const stateHasSecret = async () => (await s.exportState()).includes(secret);

        await step(1, "Stack configuration: the emulator's URL, the customer id, the API key; the secret encrypted", async () => {
            await s.init();
            await s.setConfig("zpa:baseUrl", z.url);
            await s.setConfig("zpa:customerId", z.customerId);
            await s.setConfig("zpa:clientId", ZPA_DEMO_CLIENT.id);
            await s.setConfig("zpa:clientSecret", secret, { secret: true });
        });

        const up = await step(2, "pulumi up: three segment groups (application segments looked up by name)", () => s.run(["up", "--yes", "--skip-preview"]));
        show(up, (l) => /^Resources:|created|warning|^\s+\+ \d/.test(l));
        const posts = calls.filter((c) => c.method === "POST" && !isTokenCall(c));
        expectThat(posts.length === 3 && posts.every((c) => c.status === 200), "up should create 3 segment groups, one POST each");
        const groups = await admin.groups();
        console.log(`    in ZPA now: ${groups.map((g) => `"${g.name}" (${g.applications?.length ?? 0} applications)`).join(", ")}`);
        expectThat(groups.length === 3, "ZPA should hold the 3 groups");
        expectThat(!(await stateHasSecret()), "the client secret must not be in the state");
        const engineeringId = String((await s.outputs()).engineeringGroupId);

        await step(3, "pulumi preview --refresh --expect-no-changes: reads the group list (one page), finds no difference", () =>
            s.run(["preview", "--refresh", "--expect-no-changes", "--diff"]),
        );
        expectThat(writes().length === 0, "a preview should write nothing");

        console.log(`\n[ZPA 4] Drift: someone edits "Engineering Tools" in the ZPA admin portal (through the emulator's admin API)`);
        const drift = { description: "Edited by hand in the ZPA UI", enabled: false };
        await admin.drift(engineeringId, drift);
        console.log(`    segment group ${engineeringId}: description -> "${drift.description}", enabled -> false`);

        const drifted = await step(5, "pulumi preview --refresh --expect-no-changes: fails, naming the drifted fields", () =>
            s.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { allowFailure: true }),
        );
        show(drifted, (l) => /description|enabled|zpa:|no changes were expected/i.test(l));
        console.log(`    exit code ${drifted.code} (a CI job fails here)`);
        expectThat(drifted.code !== 0, "the drift was not detected");
        expectThat(/description/.test(drifted.stdout) && /enabled/.test(drifted.stdout), "the preview should name description and enabled");
        expectThat(writes().length === 0, "a preview should write nothing");

        const restored = await step(6, "pulumi up --refresh: puts the declared values back with ONE PUT", () =>
            s.run(["up", "--refresh", "--yes", "--skip-preview"]),
        );
        show(restored, (l) => /^\s*info: .*PUT segmentGroup/.test(l));
        const puts = writes();
        expectThat(
            puts.length === 1 && puts[0].method === "PUT" && puts[0].status === 204,
            `the restore should be one PUT answered 204, not ${puts.length} writes`,
        );
        const changed = [...(puts[0].changedFields ?? [])].sort();
        console.log(`    the PUT changed, as the emulator computed it: ${JSON.stringify(changed)} (drifted: ${JSON.stringify(Object.keys(drift).sort())})`);
        expectThat(JSON.stringify(changed) === JSON.stringify(Object.keys(drift).sort()), "the PUT should change exactly the drifted fields");
        const back = (await admin.groups()).find((g) => g.id === engineeringId);
        expectThat(back?.description === "Build and source control, for engineers" && back.enabled === true, "the declared values should be back");

        await step(7, "pulumi destroy", () => s.run(["destroy", "--yes", "--skip-preview"]));
        const left = await admin.groups();
        console.log(`    left in ZPA: ${left.length} segment groups`);
        expectThat(left.length === 0, "destroy should leave no group");
        const leaked = await stateHasSecret();
        console.log(`    the ZPA client secret appears in the exported state: ${leaked ? "YES (bug)" : "no"}`);
        expectThat(!leaked, "the client secret must not be in the state");

        console.log(`\n429 answers in the ZPA chapter: ${throttled}`);
        expectThat(throttled === 0, "the ZPA client should pace itself under the rate limit");
    } finally {
        stack?.dispose();
        await zpa?.close();
    }
}
