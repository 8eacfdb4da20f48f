/**
 * Benchmark 1: API calls and wall time per operation through the real pulumi CLI, for 10, 100 and 1,000
 * resources (half segments, half access profiles): create, plain preview, preview with refresh, a one-field
 * update of every resource, destroy. `BENCH_SIZES=10,100` picks the sizes; `BENCH_CHECKPOINTS=default,skip`
 * runs each size with Pulumi's checkpoints as usual and with `PULUMI_SKIP_CHECKPOINTS=true`; `BENCH_PARALLEL=64` runs
 * every step with `--parallel 64`, and `BENCH_REPORT` names the results file (default `api-calls`).
 *
 * Beside each step, two minimums computed from a model of the API (never typed in):
 *  - calls: what any client must send. Create and update: one POST / PATCH per object (ISC has no bulk create or
 *    bulk patch). Refresh: per collection, the cheaper of reading its whole list (ceil(objects in the tenant /
 *    250) pages) and one GET per object of the stack. Destroy: one DELETE per segment; access profiles through
 *    bulk-delete, at most 50 ids a call and at most as many as the engine deletes at once (its `--parallel`,
 *    read from the CLI's own help: 4 per core by default), so ceil(profiles / min(50, parallel)) calls (one
 *    DELETE when there is a single one). Every step that runs the program (all but destroy) also makes the
 *    program's three lookups by name (owner, source, entitlement: one filtered call each). Plus one token per
 *    process that calls the API: the program's (lookups) and the provider host's.
 *  - floor: the time the rate limit alone imposes on those calls, with the first L sent at once and L more per
 *    window after that: (ceil(calls / L) - 1) * window, with L and the window the emulator enforces.
 * 429s are counted from the emulator's request log; they should be 0 at any size and setting.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { installProgram, packProvider, REPO } from "../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../scripts/lib/pulumi";
import { report, Row, runMain } from "./lib/report";

const PAGE = 250;
const BULK_DELETE_IDS = 50;
const RATE = { limit: 100, windowMs: 10_000 };
/** The bench program's lookups by name (bench/programs/many): owner, source, entitlement. */
const LOOKUPS = 3;

/** The rate limit's floor for `calls` requests, in seconds. */
export function floorSeconds(calls: number, rate = RATE): number {
    return calls <= 0 ? 0 : ((Math.ceil(calls / rate.limit) - 1) * rate.windowMs) / 1000;
}

interface Counts {
    segments: number;
    profiles: number;
}

/** The engine's default `--parallel`, as the CLI states it in its help. */
function engineParallelism(cliEnv: NodeJS.ProcessEnv): number {
    const help = execFileSync("pulumi", ["destroy", "--help"], { env: cliEnv, encoding: "utf8" });
    const m = /--parallel int32.*\(default (\d+)\)/.exec(help);
    if (!m) throw new Error("could not read the default of --parallel from `pulumi destroy --help`");
    return Number(m[1]);
}

/** The minimum number of API calls (token excluded) for each step, from the model above. */
export function minimumCalls(step: "create" | "preview" | "refresh" | "update" | "destroy", stack: Counts, tenant: Counts, parallel: number): number {
    const readAll = (mine: number, total: number) => (mine === 0 ? 0 : Math.min(mine, Math.ceil(total / PAGE)));
    switch (step) {
        case "create":
        case "update":
            return stack.segments + stack.profiles;
        case "preview":
            return 0;
        case "refresh":
            return readAll(stack.segments, tenant.segments) + readAll(stack.profiles, tenant.profiles);
        case "destroy":
            return stack.segments + (stack.profiles <= 1 ? stack.profiles : Math.ceil(stack.profiles / Math.min(BULK_DELETE_IDS, parallel)));
    }
}

