/**
 * AccessProfile through Pulumi's real dynamic-provider host against the emulator: the lifecycle with its
 * API calls, set-aware patches for entitlements and segments, a source switch, deletion while in use,
 * segment ids taken from Segment outputs, and a randomized run of 1,000 edits whose end state is checked
 * against the tenant after every update.
 */
import { Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { seeded } from "../../emulator/random";
import { HostError, installProgram, packProvider, ProviderHost, registerResources, UNKNOWN, urnOf, startHostFor, startVaryingEmulator } from "./harness";
import { findByDisplayName } from "./support";

const TYPE = "pulumi-nodejs:dynamic/isc:AccessProfile";
const SEGMENT = "pulumi-nodejs:dynamic/isc:Segment";
type Props = Record<string, unknown>;

let emu: Emulator;
let admin: EmulatorAdmin;
let programDir: string;
let host: ProviderHost;
let provider: unknown;
let segmentProvider: unknown;
let alice: string;

let groupId: string;
/** Source ids and their entitlement ids, from the seeded tenant. */
let sources: Array<{ id: string; entitlements: string[] }>;

beforeAll(async () => {
    programDir = installProgram(packProvider());
    emu = await startVaryingEmulator({ seed: 31, rateLimit: null });
    admin = new EmulatorAdmin(emu.url);
    const state = await admin.state();
    alice = findByDisplayName(state.identities, "Alice Admin");

    groupId = state.governanceGroups[0].id;
    sources = state.sources.map((s) => ({ id: s.id, entitlements: state.entitlements.filter((e) => e.source.id === s.id).map((e) => e.id) }));
    // The emulator has no rate limit here, and the client's own pace (100 requests / 10 s) would make the 1,000 random
    // edits (a read and a PATCH each) a 200-second wait that tests nothing: pacing has its own tests.
    host = await startHostFor(programDir, emu.url, 10, { "isc:maxRequestsPer10Seconds": "100000" });
    const regs = registerResources(
        programDir,
        `const s = new isc.Segment("s", { name: "s" });
         new isc.AccessProfile("p", { name: "p", owner: { id: "o" }, source: { id: "x" }, segments: [s.id] });`,
    );
    segmentProvider = regs.find((r) => r.type === SEGMENT)!.inputs.__provider;
    const profile = regs.find((r) => r.type === TYPE)!;
    provider = profile.inputs.__provider;
    // A Segment's id output flows into the profile's inputs (unknown until the segment exists).
    expect(profile.inputs.segments).toEqual(["s-id"]);
}, 180_000);

afterAll(async () => {
    await host?.stop();
    await emu?.close();
});

const ent = (id: string) => ({ id });

function payroll(extra: Props = {}): Props {
    return {
        __provider: provider,
        name: "Payroll Admins",
        description: "Write access to the payroll system",
        owner: { id: alice },
        source: { id: sources[0].id },
        entitlements: [ent(sources[0].entitlements[0]), ent(sources[0].entitlements[1])],
        enabled: true,
        requestable: true,
        accessRequestConfig: { commentsRequired: true, approvalSchemes: [{ approverType: "MANAGER" }] },
        ...extra,
    };
}

async function createProfile(name: string, inputs: Props): Promise<{ urn: string; id: string; outs: Props; checked: Props }> {
    const urn = urnOf(TYPE, name);
    const res = await host.check(urn, {}, inputs);
    expect(res.failures).toEqual([]);
    const { id, properties } = await host.create(urn, res.inputs);
    return { urn, id, outs: properties, checked: res.inputs };
}

async function patchesDuring(fn: () => Promise<unknown>): Promise<unknown[]> {
    await admin.clearRequests();
    await fn();
    return (await admin.requests()).filter((r) => r.method === "PATCH").map((r) => r.requestBody);
}

test("the lifecycle, with the API calls of each step and set-aware patches", async () => {
    // This test pins the calls of each step and the element-wise patch against the order the server shows, so it runs
    // with echo variation off; under variation (sets in any order per answer) echo-variation.test.ts pins them.
    await admin.setConfig({ echoVariation: null });
    try {
        await lifecycle();
    } finally {
        await admin.setConfig({ echoVariation: { seed: 31 } });
    }
}, 120_000);

async function lifecycle(): Promise<void> {
    const calls: Record<string, number> = {};
    const count = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
        await admin.clearRequests();
        const r = await fn();
        calls[label] = (await admin.requests()).filter((x) => x.path !== "/oauth/token").length;
        return r;
    };
    const { urn, id, outs, checked } = await count("create", () => createProfile("payroll", payroll()));
    expect(outs).toMatchObject({ name: "Payroll Admins", enabled: true, source: { id: sources[0].id } });

    // The server's order and the program's order of a set never make a diff.
    const reordered = await host.check(urn, checked, payroll({ entitlements: [ent(sources[0].entitlements[1]), ent(sources[0].entitlements[0])] }));
    expect((await count("diff", () => host.diff(urn, id, outs, reordered.inputs))).changes).toBe("none");
    const read = await count("read", () => host.read(urn, id, outs));
    expect((await host.diff(urn, id, read.properties, checked)).changes).toBe("none");

    // One entitlement more and one less on a list of four: a guarded removal by index and an append, never a
    // whole-list add. (On a list of two a single replace is smaller, and the planner sends that instead.)
    const [e0, e1, e2, e3, e4] = sources[0].entitlements;
    const four = await host.check(urn, checked, payroll({ entitlements: [e0, e1, e2, e3].map(ent) }));
    const fourOuts = await host.update(urn, id, read.properties, four.inputs);
    const edited = await host.check(urn, four.inputs, payroll({ entitlements: [e1, e2, e3, e4].map(ent) }));
    let updated: Props = {};
    const patches = await patchesDuring(async () => {
        updated = await count("update", () => host.update(urn, id, fourOuts, edited.inputs));
    });
    expect(patches).toHaveLength(1);
    const ops = patches[0] as Array<{ op: string; path: string; value?: unknown }>;
    expect(ops.some((o) => o.op === "add" && o.path === "/entitlements")).toBe(false);
    expect(ops.filter((o) => o.op !== "test")).toEqual([
        { op: "remove", path: "/entitlements/0" },
        { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: e4 } },
    ]);
    expect(ops.filter((o) => o.op === "test").map((o) => o.path)).toEqual(["/entitlements/0/id"]);
    expect(((await admin.getObject("access-profiles", id)).entitlements as Array<{ id: string }>).map((e) => e.id).sort()).toEqual([e1, e2, e3, e4].sort());

    await count("delete", () => host.delete(urn, id, updated));
    expect((await admin.state()).accessProfiles).toEqual([]);
    // The update reads the object before its PATCH (a change made in the UI since the state was written is patched
    // too): a GET here, since this process wrote the object after the run's list snapshot was taken.
    expect(calls).toEqual({ create: 1, diff: 0, read: 1, update: 2, delete: 1 });
    console.log(`AccessProfile API calls per step (token calls excluded): ${JSON.stringify(calls)}`);
}

