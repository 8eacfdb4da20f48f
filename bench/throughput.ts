/**
 * Benchmark 3: create 500 segments with 50 requests in flight, as a large `pulumi up` would, against the emulator's
 * rate limit (RATE_LIMIT below: 100 requests per 10 s, a sliding window, passed explicitly when the emulator starts).
 * The limit's scope is "client" (one budget per client id across API versions). The SDK uses /v3/segments (its v2025
 * module has no segments API), the others /v2025/segments; each contender gets a fresh emulator and uses one version,
 * so the scope makes no difference to the figures. Contenders, each configured as a competent user would configure it:
 *   (a) this provider's client (`IscClient`) at its defaults
 *   (b) SailPoint's TypeScript SDK (`sailpoint-api-client`) at its defaults: the SDK hands `retriesConfig` (unset)
 *       to axios-retry, whose defaults are 3 retries of network errors and of 5xx answers to idempotent methods,
 *       with no delay; a 429 to a POST is not retried. Kept to show what the defaults do.
 *   (c) the same SDK with `retriesConfig` set: 10 retries; retried are 429s and what axios-retry's
 *       `isNetworkOrIdempotentRequestError` accepts; the delay is the Retry-After header's seconds when the answer
 *       has one, axios-retry's `exponentialDelay` otherwise.
 *   (d) a plain fetch loop that retries a 429 after the Retry-After header's seconds (exponential backoff when the
 *       header is missing), at most 10 retries.
 * Reported: completed and failed creates (as the contender saw them); 429s received and requests sent (from the
 * emulator's request log, token requests excluded); segments in the tenant (from the emulator's state); wall time;
 * and its ratio to the floor. The floor comes from the model of the limit, with the constants the emulator is
 * started with (and checked against the config the emulator reports): with limit L per window W and N requests,
 * the first L go at once and each further L waits a window, so floor = (ceil(N / L) - 1) * W.
 */
import * as path from "path";
import { startEmulator, type RateLimitConfig } from "../emulator";
import { EmulatorAdmin } from "../emulator/admin-client";
import { IscClient } from "../provider/src/client";
import { report, Row, runMain } from "./lib/report";

const TOTAL = Number(process.env.BENCH_SEGMENTS ?? 500);
const IN_FLIGHT = 50;
/** The emulator's limit for this benchmark: one budget per client id, whatever the API version. */
const RATE_LIMIT: RateLimitConfig = { limit: 100, windowMs: 10_000, scope: "client" };
/** Retries for the SDK's configured run and for the fetch loop. */
const RETRIES = 10;
const CLIENT_ID = "demo-client";
const CLIENT_SECRET = "demo-secret";

/** The least time N requests take under a limit of L per window W when the first L may go at once. */
export function floorSeconds(n: number, rl: RateLimitConfig): number {
    return ((Math.ceil(n / rl.limit) - 1) * rl.windowMs) / 1000;
}

