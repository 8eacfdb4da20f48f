/**
 * Three lifecycle defects, through Pulumi's real dynamic-provider host against the emulator:
 *  1. a PATCH that ISC applied but whose answer was lost, while reads lag: the recovery must not add the same
 *     entitlement again (before the fix: `400 ... each entitlement may appear once`);
 *  2. `pulumi up` without refresh on an object deleted in the UI: the error says so and how to re-create it;
 *  3. two resources with the same `adoptId`: the second is refused, naming both.
 *
 * Defect 1 needs exactly one PATCH to be applied and its answer dropped, and no other request faulted. The
 * emulator cannot fault "the next request" by name, but it decides a request's fault after its `latencyMs`
 * delay from the fault rates in force when the request arrived (the config object is replaced, not changed, by
 * `PATCH /__emulator/config`). So: with `dropRate: 1, applyBeforeFaultShare: 1, latencyMs: 2000` the update's
 * PATCH arrives (the host's first request of an update is its PATCH), the test sees it in the request log and
 * switches the faults off at once; 2 s later that PATCH is applied and its connection dropped, and every later
 * request is answered normally. One scripted drop, not a random rate; the lag draws are seeded (the test resets
 * the emulator first).
 */
import { Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { HostError, installProgram, packProvider, ProviderHost, registerResources, urnOf, startHostFor, startVaryingEmulator } from "./harness";
import { findByDisplayName } from "./support";

const PROFILE = "pulumi-nodejs:dynamic/isc:AccessProfile";
const SEGMENT = "pulumi-nodejs:dynamic/isc:Segment";
const NO_FAULTS = { serverErrorRate: 0, dropRate: 0, rateLimitRate: 0, latencyMs: 0, applyBeforeFaultShare: 0 };
type Props = Record<string, unknown>;

let emu: Emulator;
let admin: EmulatorAdmin;
let programDir: string;
let host: ProviderHost;
let profileProvider: unknown;
let segmentProvider: unknown;
let alice: string;
let source: { id: string; entitlements: string[] };

beforeAll(async () => {
    programDir = installProgram(packProvider());
    emu = await startVaryingEmulator({ seed: 41, rateLimit: null });
    admin = new EmulatorAdmin(emu.url);
    const state = await admin.state();
    alice = findByDisplayName(state.identities, "Alice Admin");
    const s = state.sources[0];
    source = { id: s.id, entitlements: state.entitlements.filter((e) => e.source.id === s.id).map((e) => e.id) };
    host = await startHostFor(programDir, emu.url, 10);
    const regs = registerResources(
        programDir,
        `new isc.Segment("s", { name: "s" });
         new isc.AccessProfile("p", { name: "p", owner: { id: "o" }, source: { id: "x" } });`,
    );
    segmentProvider = regs.find((r) => r.type === SEGMENT)!.inputs.__provider;
    profileProvider = regs.find((r) => r.type === PROFILE)!.inputs.__provider;
}, 180_000);

afterAll(async () => {
    await host?.stop();
    await emu?.close();
});

afterEach(async () => {
    await admin.setConfig({ consistencyLagMs: 0, faults: NO_FAULTS });
});

const ent = (id: string) => ({ type: "ENTITLEMENT", id });

function profile(name: string, entitlements: string[], extra: Props = {}): Props {
    return { __provider: profileProvider, name, owner: { id: alice }, source: { id: source.id }, entitlements: entitlements.map((id) => ({ id })), ...extra };
}

/** An access profile made in the UI long ago (visible to every read at once), and its state as a refresh reads it. */
async function existingProfile(name: string, entitlements: string[]): Promise<{ urn: string; id: string; outs: Props; inputs: Props }> {
    const made = await admin.createObject("access-profiles", {
        name,
        owner: { type: "IDENTITY", id: alice },
        source: { type: "SOURCE", id: source.id },
        entitlements: entitlements.map(ent),
    });
    const urn = urnOf(PROFILE, name.replace(/\W+/g, "-"));
    const read = await host.read(urn, made.id, { __provider: profileProvider });
    expect(read.id).toBe(made.id);
    const checked = await host.check(urn, {}, profile(name, entitlements));
    expect(checked.failures).toEqual([]);
    return { urn, id: made.id, outs: read.properties, inputs: checked.inputs };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
        const v = await probe();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
    }
}

