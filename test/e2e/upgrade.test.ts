/**
 * Upgrade: a stack whose state was written by pulumi-sailpoint-isc 0.1.0 keeps refreshing, updating and
 * destroying with the current package.
 *
 * Every resource's state holds `__provider`, the provider as Pulumi serialized it when the state was written.
 * The dynamic-provider host runs THAT text, not the program's, for `read` (refresh) and `delete`, until an
 * update rewrites it; 0.1.0's text `require`s files of the installed package by path
 * (`pulumi-sailpoint-isc/dist/provider/registry.js`, ...). So a state written by 0.1.0, run with a newer
 * package installed, calls into the NEW package through the OLD paths: those must keep working.
 *
 * The fixture (`test/fixtures/state-0.1.0`, see its README.md) is the state 0.1.0 exported, the program that
 * wrote it, and the emulator's objects then. Here the current package is installed, the emulator is given the
 * same objects with the same ids, the state is imported, and the stack goes through refresh, drift, an edit
 * and destroy with the real pulumi CLI.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin, type ObjectKind, type StoredObject } from "../../emulator/admin-client";
import { installProgram, packProvider } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack, type RunResult } from "../../scripts/lib/pulumi";

const FIXTURE = path.join(__dirname, "..", "fixtures", "state-0.1.0");
const PLACEHOLDER = "__ISC_BASE_URL__";
/** What 0.1.0 serialized: requires of the installed package's internal files, by path. */
const OLD_REQUIRE = 'require("pulumi-sailpoint-isc/dist/';

interface FixtureConfig {
    project: string;
    stack: string;
    passphrase: string;
    plain: Array<[string, string]>;
    secret: Array<[string, string]>;
    paths: Array<[string, string]>;
}
interface FixtureTenant {
    seed: number;
    segments: StoredObject[];
    accessProfiles: StoredObject[];
    creationOrder: Array<{ kind: ObjectKind; id: string }>;
}
interface StateResource {
    urn: string;
    type: string;
    id?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}
interface Deployment {
    deployment: { resources?: StateResource[] };
}

const readFixture = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURE, name), "utf8")) as T;
const config = readFixture<FixtureConfig>("config.json");
const tenant = readFixture<FixtureTenant>("tenant.json");
const fixtureStateText = fs.readFileSync(path.join(FIXTURE, "state.json"), "utf8");
/** The file holds the text exactly as it is in the state (it ends with a newline of its own). */
const oldSegmentProvider = fs.readFileSync(path.join(FIXTURE, "provider-segment.js.txt"), "utf8");

const fixtureObjects = new Map<string, { kind: ObjectKind; object: StoredObject }>([
    ...tenant.segments.map((o) => [o.id, { kind: "segments" as ObjectKind, object: o }] as const),
    ...tenant.accessProfiles.map((o) => [o.id, { kind: "access-profiles" as ObjectKind, object: o }] as const),
]);

