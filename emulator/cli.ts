/**
 * `npm run emulator -- --port 8080`: runs the ISC emulator until interrupted.
 * Flags (or environment variables): see `--help`.
 */
import { HttpError } from "./errors";
import { FAULT_SEQUENCES, type FaultSequence } from "./faults";
import { startEmulator, EmulatorOptions, RATE_LIMIT_SCOPES, RateLimitScope } from "./index";
import { populateSettings, type PopulateSettings } from "./populate-settings";
import { zpaMain } from "./zpa/cli";

const USAGE = `Usage: npm run emulator -- [options]        (flags also as --flag=value)

  --port N                port; 0 picks a free one                   ISC_EMULATOR_PORT            8080
  --host H                address to listen on                       ISC_EMULATOR_HOST            127.0.0.1
  --seed N                seed for ids, lag and faults               ISC_EMULATOR_SEED            1
  --rate-limit N          requests per window per client id          ISC_EMULATOR_RATE_LIMIT      100
  --rate-window-ms N      rate-limit window                          ISC_EMULATOR_RATE_WINDOW_MS  10000
  --rate-scope S          client: one budget per client id, across   ISC_EMULATOR_RATE_SCOPE      client
                          versions; client-version: one per version
  --no-rate-limit         no rate limit                              ISC_EMULATOR_NO_RATE_LIMIT=1
  --lag-ms N              reads may lag writes by up to N ms         ISC_EMULATOR_LAG_MS          0
  --token-lifetime N      token lifetime in seconds                  ISC_EMULATOR_TOKEN_LIFETIME  749
  --error-rate X          share of API requests answered 500         ISC_EMULATOR_ERROR_RATE      0
  --drop-rate X           share of API requests dropped unanswered   ISC_EMULATOR_DROP_RATE       0
  --throttle-rate X       share of API requests answered 429         ISC_EMULATOR_THROTTLE_RATE   0
  --latency-ms N          delay added to every API request           ISC_EMULATOR_LATENCY_MS      0
  --apply-before-fault X  share of faulted writes applied anyway     ISC_EMULATOR_APPLY_BEFORE_FAULT  0
  --fault-sequence S      arrival: one generator in arrival order;   ISC_EMULATOR_FAULT_SEQUENCE  arrival
                          per-key: each request's fault from (seed, its key, its count), the same
                          for every object whatever the interleaving
  --max-consecutive-faults N  at most N faults in a row on one key   ISC_EMULATOR_MAX_CONSECUTIVE_FAULTS  none
  --fault-seed N          seed of the per-key sequence               ISC_EMULATOR_FAULT_SEED      --seed
  --populate[=K=N,...]    add a large tenant with awkward names      ISC_EMULATOR_POPULATE        off
                          (1 or true: the defaults); keys: seed, identities, uncorrelatedIdentities,
                          governanceGroups, sources, entitlementsPerSource, segments, accessProfiles
  --echo-variation[=SEED] answers show segments and access profiles  ISC_EMULATOR_ECHO_VARIATION  off
                          in every form the specs allow (SEED: --seed when left out; on/off in the variable)
  --legacy-request-center a tenant without the new Request Center:   ISC_EMULATOR_LEGACY_REQUEST_CENTER=1
                          requestable: false on an access profile is a 400
  --refuse-test-ops       a tenant that refuses RFC 6902 test        ISC_EMULATOR_REFUSE_TEST_OPS=1
                          operations: a PATCH carrying one is a 400
  --help                  this text
  --zpa                   run the ZPA emulator instead (--zpa --help: its options)

The demo client is id "demo-client", secret "demo-secret" (every scope); "demo-reader", secret
"demo-reader-secret", may only read (its writes are 403).`;

/** Numeric flags: the option each sets, its environment variable, and the range it accepts. */
const NUMERIC: Record<string, { env: string; min: number; max?: number; integer?: boolean }> = {
    "--port": { env: "ISC_EMULATOR_PORT", min: 0, max: 65535, integer: true },
    "--seed": { env: "ISC_EMULATOR_SEED", min: -(2 ** 31), max: 2 ** 32, integer: true },
    "--rate-limit": { env: "ISC_EMULATOR_RATE_LIMIT", min: 1, integer: true },
    "--rate-window-ms": { env: "ISC_EMULATOR_RATE_WINDOW_MS", min: 1 },
    "--lag-ms": { env: "ISC_EMULATOR_LAG_MS", min: 0 },
    "--token-lifetime": { env: "ISC_EMULATOR_TOKEN_LIFETIME", min: 0 },
    "--error-rate": { env: "ISC_EMULATOR_ERROR_RATE", min: 0, max: 1 },
    "--drop-rate": { env: "ISC_EMULATOR_DROP_RATE", min: 0, max: 1 },
    "--throttle-rate": { env: "ISC_EMULATOR_THROTTLE_RATE", min: 0, max: 1 },
    "--latency-ms": { env: "ISC_EMULATOR_LATENCY_MS", min: 0 },
    "--apply-before-fault": { env: "ISC_EMULATOR_APPLY_BEFORE_FAULT", min: 0, max: 1 },
    "--max-consecutive-faults": { env: "ISC_EMULATOR_MAX_CONSECUTIVE_FAULTS", min: 1, max: 1_000_000, integer: true },
    "--fault-seed": { env: "ISC_EMULATOR_FAULT_SEED", min: -(2 ** 31), max: 2 ** 32, integer: true },
};

