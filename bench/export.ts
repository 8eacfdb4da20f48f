/**
 * Benchmark: `pulumi-sailpoint-isc export` of a 5,000-object tenant (1,000 segments + 4,000 access profiles, the
 * emulator's populated tenant, seed 1), run as a user runs it: the packed package installed in a program folder,
 * its bin run with SAIL_* in the environment, against the emulator with ISC's real rate limit (100 requests per
 * 10 s per client id). `BENCH_EXPORT_SEGMENTS` / `BENCH_EXPORT_PROFILES` change the sizes.
 *
 * Calls are counted from the emulator's request log, which numbers every request (`seq`, never reset while the
 * emulator runs): a run's entries must be exactly the numbers after the previous run's last one, so a log that
 * dropped entries (it keeps the newest 200,000) is detected, not silently undercounted. Token calls are counted
 * apart; each call is attributed to the term of the model it serves by its path and filter.
 *
 * The minimum, computed from a model of what the export must read (`provider/src/export/tenant.ts`) with the
 * tenant's real counts read from the emulator's state after populating (never typed in):
 *  - the segments' and access profiles' lists: max(1, ceil(n / 250)) pages each (`count=true` gives the total, so
 *    a full last page needs no empty page after it; an empty list is still one call);
 *  - the referenced identities (segment and profile owners, additional owners that are not governance groups) by
 *    id, 50 per `id in (...)`: ceil(distinct / 50);
 *  - the sources' list: max(1, ceil(sources / 250)) pages;
 *  - the governance groups' list, when a profile refers to one (approval schemes, additional owners): pages as above;
 *  - the referenced entitlements by id, 50 per call: ceil(distinct / 50);
 *  - per source, whether each referenced value is unique on it: its distinct values that ISC's filter can carry
 *    (`canFilter`), 50 per `source.id eq ... and value in (...)`, each batch max(1, ceil(hits / 250)) pages, the hits
 *    being the source's entitlements whose value matches one of the batch's ignoring case (as ISC compares).
 * The rate-limit floor for the calls made (token excluded; the token endpoint is not limited), with the first
 * 100 sent at once and 100 more per window: (ceil(calls / 100) - 1) * 10 s.
 *
 * The export runs twice, the second after one rate-limit window so that it starts with a full budget, and the
 * two programs are compared byte for byte.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator } from "../emulator";
import { EmulatorAdmin, RequestLogEntry, TenantState } from "../emulator/admin-client";
import { canFilter } from "../provider/src/client";
import { installProgram, packProvider } from "../scripts/lib/program";
import { report, Row, runMain } from "./lib/report";

const PAGE = 250;
const IN_BATCH = 50;
const RATE = { limit: 100, windowMs: 10_000, scope: "client" as const };

/** The rate limit's floor for `calls` requests, in seconds. */
function floorSeconds(calls: number): number {
    return calls <= 0 ? 0 : ((Math.ceil(calls / RATE.limit) - 1) * RATE.windowMs) / 1000;
}

const pages = (n: number): number => Math.max(1, Math.ceil(n / PAGE));
const batches = (n: number): number => Math.ceil(n / IN_BATCH);

type Term = "segments" | "accessProfiles" | "identities" | "sources" | "groups" | "entitlements" | "uniqueness" | "other";
const TERMS: ReadonlyArray<{ term: Term; label: string }> = [
    { term: "segments", label: "segments: list pages (250 a page)" },
    { term: "accessProfiles", label: "access profiles: list pages (250 a page)" },
    { term: "identities", label: "referenced identities by id (50 a call)" },
    { term: "sources", label: "sources: list pages" },
    { term: "groups", label: "governance groups: list pages" },
    { term: "entitlements", label: "referenced entitlements by id (50 a call)" },
    { term: "uniqueness", label: "entitlement value uniqueness checks (50 values a call, per source)" },
    { term: "other", label: "anything else" },
];

interface Model {
    calls: Record<Term, number>;
    notes: Record<Term, string>;
}

interface RefLike {
    id?: unknown;
    type?: unknown;
}
const refOf = (v: unknown): RefLike | null => (v && typeof v === "object" && typeof (v as RefLike).id === "string" ? (v as RefLike) : null);
const refsOf = (v: unknown): RefLike[] => (Array.isArray(v) ? v.map(refOf).filter((r): r is RefLike => r !== null) : []);

