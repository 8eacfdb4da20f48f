/**
 * Benchmark: ZPA segment groups through the real pulumi CLI against the ZPA emulator at its default limits (20 reads
 * and 10 writes per 10 s per client, Zscaler's documented pace, which is also the provider's default pace), for N
 * groups (`BENCH_ZPA_SIZES`, default 10,100) of the program bench/programs/zpa (a third declare one application
 * segment, a third have one attached from the application segment's side, a third have none).
 *
 * Steps: create (up); preview --refresh --expect-no-changes; an update of one field (the description) of every group
 * (up); drift of every tenth group in the ZPA UI (description and enabled, through the emulator's admin API) restored
 * by up --refresh; delete (destroy). Each step starts one rate-limit window after the previous one ended, so that no
 * step pays for the one before. Calls are counted from the emulator's request log.
 *
 * The minimum per step, from a model of ZPA's API (never typed in): ZPA has no bulk create, update or delete, and a
 * PUT replaces the whole object, so a PUT that keeps what the program does not declare needs the object read first.
 *   create   1 POST per group
 *   refresh  the cheaper of 1 GET per group and reading the customer's list: ceil(groups in the customer / 500) pages
 *   update   1 GET + 1 PUT per changed group (here every group)
 *   restore  a refresh + 1 GET + 1 PUT per drifted group
 *   delete   1 DELETE per group
 * plus 1 token (POST /signin) per pulumi command that calls the API (the program makes no call of its own). The pace
 * floor is the time the pace alone imposes on the minimum's calls, reads and writes in their own windows with the first
 * L at once and L more per window after that: max over reads and writes of (ceil(calls / L) - 1) * window.
 *
 * PUT size: each PUT of the update step (the provider's: the server object as read, with the changed field replaced)
 * against a naive PUT of the declared object (name, description, enabled, and applications where declared: what a
 * client that does not read first would send). Fair both ways: the naive PUT needs no GET and is smaller, but what it
 * wipes is measured too: each group as it was before the update is copied into a second ZPA emulator, the naive PUT
 * is sent there, and the fields the emulator reports changed beyond the description (the edit) count as wiped, with
 * the application segments it detached. Fields the naive body leaves out that the emulator ignores on PUT (read-only
 * and deprecated ones) are counted separately; a live ZPA may treat those differently.
 */
import * as fs from "fs";
import * as path from "path";
import { startZpaEmulator, ZPA_DEFAULT_CONFIG, ZPA_DEMO_CLIENT, type ApplicationSeed, type ZpaRateLimit } from "../emulator/zpa";
import { installProgram, packProvider, REPO } from "../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../scripts/lib/pulumi";
import { isTokenCall, ZpaAdmin, zpaApi, zpaSignin, type ZpaGroup, type ZpaRequestLogEntry } from "../scripts/lib/zpa-admin";
import { report, runMain, table, type Row } from "./lib/report";

/** ZPA's largest page. */
const PAGE = 500;
const RATE: ZpaRateLimit = ZPA_DEFAULT_CONFIG.rateLimit!;
/** The field the update step changes. */
const EDITED = ["description"];
const DRIFTED = ["description", "enabled"];

export type Step = "create" | "refresh" | "update" | "restore" | "delete";

export interface Calls {
    reads: number;
    writes: number;
}

/** The model's minimum calls for a step (token excluded): see the header. */
export function minimumCalls(step: Step, groups: number, inCustomer: number, changed: number): Calls {
    const refresh = groups === 0 ? 0 : Math.min(groups, Math.ceil(inCustomer / PAGE));
    switch (step) {
        case "create":
        case "delete":
            return { reads: 0, writes: groups };
        case "refresh":
            return { reads: refresh, writes: 0 };
        case "update":
            return { reads: changed, writes: changed };
        case "restore":
            return { reads: refresh + changed, writes: changed };
    }
}

/** The pace's floor for these calls, in seconds. */
export function floorSeconds(calls: Calls, rate: ZpaRateLimit = RATE): number {
    const one = (n: number, limit: number) => (n <= 0 ? 0 : ((Math.ceil(n / limit) - 1) * rate.windowMs) / 1000);
    return Math.max(one(calls.reads, rate.reads), one(calls.writes, rate.writes));
}

