/**
 * Benchmark 2: patch size over random edits of segments and access profiles. For each edit, three patches take
 * the object from its old state to the declared one:
 *   ours     the provider's planner (minimal, set-aware, with `test` guards on removals by index)
 *   compare  fast-json-patch's compare() between the server's object and the declared values
 *   whole    a replace of every patchable field
 * Each is sent to the emulator against a fresh copy of the old object, and the result is checked against the
 * declared state with the provider's own diff. Reported: operations, bytes, and the share that ended equal.
 */
import { compare, type Operation } from "fast-json-patch";
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { check, declaredFields, diff, planPatch, type ResourceSchema } from "../provider/src/engine";
import { accessProfileSchema } from "../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../provider/src/resources/segment/schema";
import { EditGenerator, Kind, Props } from "./lib/random-edits";
import { report, runMain } from "./lib/report";

type Strategy = "ours" | "compare" | "whole";
const STRATEGIES: Strategy[] = ["ours", "compare", "whole"];

function schemaOf(kind: Kind): ResourceSchema {
    return kind === "segments" ? segmentSchema : accessProfileSchema;
}

/** The patchable fields as the declared state would hold them on the server (references without names). */
function target(schema: ResourceSchema, server: Props, desired: Props): Props {
    const out: Props = { ...server };
    for (const [name, field] of declaredFields(schema)) {
        if (!field.patchable) continue;
        const v = desired[name];
        out[name] = v === undefined ? (field.default ?? null) : v;
    }
    return out;
}

function wholeReplace(schema: ResourceSchema, server: Props, desired: Props): Operation[] {
    const t = target(schema, server, desired);
    return declaredFields(schema)
        .filter(([, f]) => f.patchable)
        .map(([name]) => ({ op: name in server ? "replace" : "add", path: `/${name}`, value: t[name] }) as Operation);
}

export async function run(edits = Number(process.env.BENCH_EDITS ?? 10_000), seed = 20261124): Promise<void> {
    const emu = await startEmulator({ port: 0, seed: 2, rateLimit: null });
    const admin = new EmulatorAdmin(emu.url);
    try {
        const tokenRes = await fetch(`${emu.url}/oauth/token`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret",
        });
        const token = ((await tokenRes.json()) as { access_token: string }).access_token;
        const gen = new EditGenerator(await admin.state(), seed);
        const totals = Object.fromEntries(
            STRATEGIES.map((s) => [s, { ops: 0, writeOps: 0, bytes: 0, maxOps: 0, equal: 0, rejected: 0, wrong: 0 }]),
        ) as Record<Strategy, { ops: number; writeOps: number; bytes: number; maxOps: number; equal: number; rejected: number; wrong: number }>;
        let counted = 0;
        const started = Date.now();
        for (let i = 0; i < edits; i++) {
            const kind: Kind = i % 2 === 0 ? "segments" : "access-profiles";
            const schema = schemaOf(kind);
            const oldProgram = kind === "segments" ? gen.segment() : gen.accessProfile();
            const newProgram = gen.edit(kind, oldProgram);
            const oldChecked = check(schema, "bench", {}, oldProgram);
            const desired = check(schema, "bench", {}, newProgram);
            if (oldChecked.failures.length || desired.failures.length) {
                throw new Error(`generator made invalid input: ${JSON.stringify([...oldChecked.failures, ...desired.failures])}`);
            }
            const base = (await admin.createObject(kind, oldChecked.inputs)) as Props;
            if (diff(schema, base, desired.inputs).changedFields.length === 0) continue; // the edit changed nothing
            counted++;
            for (const s of STRATEGIES) {
                const server = s === "ours" ? base : ((await admin.createObject(kind, oldChecked.inputs)) as Props);
                const ops =
                    s === "ours"
                        ? planPatch(schema, server, desired.inputs)
                        : s === "compare"
                          ? compare(server, target(schema, server, desired.inputs))
                          : wholeReplace(schema, server, desired.inputs);
                const t = totals[s];
                t.ops += ops.length;
                t.writeOps += ops.filter((o) => o.op !== "test").length;
                t.bytes += JSON.stringify(ops).length;
                t.maxOps = Math.max(t.maxOps, ops.length);
                const res = await fetch(`${emu.url}/${kind === "segments" ? "v2025" : "v3"}/${kind}/${server.id as string}`, {
                    method: "PATCH",
                    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json-patch+json" },
                    body: JSON.stringify(ops),
                });
                if (res.status !== 200) {
                    t.rejected++;
                    continue;
                }
                const after = (await res.json()) as Props;
                if (diff(schema, after, desired.inputs).changedFields.length === 0) t.equal++;
                else t.wrong++;
            }
            if (i % 2000 === 1999) await admin.reset(); // keep the emulator's store small
        }
        const rows = STRATEGIES.map((s) => {
            const t = totals[s];
            return {
                strategy: s === "ours" ? "ours (planner)" : s === "compare" ? "fast-json-patch compare()" : "replace every patchable field",
                "edits": counted,
                "ops/edit (mean)": t.ops / counted,
                "write ops/edit (no tests)": t.writeOps / counted,
                "ops max": t.maxOps,
                "bytes/edit (mean)": t.bytes / counted,
                "bytes vs ours": t.bytes / totals.ours.bytes,
                "ended equal": `${((100 * t.equal) / counted).toFixed(2)}%`,
                "refused by ISC": t.rejected,
                "applied but wrong": t.wrong,
            };
        });
        report("patch-size", `Benchmark 2: patch size over ${edits} random edits (seed ${seed}; ${counted} changed something)`, rows, {
            seconds: (Date.now() - started) / 1000,
        });
    } finally {
        await emu.close();
    }
}

if (require.main === module) runMain(run);
