/**
 * `npm run emulator -- --zpa [--port N] [--host H] [--seed N] [--lag-ms N] [--customer-id ID] [--no-rate-limit]`:
 * runs the ZPA emulator (emulator/cli.ts hands `--zpa` over to here).
 */
import { startZpaEmulator, type ZpaEmulatorOptions } from "./index";

export const ZPA_USAGE = `Usage: npm run emulator -- --zpa [options]      (flags also as --flag=value)

  --port N          port; 0 picks a free one                   ZPA_EMULATOR_PORT         8081
  --host H          address to listen on                       ZPA_EMULATOR_HOST         127.0.0.1
  --seed N          seed for faults and tokens                 ZPA_EMULATOR_SEED         1
  --lag-ms N        reads see writes N ms late                 ZPA_EMULATOR_LAG_MS       0
  --customer-id ID  the customer id in every path              ZPA_EMULATOR_CUSTOMER_ID  216196257331281920
  --no-rate-limit   no 20 reads / 10 writes per 10 s limit     ZPA_EMULATOR_NO_RATE_LIMIT=1

The demo client is id "zpa-demo-client", secret "zpa-demo-secret" (legacy /signin and OneAPI /oauth2/v1/token).`;

function whole(flag: string, text: string | undefined, max: number): number {
    const n = Number(text);
    if (text === undefined || !/^\d+$/.test(text) || n > max)
        throw new Error(`${flag} needs a whole number from 0 to ${max}, not ${text === undefined ? "nothing" : JSON.stringify(text)}`);
    return n;
}

export function parseZpaArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ZpaEmulatorOptions | "help" {
    const o: ZpaEmulatorOptions = { port: 8081, host: env.ZPA_EMULATOR_HOST || "127.0.0.1" };
    if (env.ZPA_EMULATOR_PORT) o.port = whole("ZPA_EMULATOR_PORT", env.ZPA_EMULATOR_PORT, 65535);
    if (env.ZPA_EMULATOR_SEED) o.seed = whole("ZPA_EMULATOR_SEED", env.ZPA_EMULATOR_SEED, 2 ** 32);
    if (env.ZPA_EMULATOR_LAG_MS) o.consistencyLagMs = whole("ZPA_EMULATOR_LAG_MS", env.ZPA_EMULATOR_LAG_MS, 3_600_000);
    if (env.ZPA_EMULATOR_CUSTOMER_ID) o.customerId = env.ZPA_EMULATOR_CUSTOMER_ID;
    if (["1", "true", "yes"].includes((env.ZPA_EMULATOR_NO_RATE_LIMIT ?? "").toLowerCase())) o.rateLimit = null;
    for (let i = 0; i < argv.length; i++) {
        const eq = argv[i].indexOf("=");
        const flag = argv[i].startsWith("--") && eq > 0 ? argv[i].slice(0, eq) : argv[i];
        const value = (): string | undefined => (flag === argv[i] ? argv[++i] : argv[i].slice(eq + 1));
        if (flag === "--help" || flag === "-h") return "help";
        else if (flag === "--no-rate-limit") o.rateLimit = null;
        else if (flag === "--port") o.port = whole(flag, value(), 65535);
        else if (flag === "--seed") o.seed = whole(flag, value(), 2 ** 32);
        else if (flag === "--lag-ms") o.consistencyLagMs = whole(flag, value(), 3_600_000);
        else if (flag === "--customer-id") o.customerId = value();
        else if (flag === "--host") o.host = value();
        else throw new Error(`unknown option ${argv[i]}\n\n${ZPA_USAGE}`);
    }
    return o;
}

/** Starts the ZPA emulator as the flags say and prints its one line; resolves to its `close` (undefined after --help). */
export async function zpaMain(argv: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<(() => Promise<void>) | undefined> {
    const options = parseZpaArgs(argv, env);
    if (options === "help") {
        out(ZPA_USAGE);
        return undefined;
    }
    const zpa = await startZpaEmulator(options);
    out(`ZPA emulator listening on ${zpa.url} (customer ${zpa.customerId}; OneAPI token URL ${zpa.tokenUrl})`);
    return zpa.close;
}
