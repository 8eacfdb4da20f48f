/**
 * A scripted ZPA for the client's tests, on the ISC client tests' fake server pattern (real sockets on 127.0.0.1,
 * handlers in order, the last repeating, every request recorded): `/signin` (legacy API keys) and
 * `/oauth2/v1/token` (OneAPI) answer tokens, everything else the API handlers.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import { ZpaClient, type ZpaClientOptions } from "../../../provider/src/zpa/client";
import { FakeClock, type Handler, type Seen } from "../../client/fake-server";

export { drop, failure, FakeClock, json, type Handler } from "../../client/fake-server";

/** The secret every test client uses, and what every token the fake issues starts with: neither may reach an error. */
export const SECRET = "zpa-client-secret-DO-NOT-LEAK";
export const TOKEN_PREFIX = "zpa-bearer-DO-NOT-LEAK-";
export const CUSTOMER = "216196257331281920";

const TOKEN_PATHS = ["/signin", "/oauth2/v1/token"];

let issued = 0;
/** A legacy /signin answer: `expires_in` a string, as ZPA sends it. */
export const legacyToken =
    (expiresIn = "3600"): Handler =>
    (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ token_type: "Bearer", access_token: `${TOKEN_PREFIX}${++issued}`, expires_in: expiresIn }));
    };
/** A OneAPI token answer: `expires_in` a number. */
export const oneApiToken =
    (expiresIn = 3600): Handler =>
    (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ token_type: "Bearer", access_token: `${TOKEN_PREFIX}${++issued}`, expires_in: expiresIn }));
    };

export interface FakeZpa {
    url: string;
    seen: Seen[];
    api(): Seen[];
    tokens(): Seen[];
    /** The bearer token each API request carried. */
    bearers(): string[];
    close(): Promise<void>;
}

export async function fakeZpa(
    api: Handler[],
    token: Handler[] = [(req, res, body) => (req.url === "/signin" ? legacyToken() : oneApiToken())(req, res, body)],
): Promise<FakeZpa> {
    const seen: Seen[] = [];
    let apiIndex = 0;
    let tokenIndex = 0;
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
            seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
            const isToken = TOKEN_PATHS.includes((req.url ?? "").split("?")[0]);
            const list = isToken ? token : api;
            const i = isToken ? tokenIndex++ : apiIndex++;
            list[Math.min(i, list.length - 1)](req, res, body);
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const isToken = (s: Seen) => TOKEN_PATHS.includes(s.url.split("?")[0]);
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        seen,
        api: () => seen.filter((s) => !isToken(s)),
        tokens: () => seen.filter(isToken),
        bearers: () => seen.filter((s) => !isToken(s)).map((s) => String(s.headers.authorization ?? "").replace(/^Bearer /, "")),
        close: () =>
            new Promise<void>((r) => {
                server.closeAllConnections();
                server.close(() => r());
            }),
    };
}

/** A client of `zpa` in either mode on a fake clock (no real waiting), jitter fixed at half the ceiling. */
export function clientOf(zpa: FakeZpa, mode: "legacy" | "oneapi", clock: FakeClock, extra: Partial<ZpaClientOptions> = {}): ZpaClient {
    return new ZpaClient({
        baseUrl: zpa.url,
        customerId: CUSTOMER,
        auth:
            mode === "legacy"
                ? { mode, clientId: "zpa-key-id", clientSecret: SECRET }
                : { mode, clientId: "zpa-key-id", clientSecret: SECRET, tokenUrl: `${zpa.url}/oauth2/v1/token` },
        credentialSource: mode === "legacy" ? "ZPA_CLIENT_ID/ZPA_CLIENT_SECRET" : "ZSCALER_CLIENT_ID/ZSCALER_CLIENT_SECRET",
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        ...extra,
    });
}

/** The form fields of a token request. */
export function formOf(s: Seen): Record<string, string> {
    return Object.fromEntries(new URLSearchParams(s.body));
}