const kindOf = (i: number) => ["declares applications", "one attached from the application's side", "no applications"][i % 3];
const indexOf = (g: { name: string }) => Number(/^Bench group (\d+)$/.exec(g.name)![1]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
const minus = (a: string[] | undefined, b: string[]) => (a ?? []).filter((x) => !b.includes(x));

function expectThat(ok: boolean, what: string): void {
    if (!ok) throw new Error(`bench zpa: ${what}`);
}

/** The declared object of group i at revision 2, as a naive client would PUT it. */
function declaredObject(i: number, declaredApps: string[]): Record<string, unknown> {
    return {
        name: `Bench group ${i}`,
        description: `Bench group ${i}, revision 2`,
        enabled: i % 2 === 0,
        ...(i % 3 === 0 ? { applications: [{ id: declaredApps[i / 3] }] } : {}),
    };
}

interface PutSample {
    kind: string;
    ours: number;
    naive: number;
    oursExtra: number;
    naiveWiped: number;
    detached: number;
    leftOut: number;
}

/** The naive PUT of each group the update step PUT, sent to a copy of the group in a second emulator. */
async function naivePuts(
    seeds: ApplicationSeed[],
    mainApps: string[],
    before: ZpaGroup[],
    puts: ZpaRequestLogEntry[],
    declaredApps: string[],
): Promise<PutSample[]> {
    const twin = await startZpaEmulator({ port: 0, seed: 5, applications: seeds, rateLimit: null });
    const admin = new ZpaAdmin(twin.url);
    try {
        expectThat(JSON.stringify((await admin.applications()).map((a) => a.id)) === JSON.stringify(mainApps), "the copy's application ids differ");
        const token = await zpaSignin(twin.url, ZPA_DEMO_CLIENT.id, ZPA_DEMO_CLIENT.secret);
        const samples: PutSample[] = [];
        for (const put of puts) {
            const id = put.path.split("/").pop()!;
            const was = before.find((g) => g.id === id);
            expectThat(was !== undefined, `the update PUT group ${id}, which was not there before`);
            const i = indexOf(was!);
            const naive = declaredObject(i, declaredApps);
            const apps = (was!.applications ?? []).map((a) => ({ id: a.id }));
            const copy = await admin.createGroup({ name: was!.name, description: was!.description ?? "", enabled: was!.enabled, applications: apps });
            await admin.clearRequests();
            const status = await zpaApi(twin.url, twin.customerId, token, "PUT", `/segmentGroup/${copy.id}`, naive);
            expectThat(status === 204, `the naive PUT of group ${i} answered ${status}`);
            const [logged] = (await admin.requests()).filter((r) => r.method === "PUT");
            const after = (await admin.groups()).find((g) => g.id === copy.id)!;
            samples.push({
                kind: kindOf(i),
                ours: bytes(put.requestBody),
                naive: bytes(naive),
                oursExtra: minus(put.changedFields, EDITED).length,
                naiveWiped: minus(logged.changedFields, EDITED).length,
                detached: apps.filter((a) => !(after.applications ?? []).some((b) => b.id === a.id)).length,
                leftOut: Object.keys(was!).filter((k) => k !== "id" && k !== "applications" && !(k in naive)).length,
            });
        }
        return samples;
    } finally {
        await twin.close();
    }
}

function putRows(n: number, samples: PutSample[], perGroupCalls: number): Row[] {
    const kinds = [...new Set(samples.map((s) => s.kind)), "all"];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    return kinds.map((kind) => {
        const s = samples.filter((x) => kind === "all" || x.kind === kind);
        const sum = (f: (x: PutSample) => number) => s.reduce((a, x) => a + f(x), 0);
        return {
            groups: n,
            kind,
            PUTs: s.length,
            "ours bytes/PUT": mean(s.map((x) => x.ours)),
            "naive bytes/PUT": mean(s.map((x) => x.naive)),
            "ours / naive": sum((x) => x.ours) / sum((x) => x.naive),
            "ours: fields changed beyond the edit": sum((x) => x.oursExtra),
            "naive: fields wiped": sum((x) => x.naiveWiped),
            "naive: applications detached": sum((x) => x.detached),
            "naive: other server fields left out (ignored by the emulator), per PUT": mean(s.map((x) => x.leftOut)),
            "calls per changed group: ours (measured) / naive": `${perGroupCalls.toFixed(2)} / 1`,
        };
    });
}

export async function run(): Promise<void> {
    const sizes = (process.env.BENCH_ZPA_SIZES ?? "10,100").split(",").map(Number);
    const cliEnv = Object.fromEntries(Object.entries(await pulumiCliEnv()).filter(([k]) => !/^(ZPA|ZSCALER)_/.test(k)));
    const programDir = installProgram(packProvider(), { project: "zpa-bench", typescript: true });
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: zpa-bench\nruntime: nodejs\nmain: bench/programs/zpa/index.ts\n");
    fs.mkdirSync(path.join(programDir, "bench/programs/zpa"), { recursive: true });
    fs.copyFileSync(path.join(REPO, "bench/programs/zpa/index.ts"), path.join(programDir, "bench/programs/zpa/index.ts"));
    const rows: Row[] = [];
    const sizeRows: Row[] = [];
    const pacing: Row[] = [];
    for (const n of sizes) {
        const third = Math.ceil(n / 3);
        const seeds: ApplicationSeed[] = Array.from({ length: 2 * third }, (_, j) => ({ name: `Bench app ${j}`, domainNames: [`app${j}.bench.example`] }));
        const emu = await startZpaEmulator({ port: 0, seed: 5, applications: seeds });
        const admin = new ZpaAdmin(emu.url);
        const stack = new PulumiStack(programDir, `zpa-bench-${n}`, cliEnv);
        try {
            const appIds = (await admin.applications()).map((a) => a.id);
            const declaredApps = appIds.slice(0, third);
            await stack.init();
            await stack.setConfig("zpa:baseUrl", emu.url);
            await stack.setConfig("zpa:customerId", emu.customerId);
            await stack.setConfig("zpa:clientId", ZPA_DEMO_CLIENT.id);
            await stack.setConfig("zpa:clientSecret", ZPA_DEMO_CLIENT.secret, { secret: true });
            await stack.setConfig("count", String(n));
            await stack.setConfig("declaredApps", JSON.stringify(declaredApps));

            const measure = async (label: string, step: Step, args: string[], changed = 0): Promise<ZpaRequestLogEntry[]> => {
                await sleep(RATE.windowMs);
                const inCustomer = (await admin.groups()).length;
                const min = minimumCalls(step, n, inCustomer, changed);
                const minimum = min.reads + min.writes;
                const minimumWithToken = minimum + (minimum > 0 ? 1 : 0);
                await admin.clearRequests();
                const r = await stack.run(args);
                const log = await admin.requests();
                const api = log.filter((c) => !isTokenCall(c));
                const times = log.map((c) => Date.parse(c.time));
                const count = (m: string) => api.filter((c) => c.method === m).length;
                const row: Row = {
                    groups: n,
                    step: label,
                    "API calls": api.length,
                    GET: count("GET"),
                    POST: count("POST"),
                    PUT: count("PUT"),
                    DELETE: count("DELETE"),
                    "token calls": log.length - api.length,
                    "minimum (incl. token)": minimumWithToken,
                    "x minimum": minimumWithToken === 0 ? (log.length === 0 ? 1 : "n/a") : log.length / minimumWithToken,
                    "429s": log.filter((c) => c.status === 429).length,
                    "wall s": r.ms / 1000,
                    "API span s": log.length ? (Math.max(...times) - Math.min(...times)) / 1000 : 0,
                    "pace floor s": floorSeconds(min),
                };
                rows.push(row);
                if (step === "create") {
                    const keys = ["groups", "POST", "wall s", "API span s", "pace floor s", "429s"];
                    pacing.push(Object.fromEntries(keys.map((k) => [k, row[k]])));
                }
                return log;
            };

            const created = await measure("create (up)", "create", ["up", "--yes", "--skip-preview"]);
            expectThat(created.filter((c) => c.method === "POST" && !isTokenCall(c) && c.status === 200).length === n, `up should create ${n} groups`);

            // One application segment attached to each group of the second kind from the application's side (the
            // benchmark's own calls, the limit switched off meanwhile so that they cost the provider nothing).
            const groups = await admin.groups();
            await admin.setConfig({ rateLimit: null });
            const token = await zpaSignin(emu.url, ZPA_DEMO_CLIENT.id, ZPA_DEMO_CLIENT.secret);
            for (const g of groups.filter((x) => indexOf(x) % 3 === 1)) {
                const app = appIds[third + (indexOf(g) - 1) / 3];
                const status = await zpaApi(emu.url, emu.customerId, token, "PUT", `/application/${app}`, { segmentGroupId: g.id, name: `App of ${g.name}` });
                expectThat(status === 204, `attaching application ${app} answered ${status}`);
            }
            await admin.setConfig({ rateLimit: RATE });

            await measure("preview --refresh --expect-no-changes", "refresh", ["preview", "--refresh", "--expect-no-changes"]);

            const before = await admin.groups();
            await stack.setConfig("revision", "2");
            const updated = await measure("update of one field of every group (up)", "update", ["up", "--yes", "--skip-preview"], n);
            const puts = updated.filter((c) => c.method === "PUT");
            expectThat(puts.length === n && puts.every((p) => p.status === 204), `the update should PUT each of the ${n} groups once`);
            const samples = await naivePuts(seeds, appIds, before, puts, declaredApps);
            sizeRows.push(...putRows(n, samples, updated.filter((c) => !isTokenCall(c)).length / n));

            const drifted = before.filter((g) => indexOf(g) % 10 === 0);
            for (const g of drifted) await admin.drift(g.id, { description: "Edited in the ZPA UI", enabled: !(indexOf(g) % 2 === 0) });
            const restored = await measure(
                "restore after drift of every tenth group (up --refresh)",
                "restore",
                ["up", "--refresh", "--yes", "--skip-preview"],
                drifted.length,
            );
            const restoring = restored.filter((c) => c.method === "PUT");
            expectThat(restoring.length === drifted.length, `the restore should send ${drifted.length} PUTs, not ${restoring.length}`);
            expectThat(
                restoring.every((p) => JSON.stringify([...(p.changedFields ?? [])].sort()) === JSON.stringify(DRIFTED)),
                "each restoring PUT should change exactly the drifted fields",
            );

            await measure("delete (destroy)", "delete", ["destroy", "--yes", "--skip-preview"]);
            expectThat((await admin.groups()).length === 0, "destroy should leave no group");
        } finally {
            stack.dispose();
            await emu.close();
        }
    }
    const title = `ZPA segment groups: PUT size of the provider's PUT vs a naive PUT of the declared object (update step)`;
    console.log(`\n## ${title}\n\n${table(sizeRows)}`);
    console.log(`\n## Pacing: N creates at the default pace (${RATE.writes} writes / ${RATE.windowMs / 1000} s)\n\n${table(pacing)}`);
    report(
        "zpa",
        `ZPA segment groups: API calls per operation through the pulumi CLI (emulator and provider at ${RATE.reads} reads, ${RATE.writes} writes / ${RATE.windowMs / 1000} s)`,
        rows,
        {
            model: "minimum: create 1 POST/group; refresh min(groups, ceil(groups in customer / 500)) (GET per group or list pages); update and restore 1 GET + 1 PUT per changed group (restore also a refresh); delete 1 DELETE/group; +1 token per pulumi command that calls the API. Pace floor: max over reads and writes of (ceil(calls / limit) - 1) * window. Naive PUT: {name, description, enabled, applications where declared}; wipes measured by sending it to a copy of the group in a second emulator.",
            putSize: sizeRows,
            pacing,
        },
    );
}

if (require.main === module) runMain(run);
