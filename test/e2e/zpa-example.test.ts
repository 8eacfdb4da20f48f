/**
 * End to end with the real `pulumi` CLI: the examples/zpa-segment-groups program against the ZPA emulator, the
 * provider installed from its packed tarball. What it shows: the application segments are looked up by name; a group
 * that declares its applications is kept to them (an application added in the portal is drift, and `up --refresh`
 * takes it out with one PUT), a group that does not declare them is left alone (an application added there is no
 * drift); destroy deletes every group. The client secret is in no state or output.
 */
import * as fs from "fs";
import * as path from "path";
import { startZpaEmulator, ZPA_DEMO_CLIENT, type ZpaEmulator, type ZpaRequestLogEntry } from "../../emulator/zpa";
import { installProgram, packProvider, REPO } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../../scripts/lib/pulumi";

const PROJECT = "zpa-e2e";
const EXAMPLE = "examples/zpa-segment-groups";

let zpa: ZpaEmulator;
let stack: PulumiStack;

type Group = { id: string; name: string; enabled: boolean; applications?: Array<{ id: string }> };
async function admin<T>(method: string, p: string, body?: unknown): Promise<T> {
    const res = await fetch(`${zpa.url}/__admin/${p}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
}
const groups = () => admin<Group[]>("GET", "segmentGroups");
const group = async (name: string) => (await groups()).find((g) => g.name === name)!;
const appIds = (g: Group) => (g.applications ?? []).map((a) => a.id).sort();
const appId = async (name: string) => (await admin<Array<{ id: string; name: string }>>("GET", "applications")).find((a) => a.name === name)!.id;
/** The API requests since the last clear, token requests left out, as "METHOD collection". */
async function calls(): Promise<string[]> {
    const log = await admin<ZpaRequestLogEntry[]>("GET", "requests");
    return log.filter((e) => !/signin|oauth2/.test(e.path)).map((e) => `${e.method} ${e.path.replace(/^.*\/customers\/\d+/, "").replace(/\/\d+$/, "/{id}")}`);
}

beforeAll(
    async () => {
        const cliEnv = await pulumiCliEnv();
        const programDir = installProgram(packProvider(), { project: PROJECT, typescript: true });
        fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: ${EXAMPLE}/index.ts\n`);
        fs.mkdirSync(path.join(programDir, EXAMPLE), { recursive: true });
        fs.copyFileSync(path.join(REPO, EXAMPLE, "index.ts"), path.join(programDir, EXAMPLE, "index.ts"));
        zpa = await startZpaEmulator({ port: 0, seed: 11 });
        // Nothing of the caller's Zscaler settings reaches pulumi: only the stack configuration below.
        const env = {
            ...cliEnv,
            ...Object.fromEntries(
                Object.keys(process.env)
                    .filter((k) => /^(ZPA|ZSCALER)_/.test(k))
                    .map((k) => [k, ""]),
            ),
        };
        stack = new PulumiStack(programDir, "dev", env);
        await stack.init();
        await stack.setConfig("zpa:baseUrl", zpa.url);
        await stack.setConfig("zpa:customerId", zpa.customerId);
        await stack.setConfig("zpa:clientId", ZPA_DEMO_CLIENT.id);
        await stack.setConfig("zpa:clientSecret", ZPA_DEMO_CLIENT.secret, { secret: true });
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    stack?.dispose();
    await zpa?.close();
});

test("up, drift on the declared group only, up --refresh, destroy", async () => {
    await stack.run(["up", "--yes", "--skip-preview"]);
    const engineering = await group("Engineering Tools");
    expect(appIds(engineering)).toEqual([await appId("Build Server"), await appId("Git Server")].sort());
    expect(engineering.enabled).toBe(true);
    expect(appIds(await group("Business Apps"))).toEqual([]);
    expect(appIds(await group("Quarantine"))).toEqual([]);
    const outputs = await stack.outputs();
    expect(outputs.engineeringGroupId).toBe(engineering.id);
    // A group without applications shows `applications: []` (ZPA leaves the field out): the export is defined.
    expect(outputs.businessApplications).toEqual([]);

    // In the portal: one application joins the group that leaves its applications alone, one the declared group.
    const business = await group("Business Apps");
    await admin("POST", `segmentGroups/${business.id}`, { applications: [await appId("CRM Portal")] });
    await admin("POST", `segmentGroups/${engineering.id}`, { applications: [...appIds(engineering), await appId("Ticketing")] });
    await admin("DELETE", "requests");
    const preview = await stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    // One update, the declared group's; the other group's new application shows only as its refreshed output.
    expect(preview.stdout).toMatch(/~ 1 to update\s+3 unchanged/);
    expect(preview.stdout).toMatch(/SegmentGroup: \(update\)\s+\[id=\d+\]\s+\[urn=[^\]]*::engineering\]/);

    await admin("DELETE", "requests");
    await stack.run(["up", "--refresh", "--yes", "--skip-preview"]);
    const writes = (await calls()).filter((c) => !c.startsWith("GET"));
    expect(writes).toEqual(["PUT /segmentGroup/{id}"]);
    expect(appIds(await group("Engineering Tools"))).toEqual([await appId("Build Server"), await appId("Git Server")].sort());
    expect(appIds(await group("Business Apps"))).toEqual([await appId("CRM Portal")]);
    await stack.run(["preview", "--refresh", "--expect-no-changes"]);

    expect(await stack.exportState()).not.toContain(ZPA_DEMO_CLIENT.secret);
    await stack.run(["destroy", "--yes", "--skip-preview"]);
    expect(await groups()).toEqual([]);
}, 600_000);
