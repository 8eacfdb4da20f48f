/**
 * Benchmark 6: where the time of a plain `pulumi preview` goes, for 120 resources (`BENCH_ENGINE_COUNT`).
 * The same program is run with three kinds of resource (bench/programs/engine):
 *   none   no resource: the CLI, the language host, Node and the program's compilation (start-up)
 *   noop   a do-nothing dynamic resource defined in the program: the engine's own cost per dynamic resource
 *          (registration, the dynamic-provider host, check and diff over gRPC)
 *   isc    this provider's Segment: the same plus our check and diff and loading our package
 * each after an `up` (so the preview compares with a state), and `isc` again with the program type-checked (the
 * default for a TypeScript program unless its tsconfig says `noCheck` or PULUMI_NODEJS_TRANSPILE_ONLY=true).
 * Each preview runs REPEAT times; the median is reported. No API call happens in any preview (counted).
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { installProgram, packProvider, REPO } from "../scripts/lib/program";
import { pulumiCliEnv, PulumiStack } from "../scripts/lib/pulumi";
import { report, Row, runMain } from "./lib/report";

const COUNT = Number(process.env.BENCH_ENGINE_COUNT ?? 120);
const REPEAT = Number(process.env.BENCH_ENGINE_REPEAT ?? 3);

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
    const cliEnv = await pulumiCliEnv();
    const programDir = installProgram(packProvider(), { project: "isc-engine", typescript: true });
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: isc-engine\nruntime: nodejs\nmain: bench/programs/engine/index.ts\n");
    fs.mkdirSync(path.join(programDir, "bench/programs/engine"), { recursive: true });
    fs.copyFileSync(path.join(REPO, "bench/programs/engine/index.ts"), path.join(programDir, "bench/programs/engine/index.ts"));
    const rows: Row[] = [];
    const cases: Array<{ kind: string; typeCheck: boolean }> = [
        { kind: "none", typeCheck: false },
        { kind: "noop", typeCheck: false },
        { kind: "isc", typeCheck: false },
        { kind: "isc", typeCheck: true },
    ];
    for (const c of cases) {
        const emu = await startEmulator({ port: 0, seed: 6 });
        const admin = new EmulatorAdmin(emu.url);
        const stack = new PulumiStack(programDir, `engine-${c.kind}-${c.typeCheck ? "checked" : "transpiled"}`, cliEnv, {
            PULUMI_NODEJS_TRANSPILE_ONLY: c.typeCheck ? "false" : "true",
        });
        try {
            await stack.init();
            await stack.setConfig("isc:baseUrl", emu.url);
            await stack.setConfig("isc:clientId", "demo-client");
            await stack.setConfig("isc:clientSecret", "demo-secret", { secret: true });
            await stack.setConfig("count", String(COUNT));
            await stack.setConfig("kind", c.kind);
            const up = await stack.run(["up", "--yes", "--skip-preview"]);
            await admin.clearRequests();
            const times: number[] = [];
            for (let i = 0; i < REPEAT; i++) times.push((await stack.run(["preview"])).ms / 1000);
            const calls = (await admin.requests()).length;
            const stateBytes = Buffer.byteLength(await stack.exportState());
            rows.push({
                program: c.kind === "none" ? "no resource (start-up)" : c.kind === "noop" ? `${COUNT} do-nothing dynamic resources` : `${COUNT} isc.Segment`,
                "type-checked": c.typeCheck ? "yes" : "no",
                "preview s (median)": median(times),
                "preview s (all)": times.map((t) => t.toFixed(2)).join(" / "),
                "API calls in previews": calls,
                "up s": up.ms / 1000,
                "state bytes": stateBytes,
            });
            await stack.run(["destroy", "--yes", "--skip-preview"]);
        } finally {
            stack.dispose();
            await emu.close();
        }
    }
    report("engine-share", `Benchmark 6: where a plain preview's time goes (${COUNT} resources, median of ${REPEAT})`, rows);
}

if (require.main === module) runMain(run);