function toNumber(flag: string, text: string | undefined): number {
    const rule = NUMERIC[flag];
    const v = text === undefined || text.trim() === "" ? Number.NaN : Number(text);
    const ok = Number.isFinite(v) && v >= rule.min && (rule.max === undefined || v <= rule.max) && (!rule.integer || Number.isInteger(v));
    if (!ok) {
        const range = rule.max === undefined ? `${rule.min} or more` : `from ${rule.min} to ${rule.max}`;
        throw new Error(`${flag} needs a number ${range}${rule.integer ? " (whole)" : ""}, not ${text === undefined ? "nothing" : JSON.stringify(text)}`);
    }
    return v;
}

function toSequence(where: string, text: string | undefined): FaultSequence {
    const found = FAULT_SEQUENCES.find((s) => s === text);
    if (found === undefined) {
        throw new Error(`${where} needs ${FAULT_SEQUENCES.join(" or ")}, not ${text === undefined ? "nothing" : JSON.stringify(text)}`);
    }
    return found;
}

function toScope(where: string, text: string | undefined): RateLimitScope {
    const found = RATE_LIMIT_SCOPES.find((s) => s === text);
    if (found === undefined) {
        throw new Error(`${where} needs ${RATE_LIMIT_SCOPES.join(" or ")}, not ${text === undefined ? "nothing" : JSON.stringify(text)}`);
    }
    return found;
}

/** `identities=500,accessProfiles=2000` (or `1`/`true` for the defaults, `0`/`false` for none) as populate settings. */
export function parsePopulate(where: string, text: string): PopulateSettings | null {
    const t = text.trim();
    if (["0", "false", "no", ""].includes(t.toLowerCase())) return null;
    if (["1", "true", "yes"].includes(t.toLowerCase())) return populateSettings({});
    const body: Record<string, number> = {};
    for (const part of t.split(",")) {
        const m = /^\s*([A-Za-z]+)\s*=\s*(-?\d+)\s*$/.exec(part);
        if (!m) throw new Error(`${where} needs key=number pairs separated by commas (identities=500,accessProfiles=2000), not ${JSON.stringify(part)}`);
        body[m[1]] = Number(m[2]);
    }
    try {
        return populateSettings(body);
    } catch (e) {
        if (e instanceof HttpError) throw new Error(`${where}: ${e.texts.join("; ")}`, { cause: e });
        throw e;
    }
}

/** `--echo-variation`'s value: a seed, "on" (the emulator's seed), or null for off ("off", "false", "no" or empty). */
function echoVariationArg(where: string, text: string): number | "on" | null {
    const t = text.trim().toLowerCase();
    if (["", "off", "false", "no"].includes(t)) return null;
    if (["on", "true", "yes"].includes(t)) return "on";
    const seed = Number(t);
    if (/^-?\d+$/.test(t) && Number.isSafeInteger(seed) && seed >= -(2 ** 31) && seed <= 2 ** 32) return seed;
    throw new Error(`${where} needs a seed (a whole number), on or off, not ${JSON.stringify(text)}`);
}

