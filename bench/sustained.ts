/**
 * Issue 2's figure: the request rate the client sustains against the emulator's default limit (100 requests /
 * 10 s per client id) over 60 s of parallel load: 100 workers issuing GETs and POSTs through one shared client
 * configuration, as a large `pulumi up` would. Reported: requests completed against the most the limit lets through
 * in the same time (a sliding window: L at once, then L per window: L * (1 + floor(t / window))), 429s, failures.
 */
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { IscClient } from "../provider/src/client";
import { report, runMain } from "./lib/report";

const SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 60);
const WORKERS = 100;
const RATE = { limit: 100, windowMs: 10_000 };

export async function run(): Promise<void> {
    const emu = await startEmulator({ port: 0, seed: 8, rateLimit: { ...RATE, scope: "client" } });
    const admin = new EmulatorAdmin(emu.url);
    try {
        const client = new IscClient({ baseUrl: emu.url, clientId: "demo-client", clientSecret: "demo-secret" });
        const stopAt = Date.now() + SECONDS * 1000;
        let done = 0;
        let failed = 0;
        const started = Date.now();
        await Promise.all(
            Array.from({ length: WORKERS }, async (_, w) => {
                for (let i = 0; Date.now() < stopAt; i++) {
                    try {
                        if (i % 2 === 0) await client.request("GET", "/v2025/segments", { query: { limit: 1 } });
                        else await client.request("POST", "/v2025/segments", { body: { name: `Load ${w}-${i}` } });
                        done++;
                    } catch {
                        failed++;
                    }
                }
            }),
        );
        const wall = (Date.now() - started) / 1000;
        const log = await admin.requests();
        report("sustained", `Sustained load: ${WORKERS} parallel workers for ${SECONDS} s against the limit (${RATE.limit} / ${RATE.windowMs / 1000} s)`, [
            {
                "wall s": wall,
                completed: done,
                failed,
                "429s received": log.filter((r) => r.status === 429).length,
                "requests/s": done / wall,
                "most the limit allows in that time": RATE.limit * (1 + Math.floor((wall * 1000) / RATE.windowMs)),
                "client stats": JSON.stringify(client.stats()),
            },
        ]);
    } finally {
        await emu.close();
    }
}

if (require.main === module) runMain(run);
