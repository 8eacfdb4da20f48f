/**
 * Export round trip through the real CLI: a tenant of 500 objects made "in the UI" (the emulator's populated
 * tenant, awkward names included) is exported with the installed package's `pulumi-sailpoint-isc export`; the
 * program type-checks; `pulumi up` adopts everything with 0 POST, 0 PATCH, 0 DELETE; `pulumi preview --refresh
 * --expect-no-changes` passes; one edit sends exactly one minimal PATCH.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { installProgram, packProvider } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../../scripts/lib/pulumi";

const run = promisify(execFile);
const LONG = 20 * 60 * 1000;
const PROJECT = "isc-export";
const POPULATION = { segments: 50, accessProfiles: 450 };

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
let emu: Emulator;
let admin: EmulatorAdmin;
let stack: PulumiStack;
let exported: string;

async function exportTo(out: string): Promise<{ stderr: string }> {
    const cli = path.join(programDir, "node_modules", ".bin", "pulumi-sailpoint-isc");
    const env = { ...process.env, SAIL_BASE_URL: emu.url, SAIL_CLIENT_ID: "demo-client", SAIL_CLIENT_SECRET: "demo-secret", SAIL_ACCESS_TOKEN: "" };
    return run(cli, ["export", "--out", out, "--project", PROJECT], { env, cwd: programDir, maxBuffer: 64 * 1024 * 1024 });
}

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installProgram(packProvider(), { project: PROJECT, typescript: true });
        // Answers in every form the specs allow (emulator/echo.ts): the export must write the same bytes whatever ISC echoes.
        emu = await startEmulator({ port: 0, seed: 9, populate: { ...POPULATION, seed: 4 }, echoVariation: { seed: 9 } });
        admin = new EmulatorAdmin(emu.url);
        stack = new PulumiStack(programDir, "adopted", cliEnv);
        exported = path.join(stack.workDir, "exported");
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    stack?.dispose();
    await emu?.close();
});

describe("export → adopt → refresh → edit", () => {
    test(
        "the export reads the tenant in pages and writes the same bytes twice",
        async () => {
            const state = await admin.state();
            expect(state.segments.length + state.accessProfiles.length).toBeGreaterThanOrEqual(500);
            await admin.clearRequests();
            const first = await exportTo(exported);
            const calls = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
            expect(calls.every((r) => r.method === "GET")).toBe(true);
            // Lists in pages of 250: far fewer calls than objects.
            expect(calls.length).toBeLessThan(60);
            expect(first.stderr).toMatch(/wrote 5 files/);
            expect(first.stderr).not.toContain("demo-secret");
            const again = path.join(stack.workDir, "exported-again");
            await exportTo(again);
            for (const f of ["index.ts", "Pulumi.yaml", "package.json", "tsconfig.json", "README.md"]) {
                expect(fs.readFileSync(path.join(again, f), "utf8")).toBe(fs.readFileSync(path.join(exported, f), "utf8"));
            }
            const program = fs.readFileSync(path.join(exported, "index.ts"), "utf8");
            expect(program.match(/new isc\.(Segment|AccessProfile)\(/g)).toHaveLength(state.segments.length + state.accessProfiles.length);
            expect(program).toContain("isc.getSourceOutput(");
            expect(program).toContain("isc.getIdentityOutput(");
            expect(program).not.toContain("demo-secret");
        },
        LONG,
    );

    test(
        "the exported program type-checks against the installed package",
        async () => {
            fs.copyFileSync(path.join(exported, "index.ts"), path.join(stack.programDir, "index.ts"));
            fs.copyFileSync(path.join(exported, "tsconfig.json"), path.join(stack.programDir, "tsconfig.json"));
            fs.writeFileSync(path.join(stack.programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: index.ts\n`);
            const tsc = path.join(stack.programDir, "node_modules", "typescript", "bin", "tsc");
            await expect(run(process.execPath, [tsc, "--noEmit", "-p", stack.programDir], { cwd: stack.programDir })).resolves.toBeDefined();
        },
        LONG,
    );

    test(
        "pulumi up adopts every object: 0 POST, 0 PATCH, 0 DELETE",
        async () => {
            await stack.init();
            await stack.setConfig("isc:baseUrl", emu.url);
            await stack.setConfig("isc:clientId", "demo-client");
            await stack.setConfig("isc:clientSecret", "demo-secret", { secret: true });
            const before = await admin.state();
            await admin.clearRequests();
            await stack.run(["up", "--yes", "--skip-preview"], { timeoutMs: LONG });
            const writes = (await admin.requests()).filter((r) => r.path !== "/oauth/token" && r.method !== "GET");
            expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([]);
            const after = await admin.state();
            expect(after.segments).toEqual(before.segments);
            expect(after.accessProfiles).toEqual(before.accessProfiles);
        },
        LONG,
    );

    test(
        "pulumi preview --refresh --expect-no-changes passes on the adopted tenant",
        async () => {
            const r = await stack.run(["preview", "--refresh", "--expect-no-changes"], { allowFailure: true, timeoutMs: LONG });
            expect(`${r.code}\n${r.stdout.slice(-3000)}`).toMatch(/^0\n/);
        },
        LONG,
    );

    test(
        "one edit in the exported program sends exactly one minimal PATCH",
        async () => {
            const file = path.join(stack.programDir, "index.ts");
            const program = fs.readFileSync(file, "utf8");
            const [line] = program.match(/^ {4}description: ".*",$/m) ?? [];
            expect(line).toBeDefined();
            fs.writeFileSync(file, program.replace(line!, `    description: "Edited in the exported program",`));
            await admin.clearRequests();
            await stack.run(["up", "--yes", "--skip-preview"], { timeoutMs: LONG });
            const writes = (await admin.requests()).filter((r) => r.path !== "/oauth/token" && r.method !== "GET");
            expect(writes).toHaveLength(1);
            expect(writes[0].method).toBe("PATCH");
            expect(writes[0].requestBody).toEqual([{ op: "replace", path: "/description", value: "Edited in the exported program" }]);
        },
        LONG,
    );
});
