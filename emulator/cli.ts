/**
 * `npm run emulator -- --port 8080`: runs the ISC emulator until interrupted.
 * Flags (or environment variables): see `--help`.
 */
import { startEmulator, EmulatorOptions } from "./index";

const USAGE = `Usage: npm run emulator -- [options]

  --port N             port to listen on; 0 picks a free one      (ISC_EMULATOR_PORT, default 8080)
  --host H             address to listen on                       (ISC_EMULATOR_HOST, default 127.0.0.1)
  --seed N             seed for ids, lag and faults               (ISC_EMULATOR_SEED, default 1)
  --rate-limit N       requests per window per client id+version  (default 100)
  --rate-window-ms N   rate-limit window                          (default 10000)
  --no-rate-limit      no rate limit
  --lag-ms N           reads may lag writes by up to N ms         (ISC_EMULATOR_LAG_MS, default 0)
  --token-lifetime N   token lifetime in seconds                  (default 749)
  --error-rate X       share of API requests answered 500         (default 0)
  --drop-rate X        share of API requests dropped              (default 0)
  --throttle-rate X    share of API requests answered 429         (default 0)
  --latency-ms N       delay added to every API request           (default 0)
  --apply-before-fault X  share of faulted writes applied anyway  (default 0)

The demo client is id "demo-client", secret "demo-secret".`;

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): EmulatorOptions | "help" {
    const options: EmulatorOptions = {
        port: Number(env.ISC_EMULATOR_PORT ?? 8080),
        host: env.ISC_EMULATOR_HOST ?? "127.0.0.1",
        seed: Number(env.ISC_EMULATOR_SEED ?? 1),
        consistencyLagMs: Number(env.ISC_EMULATOR_LAG_MS ?? 0),
    };
    const faults: NonNullable<EmulatorOptions["faults"]> = {};
    let limit = 100;
    let windowMs = 10_000;
    let limited = true;
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const num = (): number => {
            const v = Number(argv[++i]);
            if (argv[i] === undefined || !Number.isFinite(v)) throw new Error(`${flag} needs a number`);
            return v;
        };
        switch (flag) {
            case "--help":
            case "-h":
                return "help";
            case "--port":
                options.port = num();
                break;
            case "--host":
                options.host = argv[++i];
                break;
            case "--seed":
                options.seed = num();
                break;
            case "--rate-limit":
                limit = num();
                break;
            case "--rate-window-ms":
                windowMs = num();
                break;
            case "--no-rate-limit":
                limited = false;
                break;
            case "--lag-ms":
                options.consistencyLagMs = num();
                break;
            case "--token-lifetime":
                options.tokenLifetimeSeconds = num();
                break;
            case "--error-rate":
                faults.serverErrorRate = num();
                break;
            case "--drop-rate":
                faults.dropRate = num();
                break;
            case "--throttle-rate":
                faults.rateLimitRate = num();
                break;
            case "--latency-ms":
                faults.latencyMs = num();
                break;
            case "--apply-before-fault":
                faults.applyBeforeFaultShare = num();
                break;
            default:
                throw new Error(`unknown option ${flag}\n\n${USAGE}`);
        }
    }
    options.rateLimit = limited ? { limit, windowMs } : null;
    options.faults = faults;
    return options;
}

export async function main(argv: string[], out: (line: string) => void = (l) => console.log(l)): Promise<(() => Promise<void>) | undefined> {
    const options = parseArgs(argv);
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
