/**
 * Reads and deletes at scale through Pulumi's real dynamic-provider host: a refresh is served from list pages
 * (not one GET per object), a read right after our own write still sees the write, and concurrent
 * access-profile deletes share bulk-delete calls, each resource told its own outcome.
 */
import { Emulator } from "../../emulator";
import { EmulatorAdmin, StoredObject } from "../../emulator/admin-client";
import {
    HostError,
    installProgram,
    packProvider,
    ProviderHost,
    registerResources,
    Registration,
    urnOf,
    startHostFor,
    startVaryingEmulator,
    ISC_ID,
} from "./harness";
import { findByDisplayName } from "./support";

const SEGMENT = "pulumi-nodejs:dynamic/isc:Segment";
const PROFILE = "pulumi-nodejs:dynamic/isc:AccessProfile";

let emu: Emulator;
let admin: EmulatorAdmin;
let programDir: string;
let host: ProviderHost;
let segmentReg: Registration;
let profileReg: Registration;
let alice: string;
let source: { id: string; entitlement: string };

beforeAll(async () => {
    programDir = installProgram(packProvider());
    emu = await startVaryingEmulator({ seed: 21 });
    admin = new EmulatorAdmin(emu.url);
    const state = await admin.state();
    alice = findByDisplayName(state.identities, "Alice Admin");
    const s = state.sources[0];
    source = { id: s.id, entitlement: state.entitlements.find((e) => e.source.id === s.id)!.id };
    [segmentReg, profileReg] = registerResources(
        programDir,
        `new isc.Segment("s", { name: "S" });
         new isc.AccessProfile("p", { name: "P", owner: { id: ${JSON.stringify(alice)} }, source: { id: ${JSON.stringify(s.id)} } });`,
    );
    // A host of its own: its snapshots start with this file's reads.
    host = await startHostFor(programDir, emu.url, 15);
}, 180_000);

afterAll(async () => {
    await host?.stop();
    await emu?.close();
});

/** State outputs as Pulumi would hold them for an object made "in the UI", with our serialized provider. */
function outputsOf(reg: Registration, o: StoredObject): Record<string, unknown> {
    const { id: _id, ...rest } = o;
    return { ...rest, __provider: reg.inputs.__provider };
}

async function seed(kind: "segments" | "access-profiles", n: number, prefix: string): Promise<StoredObject[]> {
    const made: StoredObject[] = [];
    for (let i = 0; i < n; i++) {
        const body =
            kind === "segments"
                ? { name: `${prefix} ${i}`, active: i % 2 === 0 }
                : { name: `${prefix} ${i}`, owner: { type: "IDENTITY", id: alice }, source: { type: "SOURCE", id: source.id } };
        made.push(await admin.createObject(kind, body));
    }
    return made;
}

test("a refresh of 600 segments and 300 access profiles costs 5 list pages, not 900 GETs", async () => {
    const segments = await seed("segments", 600, "Refresh segment");
    const profiles = await seed("access-profiles", 300, "Refresh profile");
    await admin.clearRequests();
    const reads = await Promise.all([
        ...segments.map((o) => host.read(urnOf(SEGMENT, o.name), o.id, outputsOf(segmentReg, o))),
        ...profiles.map((o) => host.read(urnOf(PROFILE, o.name), o.id, outputsOf(profileReg, o))),
    ]);
    expect(reads.map((r) => r.id)).toEqual([...segments, ...profiles].map((o) => o.id));
    // `active: false` may be left out of an answer (echo variation): false is its documented default.
    expect(reads.slice(0, 600).map((r) => r.properties.active ?? false)).toEqual(segments.map((o) => o.active));
    const calls = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
    const byId = calls.filter((r) => /\/(segments|access-profiles)\/[^/]+$/.test(r.path) && ISC_ID.test(r.path.split("/").pop()!));
    // ceil(600 / 250) + ceil(300 / 250), whatever else the tenant holds (the seed has none of these).
    expect(byId).toEqual([]);
    expect(calls.map((r) => `${r.method} ${r.path}`).sort()).toEqual([...Array(3).fill("GET /v2025/segments"), ...Array(2).fill("GET /v3/access-profiles")]);
});

test("after our own write, a read goes to the object itself and sees the write", async () => {
    const [o] = await seed("segments", 1, "Written segment");
    const urn = urnOf(SEGMENT, o.name);
    const outs = outputsOf(segmentReg, o);
    await host.read(urn, o.id, outs); // served from (or starts) this run's snapshot
    const checked = await host.check(urn, {}, { ...segmentReg.inputs, name: o.name, description: "written by Pulumi" });
    const updated = await host.update(urn, o.id, outs, checked.inputs);
    await admin.clearRequests();
    const read = await host.read(urn, o.id, updated);
    expect(read.properties.description).toBe("written by Pulumi");
    expect((await admin.requests()).map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v2025/segments/${o.id}`]);
});

test("an object missing from the snapshot is read by id: gone means 404, not absent from a list", async () => {
    const [o] = await seed("segments", 1, "Deleted segment");
    await admin.deleteObject("segments", o.id);
    await admin.clearRequests();
    // Stamps from long ago: no propagation wait, the 404 is the truth at once.
    const long = "2020-01-01T00:00:00.000Z";
    const read = await host.read(urnOf(SEGMENT, o.name), o.id, { ...outputsOf(segmentReg, o), created: long, modified: long });
    expect(read.id).toBe("");
    expect((await admin.requests()).some((r) => r.method === "GET" && r.path === `/v2025/segments/${o.id}`)).toBe(true);
});

test("120 concurrent access-profile deletes: 3 bulk-delete calls; a profile in use fails alone, naming its user", async () => {
    const profiles = await seed("access-profiles", 120, "Deleted profile");
    const used = profiles[7];
    await admin.setInUse(used.id, true);
    await admin.clearRequests();
    const results = await Promise.allSettled(profiles.map((o) => host.delete(urnOf(PROFILE, o.name), o.id, outputsOf(profileReg, o))));
    const failed = results.flatMap((r, i) => (r.status === "rejected" ? [{ i, error: r.reason as HostError }] : []));
    expect(failed.map((f) => f.i)).toEqual([7]);
    expect(failed[0].error.message).toContain(`AccessProfile "${used.name}" (id ${used.id}): delete failed`);
    expect(failed[0].error.message).toMatch(/in use by/);
    const calls = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
    expect(calls.filter((r) => r.method === "DELETE")).toEqual([]);
    const bulk = calls.filter((r) => r.method === "POST" && r.path === "/v3/access-profiles/bulk-delete");
    expect(bulk).toHaveLength(3);
    expect(bulk.every((r) => (r.requestBody as { accessProfileIds: string[] }).accessProfileIds.length <= 50)).toBe(true);
    const left = (await admin.state()).accessProfiles.map((p) => p.id);
    expect(left).toContain(used.id);
    expect(profiles.filter((p) => p !== used).some((p) => left.includes(p.id))).toBe(false);
});
