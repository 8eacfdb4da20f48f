/**
 * Both resources through Pulumi's real dynamic-provider host against an emulator whose answers vary in every form
 * SailPoint's specs allow (emulator/echo.ts): `null`, `[]` or nothing for empty values, reference names filled or
 * not, sets in any order, unknown fields, micro- or milliseconds, 32-hex or UUID ids. For many seeds of the
 * variation, a create / read / refresh / diff / update / read / delete cycle of each resource must show no diff
 * where nothing changed, and every PATCH must be exactly the one expected: the planner's patch from the outputs the
 * update was given, or, after a refused `test` guard (the order the provider saw is not the server's), the changed
 * fields written whole.
 */
import { applyPatch, deepClone, type Operation } from "fast-json-patch";
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin, type RequestLogEntry } from "../../emulator/admin-client";
import { seeded, type Random } from "../../emulator/random";
import { diff, planPatch, type ResourceSchema } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { installProgram, packProvider, ProviderHost, registerResources, startHostFor, urnOf } from "./harness";

type Props = Record<string, unknown>;
const SEEDS = Number(process.env.ECHO_VARIATION_SEEDS ?? 30);
const SEGMENT = "pulumi-nodejs:dynamic/isc:Segment";
const PROFILE = "pulumi-nodejs:dynamic/isc:AccessProfile";

let emu: Emulator;
let admin: EmulatorAdmin;
let host: ProviderHost;
let providers: Record<string, unknown>;
let programDir: string;
let tenant: { people: string[]; group: string; sources: Array<{ id: string; entitlements: string[] }> };

beforeAll(async () => {
    programDir = installProgram(packProvider());
    const regs = registerResources(
        programDir,
        `new isc.Segment("s", { name: "s" }); new isc.AccessProfile("p", { name: "p", owner: { id: "o" }, source: { id: "x" } });`,
    );
    providers = Object.fromEntries(regs.map((r) => [r.type, r.inputs.__provider]));
    emu = await startEmulator({ port: 0, seed: 51, rateLimit: null, echoVariation: { seed: 1 } });
    admin = new EmulatorAdmin(emu.url);
    const state = await admin.state();
    tenant = {
        people: state.identities.map((i) => i.id),
        group: state.governanceGroups[0].id,
        sources: state.sources.map((s) => ({ id: s.id, entitlements: state.entitlements.filter((e) => e.source.id === s.id).map((e) => e.id) })),
    };
    host = await startHostFor(programDir, emu.url, 10);
}, 180_000);

afterAll(async () => {
    await host?.stop();
    await emu?.close();
});