/** The minimum calls of an export of every segment and access profile of `t`, by term (see the header). */
export function exportModel(t: TenantState): Model {
    const identityIds = new Set<string>();
    const entitlementIds = new Set<string>();
    const groupIds = new Set<string>();
    for (const s of t.segments) {
        const owner = refOf(s.owner);
        if (owner) identityIds.add(String(owner.id));
    }
    for (const p of t.accessProfiles) {
        const owner = refOf(p.owner);
        if (owner) identityIds.add(String(owner.id));
        for (const o of refsOf(p.additionalOwners)) (o.type === "GOVERNANCE_GROUP" ? groupIds : identityIds).add(String(o.id));
        for (const e of refsOf(p.entitlements)) entitlementIds.add(String(e.id));
        for (const config of [p.accessRequestConfig, p.revocationRequestConfig]) {
            const schemes = (config as { approvalSchemes?: unknown } | null | undefined)?.approvalSchemes;
            for (const scheme of Array.isArray(schemes) ? (schemes as Array<{ approverType?: unknown; approverId?: unknown }>) : []) {
                if (
                    (scheme.approverType === "GOVERNANCE_GROUP" || scheme.approverType === "ADDITIONAL_GOVERNANCE_GROUP") &&
                    typeof scheme.approverId === "string"
                ) {
                    groupIds.add(scheme.approverId);
                }
            }
        }
    }

    // Uniqueness checks: the referenced entitlements the export can read, grouped by source.
    const byId = new Map(t.entitlements.map((e) => [e.id, e]));
    const valuesBySource = new Map<string, Set<string>>();
    let unreadable = 0;
    for (const id of entitlementIds) {
        const e = byId.get(id);
        if (!e) {
            unreadable++;
            continue;
        }
        if (typeof e.value === "string" && canFilter(e.value)) valuesBySource.set(e.source.id, (valuesBySource.get(e.source.id) ?? new Set()).add(e.value));
    }
    let uniqueness = 0;
    let checkedValues = 0;
    for (const [sourceId, values] of valuesBySource) {
        const onSource = t.entitlements.filter((e) => e.source.id === sourceId).map((e) => e.value.toLowerCase());
        const distinct = [...values].sort();
        checkedValues += distinct.length;
        for (let i = 0; i < distinct.length; i += IN_BATCH) {
            const batch = new Set(distinct.slice(i, i + IN_BATCH).map((v) => v.toLowerCase()));
            uniqueness += pages(onSource.filter((v) => batch.has(v)).length);
        }
    }

    const calls: Record<Term, number> = {
        segments: pages(t.segments.length),
        accessProfiles: pages(t.accessProfiles.length),
        identities: batches(identityIds.size),
        sources: pages(t.sources.length),
        groups: groupIds.size ? pages(t.governanceGroups.length) : 0,
        entitlements: batches(entitlementIds.size),
        uniqueness,
        other: 0,
    };
    const notes: Record<Term, string> = {
        segments: `max(1, ceil(${t.segments.length} / ${PAGE}))`,
        accessProfiles: `max(1, ceil(${t.accessProfiles.length} / ${PAGE}))`,
        identities: `ceil(${identityIds.size} distinct referenced / ${IN_BATCH})`,
        sources: `max(1, ceil(${t.sources.length} / ${PAGE}))`,
        groups: groupIds.size
            ? `${groupIds.size} of ${t.governanceGroups.length} referenced: max(1, ceil(${t.governanceGroups.length} / ${PAGE}))`
            : "none referenced",
        entitlements: `ceil(${entitlementIds.size} distinct referenced / ${IN_BATCH})${unreadable ? `; ${unreadable} not in the tenant` : ""}`,
        uniqueness: `${valuesBySource.size} sources, ${checkedValues} distinct filterable values, batches of ${IN_BATCH}`,
        other: "",
    };
    return { calls, notes };
}

/** Which term of the model a logged API call serves. */
function termOf(entry: RequestLogEntry): Term {
    const p = entry.path;
    const filters = entry.query.filters ?? "";
    if (/\/segments(\/v1)?$/.test(p)) return "segments";
    if (/\/access-profiles(\/v1)?$/.test(p)) return "accessProfiles";
    if (/\/identities$/.test(p) && filters.startsWith("id in")) return "identities";
    if (/\/sources$/.test(p)) return "sources";
    if (/\/workgroups$/.test(p)) return "groups";
    if (/\/entitlements$/.test(p) && filters.startsWith("id in")) return "entitlements";
    if (/\/entitlements$/.test(p) && filters.startsWith("source.id eq")) return "uniqueness";
    return "other";
}

interface Run {
    ms: number;
    byTerm: Record<Term, number>;
    api: number;
    tokens: number;
    throttled: number;
    files: Map<string, Buffer>;
    lastSeq: number;
}

