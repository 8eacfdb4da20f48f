/**
 * Benchmark 1: API calls per operation through the real pulumi CLI, for 10, 100 and 1,000 resources (half
 * segments, half access profiles): create, plain preview, preview with refresh, a one-field update of every
 * resource, destroy; beside each, the minimum possible. `BENCH_SIZES=10,100` picks the sizes.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { installProgram, packProvider, REPO } from "../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../scripts/lib/pulumi";
import { report, Row, runMain } from "./lib/report";

export async function run(): Promise<void> {
    const sizes = (process.env.BENCH_SIZES ?? "10,100,1000").split(",").map(Number);
    const cliEnv = await pulumiCliEnv();
    const programDir = installProgram(packProvider(), { project: "isc-bench", typescript: true });
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: isc-bench\nruntime: nodejs\nmain: bench/programs/many/index.ts\n");
    fs.mkdirSync(path.join(programDir, "bench/programs/many"), { recursive: true });
    fs.copyFileSync(path.join(REPO, "bench/programs/many/index.ts"), path.join(programDir, "bench/programs/many/index.ts"));
    const rows: Row[] = [];
    for (const n of sizes) {
        const emu = await startEmulator({ port: 0, seed: 5 });
        const admin = new EmulatorAdmin(emu.url);
        const stack = new PulumiStack(programDir, `bench-${n}`, cliEnv);
        try {
            const state = await admin.state();
            const source = state.sources[0];
            await stack.init();
            await stack.setConfig("isc:baseUrl", emu.url);
            await stack.setConfig("isc:clientId", "demo-client");
            await stack.setConfig("isc:clientSecret", "demo-secret", { secret: true });
            await stack.setConfig("count", String(n));
            await stack.setConfig("owner", state.identities[0].id);
            await stack.setConfig("source", source.id);
            await stack.setConfig("entitlement", state.entitlements.find((e) => e.source.id === source.id)!.id);
            const measure = async (step: string, args: string[], minimum: number, before?: () => Promise<void>) => {
                if (before) await before();
                await admin.clearRequests();
                const r = await stack.run(args);
                const log = await admin.requests();
                const tokens = log.filter((x) => x.path === "/oauth/token").length;
                rows.push({
                    resources: n,
                    step,
                    "API calls": log.length - tokens,
                    "token calls": tokens,
                    "minimum (incl. token)": minimum,
                    "x minimum": minimum === 0 ? (log.length === 0 ? "1.00" : "n/a") : log.length / minimum,
                    "429s": log.filter((x) => x.status === 429).length,
                    "wall s": r.ms / 1000,
                });
            };
            await measure("create (up)", ["up", "--yes", "--skip-preview"], n + 1);
            await measure("preview", ["preview"], 0);
            await measure("preview --refresh", ["preview", "--refresh"], n + 1);
            await measure("one-field update of every resource (up)", ["up", "--yes", "--skip-preview"], n + 1, () => stack.setConfig("revision", "2"));
            await measure("destroy", ["destroy", "--yes", "--skip-preview"], n + 1);
        } finally {
            stack.dispose();
            await emu.close();
        }
    }
    report("api-calls", "Benchmark 1: API calls per operation through the pulumi CLI (emulator limit 100 / 10 s)", rows);
}

if (require.main === module) runMain(run);