/** The emulator's options from the flags, then the environment, then the defaults. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorOptions | "help" {
    const values = new Map<string, number>();
    for (const [flag, rule] of Object.entries(NUMERIC)) {
        const text = env[rule.env];
        if (text !== undefined && text !== "") values.set(flag, toNumber(flag, text));
    }
    let host = env.ISC_EMULATOR_HOST || "127.0.0.1";
    let limited = !["1", "true", "yes"].includes((env.ISC_EMULATOR_NO_RATE_LIMIT ?? "").toLowerCase());
    let scope: RateLimitScope = env.ISC_EMULATOR_RATE_SCOPE ? toScope("ISC_EMULATOR_RATE_SCOPE", env.ISC_EMULATOR_RATE_SCOPE) : "client";
    let sequence = env.ISC_EMULATOR_FAULT_SEQUENCE ? toSequence("ISC_EMULATOR_FAULT_SEQUENCE", env.ISC_EMULATOR_FAULT_SEQUENCE) : undefined;
    let echo = echoVariationArg("ISC_EMULATOR_ECHO_VARIATION", env.ISC_EMULATOR_ECHO_VARIATION ?? "");
    let legacyRequestCenter = ["1", "true", "yes"].includes((env.ISC_EMULATOR_LEGACY_REQUEST_CENTER ?? "").toLowerCase());
    let refuseTestOps = ["1", "true", "yes"].includes((env.ISC_EMULATOR_REFUSE_TEST_OPS ?? "").toLowerCase());
    let population = env.ISC_EMULATOR_POPULATE ? parsePopulate("ISC_EMULATOR_POPULATE", env.ISC_EMULATOR_POPULATE) : null;
    for (let i = 0; i < argv.length; i++) {
        const eq = argv[i].indexOf("=");
        const flag = argv[i].startsWith("--") && eq > 0 ? argv[i].slice(0, eq) : argv[i];
        const inline = flag === argv[i] ? undefined : argv[i].slice(eq + 1);
        const value = (): string | undefined => inline ?? argv[++i];
        if (flag === "--help" || flag === "-h") return "help";
        if (flag === "--no-rate-limit") limited = false;
        else if (flag === "--legacy-request-center") legacyRequestCenter = true;
        else if (flag === "--refuse-test-ops") refuseTestOps = true;
        else if (flag === "--rate-scope") scope = toScope("--rate-scope", value());
        else if (flag === "--fault-sequence") sequence = toSequence("--fault-sequence", value());
        else if (flag === "--echo-variation") echo = echoVariationArg("--echo-variation", inline ?? (/^-?\d+$/.test(argv[i + 1] ?? "") ? argv[++i] : "on"));
        else if (flag === "--populate") {
            // A value is inline (--populate=identities=500) or the next argument when it looks like key=number.
            const text = inline ?? (/^[A-Za-z]+=/.test(argv[i + 1] ?? "") ? argv[++i] : "true");
            population = parsePopulate("--populate", text);
        } else if (flag === "--host") {
            const h = value();
            if (!h) throw new Error("--host needs an address");
            host = h;
        } else if (flag in NUMERIC) values.set(flag, toNumber(flag, value()));
        else throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
    const get = (flag: string, fallback: number): number => values.get(flag) ?? fallback;
    const faults: NonNullable<EmulatorOptions["faults"]> = {};
    const fault = (flag: string, key: "serverErrorRate" | "dropRate" | "rateLimitRate" | "latencyMs" | "applyBeforeFaultShare" | "maxConsecutive" | "seed") => {
        const v = values.get(flag);
        if (v !== undefined) faults[key] = v;
    };
    fault("--error-rate", "serverErrorRate");
    fault("--drop-rate", "dropRate");
    fault("--throttle-rate", "rateLimitRate");
    fault("--latency-ms", "latencyMs");
    fault("--apply-before-fault", "applyBeforeFaultShare");
    fault("--max-consecutive-faults", "maxConsecutive");
    fault("--fault-seed", "seed");
    if (sequence !== undefined) faults.sequence = sequence;
    return {
        port: get("--port", 8080),
        host,
        seed: get("--seed", 1),
        consistencyLagMs: get("--lag-ms", 0),
        tokenLifetimeSeconds: get("--token-lifetime", 749),
        rateLimit: limited ? { limit: get("--rate-limit", 100), windowMs: get("--rate-window-ms", 10_000), scope } : null,
        faults,
        ...(population ? { populate: population } : {}),
        ...(echo !== null ? { echoVariation: echo === "on" ? true : { seed: echo } } : {}),
        ...(legacyRequestCenter ? { newRequestCenter: false } : {}),
        ...(refuseTestOps ? { refuseTestOperations: true } : {}),
    };
}

/**
 * Starts the emulator as the flags say and prints its one line; resolves to its `close`, or to undefined after
 * `--help`. Throws on a bad flag.
 */
export async function main(
    argv: string[],
    out: (line: string) => void = (l) => console.log(l),
    env: NodeJS.ProcessEnv = process.env,
): Promise<(() => Promise<void>) | undefined> {
    if (argv.includes("--zpa"))
        return zpaMain(
            argv.filter((a) => a !== "--zpa"),
            out,
            env,
        );
    const options = parseArgs(argv, env);
    if (options === "help") {
        out(USAGE);
        return undefined;
    }
    const emu = await startEmulator(options);
    out(`ISC emulator listening on ${emu.url}`);
    return emu.close;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (close) => {
            if (!close) return;
            const stop = () => void close().then(() => process.exit(0));
            process.on("SIGINT", stop);
            process.on("SIGTERM", stop);
        },
        (e: unknown) => {
            console.error(e instanceof Error ? e.message : e);
            process.exit(2);
        },
    );
}
