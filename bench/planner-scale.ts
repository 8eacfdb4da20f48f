/**
 * Benchmark 5: how the cost of check + diff + patch planning grows with the size of an access profile's
 * entitlement set (1, 100, 10,000 entitlements), for an unchanged profile and for one with 1% of its
 * entitlements swapped. Pure CPU: no API call.
 */
import { performance } from "perf_hooks";
import { check, diff, planPatch } from "../provider/src/engine";
import { accessProfileSchema } from "../provider/src/resources/access-profile/schema";
import { report, Row, runMain } from "./lib/report";

const hex = (n: number) => n.toString(16).padStart(32, "0");

function profile(entitlements: number, offset = 0): Record<string, unknown> {
    return {
        name: "Scale",
        owner: { type: "IDENTITY", id: hex(1) },
        source: { type: "SOURCE", id: hex(2) },
        enabled: true,
        requestable: true,
        entitlements: Array.from({ length: entitlements }, (_, i) => ({
            type: "ENTITLEMENT",
            id: hex(1000 + i + (i < Math.ceil(entitlements / 100) ? offset : 0)),
        })),
    };
}

function timeIt(fn: () => void, minMs = 300): { perOpMs: number; runs: number } {
    fn(); // warm up
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < minMs || runs < 3) {
        fn();
        runs++;
    }
    return { perOpMs: (performance.now() - start) / runs, runs };
}

export function run(): void {
    const rows: Row[] = [];
    for (const n of [1, 100, 10_000]) {
        const server = { ...profile(n), id: hex(9) };
        const same = profile(n).entitlements as unknown[];
        const reversed = { ...profile(n), entitlements: [...same].reverse() };
        const swapped = profile(n, 5_000_000);
        let ops = 0;
        const unchanged = timeIt(() => {
            const c = check(accessProfileSchema, reversed);
            diff(accessProfileSchema, server, c.inputs);
            planPatch(accessProfileSchema, server, c.inputs);
        });
        const changed = timeIt(() => {
            const c = check(accessProfileSchema, swapped);
            diff(accessProfileSchema, server, c.inputs);
            ops = planPatch(accessProfileSchema, server, c.inputs).filter((o) => o.op !== "test").length;
        });
        rows.push({
            entitlements: n,
            "unchanged (reordered): ms per check+diff+plan": unchanged.perOpMs,
            "1% swapped: ms per check+diff+plan": changed.perOpMs,
            "patch ops for 1% swapped": ops,
        });
    }
    report("planner-scale", "Benchmark 5: check + diff + plan time by entitlement count", rows);
}

if (require.main === module) runMain(run);
