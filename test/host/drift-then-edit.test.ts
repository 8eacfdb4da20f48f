/**
 * Issue 14 §4 through Pulumi's real dynamic-provider host: someone changes an object in the ISC UI (the emulator's
 * admin API), the program then edits another field, and `pulumi up` runs without a refresh. Pulumi hands the update
 * the state's outputs (olds), which predate the change made in the UI, and its own diff (olds against news) names
 * only the edited field. The update must still leave the object exactly as declared in every declared field, and
 * return the server's object after the patch, so that the next preview (olds = those outputs) is clean.
 *
 * Each update's API calls are counted: at most one read (a list page or a GET) besides its PATCH.
 */
import { Emulator } from "../../emulator";
import { EmulatorAdmin, type RequestLogEntry } from "../../emulator/admin-client";
import { diff, type ResourceSchema } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { installProgram, packProvider, ProviderHost, registerResources, startHostFor, startVaryingEmulator, urnOf } from "./harness";
import { findByDisplayName } from "./support";

const SEGMENT = "pulumi-nodejs:dynamic/isc:Segment";
const PROFILE = "pulumi-nodejs:dynamic/isc:AccessProfile";
type Props = Record<string, unknown>;

let emu: Emulator;
let admin: EmulatorAdmin;
let programDir: string;
let host: ProviderHost;
let providers: Record<string, unknown>;
let alice: string;
let source: { id: string; entitlements: string[] };

beforeAll(async () => {
    programDir = installProgram(packProvider());
    emu = await startVaryingEmulator({ seed: 41, rateLimit: null });
    admin = new EmulatorAdmin(emu.url);
    const state = await admin.state();
    alice = findByDisplayName(state.identities, "Alice Admin");
    const s = state.sources.find((x) => state.entitlements.filter((e) => e.source.id === x.id).length >= 4)!;
    source = { id: s.id, entitlements: state.entitlements.filter((e) => e.source.id === s.id).map((e) => e.id) };
    host = await startHostFor(programDir, emu.url, 10);
    const regs = registerResources(
        programDir,
        `new isc.Segment("s", { name: "s" }); new isc.AccessProfile("p", { name: "p", owner: { id: "o" }, source: { id: "x" } });`,
    );
    providers = Object.fromEntries(regs.map((r) => [r.type, r.inputs.__provider]));
}, 180_000);

afterAll(async () => {
    await host?.stop();
    await emu?.close();
});

interface Made {
    urn: string;
    id: string;
    outs: Props;
    checked: Props;
}

async function make(type: string, name: string, args: Props): Promise<Made> {
    const urn = urnOf(type, name);
    const checked = await host.check(urn, {}, { __provider: providers[type], ...args });
    expect(checked.failures).toEqual([]);
    const { id, properties } = await host.create(urn, checked.inputs);
    return { urn, id, outs: properties, checked: checked.inputs };
}

/**
 * Pulumi's `up` without refresh: check the edited program, diff it against the state's outputs, update when the diff
 * says so. Returns the new outputs and the API calls the update made (token calls excluded).
 */
async function upWithoutRefresh(type: string, made: Made, args: Props): Promise<{ outs: Props; news: Props; calls: RequestLogEntry[] }> {
    const news = (await host.check(made.urn, made.checked, { __provider: providers[type], ...args })).inputs;
    expect((await host.diff(made.urn, made.id, made.outs, news)).changes).toBe("some");
    await admin.clearRequests();
    const outs = await host.update(made.urn, made.id, made.outs, news);
    const calls = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
    return { outs, news, calls };
}

/** Every declared field of the stored object against the declaration, as the provider's own comparison sees them. */
function differingFields(schema: ResourceSchema, stored: Props, news: Props): string[] {
    return diff(schema, stored, news).changedFields;
}

const ids = (list: unknown) => ((list ?? []) as Array<{ id: string }>).map((e) => e.id).sort();
const reads = (calls: RequestLogEntry[]) => calls.filter((r) => r.method === "GET");
const patches = (calls: RequestLogEntry[]) => calls.filter((r) => r.method === "PATCH");

const segmentArgs = (extra: Props = {}): Props => ({
    name: "Drift Segment",
    description: "Employees based in Lisbon",
    owner: { id: alice },
    active: true,
    visibilityCriteria: { expression: { operator: "EQUALS", attribute: "location", value: { type: "STRING", value: "Lisbon" } } },
    ...extra,
});

const profileArgs = (entitlements: string[], extra: Props = {}): Props => ({
    name: "Drift Profile",
    description: "Lisbon file shares",
    owner: { id: alice },
    source: { id: source.id },
    entitlements: entitlements.map((id) => ({ id })),
    enabled: true,
    requestable: true,
    ...extra,
});

