/**
 * Smoke test of the real Pulumi CLI, fully offline: `scripts/pulumi-cli.sh` puts `pulumi`,
 * `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` on PATH (building the first two into a
 * cache outside the repository on first use: several minutes, once per machine), then the program in
 * `test/e2e/smoke/` (one trivial dynamic resource) goes through up, preview --expect-no-changes and
 * destroy against a temporary file backend.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const REPO = path.resolve(__dirname, "..", "..");
const BUILD_TIMEOUT_MS = 60 * 60 * 1000; // the first run builds the CLI; later runs take about a second here
const STEP_TIMEOUT_MS = 5 * 60 * 1000;

let env: NodeJS.ProcessEnv;
let work: string;
let program: string;

function pulumi(...args: string[]): string {
    try {
        return execFileSync("pulumi", [...args, "--non-interactive"], {
            cwd: program,
            env,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
            timeout: STEP_TIMEOUT_MS,
        });
    } catch (e) {
        const err = e as { stdout?: string; stderr?: string; message: string };
        throw new Error(`pulumi ${args.join(" ")} failed: ${err.message}\n${err.stdout ?? ""}\n${err.stderr ?? ""}`, { cause: e });
    }
}

beforeAll(() => {
    // The environment a shell gets from `source scripts/pulumi-cli.sh` (PATH and the offline settings).
    const printed = execFileSync("bash", ["-c", 'source scripts/pulumi-cli.sh >&2 && node -e "process.stdout.write(JSON.stringify(process.env))"'], {
        cwd: REPO,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        timeout: BUILD_TIMEOUT_MS,
    });
    work = fs.mkdtempSync(path.join(os.tmpdir(), "isc-smoke-"));
    program = path.join(work, "program");
    fs.mkdirSync(program);
    for (const f of ["Pulumi.yaml", "index.ts"]) {
        fs.copyFileSync(path.join(__dirname, "smoke", f), path.join(program, f));
    }
    // The program resolves @pulumi/pulumi (and typescript) from the repository's locked install.
    fs.symlinkSync(path.join(REPO, "node_modules"), path.join(program, "node_modules"), "dir");
    fs.mkdirSync(path.join(work, "state"));
    fs.mkdirSync(path.join(work, "tmp")); // pulumi's and the program's temporary files, removed with `work`
    env = {
        ...(JSON.parse(printed) as NodeJS.ProcessEnv),
        TMPDIR: path.join(work, "tmp"),
        PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
        PULUMI_HOME: path.join(work, "home"),
        PULUMI_CONFIG_PASSPHRASE: "smoke-test-only",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
}, BUILD_TIMEOUT_MS);

afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
});

test(
    "pulumi up, preview --expect-no-changes and destroy a dynamic resource, offline",
    () => {
        pulumi("stack", "init", "smoke");
        pulumi("up", "--yes");
        expect(JSON.parse(pulumi("stack", "output", "--json"))).toEqual({ thingId: "x", createdBy: "smoke" });
        pulumi("preview", "--expect-no-changes");
        pulumi("destroy", "--yes");
        expect(JSON.parse(pulumi("stack", "export")).deployment.resources ?? []).toEqual([]);
        pulumi("stack", "rm", "--yes");
    },
    4 * STEP_TIMEOUT_MS,
);
