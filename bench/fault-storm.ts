/**
 * Benchmark 4b: fault storms, measured instead of asserted. Tests run their storms with the emulator's per-key
 * fault sequence and at most 2 faults in a row on one request key, so they are deterministic and every call must
 * succeed. Here the same mixes run unbounded, in arrival order (which request gets which fault depends on timing),
 * as a real outage would: a resource's create, update, read or delete may then give up (a create after 3 POSTs
 * whose outcome stayed unknown), and this counts how often, and what it leaves behind. One row per mix:
 *  - the end-to-end test's mix (15% 5xx, 10% drops, 10% 429s, lag <= 1.5 s), unbounded;
 *  - the host storm test's mix (20% 5xx, 10% drops, 20% 429s, lag <= 1 s), unbounded;
 *  - the same, per-key with at most 2 in a row, as the tests run it.
 * Half the faulted writes are applied before the fault. Each resource (half segments, half access profiles) is
 * created, updated, read and deleted through the provider's dynamic provider, 20 at a time.
 */
import { startEmulator, type Faults } from "../emulator";
import { EmulatorAdmin, type RequestLogEntry } from "../emulator/admin-client";
import { diff } from "../provider/src/engine";
import { IscDynamicProvider } from "../provider/src/provider/dynamic-provider";
import { accessProfileSchema } from "../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../provider/src/resources/segment/schema";
import { EditGenerator, Kind } from "./lib/random-edits";
import { report, Row, runMain } from "./lib/report";

const RESOURCES = Number(process.env.BENCH_STORM_RESOURCES ?? 100);
const PARALLEL = 20;
const STEPS = ["create", "update", "read", "delete"] as const;

interface Mix {
    label: string;
    lagMs: number;
    faults: Partial<Faults>;
}

const E2E_MIX = { serverErrorRate: 0.15, dropRate: 0.1, rateLimitRate: 0.1, applyBeforeFaultShare: 0.5 };
const HOST_MIX = { serverErrorRate: 0.2, dropRate: 0.1, rateLimitRate: 0.2, applyBeforeFaultShare: 0.5 };
const MIXES: Mix[] = [
    { label: "e2e mix, arrival, unbounded", lagMs: 1500, faults: { ...E2E_MIX, sequence: "arrival", maxConsecutive: null } },
    { label: "host mix, arrival, unbounded", lagMs: 1000, faults: { ...HOST_MIX, sequence: "arrival", maxConsecutive: null } },
    { label: "host mix, per-key, <= 2 in a row", lagMs: 1000, faults: { ...HOST_MIX, sequence: "per-key", maxConsecutive: 2 } },
];

/** The longest run of faults in a row on one request key. */
function longestFaultRun(log: RequestLogEntry[]): number {
    const inARow = new Map<string, number>();
    let longest = 0;
    for (const r of [...log].sort((a, b) => (a.faultOccurrence ?? 0) - (b.faultOccurrence ?? 0))) {
        if (r.faultKey === undefined) continue;
        const n = r.fault === null ? 0 : (inARow.get(r.faultKey) ?? 0) + 1;
        inARow.set(r.faultKey, n);
        longest = Math.max(longest, n);
    }
    return longest;
}

async function storm(mix: Mix, seed: number): Promise<{ row: Row; failures: string[] }> {
    const emu = await startEmulator({ port: 0, seed, consistencyLagMs: mix.lagMs, faults: mix.faults });
    const admin = new EmulatorAdmin(emu.url);
    const config: Record<string, string> = {
        "isc:baseUrl": emu.url,
        "isc:clientId": "demo-client",
        "isc:clientSecret": "demo-secret",
        "isc:propagationTimeoutSeconds": "15",
    };
    const providers = { segments: new IscDynamicProvider("segment"), "access-profiles": new IscDynamicProvider("accessProfile") };
    for (const p of Object.values(providers)) await p.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } });
    const gen = new EditGenerator(await admin.state(), 78);
    const gaveUp = Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<(typeof STEPS)[number], number>;
    const failures: string[] = [];
    const hit = new Set<string>();
    let unknownCreates = 0;
    let mismatches = 0;
    let operations = 0;
    const started = Date.now();

    const one = async (i: number): Promise<void> => {
        const kind: Kind = i % 2 === 0 ? "segments" : "access-profiles";
        const schema = kind === "segments" ? segmentSchema : accessProfileSchema;
        const provider = providers[kind];
        const name = `Storm ${i}`;
        const program = { ...(kind === "segments" ? gen.segment() : gen.accessProfile()), name };
        const step = async <T>(label: (typeof STEPS)[number], fn: () => Promise<T>): Promise<T | undefined> => {
            operations++;
            try {
                return await fn();
            } catch (e) {
                const message = (e as Error).message;
                gaveUp[label]++;
                hit.add(name);
                if (label === "create" && /outcome stayed unknown/.test(message)) unknownCreates++;
                failures.push(`${label} ${name}: ${message.split("\n")[0]}`);
                return undefined;
            }
        };
        const checked = await provider.check({}, program);
        const created = await step("create", () => provider.create(checked.inputs));
        if (!created) return;
        const edited = await provider.check(checked.inputs, { ...gen.edit(kind, program), name });
        const updated = await step("update", () => provider.update(created.id, created.outs, edited.inputs));
        if (updated && diff(schema, await admin.getObject(kind, created.id), edited.inputs).changedFields.length > 0) mismatches++;
        const outs = updated?.outs ?? created.outs;
        await step("read", () => provider.read(created.id, outs));
        await step("delete", () => provider.delete(created.id, outs));
    };
    let next = 0;
    await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
            while (next < RESOURCES) await one(next++);
        }),
    );
    const seconds = (Date.now() - started) / 1000;
    const log = await admin.requests();
    const state = await admin.state();
    await emu.close();
    const left = [...state.segments, ...state.accessProfiles];
    const names = new Map<string, number>();
    for (const o of left) names.set(o.name, (names.get(o.name) ?? 0) + 1);
    const api = log.filter((r) => r.path !== "/oauth/token");
    const row: Row = {
        mix: mix.label,
        operations,
        "gave up": failures.length,
        "resources hit": hit.size,
        ...Object.fromEntries(STEPS.map((s) => [`${s} gave up`, gaveUp[s]])),
        "create: 3 unknown outcomes": unknownCreates,
        "objects left (orphans)": left.length,
        "duplicate names left": [...names.values()].filter((n) => n > 1).length,
        "final-state mismatches": mismatches,
        "API calls": api.length,
        "faults injected": api.filter((r) => r.fault !== null).length,
        "longest fault run on one key": longestFaultRun(api),
        "wall s": seconds,
    };
    return { row, failures };
}

export async function run(): Promise<void> {
    const rows: Row[] = [];
    const failures: Record<string, string[]> = {};
    for (const [i, mix] of MIXES.entries()) {
        const result = await storm(mix, 40 + i);
        rows.push(result.row);
        if (result.failures.length) failures[mix.label] = result.failures.slice(0, 10);
    }
    report(
        "fault-storm",
        `Benchmark 4b: fault storms, ${RESOURCES} resources per mix (create, update, read, delete each; half the faulted writes applied)`,
        rows,
        Object.keys(failures).length ? { "first failures": failures } : {},
    );
}

if (require.main === module) runMain(run);