const pick = <T>(rnd: Random, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
const some = <T>(rnd: Random, xs: readonly T[], min: number, max: number): T[] => {
    const out = [...xs].sort(() => rnd() - 0.5);
    return out.slice(0, min + Math.floor(rnd() * (max - min + 1)));
};

/** A segment program, with empty values in the forms a program may write them. */
function segmentProgram(rnd: Random, name: string): Props {
    const p: Props = { name, active: rnd() < 0.5 };
    const description = pick(rnd, [undefined, null, "", "Everyone in London", "Sales staff"]);
    if (description !== undefined) p.description = description;
    if (rnd() < 0.6) p.owner = { id: pick(rnd, tenant.people) };
    const eq = (a: string, v: string) => ({ operator: "EQUALS", attribute: a, value: { type: "STRING", value: v } });
    const criteria = pick(rnd, [
        null,
        { expression: eq("location", pick(rnd, ["London", "Paris"])) },
        { expression: { operator: "AND", children: [eq("location", "London"), eq("department", pick(rnd, ["Sales", "HR"]))] } },
    ]);
    if (criteria !== null || rnd() < 0.5) p.visibilityCriteria = criteria;
    return p;
}

/** An access profile program: 1 to 5 entitlements of one source, and the optional parts present or not. */
function profileProgram(rnd: Random, name: string, segmentIds: string[]): Props {
    const source = tenant.sources[0];
    const entitlements = some(rnd, source.entitlements, 1, 5).map((id) => ({ id }));
    const p: Props = { name, owner: { id: pick(rnd, tenant.people) }, source: { id: source.id }, entitlements, enabled: rnd() < 0.6 };
    if (rnd() < 0.5) p.description = pick(rnd, [null, "", "Payroll access"]);
    if (rnd() < 0.6) {
        p.accessRequestConfig = pick(rnd, [
            { commentsRequired: true, approvalSchemes: [{ approverType: "MANAGER" }] },
            { approvalSchemes: [{ approverType: "GOVERNANCE_GROUP", approverId: tenant.group }, { approverType: "OWNER" }] },
            { reauthorizationRequired: true, maxPermittedAccessDuration: { value: 3, timeUnit: "WEEKS" }, approvalSchemes: [] },
        ]);
    }
    if (rnd() < 0.4) p.revocationRequestConfig = { approvalSchemes: [{ approverType: pick(rnd, ["MANAGER", "OWNER"]) }] };
    if (rnd() < 0.7) p.segments = some(rnd, segmentIds, 0, segmentIds.length);
    if (rnd() < 0.4)
        p.provisioningCriteria = pick(rnd, [
            { operation: "HAS", attribute: "memberOf" },
            {
                operation: "OR",
                children: [
                    { operation: "EQUALS", attribute: "dn", value: "x" },
                    { operation: "HAS", attribute: "mail" },
                ],
            },
        ]);
    if (rnd() < 0.4)
        p.additionalOwners = some(
            rnd,
            [
                { type: "IDENTITY", id: tenant.people[1] },
                { type: "GOVERNANCE_GROUP", id: tenant.group },
                { type: "IDENTITY", id: tenant.people[2] },
            ],
            0,
            3,
        );
    return p;
}

/** An edit of a profile program: one entitlement gone and one more, and a few other fields changed. */
function profileEdit(rnd: Random, p: Props, segmentIds: string[]): Props {
    const held = (p.entitlements as Array<{ id: string }>).map((e) => e.id);
    const pool = tenant.sources[0].entitlements.filter((id) => !held.includes(id));
    const kept = held.length > 1 ? held.filter((_, i) => i !== Math.floor(rnd() * held.length)) : held;
    const next: Props = { ...p, entitlements: [...kept, pick(rnd, pool)].sort(() => rnd() - 0.5).map((id) => ({ id })) };
    if (rnd() < 0.5) next.description = pick(rnd, [null, "Edited", undefined]);
    if (rnd() < 0.5) next.segments = some(rnd, segmentIds, 0, segmentIds.length);
    if (rnd() < 0.3) next.additionalOwners = rnd() < 0.5 ? null : [{ type: "GOVERNANCE_GROUP", id: tenant.group }];
    if (rnd() < 0.3) next.requestable = true;
    return next;
}

/** What a run of cycles found, for the report and the assertions; and what its host process learned. */
interface Findings {
    /** The tenant refuses `test` operations (the emulator's refuseTestOperations). */
    refuseTests: boolean;

    cycles: number;
    requests: number;
    patches: number;
    refusedGuards: number;
    perpetualDiffs: string[];
    /** PATCHes whose operations are not the expected ones (sent, whether applied or refused). */
    unexpectedOps: string[];
    /** PATCHes applied with an effect other than the declared change, or refused for another reason than a failed `test`. */
    wrongPatches: string[];
    /** Updates that failed (the provider gave up): each one a finding too. */
    failedUpdates: string[];
}

/** A program as Pulumi passes it: no `undefined` (a field left out). */
const plain = (p: Props): Props => JSON.parse(JSON.stringify(p)) as Props;
const ops = (e: RequestLogEntry) => e.requestBody as Operation[];
/** `add` and `replace` of a whole field do the same on a field the server holds: compared as one. */
const canonicalOps = (list: Operation[]) => JSON.stringify(list.map((o) => (o.path.split("/").length === 2 && o.op === "add" ? { ...o, op: "replace" } : o)));

/**
 * The same with each set index written as `#`: the first PATCH is planned from the update's own read of the object, an
 * answer this test does not see, whose set order may differ from the outputs': a removal guarded by a `test` is then
 * the same removal at another index (the `test` names the element). An unguarded index still differs (no `test`).
 */
const indexFreeOps = (list: Operation[]) => canonicalOps(list.map((o) => ({ ...o, path: o.path.replace(/^(\/[^/]+\/)\d+/, "$1#") })));

/** The changed fields written whole: what the provider sends after a refused guard (set order unknown). */
function wholeWrites(schema: ResourceSchema, stored: Props, desired: Props): Operation[] {
    const base: Props = { ...stored };
    for (const [name, f] of Object.entries(schema.fields)) if (f.kind === "referenceSet" || f.kind === "stringSet") base[name] = null;
    const changed = new Set(diff(schema, stored, desired).changedFields);
    for (const name of changed) for (const other of schema.fields[name].replacesWith ?? []) changed.add(other);
    const ops = planPatch(schema, base, desired).filter((o) => changed.has(o.path.split("/")[1]));
    // A set emptied: planned against no list, the planner sees nothing to do; written whole, it is [].
    for (const name of changed) if (!ops.some((o) => o.path === `/${name}`)) ops.push({ op: "replace", path: `/${name}`, value: [] });
    return ops;
}

/** Whether an operation addresses a list element by its index: its target depends on the server's order. */
const byIndex = (list: Operation[]) => list.some((o) => /^\/[^/]+\/\d+(?:\/|$)/.test(o.path));

/**
 * What the first PATCH of an update may be: the planner's guarded patch from the outputs the update was given; or,
 * once the provider took the tenant to refuse `test`s (a guarded patch refused although its tests held on a fresh
 * read, then taken without them: on these tenants, whether that happens depends on what the reads showed), the same
 * without guards where no element is addressed by index, else the changed fields written whole: an answer's order is
 * not the order a `remove` by index addresses.
 */
function firstExpected(schema: ResourceSchema, outs: Props, stored: Props, desired: Props): Operation[][] {
    const guarded = planPatch(schema, outs, desired);
    const unguarded = planPatch(schema, outs, desired, { guardRemovals: false });
    return [guarded, byIndex(unguarded) ? wholeWrites(schema, stored, desired) : unguarded];
}

async function cycle(
    f: Findings,
    label: string,
    type: string,
    schema: ResourceSchema,
    kind: "segments" | "access-profiles",
    first: Props,
    second: Props,
): Promise<void> {
    const urn = urnOf(type, label);
    const provider = providers[type];
    const noDiff = async (step: string, outs: Props, inputs: Props) => {
        const d = await host.diff(urn, "id", outs, inputs);
        if (d.changes !== "none") f.perpetualDiffs.push(`${label} ${step}: ${diff(schema, outs, inputs).changedFields.join(", ")}`);
    };
    await admin.clearRequests();
    const a = await host.check(urn, {}, { ...plain(first), __provider: provider });
    expect(a.failures).toEqual([]);
    const created = await host.create(urn, a.inputs);
    await noDiff("after create", created.properties, a.inputs);
    const r1 = await host.read(urn, created.id, created.properties);
    await noDiff("after refresh", r1.properties, a.inputs);
    const roundTrip = await host.check(urn, a.inputs, { ...r1.inputs!, __provider: provider });
    await noDiff("read inputs checked again", r1.properties, roundTrip.inputs);
    const r2 = await host.read(urn, created.id, r1.properties);
    await noDiff("after a second refresh", r2.properties, a.inputs);

    const b = await host.check(urn, a.inputs, { ...plain(second), __provider: provider });
    expect(b.failures).toEqual([]);
    const before = (await admin.getObject(kind, created.id)) as Props;
    const expectedFirst = firstExpected(schema, r2.properties, before, b.inputs);
    const mark = (await admin.requests()).length;
    let updated: Props | undefined;
    try {
        updated = await host.update(urn, created.id, r2.properties, b.inputs);
    } catch (e) {
        f.failedUpdates.push(`${label}: ${(e as Error).message}`);
    }
    const patches = (await admin.requests()).slice(mark).filter((e) => e.method === "PATCH");
    f.patches += patches.length;
    const wrong = (why: string) => f.wrongPatches.push(`${label}: ${why}`);
    if (expectedFirst[0].length === 0 && patches.length > 0) wrong(`${patches.length} PATCH for no change`);
    let stored = before;
    patches.forEach((p, i) => {
        const expected = i === 0 ? expectedFirst : [wholeWrites(schema, stored, b.inputs)];
        const same = (e: Operation[]) => canonicalOps(e) === canonicalOps(ops(p)) || (i === 0 && indexFreeOps(e) === indexFreeOps(ops(p)));
        if (!expected.some(same)) {
            f.unexpectedOps.push(
                `${label}: PATCH ${i + 1} (${p.status}) sent ${JSON.stringify(ops(p))}, expected ${expected.map((e) => JSON.stringify(e)).join(" or ")}`,
            );
        }
        if (p.status === 400 && f.refuseTests) {
            // Refused for carrying `test`s (the tenant takes none): the provider learns it once it went through without.
            if (!ops(p).some((o) => o.op === "test")) wrong(`PATCH ${i + 1} without a test refused`);
            f.refusedGuards++;
        } else if (p.status === 400) {
            // Refused: only a failed `test` may be the reason, and nothing changed.
            const failed = (() => {
                try {
                    applyPatch(deepClone(stored), ops(p), true);
                    return false;
                } catch (e) {
                    return (e as Error).name === "TEST_OPERATION_FAILED";
                }
            })();
            if (!failed) wrong(`PATCH ${i + 1} refused although its tests hold on the stored object`);
            f.refusedGuards++;
        } else if (p.status === 200) {
            stored = applyPatch(
                deepClone(stored),
                ops(p).filter((o) => o.op !== "test"),
                true,
            ).newDocument;
            const left = diff(schema, stored, b.inputs).changedFields;
            if (left.length > 0) wrong(`PATCH ${i + 1} was applied and left ${left.join(", ")} other than declared`);
        } else wrong(`PATCH ${i + 1} answered ${p.status}`);
    });
    if (updated) {
        const truth = await admin.getObject(kind, created.id);
        if (diff(schema, truth, b.inputs).changedFields.length > 0)
            wrong(`the tenant differs after the update in ${diff(schema, truth, b.inputs).changedFields.join(", ")}`);
        await noDiff("after update", updated, b.inputs);
        const r3 = await host.read(urn, created.id, updated);
        await noDiff("after refresh of the update", r3.properties, b.inputs);
    }
    await host.delete(urn, created.id, r2.properties);
    f.requests += (await admin.requests()).filter((e) => e.path !== "/oauth/token").length;
    f.cycles++;
}

/** `seeds` seeds of a segment's and an access profile's cycle; the findings logged, then asserted empty. */
async function run(seeds: number, refuseTests: boolean): Promise<void> {
    const f: Findings = {
        refuseTests,
        cycles: 0,
        requests: 0,
        patches: 0,
        refusedGuards: 0,
        perpetualDiffs: [],
        unexpectedOps: [],
        wrongPatches: [],
        failedUpdates: [],
    };
    const idShapes = new Set<string>();
    await admin.config(); // a GET first: a keep-alive socket the emulator closed meanwhile is retried, a PATCH is not
    for (let seed = 1; seed <= seeds; seed++) {
        await admin.setConfig({ echoVariation: { seed: refuseTests ? 1000 + seed : seed }, refuseTestOperations: refuseTests });
        const rnd = seeded(seed * 7 + 1);
        // Segments first: real ids (either shape) to scope the profile to.
        const segmentIds: string[] = [];
        for (let i = 0; i < 3; i++) {
            const s = await host.create(
                urnOf(SEGMENT, `scope-${seed}-${i}`),
                (await host.check(urnOf(SEGMENT, "x"), {}, { name: `Scope ${seed}.${i}`, __provider: providers[SEGMENT] })).inputs,
            );
            segmentIds.push(s.id);
            idShapes.add(s.id.includes("-") ? "uuid" : "hex");
        }
        const seg = segmentProgram(rnd, `Segment ${seed}`);
        await cycle(f, `segment@${seed}`, SEGMENT, segmentSchema, "segments", seg, {
            ...segmentProgram(rnd, `Segment ${seed}`),
            name: `Segment ${seed} renamed`,
        });
        const ap = profileProgram(rnd, `Profile ${seed}`, segmentIds);
        await cycle(f, `profile@${seed}`, PROFILE, accessProfileSchema, "access-profiles", ap, profileEdit(rnd, ap, segmentIds));
        for (const id of segmentIds) await admin.deleteObject("segments", id);
    }
    console.log(
        `Echo variation${refuseTests ? " on a tenant that refuses test operations" : ""}, ${seeds} seeds: ${f.cycles} cycles, ${f.requests} API requests, ${f.patches} PATCHes (${f.refusedGuards} refused by a test guard), ` +
            `${f.perpetualDiffs.length} perpetual diffs, ${f.unexpectedOps.length} PATCHes with unexpected operations, ${f.wrongPatches.length} wrong patches, ` +
            `${f.failedUpdates.length} failed updates`,
        ...[...f.perpetualDiffs, ...f.unexpectedOps, ...f.wrongPatches, ...f.failedUpdates].map((x) => `\n  ${x}`),
    );
    expect(idShapes).toEqual(new Set(["hex", "uuid"]));
    expect(f.perpetualDiffs).toEqual([]);
    expect(f.unexpectedOps).toEqual([]);
    expect(f.wrongPatches).toEqual([]);
    expect(f.failedUpdates).toEqual([]);
    expect(f.cycles).toBe(2 * seeds);
}

test(
    `create, refresh, diff, update and delete under ${SEEDS} seeds of echo variation: no perpetual diff, every PATCH as expected`,
    () => run(SEEDS, false),
    900_000,
);

test("the same on a tenant that refuses `test` operations: the provider's fallback never removes by an index an answer showed", async () => {
    // A host of its own: what a host process learned about `test` operations lasts for its life.
    await host.stop();
    host = await startHostFor(programDir, emu.url, 10);
    try {
        await run(SEEDS, true);
    } finally {
        await admin.setConfig({ refuseTestOperations: false });
    }
}, 900_000);
