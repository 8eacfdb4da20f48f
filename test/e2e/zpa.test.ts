/**
 * The ZPA example program (examples/zpa-segment-groups) through the real pulumi CLI against the ZPA emulator, with the
 * packed provider installed as a user installs it: up, a clean preview, drift made in the admin portal caught by
 * `preview --refresh --expect-no-changes` naming the drifted fields, `up --refresh` restoring them with one PUT that
 * changes only those, destroy leaving no group; and a second stack's up and destroy under seeded faults (no
 * duplicate, no orphan). The client secret is in neither the state nor anything the CLI printed.
 */
import * as fs from "fs";
import * as path from "path";
import {
    startZpaEmulator,
    ZPA_DEMO_CLIENT,
    ZPA_NO_FAULTS,
    zpaKeyedFaults,
    type ZpaEmulator,
    type ZpaFaults,
    type ZpaRequestLogEntry,
} from "../../emulator/zpa";
import { installProgram, packProvider, REPO } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack, type RunResult } from "../../scripts/lib/pulumi";
import { apiCalls, duplicates, ZpaAdmin, zpaFaultsByKey } from "../host/zpa-support";

const PROJECT = "zpa-segment-groups-e2e";
const SECRET = ZPA_DEMO_CLIENT.secret;
const GROUPS = ["Business Apps", "Engineering Tools", "Quarantine"];

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
let zpa: ZpaEmulator;
let admin: ZpaAdmin;
const stacks: PulumiStack[] = [];
/** Everything the CLI printed, for the secret scan. */
const printed: string[] = [];

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installProgram(packProvider(), { project: PROJECT, typescript: true });
        fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: zpa-segment-groups/index.ts\n`);
        fs.mkdirSync(path.join(programDir, "zpa-segment-groups"), { recursive: true });
        fs.copyFileSync(path.join(REPO, "examples/zpa-segment-groups/index.ts"), path.join(programDir, "zpa-segment-groups/index.ts"));
        zpa = await startZpaEmulator({ port: 0, seed: 17 });
        admin = new ZpaAdmin(zpa.url);
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    for (const s of stacks) s.dispose();
    await zpa?.close();
});

/** A stack of the example pointed at the emulator (legacy API keys, the secret as a stack secret), no caller's ZPA variables. */
async function exampleStack(name: string): Promise<PulumiStack & { pulumi: (args: string[], allowFailure?: boolean) => Promise<RunResult> }> {
    const blank = Object.fromEntries(
        Object.keys(process.env)
            .filter((k) => /^(ZPA|ZSCALER)_/.test(k))
            .map((k) => [k, ""]),
    );
    const s = new PulumiStack(programDir, name, cliEnv, blank);
    stacks.push(s);
    await s.init();
    await s.setConfig("zpa:baseUrl", zpa.url);
    await s.setConfig("zpa:customerId", zpa.customerId);
    await s.setConfig("zpa:clientId", ZPA_DEMO_CLIENT.id);
    await s.setConfig("zpa:clientSecret", SECRET, { secret: true });
    return Object.assign(s, {
        pulumi: async (args: string[], allowFailure = false) => {
            const r = await s.run(args, { allowFailure });
            printed.push(r.stdout, r.stderr);
            return r;
        },
    });
}

const byName = async (name: string) => (await admin.groups()).find((g) => g.name === name);
const puts = (log: ZpaRequestLogEntry[]) => log.filter((r) => r.method === "PUT");

test(
    "up, a clean preview, drift caught by preview --refresh, restored by up --refresh with one PUT of the drifted fields, destroy",
    async () => {
        const s = await exampleStack("zpa");
        const counts: Record<string, number> = {};
        const step = async (label: string, args: string[], allowFailure = false): Promise<RunResult> => {
            await admin.clearRequests();
            const r = await s.pulumi(args, allowFailure);
            counts[label] = apiCalls(await admin.requests()).length;
            return r;
        };

        await step("up", ["up", "--yes", "--skip-preview"]);
        expect((await admin.groups()).map((g) => g.name).sort()).toEqual(GROUPS);
        const apps = await admin.applications();
        const engineering = await byName("Engineering Tools");
        const appIds = (names: string[]) => names.map((n) => apps.find((a) => a.name === n)!.id).sort();
        expect(engineering?.applications?.map((a) => a.id).sort()).toEqual(appIds(["Build Server", "Git Server"]));
        expect((await s.outputs()).engineeringGroupId).toBe(engineering?.id);

        await step("preview", ["preview", "--expect-no-changes"]);

        // Someone edits "Business Apps" in the admin portal.
        const business = (await byName("Business Apps"))!;
        await admin.drift(business.id, { description: "Changed in the portal", enabled: false });
        const caught = await step("preview --refresh (drifted)", ["preview", "--refresh", "--expect-no-changes", "--diff"], true);
        expect(caught.code).not.toBe(0);
        const shown = caught.stdout + caught.stderr;
        // The refresh reads the portal's values, and the update back to the program names exactly the drifted fields.
        const updates = [...shown.matchAll(/zpa:SegmentGroup: \(update\)\s+\[id=(\d+)\]\s+\[urn=[^\]]*::(\w+)\]\n((?:\s+[~+-]? *\w+\s*: .*\n)+)/g)];
        expect(updates.map((u) => [u[1], u[2]])).toEqual([[business.id, "business"]]);
        const changed = updates[0][3].split("\n").filter((line) => /^\s+[~+-] /.test(line));
        expect(changed.map((line) => line.trim().split(/\s*:/)[0])).toEqual(["~ description", "~ enabled"]);
        expect(updates[0][3]).toMatch(/description\s*: "Changed in the portal" => "CRM, HR and payroll/);
        expect(updates[0][3]).toMatch(/enabled\s*: false => true/);
        expect(shown).toMatch(/~ 1 to update/);

        await step("up --refresh", ["up", "--refresh", "--yes", "--skip-preview"]);
        const log = await admin.requests();
        expect(puts(log).map((p) => [p.path.endsWith(`/segmentGroup/${business.id}`), p.changedFields])).toEqual([[true, ["description", "enabled"]]]);
        expect(await byName("Business Apps")).toMatchObject({ description: expect.stringMatching(/^CRM, HR and payroll/), enabled: true });
        await step("preview --refresh (restored)", ["preview", "--refresh", "--expect-no-changes"]);

        const state = (await s.run(["stack", "export", "--show-secrets=false"])).stdout;
        expect(state).toContain('"type": "pulumi-nodejs:dynamic/zpa:SegmentGroup"');
        expect(state).toContain('require(\\"pulumi-sailpoint-isc/zpa/dynamic\\")');
        expect(state).not.toContain(SECRET);

        await step("destroy", ["destroy", "--yes", "--skip-preview"]);
        expect(await admin.groups()).toEqual([]);
        expect(printed.join("\n")).not.toContain(SECRET);
        console.log(`ZPA example: API calls per CLI step (token requests excluded): ${JSON.stringify(counts)}`);
    },
    15 * 60 * 1000,
);

test(
    "up and destroy of the example under seeded faults (every kind drawn, at most 2 in a row, a POST applied and its answer dropped): no duplicate, no orphan",
    async () => {
        const faults: ZpaFaults = { ...ZPA_NO_FAULTS, rate: 0.3, sequence: "per-key", maxConsecutive: 2, seed: 1703, applyBeforeFaultShare: 0.5 };
        await admin.reset();
        await admin.setConfig({ faults, consistencyLagMs: 1000 });
        try {
            const s = await exampleStack("zpa-faults");
            await admin.clearRequests();
            await s.pulumi(["up", "--yes", "--skip-preview"]);
            const afterUp = await admin.requests();
            expect(duplicates(await admin.groups())).toEqual({});
            expect((await admin.groups()).map((g) => g.name).sort()).toEqual(GROUPS);
            await s.pulumi(["destroy", "--yes", "--skip-preview"]);
            const log = [...afterUp, ...(await admin.requests()).filter((r) => r.seq > afterUp[afterUp.length - 1].seq)];
            const faulted = log.filter((r) => r.fault !== null);
            console.log(
                `ZPA example under faults: ${log.length} requests, ${faulted.length} faulted (${[...new Set(faulted.map((r) => r.fault))].sort().join(", ")})`,
            );
            expect(faulted.length).toBeGreaterThan(3);
            // "Business Apps"' first POST is applied and its answer dropped (the seed's): found by name, not posted again.
            expect(log.filter((r) => r.method === "POST" && r.path.includes("/mgmtconfig/") && r.applied && r.status !== 200).length).toBeGreaterThan(0);
            // The program's lookups and the provider's calls met the seeded per-key faults, at most 2 in a row.
            for (const [key, logged] of Object.entries(zpaFaultsByKey(log)))
                expect([key, logged]).toEqual([key, zpaKeyedFaults(17, faults, key, logged.length)]);
            expect(await admin.groups()).toEqual([]);
            const state = (await s.run(["stack", "export", "--show-secrets=false"])).stdout;
            expect(state).not.toContain(SECRET);
            expect(printed.join("\n")).not.toContain(SECRET);
        } finally {
            await admin.setConfig({ faults: ZPA_NO_FAULTS, consistencyLagMs: 0 });
        }
    },
    15 * 60 * 1000,
);