function dynamicResources(state: Deployment): StateResource[] {
    return (state.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
}

function idOf(state: Deployment, name: string): string {
    const r = dynamicResources(state).find((x) => x.urn.endsWith(`::${name}`));
    if (!r?.id) throw new Error(`no resource ${name} in the state`);
    return r.id;
}

const fixtureState = JSON.parse(fixtureStateText) as Deployment;
const LONDON = idOf(fixtureState, "london");
const VPN = idOf(fixtureState, "engineering-vpn");
/** Each resource's `__provider` as 0.1.0 wrote it, by id. */
const oldProviders = new Map(dynamicResources(fixtureState).map((r) => [r.id ?? "", r.outputs?.__provider]));

/** Every resource of `state` whose outputs still hold, byte for byte, the `__provider` 0.1.0 wrote for it. */
function stillOld(state: Deployment): string[] {
    return dynamicResources(state)
        .filter((r) => r.outputs?.__provider === oldProviders.get(r.id ?? ""))
        .map((r) => r.id ?? "")
        .sort();
}

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
let emu: Emulator;
let admin: EmulatorAdmin;
let stack: PulumiStack;

/**
 * Gives the emulator the fixture's objects with the fixture's ids. The admin API takes no id: the emulator's
 * ids come from its seed and the number of objects created since a reset, so the objects are created again,
 * after a reset, with the same seed and in the same order as 0.1.0 created them. Returns the new objects.
 */
async function seedFixtureObjects(): Promise<Map<string, StoredObject>> {
    await admin.reset();
    const seeded = new Map<string, StoredObject>();
    for (const { kind, id } of tenant.creationOrder) {
        const original = fixtureObjects.get(id);
        if (!original) throw new Error(`tenant.json: ${id} in creationOrder is not among its objects`);
        const { id: _id, created: _created, modified: _modified, ...body } = original.object;
        const made = await admin.createObject(kind, body);
        if (made.id !== id) {
            throw new Error(
                `the emulator (seed ${tenant.seed}) gave the ${seeded.size + 1}th object the id ${made.id}, not the fixture's ${id}: ` +
                    "its id sequence changed, so the fixture's objects cannot be recreated by replay (see test/fixtures/state-0.1.0/README.md)",
            );
        }
        seeded.set(id, made);
    }
    // The objects are back with the fixture's 32-hex ids; from here every answer varies in the forms the specs allow
    // (emulator/echo.ts): 0.1.0's state must refresh, update and destroy whatever ISC echoes.
    await admin.setConfig({ echoVariation: { seed: tenant.seed } });
    return seeded;
}

/**
 * The fixture's state for this run: the placeholder replaced by the emulator's URL, and each object's
 * `created` / `modified` set to the recreated object's (the emulator stamps objects with the time they are
 * created; the tenant a real upgrade meets still has the stamps the state recorded). Nothing else changes.
 */
function stateForThisRun(seeded: Map<string, StoredObject>): string {
    const state = JSON.parse(fixtureStateText.split(PLACEHOLDER).join(emu.url)) as Deployment;
    for (const r of dynamicResources(state)) {
        const object = seeded.get(r.id ?? "");
        if (!object || !r.outputs) throw new Error(`state resource ${r.urn} (${r.id}) has no seeded object`);
        r.outputs.created = object.created;
        r.outputs.modified = object.modified;
    }
    return JSON.stringify(state, null, 2);
}

async function pulumi(args: string[], allowFailure = false): Promise<RunResult> {
    return stack.run(args, { allowFailure });
}

async function exported(): Promise<Deployment> {
    return JSON.parse(await stack.exportState()) as Deployment;
}

/** Object fields the provider manages: everything but the server's stamps. */
function withoutStamps(o: StoredObject): Record<string, unknown> {
    const { created: _c, modified: _m, ...rest } = o;
    return rest;
}

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installProgram(packProvider(), { project: config.project, typescript: true });
        fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${config.project}\nruntime: nodejs\nmain: index.ts\n`);
        fs.copyFileSync(path.join(FIXTURE, "program", "index.ts"), path.join(programDir, "index.ts"));
        emu = await startEmulator({ port: 0, seed: tenant.seed });
        admin = new EmulatorAdmin(emu.url);
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    stack?.dispose();
    await emu?.close();
});

describe("a stack written by 0.1.0, with the current package installed", () => {
    test("the fixture really holds 0.1.0's serialized provider", () => {
        expect(oldSegmentProvider).toContain(OLD_REQUIRE);
        const resources = dynamicResources(fixtureState);
        expect(resources.map((r) => r.type).sort()).toEqual([
            "pulumi-nodejs:dynamic/isc:AccessProfile",
            "pulumi-nodejs:dynamic/isc:AccessProfile",
            "pulumi-nodejs:dynamic/isc:Segment",
            "pulumi-nodejs:dynamic/isc:Segment",
        ]);
        for (const r of resources) {
            expect(r.outputs?.__provider).toEqual(expect.stringContaining(OLD_REQUIRE));
            expect(r.inputs?.__provider).toBe(r.outputs?.__provider);
        }
        for (const r of resources.filter((x) => x.type.endsWith(":Segment"))) expect(r.outputs?.__provider).toBe(oldSegmentProvider);
        expect(fixtureStateText).toContain(PLACEHOLDER);
        expect(fixtureStateText).not.toMatch(/http:\/\/127\.0\.0\.1:\d+/);
    });

    test("the emulator gets the fixture's objects back, with the same ids and fields", async () => {
        const seeded = await seedFixtureObjects();
        const state = await admin.state();
        expect(state.segments.map(withoutStamps)).toEqual(tenant.segments.map(withoutStamps));
        // ISC answers every access profile with `accessModelMetadata` (`{attributes: []}` when it has none), which
        // 0.1.0's tenant predates: the emulator adds that default and nothing else.
        const metadataDefault = { accessModelMetadata: { attributes: [] } };
        expect(state.accessProfiles.map(withoutStamps)).toEqual(tenant.accessProfiles.map((o) => ({ ...metadataDefault, ...withoutStamps(o) })));
        expect(seeded.size).toBe(4);
        // The tenant's own objects the stack config names are the seeded tenant's (same seed).
        const known = new Set([...state.identities, ...state.sources, ...state.entitlements, ...state.governanceGroups].map((o) => o.id));
        for (const [key, value] of config.paths) expect([key, known.has(value)]).toEqual([key, true]);
    }, 60_000);

    test("the state imports into a new stack and still holds 0.1.0's __provider", async () => {
        const seeded = await seedFixtureObjects();
        stack = new PulumiStack(programDir, config.stack, cliEnv, { PULUMI_CONFIG_PASSPHRASE: config.passphrase });
        await stack.init();
        for (const [key, value] of config.plain) await stack.setConfig(key, value === PLACEHOLDER ? emu.url : value);
        for (const [key, value] of config.secret) await stack.setConfig(key, value, { secret: true });
        for (const [key, value] of config.paths) await stack.setConfig(key, value, { path: true });

        const file = path.join(stack.workDir, "state-0.1.0.json");
        fs.writeFileSync(file, stateForThisRun(seeded));
        await pulumi(["stack", "import", "--file", file]);

        const state = await exported();
        const resources = dynamicResources(state);
        expect(resources).toHaveLength(4);
        expect(stillOld(state)).toEqual([...oldProviders.keys()].sort());
        for (const r of resources) expect(r.inputs?.__provider).toBe(oldProviders.get(r.id ?? ""));
        expect(JSON.stringify(state)).toContain(emu.url);
    }, 300_000);

    test("refresh runs 0.1.0's provider, reads the tenant and finds no change", async () => {
        await admin.clearRequests();
        const r = await pulumi(["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
        expect(r.stdout).not.toMatch(/~\s+\d+ (to )?update/);
        // It really asked the tenant, for both kinds (one GET per object, or list pages: how is the provider's
        // choice), and wrote nothing.
        const reads = (await admin.requests()).filter((q) => q.method === "GET").map((q) => q.path);
        for (const kind of ["segments", "access-profiles"]) {
            expect(reads).toContainEqual(expect.stringMatching(new RegExp(`/${kind}(/[0-9a-f]{32})?$`)));
        }
        expect((await admin.requests()).filter((q) => q.method !== "GET" && q.path !== "/oauth/token")).toEqual([]);

        // The refresh kept the old provider text in the state: read and delete still run it.
        expect(stillOld(await exported())).toEqual([...oldProviders.keys()].sort());
        await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    }, 600_000);

    test("drift made in the tenant shows in preview --refresh", async () => {
        const original = await admin.getObject("access-profiles", VPN);
        await admin.drift("access-profiles", VPN, { description: "Edited by hand in the UI" });
        try {
            const caught = await pulumi(["preview", "--refresh", "--expect-no-changes", "--diff"], true);
            expect(caught.code).not.toBe(0);
            expect(caught.stdout).toMatch(/engineering-vpn/);
            expect(caught.stdout).toMatch(/description/);
            expect(caught.stdout + caught.stderr).toMatch(/no changes were expected/i);
        } finally {
            await admin.drift("access-profiles", VPN, { description: original.description });
        }
        await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    }, 600_000);

    test("an edit of one field sends exactly one PATCH, for that field", async () => {
        await admin.clearRequests();
        await stack.setConfig("revision", "2");
        await pulumi(["up", "--yes", "--skip-preview"]);
        const writes = (await admin.requests()).filter((q) => q.method !== "GET" && q.path !== "/oauth/token");
        expect(writes.map((q) => [q.method, q.path.replace(/^\/[^/]+/, ""), q.status])).toEqual([["PATCH", `/segments/${LONDON}`, 200]]);
        expect((writes[0].requestBody as Array<{ op: string }>).filter((op) => op.op !== "test")).toEqual([
            { op: "replace", path: "/description", value: "Employees whose primary office is London (UK)" },
        ]);
        expect((await admin.getObject("segments", LONDON)).description).toBe("Employees whose primary office is London (UK)");

        // Only the updated resource got the current package's provider; the others' outputs keep 0.1.0's, so
        // the destroy below deletes them through the old text.
        // (The updated one holds the current package's text, which equals 0.1.0's as long as nothing changed.)
        expect(stillOld(await exported())).toEqual(expect.arrayContaining([...oldProviders.keys()].filter((id) => id !== LONDON)));

        await pulumi(["preview", "--refresh", "--expect-no-changes"]);
    }, 600_000);

    test("destroy removes every object from the tenant", async () => {
        await admin.clearRequests();
        await pulumi(["destroy", "--yes", "--skip-preview"]);
        // One DELETE per object or bulk deletes: the provider's choice. Every write it sent succeeded.
        const writes = (await admin.requests()).filter((q) => q.method !== "GET" && q.path !== "/oauth/token");
        expect(writes.length).toBeGreaterThan(0);
        expect(writes.filter((q) => q.status < 200 || q.status >= 300)).toEqual([]);
        const state = await admin.state();
        expect({ segments: state.segments, accessProfiles: state.accessProfiles }).toEqual({ segments: [], accessProfiles: [] });
        expect(dynamicResources(await exported())).toEqual([]);
    }, 600_000);
});
