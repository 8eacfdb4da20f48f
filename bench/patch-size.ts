/**
 * Benchmark 2: patch size over random edits of segments and access profiles (bench/lib/random-edits.ts, seeded).
 * Each edit is an old program and a new one. The old one is created in the emulator (admin API, validated and
 * normalised as ISC does); the new one, as the provider's `check` completes it (a reference's `type` filled in,
 * an omitted boolean at its documented default), is the declared state. Edits whose stored object already equals
 * the declared state (by the comparison below) are not counted. For each counted edit, three strategies each get
 * their own fresh copy of the old object, read back as the emulator stores it (GET /__emulator/objects/...):
 *   ours     the provider's planner, `planPatch(schema, stored, declared)` (minimal, set-aware, `test` guards
 *            before removals by index)
 *   compare  fast-json-patch's `compare(stored, wanted)`, `wanted` being the stored object with every declared
 *            field set to its declared value: what a user of compare() does (take the server's JSON, set the
 *            declared values, compare)
 *   whole    a `replace` (or `add`) of every patchable field with its declared value
 * The patch is sent as PATCH /v2025/segments/{id} or /v3/access-profiles/{id}, then the object is read back from
 * the emulator's store and judged by `differingFields` below, a comparison written here: neither the provider's
 * diff nor the emulator's code takes part in the judging.
 *
 * Columns:
 *   edits                      counted edits (the old stored object differed from the declared state)
 *   ops/edit (mean)            operations in the patch body, `test` included, averaged over counted edits
 *   write ops/edit (no tests)  the same without `test` operations
 *   ops max                    the most operations in one patch
 *   bytes/edit (mean)          length of the patch body as sent (JSON.stringify of the operations; ASCII)
 *   bytes vs ours              total bytes relative to ours
 *   ended equal                share of counted edits where the PATCH was answered 200 and the object read back
 *                              from the emulator matches the declared value in every declared field
 *   refused by ISC             PATCH answered anything but 200 (the object is then left as it was)
 *   applied but wrong          PATCH answered 200 but the object read back differs in some declared field
 *
 * The comparison normalises only what ISC itself normalises: a reference's `name` (ISC fills it in, and refuses a
 * wrong one) is not compared; `entitlements` and `segments` are sets (order ignored); null, absent and an empty
 * list are the same "no value"; the flags ISC defaults when absent (segment `active` false, access profile
 * `enabled` false and `requestable` true, the four accessRequestConfig flags false) equal their defaults.
 * Everything else, including the order of approval schemes and of expression children, must match exactly.
 */
import { compare, type Operation } from "fast-json-patch";
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { check, declaredFields, planPatch, type ResourceSchema } from "../provider/src/engine";
import { accessProfileSchema } from "../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../provider/src/resources/segment/schema";
import { EditGenerator, Kind, Props } from "./lib/random-edits";
import { report, runMain } from "./lib/report";

type Strategy = "ours" | "compare" | "whole";
const STRATEGIES: Strategy[] = ["ours", "compare", "whole"];

function schemaOf(kind: Kind): ResourceSchema {
    return kind === "segments" ? segmentSchema : accessProfileSchema;
}

// ---- the judge: written here, independent of the provider's diff and of the emulator ------------------------------

/** Types whose `{type, id, name}` objects are references; ISC fills in their `name`. */
const REFERENCE_TYPES = new Set(["IDENTITY", "SOURCE", "ENTITLEMENT", "GOVERNANCE_GROUP"]);
/** Lists ISC treats as sets. */
const SET_FIELDS = new Set(["entitlements", "segments"]);
/** Values ISC stores when the field is absent, by path. */
const ISC_DEFAULTS: ReadonlyMap<string, boolean> = new Map([
    ["active", false],
    ["enabled", false],
    ["requestable", true],
    ["accessRequestConfig.commentsRequired", false],
    ["accessRequestConfig.denialCommentsRequired", false],
    ["accessRequestConfig.reauthorizationRequired", false],
    ["accessRequestConfig.requireEndDate", false],
]);

type Canonical = null | boolean | number | string | Canonical[] | { [key: string]: Canonical };

/** `value` with ISC's normalisations undone; undefined for "no value". Object keys sorted. */
function canonical(value: unknown, path: string): Canonical | undefined {
    if (value === undefined || value === null) return undefined;
    if (ISC_DEFAULTS.get(path) === value) return undefined;
    if (Array.isArray(value)) {
        const items = value.map((x) => canonical(x, `${path}[]`) ?? null);
        if (items.length === 0) return undefined;
        return SET_FIELDS.has(path) ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : items;
    }
    if (typeof value === "object") {
        const obj = value as Record<string, unknown>;
        const isReference = typeof obj.id === "string" && typeof obj.type === "string" && REFERENCE_TYPES.has(obj.type);
        const out: { [key: string]: Canonical } = {};
        for (const key of Object.keys(obj).sort()) {
            if (isReference && key === "name") continue;
            const c = canonical(obj[key], path === "" ? key : `${path}.${key}`);
            if (c !== undefined) out[key] = c;
        }
        return out;
    }
    if (typeof value === "boolean" || typeof value === "number" || typeof value === "string") return value;
    throw new Error(`unexpected ${typeof value} at ${path}`);
}

/** The declared fields whose stored value differs from the declared one. */
export function differingFields(stored: Props, declared: Props): string[] {
    return Object.keys(declared).filter((f) => JSON.stringify(canonical(declared[f], f)) !== JSON.stringify(canonical(stored[f], f)));
}