test("defect 1: a PATCH applied whose answer was lost, reads lagging 6 s: the entitlement is added once, the update succeeds", async () => {
    await admin.reset();
    const [e0, e1, e2] = source.entitlements;
    const { urn, id, outs, inputs } = await existingProfile("Lost Answer", [e0, e1]);
    const edited = await host.check(urn, inputs, profile("Lost Answer", [e0, e1, e2]));

    await admin.setConfig({ consistencyLagMs: 6000, faults: { dropRate: 1, applyBeforeFaultShare: 1, latencyMs: 2000 } });
    await admin.clearRequests();
    const started = Date.now();
    const pending = host.update(urn, id, outs, edited.inputs).then(
        (props) => ({ props }),
        (error: unknown) => ({ error: error as Error }),
    );
    await until("the PATCH to arrive", async () => ((await admin.requests()).some((r) => r.method === "PATCH") ? true : undefined), 10_000);
    await admin.setConfig({ faults: NO_FAULTS }); // only that PATCH is faulted
    expect(Date.now() - started).toBeLessThan(2000);
    const result = await pending;

    const log = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
    const patches = log.filter((r) => r.method === "PATCH");
    console.log(
        `lost answer: ${log.map((r) => `${r.method} ${r.status}${r.fault ? ` (${r.fault}${r.applied ? ", applied" : ""})` : ""}`).join(", ")}; ` +
            `update ${"error" in result ? `failed: ${result.error.message}` : "succeeded"} after ${Date.now() - started} ms`,
    );
    expect(patches[0]).toMatchObject({ fault: "drop", applied: true, status: 0 });
    expect(log.filter((r) => r.fault !== null)).toHaveLength(1);
    expect("error" in result ? result.error.message : "").toBe("");
    const tenant = await admin.getObject("access-profiles", id);
    const held = (tenant.entitlements as Array<{ id: string }>).map((e) => e.id);
    expect(held.sort()).toEqual([e0, e1, e2].sort());
    // The applied PATCH was recognised: nothing was sent again, and no request was refused.
    expect(patches).toHaveLength(1);
    expect(log.filter((r) => r.status >= 400)).toEqual([]);
    if ("props" in result) expect(result.props).toMatchObject({ modified: tenant.modified });
}, 120_000);

test("defect 2: update of an object deleted in the UI says so and that `pulumi up --refresh` re-creates it", async () => {
    const [e0, e1, e2] = source.entitlements;
    const { urn, id, outs, inputs } = await existingProfile("Deleted In UI", [e0, e1]);
    await admin.deleteObject("access-profiles", id);
    // The state as yesterday's `up` left it: outside any propagation window.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    const olds = { ...outs, created: yesterday, modified: yesterday };
    const edited = await host.check(urn, inputs, profile("Deleted In UI", [e0, e1, e2]));
    await admin.clearRequests();
    const err = await host.update(urn, id, olds, edited.inputs).then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostError);
    const message = (err as HostError).message;
    console.log(`deleted outside Pulumi: ${message}`);
    expect(message).toContain(`AccessProfile "Deleted In UI" (id ${id}): update failed`);
    expect(message).toMatch(/deleted outside Pulumi/);
    expect(message).toContain("pulumi up --refresh");
    expect(message).toMatch(/404/);
    // The update's read of the object (it plans from the object as the tenant holds it) found it gone: no PATCH sent.
    expect((await admin.requests()).filter((r) => r.method === "PATCH")).toHaveLength(0);

    // What the message advises works: a refresh drops it, and the create makes it again.
    const refreshed = await host.read(urn, id, olds);
    expect(refreshed.id).toBe("");
    const again = await host.create(urn, edited.inputs);
    expect(again.id).not.toBe(id);
    expect(await admin.getObject("access-profiles", again.id)).toMatchObject({ name: "Deleted In UI" });
    await host.delete(urn, again.id, again.properties);
}, 60_000);

test("defect 3: a second resource with the same adoptId is refused, naming both; the first keeps the object", async () => {
    const legacy = await admin.createObject("segments", { name: "Legacy Shared", description: "made by hand", active: false });
    const declared = (name: string): Props => ({
        __provider: segmentProvider,
        name,
        description: `${name}, declared`,
        owner: { id: alice },
        active: true,
        adoptId: legacy.id,
    });
    const urnA = urnOf(SEGMENT, "shared-a");
    const urnB = urnOf(SEGMENT, "shared-b");
    const a = await host.check(urnA, {}, declared("Shared A"));
    const b = await host.check(urnB, {}, declared("Shared B"));
    const first = await host.create(urnA, a.inputs);
    expect(first.id).toBe(legacy.id);

    await admin.clearRequests();
    const err = await host.create(urnB, b.inputs).then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostError);
    const message = (err as HostError).message;
    console.log(`second adopt: ${message}`);
    expect(message).toContain('Segment "Shared B"');
    expect(message).toContain('Segment "Shared A"');
    expect(message).toContain(legacy.id);
    expect((await admin.requests()).filter((r) => r.path !== "/oauth/token")).toEqual([]);
    expect(await admin.getObject("segments", legacy.id)).toMatchObject({ name: "Shared A", description: "Shared A, declared" });
    await host.delete(urnA, first.id, first.properties);
}, 60_000);

test("defect 3, concurrently: of two adopts of one object started together, exactly one succeeds", async () => {
    const legacy = await admin.createObject("segments", { name: "Legacy Race", active: false });
    const declared = (name: string): Props => ({ __provider: segmentProvider, name, owner: { id: alice }, active: true, adoptId: legacy.id });
    const urns = [urnOf(SEGMENT, "race-1"), urnOf(SEGMENT, "race-2")];
    const checked = await Promise.all(urns.map((u, i) => host.check(u, {}, declared(`Race ${i + 1}`))));
    const results = await Promise.allSettled(urns.map((u, i) => host.create(u, checked[i].inputs)));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const won = results.find((r): r is PromiseFulfilledResult<{ id: string; properties: Props }> => r.status === "fulfilled")!;
    await host.delete(urns[results.indexOf(won)], won.value.id, won.value.properties);
}, 60_000);