test("Segment: description and active changed in the UI, name edited in the program: the update restores them too", async () => {
    const seg = await make(SEGMENT, "drift-segment", segmentArgs());
    await admin.drift("segments", seg.id, { description: "Changed in the UI", active: false });

    const { outs, news, calls } = await upWithoutRefresh(SEGMENT, seg, segmentArgs({ name: "Drift Segment (renamed)" }));
    const stored = await admin.getObject("segments", seg.id);
    expect(stored).toMatchObject({ name: "Drift Segment (renamed)", description: "Employees based in Lisbon", active: true });
    expect(differingFields(segmentSchema, stored, news)).toEqual([]);
    // The outputs are the server's object after the patch: the next preview (olds = these outputs) is clean.
    expect(differingFields(segmentSchema, outs, news)).toEqual([]);
    expect((await host.diff(seg.urn, seg.id, outs, news)).changes).toBe("none");
    expect(patches(calls)).toHaveLength(1);
    expect(reads(calls).length).toBeLessThanOrEqual(1);
    console.log(`Segment update after drift: ${calls.map((c) => `${c.method} ${c.path}`).join(", ")}`);
    await host.delete(seg.urn, seg.id, outs);
}, 60_000);

test("AccessProfile: entitlements added and description changed in the UI, name edited: the declared set and description come back", async () => {
    const [e0, e1, e2, e3] = source.entitlements;
    const ap = await make(PROFILE, "drift-profile", profileArgs([e0, e1]));
    const stored0 = await admin.getObject("access-profiles", ap.id);
    const more = [...(stored0.entitlements as Props[]), { type: "ENTITLEMENT", id: e2 }, { type: "ENTITLEMENT", id: e3 }];
    await admin.drift("access-profiles", ap.id, { entitlements: more, description: "Changed in the UI" });

    const { outs, news, calls } = await upWithoutRefresh(PROFILE, ap, profileArgs([e0, e1], { name: "Drift Profile (renamed)" }));
    const stored = await admin.getObject("access-profiles", ap.id);
    expect(stored).toMatchObject({ name: "Drift Profile (renamed)", description: "Lisbon file shares" });
    expect(ids(stored.entitlements)).toEqual([e0, e1].sort());
    expect(differingFields(accessProfileSchema, stored, news)).toEqual([]);
    expect(differingFields(accessProfileSchema, outs, news)).toEqual([]);
    expect((await host.diff(ap.urn, ap.id, outs, news)).changes).toBe("none");
    expect(patches(calls)).toHaveLength(1);
    expect(reads(calls).length).toBeLessThanOrEqual(1);
    console.log(`AccessProfile update after drift: ${calls.map((c) => `${c.method} ${c.path}`).join(", ")}`);
    await host.delete(ap.urn, ap.id, outs);
}, 60_000);

test("AccessProfile: an entitlement removed in the UI while the program adds another: both declared entitlements end up there", async () => {
    const [e0, e1, e2] = source.entitlements;
    const ap = await make(PROFILE, "drift-removed", profileArgs([e0, e1], { name: "Drift Removed" }));
    const stored0 = await admin.getObject("access-profiles", ap.id);
    await admin.drift("access-profiles", ap.id, { entitlements: (stored0.entitlements as Array<{ id: string }>).filter((e) => e.id !== e1) });

    const { outs, news, calls } = await upWithoutRefresh(PROFILE, ap, profileArgs([e0, e1, e2], { name: "Drift Removed" }));
    const stored = await admin.getObject("access-profiles", ap.id);
    expect(ids(stored.entitlements)).toEqual([e0, e1, e2].sort());
    expect(differingFields(accessProfileSchema, stored, news)).toEqual([]);
    expect((await host.diff(ap.urn, ap.id, outs, news)).changes).toBe("none");
    expect(reads(calls).length).toBeLessThanOrEqual(1);
    await host.delete(ap.urn, ap.id, outs);
}, 60_000);

test("a change made in the UI after the run's list snapshot was taken is still undone by the update", async () => {
    // Two segments: the first update reads the collection's list (the run's snapshot); the second object is then
    // changed in the UI, after that snapshot, and its update must not take the snapshot's older copy for the truth.
    // A host of its own (a run of its own): no snapshot of the earlier tests' (those predate both objects) serves it.
    const shared = host;
    host = await startHostFor(programDir, emu.url, 10);
    try {
        await snapshotThenDrift();
    } finally {
        await host.stop();
        host = shared;
    }
}, 60_000);

async function snapshotThenDrift(): Promise<void> {
    const first = await make(SEGMENT, "snap-first", segmentArgs({ name: "Snapshot First" }));
    const second = await make(SEGMENT, "snap-second", segmentArgs({ name: "Snapshot Second" }));
    await admin.drift("segments", first.id, { description: "Changed in the UI" });
    const a = await upWithoutRefresh(SEGMENT, first, segmentArgs({ name: "Snapshot First (renamed)" }));
    await admin.drift("segments", second.id, { description: "Changed in the UI later" });
    const b = await upWithoutRefresh(SEGMENT, second, segmentArgs({ name: "Snapshot Second (renamed)" }));
    for (const [made, r] of [
        [first, a],
        [second, b],
    ] as const) {
        const stored = await admin.getObject("segments", made.id);
        expect(differingFields(segmentSchema, stored, r.news)).toEqual([]);
        expect((await host.diff(made.urn, made.id, r.outs, r.news)).changes).toBe("none");
        await host.delete(made.urn, made.id, r.outs);
    }
    // The second update planned from the snapshot (no read of its own), which predates the change: the PATCH's answer
    // showed the change, and a second PATCH planned from that answer undid it.
    expect(reads(a.calls)).toHaveLength(1);
    expect(reads(b.calls)).toHaveLength(0);
    expect(patches(b.calls)).toHaveLength(2);
}