export async function run(): Promise<void> {
    const sizes = (process.env.BENCH_SIZES ?? "10,100,1000").split(",").map(Number);
    const variants = (process.env.BENCH_CHECKPOINTS ?? "default,skip").split(",");
    const cliEnv = await pulumiCliEnv();
    // BENCH_PARALLEL runs every step with `--parallel N` instead of the engine's default.
    const chosen = process.env.BENCH_PARALLEL ? Number(process.env.BENCH_PARALLEL) : undefined;
    const parallel = chosen ?? engineParallelism(cliEnv);
    const parallelArgs = chosen ? ["--parallel", String(chosen)] : [];
    const programDir = installProgram(packProvider(), { project: "isc-bench", typescript: true });
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: isc-bench\nruntime: nodejs\nmain: bench/programs/many/index.ts\n");
    fs.mkdirSync(path.join(programDir, "bench/programs/many"), { recursive: true });
    fs.copyFileSync(path.join(REPO, "bench/programs/many/index.ts"), path.join(programDir, "bench/programs/many/index.ts"));
    const rows: Row[] = [];
    for (const n of sizes) {
        for (const variant of variants) {
            const env = variant === "skip" ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {};
            const emu = await startEmulator({ port: 0, seed: 5, rateLimit: RATE });
            const admin = new EmulatorAdmin(emu.url);
            const stack = new PulumiStack(programDir, `bench-${n}-${variant}`, cliEnv, env);
            try {
                const state = await admin.state();
                const source = state.sources[0];
                await stack.init();
                await stack.setConfig("isc:baseUrl", emu.url);
                await stack.setConfig("isc:clientId", "demo-client");
                await stack.setConfig("isc:clientSecret", "demo-secret", { secret: true });
                await stack.setConfig("count", String(n));
                await stack.setConfig("ownerAlias", state.identities[0].alias);
                await stack.setConfig("sourceName", source.name);
                await stack.setConfig("entitlementName", state.entitlements.find((e) => e.source.id === source.id)!.name);
                const mine: Counts = { segments: Math.ceil(n / 2), profiles: Math.floor(n / 2) };
                const measure = async (label: string, step: Parameters<typeof minimumCalls>[0], args: string[], before?: () => Promise<void>) => {
                    if (before) await before();
                    const tenant = await admin.state();
                    const resourceCalls = minimumCalls(step, mine, { segments: tenant.segments.length, profiles: tenant.accessProfiles.length }, parallel);
                    const lookupCalls = step === "destroy" ? 0 : LOOKUPS;
                    const minimum = resourceCalls + lookupCalls;
                    const minimumWithToken = minimum + (resourceCalls > 0 ? 1 : 0) + (lookupCalls > 0 ? 1 : 0);
                    await admin.clearRequests();
                    const r = await stack.run([...args, ...parallelArgs]);
                    const log = await admin.requests();
                    const tokens = log.filter((x) => x.path === "/oauth/token").length;
                    const floor = floorSeconds(minimum);
                    rows.push({
                        resources: n,
                        checkpoints: variant,
                        step: label,
                        "API calls": log.length - tokens,
                        "token calls": tokens,
                        "minimum (incl. token)": minimumWithToken,
                        "x minimum": minimumWithToken === 0 ? (log.length === 0 ? "1.00" : "n/a") : log.length / minimumWithToken,
                        "of which lookups": log.filter((x) => /\/(identities|sources|entitlements)$/.test(x.path)).length,
                        "429s": log.filter((x) => x.status === 429).length,
                        "wall s": r.ms / 1000,
                        "API floor s": floor,
                    });
                };
                await measure("create (up)", "create", ["up", "--yes", "--skip-preview"]);
                await measure("preview", "preview", ["preview"]);
                await measure("preview --refresh", "refresh", ["preview", "--refresh"]);
                await measure("one-field update of every resource (up)", "update", ["up", "--yes", "--skip-preview"], () => stack.setConfig("revision", "2"));
                await measure("destroy", "destroy", ["destroy", "--yes", "--skip-preview"]);
            } finally {
                stack.dispose();
                await emu.close();
            }
        }
    }
    report(
        process.env.BENCH_REPORT ?? "api-calls",
        `Benchmark 1: API calls and time per operation through the pulumi CLI (emulator limit ${RATE.limit} / ${RATE.windowMs / 1000} s, engine --parallel ${parallel})`,
        rows,
        { parallel },
    );
}

if (require.main === module) runMain(run);
