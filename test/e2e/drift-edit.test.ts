/**
 * Issue 14 §4 through the real pulumi CLI: drift plus a program edit, without refresh. After a good `up`, someone
 * changes fields in the ISC UI (the emulator's admin API): a segment's description and active flag, an access
 * profile's description and two more entitlements. The program then renames both, and `pulumi up --yes` runs without
 * --refresh. Pulumi's own diff (state against program) names only `name`; the tenant must still end up exactly as
 * declared in every declared field, and the next `pulumi preview --expect-no-changes` must pass.
 *
 * The API calls of that `up` are counted by method and printed (the closing note's figures).
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { diff, type ResourceSchema } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { installProgram, packProvider } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../../scripts/lib/pulumi";

const PROJECT = "isc-drift-edit";
const SEGMENT_TYPE = "pulumi-nodejs:dynamic/isc:Segment";
const PROFILE_TYPE = "pulumi-nodejs:dynamic/isc:AccessProfile";
type Props = Record<string, unknown>;

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
let emu: Emulator;
let admin: EmulatorAdmin;
let stack: PulumiStack | undefined;

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installProgram(packProvider(), { project: PROJECT, typescript: true });
        fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: drift-edit/index.ts\n`);
        fs.mkdirSync(path.join(programDir, "drift-edit"), { recursive: true });
        fs.copyFileSync(path.join(__dirname, "drift-edit", "index.ts"), path.join(programDir, "drift-edit", "index.ts"));
        // Answers in every form the specs allow (emulator/echo.ts): the update's read and its patch must agree whatever ISC echoes.
        emu = await startEmulator({ port: 0, seed: 43, echoVariation: { seed: 43 } });
        admin = new EmulatorAdmin(emu.url);
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    stack?.dispose();
    await emu?.close();
});

/** The declared inputs of each resource, as the last `up` recorded them in the state, by type. */
async function declared(s: PulumiStack): Promise<Record<string, Props>> {
    const state = JSON.parse(await s.exportState()) as { deployment: { resources?: Array<{ type: string; inputs?: Props }> } };
    return Object.fromEntries((state.deployment.resources ?? []).filter((r) => r.inputs).map((r) => [r.type, r.inputs!]));
}

/** The declared fields in which the stored object differs from the declaration, by the provider's own comparison. */
function differing(schema: ResourceSchema, stored: Props, inputs: Props): string[] {
    return diff(schema, stored, inputs).changedFields;
}

const ids = (list: unknown) => ((list ?? []) as Array<{ id: string }>).map((e) => e.id).sort();

test(
    "a field changed in the UI and another edited in the program: up without --refresh leaves the declared state, and preview is clean",
    async () => {
        const tenant = await admin.state();
        const source = tenant.sources.find((x) => tenant.entitlements.filter((e) => e.source.id === x.id).length >= 4)!;
        const [e0, e1, e2, e3] = tenant.entitlements.filter((e) => e.source.id === source.id).map((e) => e.id);
        const s = new PulumiStack(programDir, "drift-edit", cliEnv);
        stack = s;
        await s.init();
        await s.setConfig("isc:baseUrl", emu.url);
        await s.setConfig("isc:clientId", "demo-client");
        await s.setConfig("isc:clientSecret", "demo-secret", { secret: true });
        await s.setConfig("ownerId", tenant.identities[0].id);
        await s.setConfig("sourceId", source.id);
        await s.setConfig("entitlementIds", JSON.stringify([e0, e1]));
        await s.run(["up", "--yes", "--skip-preview"]);
        const { segmentId, accessProfileId } = (await s.outputs()) as { segmentId: string; accessProfileId: string };

        // Someone changes the objects in the UI.
        await admin.drift("segments", segmentId, { description: "Changed in the UI", active: false });
        const profile = await admin.getObject("access-profiles", accessProfileId);
        const added = [e2, e3].map((id) => ({ type: "ENTITLEMENT", id }));
        await admin.drift("access-profiles", accessProfileId, {
            description: "Changed in the UI",
            entitlements: [...(profile.entitlements as Props[]), ...added],
        });

        // The program renames both, and the pipeline runs a plain `up`.
        await s.setConfig("revision", "2");
        await admin.clearRequests();
        await s.run(["up", "--yes"]);
        const calls = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
        const byMethod: Record<string, number> = {};
        for (const c of calls) byMethod[c.method] = (byMethod[c.method] ?? 0) + 1;
        console.log(`up after drift plus an edit (token calls excluded): ${JSON.stringify(byMethod)}: ${calls.map((c) => `${c.method} ${c.path}`).join(", ")}`);

        const inputs = await declared(s);
        const segment = await admin.getObject("segments", segmentId);
        const accessProfile = await admin.getObject("access-profiles", accessProfileId);
        expect(segment).toMatchObject({ name: "Lisbon Office (renamed)", description: "Employees based in Lisbon", active: true });
        expect(accessProfile).toMatchObject({ name: "Lisbon File Shares (renamed)", description: "Read access to the Lisbon file shares" });
        expect(ids(accessProfile.entitlements)).toEqual([e0, e1].sort());
        expect(differing(segmentSchema, segment, inputs[SEGMENT_TYPE])).toEqual([]);
        expect(differing(accessProfileSchema, accessProfile, inputs[PROFILE_TYPE])).toEqual([]);
        // One read at most per update (a list page or a GET), besides its PATCH.
        expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(2);
        expect(calls.filter((c) => c.method === "GET").length).toBeLessThanOrEqual(2);

        // The state now holds the server's objects: a plain preview and one with --refresh find nothing to do.
        await s.run(["preview", "--expect-no-changes"]);
        await s.run(["preview", "--refresh", "--expect-no-changes"]);
        await s.run(["destroy", "--yes", "--skip-preview"]);
        expect((await admin.state()).segments.map((x) => x.id)).not.toContain(segmentId);
    },
    15 * 60 * 1000,
);
