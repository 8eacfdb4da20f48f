/**
 * The demo: the tenant baseline example (examples/tenant-baseline, the root Pulumi.yaml's program) goes
 * through the real `pulumi` CLI against the embedded ISC emulator, step by step, printing the API calls
 * each step made as the emulator saw them.
 *
 *   up -> preview (no changes) -> drift in the "ISC UI" -> preview --refresh catches it -> up --refresh
 *   restores it -> a program edit sends a minimal JSON Patch -> destroy leaves nothing behind
 * and then brownfield: a tenant populated "in the UI" -> export -> up adopts it with zero writes -> drift caught
 * and then ZPA (scripts/demo-zpa.ts): segment groups created, drift caught, restored with one PUT, destroyed
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { startEmulator, type Emulator } from "../emulator";
import { EmulatorAdmin, type RequestLogEntry } from "../emulator/admin-client";
import { installProgram, packProvider, REPO } from "./lib/program";
import { pulumiCliEnv, PulumiStack, type RunResult } from "./lib/pulumi";
import { describeCalls } from "./lib/demo-support";
import { zpaChapter } from "./demo-zpa";

const PROJECT = "isc-demo";
const execFileAsync = promisify(execFile);

function heading(n: number, title: string): void {
    console.log(`\n[${n}] ${title}`);
}

/** `--verbose` shows everything pulumi printed; otherwise only the lines that tell the story. */
const VERBOSE = process.argv.includes("--verbose");

function showPulumi(r: RunResult, filter?: (line: string) => boolean): void {
    if (VERBOSE) filter = undefined;
    const lines = r.stdout.split("\n").filter((l) => l.trim() !== "" && (!filter || filter(l)));
    for (const l of lines) console.log(`    | ${l}`);
}