// ---- the strategies ---------------------------------------------------------------------------------------------

/** The stored object with every declared field set to its declared value. */
function withDeclared(stored: Props, declared: Props): Props {
    const out = structuredClone(stored);
    for (const [name, value] of Object.entries(declared)) out[name] = structuredClone(value);
    return out;
}

/** Every patchable field replaced by its declared value (the default, or null, when not declared). */
function wholeReplace(schema: ResourceSchema, stored: Props, declared: Props): Operation[] {
    return declaredFields(schema)
        .filter(([, f]) => f.patchable)
        .map(
            ([name, f]) =>
                ({
                    op: name in stored ? "replace" : "add",
                    path: `/${name}`,
                    value: declared[name] === undefined ? (f.default ?? null) : declared[name],
                }) as Operation,
        );
}

function plan(s: Strategy, schema: ResourceSchema, stored: Props, declared: Props): Operation[] {
    if (s === "ours") return planPatch(schema, stored, declared);
    if (s === "compare") return compare(stored, withDeclared(stored, declared));
    return wholeReplace(schema, stored, declared);
}

interface Totals {
    ops: number;
    writeOps: number;
    bytes: number;
    maxOps: number;
    equal: number;
    rejected: number;
    wrong: number;
    /** Refusal texts (ids masked) and wrong fields, with counts. */
    refusals: Map<string, number>;
    wrongFields: Map<string, number>;
}

function bump(m: Map<string, number>, key: string): void {
    m.set(key, (m.get(key) ?? 0) + 1);
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
            STRATEGIES.map((s) => [
                s,
                { ops: 0, writeOps: 0, bytes: 0, maxOps: 0, equal: 0, rejected: 0, wrong: 0, refusals: new Map(), wrongFields: new Map() },
            ]),
        ) as Record<Strategy, Totals>;
        let counted = 0;
        const started = Date.now();
        for (let i = 0; i < edits; i++) {
            const kind: Kind = i % 2 === 0 ? "segments" : "access-profiles";
            const schema = schemaOf(kind);
            const oldProgram = kind === "segments" ? gen.segment() : gen.accessProfile();
            const newProgram = gen.edit(kind, oldProgram);
            const oldChecked = check(schema, oldProgram);
            const desired = check(schema, newProgram);
            if (oldChecked.failures.length || desired.failures.length) {
                throw new Error(`generator made invalid input: ${JSON.stringify([...oldChecked.failures, ...desired.failures])}`);
            }
            const declared = desired.inputs as Props;
            const first = await admin.createObject(kind, oldChecked.inputs);
            if (differingFields(await admin.getObject(kind, first.id), declared).length === 0) continue; // the edit changed nothing
            counted++;
            for (const s of STRATEGIES) {
                const id = s === "ours" ? first.id : (await admin.createObject(kind, oldChecked.inputs)).id;
                const stored = (await admin.getObject(kind, id)) as Props;
                const ops = plan(s, schema, stored, declared);
                const t = totals[s];
                const body = JSON.stringify(ops);
                t.ops += ops.length;
                t.writeOps += ops.filter((o) => o.op !== "test").length;
                t.bytes += body.length;
                t.maxOps = Math.max(t.maxOps, ops.length);
                const res = await fetch(`${emu.url}/${kind === "segments" ? "v2025" : "v3"}/${kind}/${id}`, {
                    method: "PATCH",
                    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json-patch+json" },
                    body,
                });
                const answer = await res.text();
                if (res.status !== 200) {
                    t.rejected++;
                    bump(t.refusals, `${res.status} ${refusalText(answer)}`);
                    continue;
                }
                const wrong = differingFields(await admin.getObject(kind, id), declared);
                if (wrong.length === 0) t.equal++;
                else {
                    t.wrong++;
                    for (const f of wrong) bump(t.wrongFields, `${kind}.${f}`);
                }
            }
            if (i % 2000 === 1999) await admin.reset(); // keep the emulator's store small
        }
        const label = (s: Strategy) => (s === "ours" ? "ours (planner)" : s === "compare" ? "fast-json-patch compare()" : "replace every patchable field");
        const rows = STRATEGIES.map((s) => {
            const t = totals[s];
            return {
                strategy: label(s),
                edits: counted,
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
        const notes: Record<string, unknown> = {};
        for (const s of STRATEGIES) {
            if (totals[s].refusals.size) notes[`refusals of ${label(s)}`] = Object.fromEntries(totals[s].refusals);
            if (totals[s].wrongFields.size) notes[`wrong fields of ${label(s)}`] = Object.fromEntries(totals[s].wrongFields);
        }
        notes.seconds = (Date.now() - started) / 1000;
        report("patch-size", `Benchmark 2: patch size over ${edits} random edits (seed ${seed}; ${counted} changed something)`, rows, notes);
    } finally {
        await emu.close();
    }
}

/** The first message of an ISC error body, ids masked, for grouping refusals. */
function refusalText(body: string): string {
    let text = body;
    try {
        const parsed = JSON.parse(body) as { messages?: Array<{ text?: string }> };
        text = parsed.messages?.[0]?.text ?? body;
    } catch {
        // not JSON: keep the text
    }
    return text
        .replace(/[0-9a-f]{32}/g, "<id>")
        .replace(/operation \d+/g, "operation <n>")
        .slice(0, 140);
}

if (require.main === module) runMain(run);