function runExport(bin: string, baseUrl: string, out: string): Promise<number> {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("SAIL_")) env[k] = v;
    Object.assign(env, { SAIL_BASE_URL: baseUrl, SAIL_CLIENT_ID: "demo-client", SAIL_CLIENT_SECRET: "demo-secret" });
    const started = performance.now();
    // Asynchronous: the emulator answers from this process's event loop.
    return new Promise((resolve, reject) => {
        execFile(bin, ["export", "--out", out, "--quiet"], { env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
            if (err) reject(new Error(`export failed: ${err.message}\n${stdout}${stderr}`));
            else resolve(performance.now() - started);
        });
    });
}

async function measure(admin: EmulatorAdmin, bin: string, baseUrl: string, out: string, afterSeq: number): Promise<Run> {
    await admin.clearRequests();
    const ms = await runExport(bin, baseUrl, out);
    const log = (await admin.requests()).filter((e) => e.seq > afterSeq).sort((a, b) => a.seq - b.seq);
    const lastSeq = log.length ? log[log.length - 1].seq : afterSeq;
    // The log numbers every request: a complete record holds each number after the previous run's last one.
    if (log.length !== lastSeq - afterSeq || (log.length > 0 && log[0].seq !== afterSeq + 1)) {
        throw new Error(`the request log is incomplete: ${log.length} entries for requests ${afterSeq + 1}..${lastSeq}`);
    }
    const byTerm = Object.fromEntries(TERMS.map(({ term }) => [term, 0])) as Record<Term, number>;
    let tokens = 0;
    let throttled = 0;
    for (const e of log) {
        if (e.path === "/oauth/token") {
            tokens++;
            continue;
        }
        if (e.status === 429) throttled++;
        byTerm[termOf(e)]++;
    }
    const files = new Map<string, Buffer>();
    for (const name of fs.readdirSync(out).sort()) files.set(name, fs.readFileSync(path.join(out, name)));
    return { ms, byTerm, api: log.length - tokens, tokens, throttled, files, lastSeq };
}

function sameFiles(a: Map<string, Buffer>, b: Map<string, Buffer>): boolean {
    return a.size === b.size && [...a].every(([name, bytes]) => b.get(name)?.equals(bytes) === true);
}