async function main(): Promise<void> {
    const t0 = Date.now();
    console.log("Preparing: the Pulumi CLI (built once per machine), the provider package (packed and installed as a user would)");
    const cliEnv = await pulumiCliEnv();
    const tarball = packProvider();
    const programDir = installProgram(tarball, { project: PROJECT, typescript: true });
    fs.copyFileSync(path.join(REPO, "Pulumi.yaml"), path.join(programDir, "Pulumi.yaml"));
    fs.mkdirSync(path.join(programDir, "examples/tenant-baseline"), { recursive: true });
    fs.copyFileSync(path.join(REPO, "examples/tenant-baseline/index.ts"), path.join(programDir, "examples/tenant-baseline/index.ts"));
    console.log(`  program folder ${programDir}`);

    let emu: Emulator | undefined;
    let stack: PulumiStack | undefined;
    let brownfield: PulumiStack | undefined;
    try {
        emu = await startEmulator({ port: 0, seed: 1 });
        const admin = new EmulatorAdmin(emu.url);
        console.log(`  ISC emulator listening on ${emu.url} (client demo-client / demo-secret, 100 requests / 10 s)`);
        stack = new PulumiStack(programDir, "demo", cliEnv);
        const s = stack;

        let calls: RequestLogEntry[] = [];
        let throttled = 0;
        const expectThat = (ok: boolean, what: string) => {
            if (!ok) throw new Error(`the demo did not go as it should: ${what}`);
        };
        const step = async <T>(n: number, title: string, fn: () => Promise<T>): Promise<T> => {
            heading(n, title);
            await admin.clearRequests();
            const started = Date.now();
            const result = await fn();
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            calls = await admin.requests();
            throttled += calls.filter((c) => c.status === 429).length;
            console.log(`    ${seconds} s, ${calls.length} API call${calls.length === 1 ? "" : "s"}:`);
            for (const line of describeCalls(calls)) console.log(`      ${line}`);
            return result;
        };

        await step(1, "Stack configuration: the emulator's URL and client, the secret encrypted", async () => {
            await s.init();
            await s.setConfig("isc:baseUrl", emu!.url);
            await s.setConfig("isc:clientId", "demo-client");
            await s.setConfig("isc:clientSecret", "demo-secret", { secret: true });
        });

        const up = await step(2, "pulumi up: four segments and three access profiles", () => s.run(["up", "--yes", "--skip-preview"]));
        showPulumi(up, (l) => /^Resources:|created|warning|^\s+\+ \d/.test(l));
        expectThat(calls.filter((c) => c.method === "POST" && c.status === 201).length === 7, "up should create 7 objects");
        const outputs = await s.outputs();
        const london = (outputs.segmentIds as Record<string, string>).london;

        await step(3, "pulumi preview --refresh --expect-no-changes: reads each collection's list once, finds no difference", () =>
            s.run(["preview", "--refresh", "--expect-no-changes", "--diff"]),
        );
        expectThat(
            calls.filter((c) => c.path !== "/oauth/token").every((c) => c.method === "GET" && !/[0-9a-f]{32}$/.test(c.path)),
            "the refresh should read lists, not objects one by one",
        );

        heading(4, `Drift: someone edits the London segment in the ISC UI (through the emulator's admin API)`);
        await admin.drift("segments", london, { description: "Edited by hand in the UI", active: false });
        console.log(`    segment ${london}: description -> "Edited by hand in the UI", active -> false`);

        const drifted = await step(5, "pulumi preview --refresh --expect-no-changes: fails, naming the drifted fields", () =>
            s.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { allowFailure: true }),
        );
        showPulumi(drifted, (l) => /description|active|isc:Segment|no changes were expected/i.test(l));
        console.log(`    exit code ${drifted.code} (a CI job fails here)`);
        if (drifted.code === 0) throw new Error("the drift was not detected");

        await step(6, "pulumi up --refresh: puts the declared values back with one PATCH", () => s.run(["up", "--refresh", "--yes", "--skip-preview"]));

        await step(7, "A program edit (revision 2: a reworded segment, one more entitlement): minimal JSON Patches", async () => {
            await s.setConfig("revision", "2");
            return s.run(["up", "--yes", "--skip-preview"]);
        });
        expectThat(calls.filter((c) => c.method === "PATCH").length === 2, "the edit should send two PATCHes");

        await step(8, "pulumi preview --expect-no-changes, with and without --refresh: no perpetual diff", async () => {
            await s.run(["preview", "--expect-no-changes"]);
            await s.run(["preview", "--refresh", "--expect-no-changes"]);
        });

        await step(9, "pulumi destroy", () => s.run(["destroy", "--yes", "--skip-preview"]));
        const left = await admin.state();
        console.log(`    left in the tenant: ${left.segments.length} segments, ${left.accessProfiles.length} access profiles`);

        expectThat(left.segments.length + left.accessProfiles.length === 0, "destroy should leave nothing");
        const state = await s.exportState();
        console.log(`\nThe client secret appears in the exported state: ${state.includes("demo-secret") ? "YES (bug)" : "no"}`);
        expectThat(!state.includes("demo-secret"), "the secret must not be in the state");

        console.log("\nBrownfield: a tenant that already holds objects made in the UI");
        await admin.populate({ segments: 20, accessProfiles: 40, seed: 7 });
        const counts = await admin.state();
        console.log(`    the tenant now holds ${counts.segments.length} segments and ${counts.accessProfiles.length} access profiles, awkward names included`);
        brownfield = new PulumiStack(programDir, "adopted", cliEnv);
        const b = brownfield;
        const exported = path.join(b.workDir, "exported");
        await step(10, "npx pulumi-sailpoint-isc export: the whole tenant as a ready program", async () => {
            const cli = path.join(programDir, "node_modules", ".bin", "pulumi-sailpoint-isc");
            const env = { ...process.env, SAIL_BASE_URL: emu!.url, SAIL_CLIENT_ID: "demo-client", SAIL_CLIENT_SECRET: "demo-secret" };
            await execFileAsync(cli, ["export", "--out", exported, "--project", PROJECT, "--quiet"], { env });
        });
        const program = fs.readFileSync(path.join(exported, "index.ts"), "utf8");
        const sample = program.split("\n");
        const firstProfile = sample.findIndex((l) => l.startsWith("new isc.AccessProfile("));
        for (const l of [...sample.slice(0, 12), "    ...", ...sample.slice(firstProfile, firstProfile + 14), "    ..."]) console.log(`    | ${l}`);
        fs.copyFileSync(path.join(exported, "index.ts"), path.join(b.programDir, "index.ts"));
        fs.writeFileSync(path.join(b.programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: index.ts\n`);

        await step(11, "pulumi up on the exported program: every object adopted, nothing written", async () => {
            await b.init();
            await b.setConfig("isc:baseUrl", emu!.url);
            await b.setConfig("isc:clientId", "demo-client");
            await b.setConfig("isc:clientSecret", "demo-secret", { secret: true });
            return b.run(["up", "--yes", "--skip-preview"]);
        });
        expectThat(calls.filter((c) => c.path !== "/oauth/token" && c.method !== "GET").length === 0, "adopting should write nothing");

        const [adoptedProfile] = counts.accessProfiles;
        await admin.drift("access-profiles", adoptedProfile.id, { description: "Changed in the UI after the adoption" });
        const caught = await step(12, `Drift on "${adoptedProfile.name}" in the UI; pulumi preview --refresh --expect-no-changes catches it`, () =>
            b.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { allowFailure: true }),
        );
        showPulumi(caught, (l) => /description|no changes were expected/i.test(l));
        expectThat(caught.code !== 0, "the drift on the adopted profile should be detected");
        console.log(`\n429 answers over the whole demo: ${throttled}`);
        expectThat(throttled === 0, "the client should pace itself under the rate limit");
        await zpaChapter({ tarball, cliEnv, verbose: VERBOSE });
        console.log(`\nDemo finished in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);
    } finally {
        stack?.dispose();
        brownfield?.dispose();
        await emu?.close();
    }
}

main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
});
