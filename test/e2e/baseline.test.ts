/**
 * End to end with the real `pulumi` CLI: the tenant-baseline example against the ISC emulator, with the
 * provider installed from its packed tarball. The emulator runs in this jest process; every pulumi command
 * runs asynchronously so the emulator keeps serving while pulumi waits on it.
 */
import * as fs from "fs";
import * as path from "path";
import { NO_FAULTS, startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { installProgram, packProvider, REPO } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack, type RunResult } from "../../scripts/lib/pulumi";
import { faultsByKey, longestFaultRun, unseededKeys } from "../seeded-faults";

const PROJECT = "isc-e2e";
const SEGMENTS = ["Location: London", "Location: New York", "Department: Finance", "Engineering in London"];
const PROFILES = ["Finance File Shares", "Engineering VPN", "HR Self-Service"];

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
const SEED = 7;
let emu: Emulator;
let admin: EmulatorAdmin;
const stacks: PulumiStack[] = [];
/** Everything any pulumi command printed, to search for secrets. */
const transcript: string[] = [];

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installProgram(packProvider(), { project: PROJECT, typescript: true });
        fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: examples/tenant-baseline/index.ts\n`);
        fs.mkdirSync(path.join(programDir, "examples/tenant-baseline"), { recursive: true });
        fs.copyFileSync(path.join(REPO, "examples/tenant-baseline/index.ts"), path.join(programDir, "examples/tenant-baseline/index.ts"));
        // Answers in every form the specs allow (emulator/echo.ts): up, preview and refresh must agree whatever ISC echoes.
        emu = await startEmulator({ port: 0, seed: SEED, echoVariation: { seed: SEED } });
        admin = new EmulatorAdmin(emu.url);
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    for (const s of stacks) s.dispose();
    await emu?.close();
});

async function newStack(name: string, config: { clientSecret?: string; baseUrl?: string; credentials?: boolean } = {}): Promise<PulumiStack> {
    const s = new PulumiStack(programDir, name, cliEnv);
    stacks.push(s);
    await s.init();
    await s.setConfig("isc:baseUrl", config.baseUrl ?? emu.url);
    if (config.credentials !== false) {
        await s.setConfig("isc:clientId", "demo-client");
        await s.setConfig("isc:clientSecret", config.clientSecret ?? "demo-secret", { secret: true });
    }
    return s;
}

async function pulumi(s: PulumiStack, args: string[], allowFailure = false): Promise<RunResult> {
    const r = await s.run(args, { allowFailure });
    transcript.push(r.stdout, r.stderr);
    return r;
}

async function namesInTenant(): Promise<{ segments: string[]; accessProfiles: string[] }> {
    const state = await admin.state();
    return { segments: state.segments.map((s) => s.name).sort(), accessProfiles: state.accessProfiles.map((p) => p.name).sort() };
}

describe("the tenant baseline through the pulumi CLI", () => {
    let stack: PulumiStack;

    beforeAll(async () => {
        await admin.reset();
        stack = await newStack("story");
    }, 120_000);

    test("up creates every object once, and preview shows no changes with or without --refresh", async () => {
        await pulumi(stack, ["up", "--yes", "--skip-preview"]);
        expect(await namesInTenant()).toEqual({ segments: [...SEGMENTS].sort(), accessProfiles: [...PROFILES].sort() });
        await pulumi(stack, ["preview", "--expect-no-changes"]);
        await pulumi(stack, ["preview", "--refresh", "--expect-no-changes"]);
    }, 600_000);

    test("drift made in the tenant is caught by preview --refresh and undone by up --refresh", async () => {
        const { segmentIds } = (await stack.outputs()) as { segmentIds: Record<string, string> };
        await admin.drift("segments", segmentIds.london, { description: "Edited by hand in the UI" });

        const plain = await pulumi(stack, ["preview", "--expect-no-changes"]);
        expect(plain.code).toBe(0); // without --refresh, preview compares with the state only

        const caught = await pulumi(stack, ["preview", "--refresh", "--expect-no-changes", "--diff"], true);
        expect(caught.code).not.toBe(0);
        expect(caught.stdout).toMatch(/description/);
        expect(caught.stdout + caught.stderr).toMatch(/no changes were expected/i);

        await admin.clearRequests();
        await pulumi(stack, ["up", "--refresh", "--yes", "--skip-preview"]);
        const patches = (await admin.requests()).filter((r) => r.method === "PATCH");
        expect(patches.map((p) => p.requestBody)).toEqual([[{ op: "replace", path: "/description", value: "Employees based in London" }]]);
        expect((await admin.getObject("segments", segmentIds.london)).description).toBe("Employees based in London");
        await pulumi(stack, ["preview", "--refresh", "--expect-no-changes"]);
    }, 600_000);

    test("a program edit sends only the changed fields, and a set gains one element without replacing the list", async () => {
        await admin.clearRequests();
        await stack.setConfig("revision", "2");
        await pulumi(stack, ["up", "--yes", "--skip-preview"]);
        const patches = (await admin.requests()).filter((r) => r.method === "PATCH");
        expect(patches).toHaveLength(2);
        const bodies = patches.map((p) => p.requestBody as Array<{ op: string; path: string }>);
        const segmentPatch = bodies.find((b) => b.some((op) => op.path === "/description"));
        expect(segmentPatch).toEqual([{ op: "replace", path: "/description", value: "Employees whose primary office is London (UK)" }]);
        const profilePatch = bodies.find((b) => b.some((op) => op.path.startsWith("/entitlements")));
        expect(profilePatch?.filter((op) => op.op !== "test")).toEqual([
            { op: "add", path: "/entitlements/-", value: expect.objectContaining({ type: "ENTITLEMENT" }) },
        ]);
        await pulumi(stack, ["preview", "--refresh", "--expect-no-changes"]);
    }, 600_000);

    test("the client secret never appears in the exported state, in anything pulumi printed, or in a request but the token's", async () => {
        const exported = await stack.exportState();
        transcript.push(exported);
        expect(exported).toContain("isc:clientSecret"); // the config is there, encrypted
        // Every run above printed something, and authenticated with the secret from that config.
        expect(transcript.filter((t) => t.length > 0).length).toBeGreaterThanOrEqual(5);
        for (const text of transcript) expect(text).not.toContain("demo-secret");
        // The request log of the last up and preview: the token requests (which carry the secret, shown REDACTED)
        // and the calls made with their tokens; the secret in no other body or query.
        const log = await admin.requests();
        const tokens = log.filter((r) => r.path === "/oauth/token");
        expect(tokens.length).toBeGreaterThan(0);
        for (const t of tokens) expect(t).toMatchObject({ status: 200, requestBody: { client_id: "demo-client", client_secret: "REDACTED" } });
        expect(log.length).toBeGreaterThan(tokens.length);
        expect(JSON.stringify(log)).not.toContain("demo-secret");
    }, 120_000);

    test("destroy leaves the tenant with no object the stack created", async () => {
        await pulumi(stack, ["destroy", "--yes", "--skip-preview"]);
        expect(await namesInTenant()).toEqual({ segments: [], accessProfiles: [] });
    }, 600_000);
});

describe("with faults on: 429s, 5xx, dropped connections and consistency lag", () => {
    test("up converges with no duplicate, destroy removes everything, and each request key gets its seeded faults", async () => {
        await admin.reset();
        const stack = await newStack("faults");
        // The per-key sequence: every object's faults are the same in every run, whatever order pulumi's parallel
        // steps send their requests in. At most 2 faults in a row on one key: each bounded retry of the provider
        // (3 creates whose outcome stays unknown, 4 re-plans, 8 attempts of a read) outlasts that. The unbounded
        // storm is measured in the fault-soak benchmark instead.
        const { faults } = await admin.setConfig({
            consistencyLagMs: 1500,
            faults: {
                serverErrorRate: 0.15,
                dropRate: 0.1,
                rateLimitRate: 0.1,
                latencyMs: 0,
                applyBeforeFaultShare: 0.5,
                sequence: "per-key",
                maxConsecutive: 2,
                seed: 1015,
            },
        });
        try {
            await pulumi(stack, ["up", "--yes", "--skip-preview"]);
            expect(await namesInTenant()).toEqual({ segments: [...SEGMENTS].sort(), accessProfiles: [...PROFILES].sort() });
            await pulumi(stack, ["preview", "--refresh", "--expect-no-changes"]);
            await pulumi(stack, ["destroy", "--yes", "--skip-preview"]);
            expect(await namesInTenant()).toEqual({ segments: [], accessProfiles: [] });

            const log = await admin.requests();
            const byKey = faultsByKey(log);
            const writes = Object.entries(byKey).filter(([key]) => !key.startsWith("GET "));
            // The faults really happened, on writes too (a POST per object, a PATCH or DELETE per object).
            expect(log.filter((r) => r.fault !== null).length).toBeGreaterThan(5);
            expect(writes.filter(([, f]) => f.some((x) => x !== null)).length).toBeGreaterThan(2);
            expect(writes.filter(([key]) => /^POST \S+ name=/.test(key))).toHaveLength(SEGMENTS.length + PROFILES.length); // one create key per object
            // Every key got exactly the faults the seeded sequence gives its n-th request, and never more than 2 in a row.
            expect(unseededKeys(log, SEED, faults)).toEqual([]);
            expect(Math.max(...Object.values(byKey).map(longestFaultRun))).toBeLessThanOrEqual(2);
        } finally {
            await admin.setConfig({
                consistencyLagMs: 0,
                faults: NO_FAULTS,
            });
        }
    }, 900_000);
});

describe("configuration errors fail with a message that says what to set", () => {
    beforeAll(async () => {
        await admin.reset();
    });

    test("no credentials", async () => {
        const stack = await newStack("no-credentials", { credentials: false });
        const r = await pulumi(stack, ["up", "--yes", "--skip-preview"], true);
        expect(r.code).not.toBe(0);
        expect(r.stdout + r.stderr).toMatch(/isc:clientId/);
        expect(r.stdout + r.stderr).toMatch(/SAIL_CLIENT_ID/);
        expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/); // no stack trace
        expect(await namesInTenant()).toEqual({ segments: [], accessProfiles: [] });
    }, 300_000);

    test("a wrong client secret", async () => {
        const stack = await newStack("wrong-secret", { clientSecret: "not-the-secret" });
        const r = await pulumi(stack, ["up", "--yes", "--skip-preview"], true);
        expect(r.code).not.toBe(0);
        expect(r.stdout + r.stderr).toMatch(/isc:clientSecret/);
        expect(r.stdout + r.stderr).not.toContain("not-the-secret");
        expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    }, 300_000);

    test("an unreachable base URL", async () => {
        const stack = await newStack("unreachable", { baseUrl: "http://127.0.0.1:9" });
        const r = await pulumi(stack, ["up", "--yes", "--skip-preview"], true);
        expect(r.code).not.toBe(0);
        expect(r.stdout + r.stderr).toMatch(/127\.0\.0\.1:9/);
        expect(r.stdout + r.stderr).toMatch(/isc:baseUrl/);
        expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    }, 300_000);
});
