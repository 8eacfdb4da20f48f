/** `npm run emulator -- --zpa`: the ISC emulator's command hands over to the ZPA emulator's flags. */
import { main } from "../../../emulator/cli";
import { parseZpaArgs } from "../../../emulator/zpa/cli";
import { signin } from "./helpers";

test("--zpa starts the ZPA emulator, which answers /signin", async () => {
    const lines: string[] = [];
    const close = await main(["--zpa", "--port", "0", "--lag-ms=5"], (l) => lines.push(l), {});
    try {
        const url = /listening on (\S+)/.exec(lines[0])![1];
        expect(lines[0]).toContain("ZPA emulator");
        expect((await signin(url)).body.expires_in).toBe("3600");
    } finally {
        await close!();
    }
});

test("flags and environment: bad values are refused naming the flag", () => {
    expect(parseZpaArgs(["--no-rate-limit", "--seed", "3"], { ZPA_EMULATOR_LAG_MS: "10" })).toMatchObject({ rateLimit: null, seed: 3, consistencyLagMs: 10 });
    expect(() => parseZpaArgs(["--port", "x"], {})).toThrow(/--port needs a whole number/);
    expect(() => parseZpaArgs(["--bogus"], {})).toThrow(/unknown option --bogus/);
});