test("a source switch is one PATCH that replaces source and entitlements together", async () => {
    const { urn, id, outs, checked } = await createProfile("switch", payroll({ name: "Switcher" }));
    const target = sources[1];
    const edited = await host.check(urn, checked, payroll({ name: "Switcher", source: { id: target.id }, entitlements: [ent(target.entitlements[0])] }));
    const patches = await patchesDuring(() => host.update(urn, id, outs, edited.inputs));
    expect(patches).toHaveLength(1);
    const paths = (patches[0] as Array<{ op: string; path: string }>).filter((o) => o.op !== "test").map((o) => `${o.op} ${o.path}`);
    expect(paths.sort()).toEqual(["replace /entitlements", "replace /source"]);
    expect(await admin.getObject("access-profiles", id)).toMatchObject({ source: { id: target.id }, entitlements: [{ id: target.entitlements[0] }] });
    await host.delete(urn, id, outs);
}, 60_000);

test("deleting a profile in use fails with the server's message, loses nothing, and succeeds once freed", async () => {
    const { urn, id, outs } = await createProfile("in-use", payroll({ name: "Busy Profile" }));
    await admin.setInUse(id, true);
    const err = await host.delete(urn, id, outs).then(
        () => undefined,
        (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HostError);
    const message = (err as HostError).message;
    expect(message).toContain('access profile "Busy Profile"');
    expect(message).toMatch(/400\.2\.1\.0|in use/i);
    expect(message).toMatch(/trackingId [0-9a-f]{32}/);
    expect(await admin.getObject("access-profiles", id)).toMatchObject({ name: "Busy Profile" });
    await admin.setInUse(id, false);
    await host.delete(urn, id, outs);
    expect((await admin.state()).accessProfiles.map((p) => p.id)).not.toContain(id);
}, 60_000);

test("check rejects bad input before any API call, naming the field, the rule and what is allowed (never the value)", async () => {
    await admin.clearRequests();
    const urn = urnOf(TYPE, "bad");
    const cases: Array<[Props, RegExp]> = [
        [payroll({ description: "x".repeat(2001) }), /description.*2,001.*2,000/is],
        [payroll({ entitlements: [], enabled: true }), /enabled.*entitlement/is],
        [payroll({ accessRequestConfig: { approvalSchemes: [{ approverType: "GOVERNANCE_GROUP" }] } }), /approverId/],
        [payroll({ accessRequestConfig: { approvalSchemes: [{ approverType: "WORKFLOW", approverId: "w" }, { approverType: "MANAGER" }] } }), /WORKFLOW/],
        [payroll({ accessRequestConfig: { approvalSchemes: [{ approverType: "BOSS" }] } }), /approverType is a string of 4 characters.*MANAGER/s],
        [payroll({ provisioningCriteria: { operation: "EQUALS", value: "x" } }), /attribute/],
    ];
    for (const [inputs, reason] of cases) {
        const res = await host.check(urn, {}, inputs);
        expect(res.failures.map((f) => `${f.property}: ${f.reason}`).join("\n")).toMatch(reason);
    }
    const { owner: _o, ...ownerless } = payroll();
    void _o;
    expect((await host.check(urn, {}, ownerless)).failures.map((f) => f.property)).toContain("owner");
    expect(await admin.requests()).toHaveLength(0);
    // Unknown values in preview are tolerated.
    expect((await host.check(urn, {}, payroll({ segments: [UNKNOWN], owner: UNKNOWN }))).failures).toEqual([]);
    void groupId;
});

test("segment ids from Segment outputs: the profile is scoped to a real segment", async () => {
    const surn = urnOf(SEGMENT, "scope");
    const seg = await host.check(surn, {}, { __provider: segmentProvider, name: "Scope Segment" });
    const s = await host.create(surn, seg.inputs);
    const { urn, id, outs } = await createProfile("scoped", payroll({ name: "Scoped", segments: [s.id] }));
    expect(await admin.getObject("access-profiles", id)).toMatchObject({ segments: [s.id] });
    await host.delete(urn, id, outs);
    await host.delete(surn, s.id, s.properties);
}, 60_000);

/** A value without what carries no meaning in ISC: null, false flags, empty lists (so `{}` means none). */
function meaningful(v: unknown): unknown {
    if (Array.isArray(v)) return v.length ? v.map(meaningful) : undefined;
    if (v && typeof v === "object") {
        const out: Record<string, unknown> = {};
        for (const [k, x] of Object.entries(v)) {
            const m = meaningful(x);
            if (m !== undefined && m !== false) out[k] = m;
        }
        return Object.keys(out).length ? out : undefined;
    }
    return v === null ? undefined : v;
}

test("1,000 random edits through update: the tenant equals the declared state after every one", async () => {
    const seed = 20261124;
    const rnd = seeded(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const subset = <T>(xs: readonly T[], min = 0): T[] => {
        const out = xs.filter(() => rnd() < 0.5);
        return out.length >= min ? out : xs.slice(0, min);
    };
    const segmentIds = Array.from({ length: 4 }, () => Array.from({ length: 32 }, () => "0123456789abcdef"[Math.floor(rnd() * 16)]).join(""));
    const approverTypes = ["MANAGER", "OWNER", "SOURCE_OWNER", "APP_OWNER"] as const;

    const PROFILES = 5;
    const EDITS = 1000;
    const live: Array<{ urn: string; id: string; outs: Props; inputs: Props; sourceIndex: number }> = [];
    for (let p = 0; p < PROFILES; p++) {
        const inputs = payroll({ name: `Random ${p}` });
        const c = await createProfile(`random-${p}`, inputs);
        live.push({ urn: c.urn, id: c.id, outs: c.outs, inputs, sourceIndex: 0 });
    }

    const stats = { ops: 0, maxOps: 0, patches: 0, wholeList: 0, sourceSwitches: 0 };
    for (let n = 0; n < EDITS; n++) {
        const r = live[n % PROFILES];
        const next: Props = { ...r.inputs };
        const kinds = subset(["entitlements", "source", "config", "rename", "segments", "flags", "criteria"], 1);
        let sourceIndex = r.sourceIndex;
        if (kinds.includes("source") && rnd() < 0.3) {
            sourceIndex = (sourceIndex + 1 + Math.floor(rnd() * (sources.length - 1))) % sources.length;
            next.source = { id: sources[sourceIndex].id };
            stats.sourceSwitches++;
        }
        if (kinds.includes("entitlements") || sourceIndex !== r.sourceIndex) {
            const pool = sources[sourceIndex].entitlements;
            const chosen = subset(pool, 1);
            next.entitlements = chosen.sort(() => rnd() - 0.5).map(ent);
        }
        if (kinds.includes("config")) {
            next.accessRequestConfig = pick([
                null,
                { commentsRequired: rnd() < 0.5, approvalSchemes: [{ approverType: pick(approverTypes) }] },
                { denialCommentsRequired: true, approvalSchemes: [{ approverType: "GOVERNANCE_GROUP", approverId: groupId }, { approverType: "MANAGER" }] },
                { reauthorizationRequired: rnd() < 0.5, maxPermittedAccessDuration: { value: 1 + Math.floor(rnd() * 30), timeUnit: pick(["DAYS", "WEEKS"]) } },
            ]);
            next.revocationRequestConfig = rnd() < 0.5 ? null : { approvalSchemes: [{ approverType: pick(approverTypes) }] };
        }
        if (kinds.includes("rename")) {
            next.name = `Random ${n % PROFILES} rev ${n}`;
            next.description = rnd() < 0.3 ? null : `Revision ${n}`;
        }
        if (kinds.includes("segments")) next.segments = subset(segmentIds).sort(() => rnd() - 0.5);
        if (kinds.includes("flags")) {
            next.requestable = rnd() < 0.5;
            next.enabled = rnd() < 0.7;
        }
        if (kinds.includes("criteria")) {
            next.provisioningCriteria = pick([
                null,
                { operation: "EQUALS", attribute: "dn", value: `cn=${n}` },
                {
                    operation: "OR",
                    children: [
                        { operation: "HAS", attribute: "memberOf" },
                        { operation: "CONTAINS", attribute: "dn", value: "ou=fin" },
                    ],
                },
            ]);
        }

        const checked = await host.check(r.urn, r.inputs, next);
        expect(checked.failures).toEqual([]);
        await admin.clearRequests();
        const outs = await host.update(r.urn, r.id, r.outs, checked.inputs);
        const patches = (await admin.requests()).filter((x) => x.method === "PATCH");
        for (const p of patches) {
            const ops = (p.requestBody as Array<{ op: string; path: string }>).filter((o) => o.op !== "test");
            stats.patches++;
            stats.ops += ops.length;
            stats.maxOps = Math.max(stats.maxOps, ops.length);
            if (ops.some((o) => o.path === "/entitlements" || o.path === "/segments")) stats.wholeList++;
        }
        const tenant = await admin.getObject("access-profiles", r.id);
        const declaredNow = checked.inputs;
        const ids = (xs: unknown) => ((xs ?? []) as Array<{ id: string } | string>).map((x) => (typeof x === "string" ? x : x.id)).sort();
        try {
            expect(tenant.name).toBe(declaredNow.name);
            expect(tenant.description ?? null).toEqual(declaredNow.description ?? null);
            expect((tenant.source as { id: string }).id).toBe((declaredNow.source as { id: string }).id);
            expect(ids(tenant.entitlements)).toEqual(ids(declaredNow.entitlements));
            expect(ids(tenant.segments)).toEqual(ids(declaredNow.segments));
            expect(tenant.enabled).toBe(declaredNow.enabled ?? false);
            expect(tenant.requestable).toBe(declaredNow.requestable ?? true);
            expect(meaningful(tenant.accessRequestConfig)).toEqual(meaningful(declaredNow.accessRequestConfig));
            expect(meaningful(tenant.revocationRequestConfig)).toEqual(meaningful(declaredNow.revocationRequestConfig));
            expect(meaningful(tenant.provisioningCriteria)).toEqual(meaningful(declaredNow.provisioningCriteria));
        } catch (e) {
            throw new Error(`edit ${n} (seed ${seed}, kinds ${kinds.join(",")}): ${(e as Error).message}`, { cause: e });
        }
        // A refresh right after finds nothing to change.
        expect((await host.diff(r.urn, r.id, outs, checked.inputs)).changes).toBe("none");
        Object.assign(r, { outs, inputs: next, sourceIndex });
    }
    console.log(
        `1,000 edits (seed ${seed}): ${stats.patches} patches, operations per patch mean ${(stats.ops / stats.patches).toFixed(2)} ` +
            `max ${stats.maxOps}, whole-list replaces in ${stats.wholeList} (${((100 * stats.wholeList) / stats.patches).toFixed(1)}%), ` +
            `${stats.sourceSwitches} source switches`,
    );
    for (const r of live) await host.delete(r.urn, r.id, r.outs);
}, 900_000);
