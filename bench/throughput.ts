/**
 * Benchmark 3: create 500 segments (v3 for the SDK, whose version has no v2025 segments API; v2025 for the others) against the emulator's real limit (100 requests / 10 s per client id and API
 * version, the full 10 s window) with 50 requests in flight, as a large `pulumi up` would, with:
 *   (a) this provider's client (paced at 95 / 10 s, honours Retry-After)
 *   (b) SailPoint's official TypeScript SDK (`sailpoint-api-client`) at its defaults
 *   (c) a plain fetch loop (no retry)
 * Reported: completed, failed, 429s received, wall time, and the ratio to the floor the limit allows
 * (the first 100 at once, then 100 per 10 s: 40 s for 500).
 */
import { startEmulator } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { IscClient } from "../provider/src/client";
import { report, Row, runMain } from "./lib/report";

const TOTAL = Number(process.env.BENCH_SEGMENTS ?? 500);
const IN_FLIGHT = 50;
const LIMIT = 100;
const WINDOW_MS = 10_000;
const FLOOR_S = (Math.ceil(TOTAL / LIMIT) - 1) * (WINDOW_MS / 1000);

type CreateOne = (i: number) => Promise<void>;
interface Contender {
    name: string;
    setup(url: string): Promise<CreateOne>;
}

async function pool(n: number, width: number, fn: CreateOne): Promise<{ ok: number; failed: number; errors: Map<string, number> }> {
    let next = 0;
    let ok = 0;
    let failed = 0;
    const errors = new Map<string, number>();
    await Promise.all(
        Array.from({ length: width }, async () => {
            while (next < n) {
                const i = next++;
                try {
                    await fn(i);
                    ok++;
                } catch (e) {
                    failed++;
                    const key = (e instanceof Error ? e.message : String(e)).replace(/[0-9a-f]{32}/g, "<id>").slice(0, 90);
                    errors.set(key, (errors.get(key) ?? 0) + 1);
                }
            }
        }),
    );
    return { ok, failed, errors };
}

async function token(url: string): Promise<string> {
    const res = await fetch(`${url}/oauth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret",
    });
    return ((await res.json()) as { access_token: string }).access_token;
}

const ours: Contender = {
    name: "(a) pulumi-sailpoint-isc client",
    async setup(url) {
        const client = new IscClient({ baseUrl: url, clientId: "demo-client", clientSecret: "demo-secret" });
        return async (i) => {
            await client.request("POST", "/v2025/segments", { body: { name: `Throughput ${i}` } });
        };
    },
};

const plainFetch: Contender = {
    name: "(c) plain fetch loop",
    async setup(url) {
        const bearer = await token(url);
        return async (i) => {
            const res = await fetch(`${url}/v2025/segments`, {
                method: "POST",
                headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
                body: JSON.stringify({ name: `Throughput ${i}` }),
            });
            if (res.status !== 201) throw new Error(`HTTP ${res.status}`);
        };
    },
};

/** The official SDK, loaded only if installed (it is a devDependency used by nothing else). */
const officialSdk: Contender = {
    name: "(b) sailpoint-api-client (official SDK), defaults",
    async setup(url) {
        const sdk = require("sailpoint-api-client") as SdkModule;
        const config = new sdk.Configuration({ baseurl: url, clientId: "demo-client", clientSecret: "demo-secret", tokenUrl: `${url}/oauth/token` });
        const api = new sdk.SegmentsApi(config); // v3: the SDK's v2025 module has no segments API
        return async (i) => {
            await api.createSegment({ segment: { name: `Throughput ${i}` } });
        };
    },
};

interface SdkModule {
    Configuration: new (p: { baseurl: string; clientId: string; clientSecret: string; tokenUrl: string }) => object;
    SegmentsApi: new (config: object) => { createSegment(req: { segment: { name: string } }): Promise<unknown> };
}

export async function run(): Promise<void> {
    const rows: Row[] = [];
    const notes: Record<string, unknown> = {};
    for (const c of [ours, officialSdk, plainFetch]) {
        const emu = await startEmulator({ port: 0, seed: 3, rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
        const admin = new EmulatorAdmin(emu.url);
        try {
            let create: CreateOne;
            try {
                create = await c.setup(emu.url);
            } catch (e) {
                rows.push({ client: c.name, completed: 0, failed: 0, "429s": 0, "wall s": 0, "x floor": "n/a", note: `not run: ${(e as Error).message.slice(0, 60)}` });
                continue;
            }
            const started = Date.now();
            const r = await pool(TOTAL, IN_FLIGHT, create);
            const wall = (Date.now() - started) / 1000;
            const log = await admin.requests();
            const throttled = log.filter((x) => x.status === 429).length;
            const created = (await admin.state()).segments.length;
            rows.push({
                client: c.name,
                completed: r.ok,
                failed: r.failed,
                "429s": throttled,
                "requests sent": log.filter((x) => x.path !== "/oauth/token").length,
                "segments in tenant": created,
                "wall s": wall,
                "x floor": wall / FLOOR_S,
            });
            if (r.errors.size) notes[`errors of ${c.name}`] = Object.fromEntries(r.errors);
        } finally {
            await emu.close();
        }
    }
    report("throughput", `Benchmark 3: ${TOTAL} segment creates, ${IN_FLIGHT} in flight, emulator limit ${LIMIT} / ${WINDOW_MS / 1000} s (floor ${FLOOR_S} s)`, rows, notes);
}

if (require.main === module) runMain(run);