/** The lookups the program declares, by kind, and the references it keeps as ids (each with a comment). */
function lookupsIn(index: string): {
    identities: number;
    sources: number;
    groups: number;
    entitlementLists: number;
    entitlementValues: number;
    idReferences: number;
} {
    const count = (re: RegExp) => (index.match(re) ?? []).length;
    const block = /\nconst entitlements: [^\n]*\n([\s\S]*?)\n\};/.exec(index)?.[1] ?? "";
    return {
        identities: count(/isc\.getIdentityOutput\(/g),
        sources: count(/isc\.getSourceOutput\(/g),
        groups: count(/isc\.getGovernanceGroupOutput\(/g),
        entitlementLists: count(/^ {4}".*": byValue\(/gm),
        entitlementValues: (block.match(/^ {8}".*",$/gm) ?? []).length,
        idReferences: count(/"[^"\n]*"(?: \})? \/\* (identity|source|governance group|entitlement|segment)[ "]/g),
    };
}

export async function run(): Promise<void> {
    const segments = Number(process.env.BENCH_EXPORT_SEGMENTS ?? 1000);
    const accessProfiles = Number(process.env.BENCH_EXPORT_PROFILES ?? 4000);
    const programDir = installProgram(packProvider(), { project: "isc-bench-export" });
    const bin = path.join(programDir, "node_modules", ".bin", "pulumi-sailpoint-isc");
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "isc-bench-export-"));
    const emu = await startEmulator({ port: 0, seed: 1, rateLimit: RATE });
    const admin = new EmulatorAdmin(emu.url);
    try {
        const { counts } = await admin.populate({ segments, accessProfiles, seed: 1 });
        const state = await admin.state();
        const model = exportModel(state);
        const minimum = TERMS.reduce((sum, { term }) => sum + model.calls[term], 0);

        const first = await measure(admin, bin, emu.url, path.join(scratch, "run1"), 0);
        // A full budget for the second run, as for the first.
        await new Promise((r) => setTimeout(r, RATE.windowMs));
        const second = await measure(admin, bin, emu.url, path.join(scratch, "run2"), first.lastSeq);
        const identical = sameFiles(first.files, second.files);

        const index = first.files.get("index.ts")?.toString("utf8") ?? "";
        const lookups = lookupsIn(index);
        const lookupTotal = (l: ReturnType<typeof lookupsIn>) => l.identities + l.sources + l.groups + l.entitlementLists;

        const rows: Row[] = [];
        const diff = (made: number, min: number) => (made === min ? "=" : made > min ? `+${made - min}` : `${made - min}`);
        const differences: string[] = [];
        for (const { term, label } of TERMS) {
            const made = [first.byTerm[term], second.byTerm[term]];
            if (made.some((m) => m !== model.calls[term])) differences.push(`${label}: made ${made.join(" / ")}, model ${model.calls[term]}`);
            if (term === "other" && made[0] === 0 && made[1] === 0) continue;
            rows.push({
                item: label,
                "run 1": made[0],
                "run 2": made[1],
                model: model.calls[term],
                "vs model": made.map((m) => diff(m, model.calls[term])).join(" / "),
                how: model.notes[term],
            });
        }
        rows.push({
            item: "API calls (token excluded)",
            "run 1": first.api,
            "run 2": second.api,
            model: minimum,
            "vs model": [first.api, second.api].map((m) => diff(m, minimum)).join(" / "),
            how: "sum of the terms above",
        });
        rows.push({
            item: "token calls",
            "run 1": first.tokens,
            "run 2": second.tokens,
            model: 1,
            "vs model": [first.tokens, second.tokens].map((m) => diff(m, 1)).join(" / "),
            how: "one per run",
        });
        rows.push({
            item: "429s",
            "run 1": first.throttled,
            "run 2": second.throttled,
            model: 0,
            "vs model": [first.throttled, second.throttled].map((m) => diff(m, 0)).join(" / "),
            how: "from the request log",
        });
        const floors = [first, second].map((r) => floorSeconds(r.api - r.throttled));
        rows.push({
            item: "rate-limit floor s (calls made)",
            "run 1": floors[0],
            "run 2": floors[1],
            model: floorSeconds(minimum),
            "vs model": "",
            how: `(ceil(calls / ${RATE.limit}) - 1) * ${RATE.windowMs / 1000}`,
        });
        rows.push({
            item: "wall s (bin start to exit)",
            "run 1": first.ms / 1000,
            "run 2": second.ms / 1000,
            model: "",
            "vs model": "",
            how: "node startup included",
        });
        const ratio = (r: Run, floor: number) => (floor > 0 ? (r.ms / 1000 / floor).toFixed(2) : "n/a (floor 0)");
        rows.push({
            item: "wall / floor",
            "run 1": ratio(first, floors[0]),
            "run 2": ratio(second, floors[1]),
            model: "",
            "vs model": "",
            how: floors.every((f) => f === 0) ? `under ${RATE.limit} calls: no window to wait for` : "",
        });
        rows.push({
            item: "files written",
            "run 1": first.files.size,
            "run 2": second.files.size,
            model: "",
            "vs model": "",
            how: [...first.files.keys()].join(", "),
        });
        rows.push({
            item: "index.ts bytes",
            "run 1": first.files.get("index.ts")?.length ?? 0,
            "run 2": second.files.get("index.ts")?.length ?? 0,
            model: "",
            "vs model": "",
            how: `${index.split("\n").length - 1} lines`,
        });
        rows.push({
            item: "lookups in the program",
            "run 1": lookupTotal(lookups),
            "run 2": lookupTotal(lookupsIn(second.files.get("index.ts")?.toString("utf8") ?? "")),
            model: "",
            "vs model": "",
            how: `${lookups.identities} identities, ${lookups.sources} sources, ${lookups.groups} governance groups, ${lookups.entitlementLists} entitlement lists (${lookups.entitlementValues} values); ${lookups.idReferences} references kept as ids`,
        });
        rows.push({
            item: "identical bytes, run 1 vs run 2",
            "run 1": identical ? "yes" : "no",
            "run 2": "",
            model: "",
            "vs model": "",
            how: "every file compared",
        });

        const tenant = `${counts.segments} segments, ${counts.accessProfiles} access profiles, ${counts.identities} identities, ${counts.sources} sources, ${counts.entitlements} entitlements, ${counts.governanceGroups} governance groups`;
        report(
            "export",
            `Export of a ${counts.segments + counts.accessProfiles}-object tenant through the installed bin (emulator limit ${RATE.limit} / ${RATE.windowMs / 1000} s, scope ${RATE.scope})`,
            rows,
            {
                tenant,
                "differences from the model": differences.length ? differences.join("; ") : "none",
                "call count": "every request in the emulator's log, numbered without gaps from the previous run's last (complete)",
            },
        );
    } finally {
        await emu.close();
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

if (require.main === module) runMain(run);
