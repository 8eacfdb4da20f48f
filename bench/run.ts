/** `npm run bench`: every benchmark, one table each; figures also in bench/results/*.json. */
import { run as apiCalls } from "./api-calls";
import { run as engineShare } from "./engine-share";
import { run as faultSoak } from "./fault-soak";
import { run as faultStorm } from "./fault-storm";
import { run as patchSize } from "./patch-size";
import { run as plannerScale } from "./planner-scale";
import { run as sustained } from "./sustained";
import { run as throughput } from "./throughput";
import { run as zpa } from "./zpa";

const all: Record<string, () => Promise<void> | void> = {
    "planner-scale": plannerScale,
    "patch-size": () => patchSize(),
    throughput,
    sustained,
    "fault-soak": faultSoak,
    "fault-storm": faultStorm,
    "api-calls": apiCalls,
    "engine-share": engineShare,
    export: () => import("./export").then((m) => m.run()),
    zpa,
};

async function main(): Promise<void> {
    const only = process.argv.slice(2);
    for (const [name, fn] of Object.entries(all)) {
        if (only.length && !only.includes(name)) continue;
        const started = Date.now();
        await fn();
        console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
}

main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
});
