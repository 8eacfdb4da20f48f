/**
 * Credential rotation through the real `pulumi` CLI (issue 14 §1). Pulumi saves the whole stack configuration,
 * `isc:clientSecret` included, as the inputs of the default `pulumi-nodejs` provider, and `pulumi refresh`,
 * `preview --refresh`, `up --refresh` and `destroy` configure the provider from that saved copy, not from the stack
 * configuration as it is now (they do not run the program). The sequence of the issue leaves a stale copy:
 *
 *   a good `up`; `pulumi config set --secret isc:clientSecret BAD`; an `up` that fails with 401 (it saved BAD);
 *   the good secret set back; then `pulumi refresh` still uses BAD.
 *
 * After it, every command must work with the credentials given now, with no `up` first:
 *  - credentials in the environment (SAIL_*, the README's CI recipe) win over the stack's and so over the saved copy;
 *  - credentials in the stack configuration work with `--run-program` (or PULUMI_RUN_PROGRAM=true), and a plain
 *    command's 401 says that the saved copy may be stale and what to run.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { installProgram, packProvider } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack, type RunResult } from "../../scripts/lib/pulumi";

const PROJECT = "isc-credentials";
const GOOD = "demo-secret";
const BAD = "rotated-away-secret";
const STEP_MS = 600_000;

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
let emu: Emulator;
let admin: EmulatorAdmin;
let ownerId: string;
const stacks: PulumiStack[] = [];

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installProgram(packProvider(), { project: PROJECT, typescript: true });
        fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: credentials/index.ts\n`);
        fs.mkdirSync(path.join(programDir, "credentials"), { recursive: true });
        fs.copyFileSync(path.join(__dirname, "credentials", "index.ts"), path.join(programDir, "credentials", "index.ts"));
        emu = await startEmulator({ port: 0, seed: 31 });
        admin = new EmulatorAdmin(emu.url);
        ownerId = (await admin.state()).identities[0].id;
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    for (const s of stacks) s.dispose();
    await emu?.close();
});

/** A stack with the tenant URL and the client id in its config, and the secret there too when `stackSecret`. */
async function newStack(name: string, options: { stackSecret: boolean }): Promise<PulumiStack> {
    const s = new PulumiStack(programDir, name, cliEnv);
    stacks.push(s);
    await s.init();
    await s.setConfig("isc:baseUrl", emu.url);
    await s.setConfig("isc:clientId", "demo-client");
    if (options.stackSecret) await s.setConfig("isc:clientSecret", GOOD, { secret: true });
    await s.setConfig("ownerId", ownerId);
    return s;
}

async function pulumi(s: PulumiStack, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return s.run(args, { env });
}

async function failing(s: PulumiStack, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
    const r = await s.run(args, { allowFailure: true, env });
    expect(r.code).not.toBe(0);
    return r.stdout + r.stderr;
}

async function segmentNames(): Promise<string[]> {
    return (await admin.state()).segments.map((x) => x.name).sort();
}

/**
 * The sequence: a wrong secret set in the stack, an `up` that calls ISC (the description changes) and fails
 * with 401, having saved the wrong secret with the provider; then the good secret and the old description set back.
 */
async function staleSavedCopy(s: PulumiStack): Promise<void> {
    await s.setConfig("isc:clientSecret", BAD, { secret: true });
    await s.setConfig("description", "second version");
    expect(await failing(s, ["up", "--yes", "--skip-preview"])).toMatch(/401/);
    await s.setConfig("isc:clientSecret", GOOD, { secret: true });
    await s.setConfig("description", "first version");
}

describe("credentials in the environment win over the stack's, and over the copy Pulumi saved", () => {
    const ENV = { SAIL_CLIENT_ID: "demo-client", SAIL_CLIENT_SECRET: GOOD };

    test(
        "after the issue's sequence, refresh, preview --refresh, up --refresh and destroy work with SAIL_* and no prior up",
        async () => {
            const s = await newStack("env-wins", { stackSecret: true });
            await pulumi(s, ["up", "--yes", "--skip-preview"]);
            await staleSavedCopy(s);
            // The saved copy holds the wrong secret: without the environment, a plain refresh fails.
            expect(await failing(s, ["refresh", "--yes", "--skip-preview"])).toMatch(/401/);

            await pulumi(s, ["refresh", "--yes", "--skip-preview"], ENV);
            await pulumi(s, ["preview", "--refresh", "--expect-no-changes"], ENV);
            // The README's CI recipe: only the secret in the environment, the client id from the stack.
            await pulumi(s, ["preview", "--refresh", "--expect-no-changes"], { SAIL_CLIENT_SECRET: GOOD });
            await pulumi(s, ["up", "--refresh", "--yes", "--skip-preview"], ENV);
            await staleSavedCopy(s);
            await pulumi(s, ["destroy", "--yes", "--skip-preview"], ENV);
            expect(await segmentNames()).not.toContain("Credentials: env-wins");
        },
        STEP_MS,
    );

    test(
        "with credentials only in the environment, a rotation there needs nothing else: the next command uses the new secret",
        async () => {
            const s = await newStack("env-only", { stackSecret: false });
            await pulumi(s, ["up", "--yes", "--skip-preview"], ENV);
            await s.setConfig("description", "second version");
            expect(await failing(s, ["up", "--yes", "--skip-preview"], { ...ENV, SAIL_CLIENT_SECRET: BAD })).toMatch(/401/);
            await s.setConfig("description", "first version");
            await pulumi(s, ["refresh", "--yes", "--skip-preview"], ENV);
            await pulumi(s, ["preview", "--refresh", "--expect-no-changes"], ENV);
            await pulumi(s, ["destroy", "--yes", "--skip-preview"], ENV);
            expect(await segmentNames()).not.toContain("Credentials: env-only");
        },
        STEP_MS,
    );
});

describe("credentials in the stack configuration", () => {
    test(
        "a plain refresh after the issue's sequence fails naming the stale saved copy and --run-program; with --run-program every command works",
        async () => {
            const s = await newStack("stack-only", { stackSecret: true });
            await pulumi(s, ["up", "--yes", "--skip-preview"]);
            await staleSavedCopy(s);

            const message = await failing(s, ["refresh", "--yes", "--skip-preview"]);
            expect(message).toMatch(/401/);
            expect(message).toMatch(/saved/);
            expect(message).toContain("--run-program");
            expect(message).not.toContain(BAD);

            // preview does not save anything: the copy stays stale for the next commands.
            await pulumi(s, ["preview", "--refresh", "--run-program", "--expect-no-changes"]);
            await pulumi(s, ["refresh", "--run-program", "--yes", "--skip-preview"]);
            // That refresh saved the configuration as it is now: plain commands work again.
            await pulumi(s, ["preview", "--refresh", "--expect-no-changes"]);

            await staleSavedCopy(s);
            await pulumi(s, ["up", "--refresh", "--run-program", "--yes", "--skip-preview"]);
            await staleSavedCopy(s);
            // PULUMI_RUN_PROGRAM=true is the same as --run-program on every command (for a CI job's environment).
            await pulumi(s, ["destroy", "--yes", "--skip-preview"], { PULUMI_RUN_PROGRAM: "true" });
            expect(await segmentNames()).not.toContain("Credentials: stack-only");
        },
        STEP_MS,
    );
});