/** A Retry-After header's wait in ms: delta-seconds, or an HTTP date; undefined when absent or unreadable. */
function retryAfterMs(header: unknown): number | undefined {
    if (typeof header !== "string" || header.trim() === "") return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const at = Date.parse(header);
    return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

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
        body: `grant_type=client_credentials&client_id=${CLIENT_ID}&client_secret=${CLIENT_SECRET}`,
    });
    if (res.status !== 200) throw new Error(`token request answered ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
}

const ours: Contender = {
    name: "(a) pulumi-sailpoint-isc client, defaults",
    async setup(url) {
        const client = new IscClient({ baseUrl: url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
        return async (i) => {
            await client.request("POST", "/v2025/segments", { body: { name: `Throughput ${i}` } });
        };
    },
};

const plainFetch: Contender = {
    name: `(d) plain fetch loop, honours Retry-After on 429 (<= ${RETRIES} retries)`,
    async setup(url) {
        const bearer = await token(url);
        return async (i) => {
            for (let retry = 0; ; retry++) {
                const res = await fetch(`${url}/v2025/segments`, {
                    method: "POST",
                    headers: { Authorization: `Bearer ${bearer}`, "Content-Type": "application/json" },
                    body: JSON.stringify({ name: `Throughput ${i}` }),
                });
                await res.arrayBuffer(); // free the connection
                if (res.status === 201) return;
                if (res.status !== 429 || retry >= RETRIES) throw new Error(`HTTP ${res.status}${retry > 0 ? ` after ${retry} retries` : ""}`);
                await sleep(retryAfterMs(res.headers.get("retry-after")) ?? 100 * 2 ** (retry + 1));
            }
        };
    },
};

// ---- SailPoint's SDK, typed as far as this benchmark uses it (it is a devDependency used by nothing else) -------

/** What axios-retry 3.x hands its `retryCondition` and `retryDelay` callbacks: the AxiosError. */
interface AxiosLikeError {
    message: string;
    code?: string;
    config?: { method?: string };
    response?: { status: number; headers: Record<string, unknown> };
}
/** axios-retry 3.x's IAxiosRetryConfig, the type of the SDK's `Configuration.retriesConfig`. */
interface RetriesConfig {
    retries?: number;
    retryCondition?: (error: AxiosLikeError) => boolean | Promise<boolean>;
    retryDelay?: (retryCount: number, error: AxiosLikeError) => number;
}
interface SdkConfiguration {
    retriesConfig?: RetriesConfig;
}
/** An axios instance; opaque here. */
type AxiosInstanceLike = object;
interface SdkModule {
    Configuration: new (p: { baseurl: string; clientId: string; clientSecret: string; tokenUrl: string }) => SdkConfiguration;
    SegmentsApi: new (
        config: SdkConfiguration,
        basePath?: string,
        axios?: AxiosInstanceLike,
    ) => { createSegment(req: { segment: { name: string } }): Promise<unknown> };
    /** The SDK re-exports the axios-retry it uses. */
    axiosRetry: {
        isNetworkOrIdempotentRequestError(error: AxiosLikeError): boolean;
        exponentialDelay(retryNumber?: number, error?: AxiosLikeError, delayFactor?: number): number;
    };
}

function loadSdk(): { sdk: SdkModule; freshAxios: () => AxiosInstanceLike } {
    // Loaded on demand (the peer benchmark alone needs it), and the axios it loads is resolved from its folder.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require("sailpoint-api-client") as SdkModule;
    // The SDK registers axios-retry's interceptors on the axios instance at every request (createRequestFunction in
    // its common.ts), so a run on the shared global axios would leave its interceptors behind for the next run.
    // Each run gets its own instance of the axios the SDK itself loads, with axios's defaults.
    const axiosPath = require.resolve("axios", { paths: [path.dirname(require.resolve("sailpoint-api-client"))] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const axios = require(axiosPath) as { create(): AxiosInstanceLike };
    return { sdk, freshAxios: () => axios.create() };
}

function sdkContender(name: string, retries: (sdk: SdkModule) => RetriesConfig | undefined): Contender {
    return {
        name,
        async setup(url) {
            const { sdk, freshAxios } = loadSdk();
            const config = new sdk.Configuration({ baseurl: url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, tokenUrl: `${url}/oauth/token` });
            const retriesConfig = retries(sdk);
            if (retriesConfig) config.retriesConfig = retriesConfig;
            const api = new sdk.SegmentsApi(config, undefined, freshAxios()); // v3: the SDK's v2025 module has no segments API
            return async (i) => {
                await api.createSegment({ segment: { name: `Throughput ${i}` } });
            };
        },
    };
}

const sdkDefaults = sdkContender("(b) sailpoint-api-client (official SDK) at its defaults", () => undefined);

const sdkConfigured = sdkContender(`(c) sailpoint-api-client, retriesConfig: 429 + network/idempotent, Retry-After, ${RETRIES} retries`, (sdk) => ({
    retries: RETRIES,
    retryCondition: (error) => error.response?.status === 429 || sdk.axiosRetry.isNetworkOrIdempotentRequestError(error),
    retryDelay: (retryCount, error) => retryAfterMs(error.response?.headers["retry-after"]) ?? sdk.axiosRetry.exponentialDelay(retryCount, error),
}));

export async function run(): Promise<void> {
    const rows: Row[] = [];
    const notes: Record<string, unknown> = {};
    const floor = floorSeconds(TOTAL, RATE_LIMIT);
    for (const c of [ours, sdkDefaults, sdkConfigured, plainFetch]) {
        const emu = await startEmulator({ port: 0, seed: 3, rateLimit: RATE_LIMIT });
        const admin = new EmulatorAdmin(emu.url);
        try {
            const running = (await admin.config()).rateLimit;
            if (!running || running.limit !== RATE_LIMIT.limit || running.windowMs !== RATE_LIMIT.windowMs || running.scope !== RATE_LIMIT.scope) {
                throw new Error(`the emulator runs with rate limit ${JSON.stringify(running)}, not ${JSON.stringify(RATE_LIMIT)}`);
            }
            let create: CreateOne;
            try {
                create = await c.setup(emu.url);
            } catch (e) {
                rows.push({
                    client: c.name,
                    completed: 0,
                    failed: 0,
                    "429s": 0,
                    "requests sent": 0,
                    "segments in tenant": 0,
                    "wall s": 0,
                    "x floor": "n/a",
                    note: `not run: ${(e as Error).message.slice(0, 60)}`,
                });
                continue;
            }
            const started = Date.now();
            const r = await pool(TOTAL, IN_FLIGHT, create);
            const wall = (Date.now() - started) / 1000;
            const log = (await admin.requests()).filter((x) => x.path !== "/oauth/token");
            rows.push({
                client: c.name,
                completed: r.ok,
                failed: r.failed,
                "429s": log.filter((x) => x.status === 429).length,
                "requests sent": log.length,
                "segments in tenant": (await admin.state()).segments.length,
                "wall s": wall,
                "x floor": wall / floor,
            });
            if (r.errors.size) notes[`errors of ${c.name}`] = Object.fromEntries(r.errors);
        } finally {
            await emu.close();
        }
    }
    notes.floor = `(ceil(${TOTAL} / ${RATE_LIMIT.limit}) - 1) * ${RATE_LIMIT.windowMs / 1000} s = ${floor} s`;
    report(
        "throughput",
        `Benchmark 3: ${TOTAL} segment creates, ${IN_FLIGHT} in flight, emulator limit ${RATE_LIMIT.limit} / ${RATE_LIMIT.windowMs / 1000} s (floor ${floor} s)`,
        rows,
        notes,
    );
}

if (require.main === module) runMain(run);
