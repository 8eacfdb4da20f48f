/**
 * Benchmark 4: a fault soak. 250 resources (half segments, half access profiles) each go through create,
 * update, read and delete (1,000 operations, 20 resources at a time) through the provider's dynamic provider,
 * against an emulator with 10% 5xx, 5% dropped connections, 20% 429s, reads lagging up to 2 s, half of the
 * faulted writes applied before the fault, 30 s tokens, and answers varying in every form the specs allow (echo
 * variation: empty values as null, [] or nothing, names filled or not, sets in any order, unknown fields, micro- or
 * milliseconds, UUID or 32-hex ids). Reported: failures, duplicates, orphans, final-state mismatches, perpetual diffs
 * (a diff right after the update's read) and wrong patches (a PATCH writing a field the edit did not change) (each
 * must be 0), and API calls against the minimum.
 */
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { diff } from "../provider/src/engine";
import { IscDynamicProvider } from "../provider/src/provider/dynamic-provider";
import { accessProfileSchema } from "../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../provider/src/resources/segment/schema";
import { EditGenerator, Kind } from "./lib/random-edits";
import { report, runMain } from "./lib/report";

const RESOURCES = Number(process.env.BENCH_SOAK_RESOURCES ?? 250);
const PARALLEL = 20;

export async function run(): Promise<void> {
    const emu = await startEmulator({
        port: 0,
        seed: 4,
        tokenLifetimeSeconds: 30,
        consistencyLagMs: 2000,
        faults: { serverErrorRate: 0.1, dropRate: 0.05, rateLimitRate: 0.2, latencyMs: 0, applyBeforeFaultShare: 0.5 },
        echoVariation: { seed: 4 },
    });
    const admin = new EmulatorAdmin(emu.url);
    const config = {
        "isc:baseUrl": emu.url,
        "isc:clientId": "demo-client",
        "isc:clientSecret": "demo-secret",
        "isc:propagationTimeoutSeconds": "15",
    } as Record<string, string>;
    const providers = {
        segments: new IscDynamicProvider("segment"),
        "access-profiles": new IscDynamicProvider("accessProfile"),
    };
    for (const p of Object.values(providers)) await p.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } });
    const gen = new EditGenerator(await admin.state(), 77);
    const failures: string[] = [];
    let mismatches = 0;
    let duplicates = 0;
    let perpetualDiffs = 0;
    /** The fields each object's edit changed (the source's companions included): what its PATCHes may write. */
    const editedFields = new Map<string, Set<string>>();
    let operations = 0;
    const started = Date.now();

    let next = 0;
    const one = async (i: number): Promise<void> => {
        const kind: Kind = i % 2 === 0 ? "segments" : "access-profiles";
        const schema = kind === "segments" ? segmentSchema : accessProfileSchema;
        const provider = providers[kind];
        const program = { ...(kind === "segments" ? gen.segment() : gen.accessProfile()), name: `Soak ${i}` };
        const step = async <T>(label: string, fn: () => Promise<T>): Promise<T | undefined> => {
            operations++;
            try {
                return await fn();
            } catch (e) {
                failures.push(`${label} Soak ${i}: ${(e as Error).message}`);
                return undefined;
            }
        };
        const checked = await provider.check({}, program);
        const created = await step("create", () => provider.create(checked.inputs));
        if (!created) return;
        const edited = await provider.check(checked.inputs, { ...gen.edit(kind, program), name: `Soak ${i}` });
        const fields = new Set(diff(schema, checked.inputs, edited.inputs).changedFields);
        for (const f of [...fields]) for (const other of schema.fields[f].replacesWith ?? []) fields.add(other);
        editedFields.set(created.id, fields);
        const updated = await step("update", () => provider.update(created.id, created.outs, edited.inputs));
        const outs = updated?.outs ?? created.outs;
        const truth = await admin.getObject(kind, created.id);
        if (updated && diff(schema, truth, edited.inputs).changedFields.length > 0) mismatches++;
        const sameName = (await admin.state())[kind === "segments" ? "segments" : "accessProfiles"].filter((o) => o.name === `Soak ${i}`).length;
        if (sameName > 1) duplicates += sameName - 1;
        const read = await step("read", () => provider.read(created.id, outs));
        if (updated && read?.props && diff(schema, read.props, edited.inputs).changedFields.length > 0) perpetualDiffs++;
        await step("delete", () => provider.delete(created.id, outs));
    };
    await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
            while (next < RESOURCES) await one(next++);
        }),
    );
    const seconds = (Date.now() - started) / 1000;
    const log = await admin.requests();
    const state = await admin.state();
    const orphans = state.segments.length + state.accessProfiles.length;
    const api = log.filter((r) => r.path !== "/oauth/token");
    const tokens = log.length - api.length;
    // A PATCH (sent whole or applied before its fault) may write only fields its object's edit changed.
    const wrongPatches = api.filter((r) => {
        if (r.method !== "PATCH" || !Array.isArray(r.requestBody)) return false;
        const allowed = editedFields.get(decodeURIComponent(r.path.split("/").pop() ?? ""));
        return (r.requestBody as Array<{ op: string; path: string }>).some((o) => o.op !== "test" && !allowed?.has(o.path.split("/")[1]));
    }).length;
    const minimum = operations + Math.ceil(seconds / 30);
    await emu.close();
    report(
        "fault-soak",
        `Benchmark 4: fault soak, ${operations} operations on ${RESOURCES} resources (10% 5xx, 5% drops, 20% 429s, lag <= 2 s, 30 s tokens, echo variation)`,
        [
            {
                operations,
                failures: failures.length,
                duplicates,
                orphans,
                "final-state mismatches": mismatches,
                "perpetual diffs": perpetualDiffs,
                "wrong patches": wrongPatches,
                "API calls": api.length,
                "token calls": tokens,
                "minimum calls": minimum,
                "x minimum": (api.length + tokens) / minimum,
                "faults injected": log.filter((r) => r.fault !== null).length,
                "429s": log.filter((r) => r.status === 429).length,
                "wall s": seconds,
            },
        ],
        failures.length ? { failures: failures.slice(0, 20) } : {},
    );
}

if (require.main === module) runMain(run);
