/**
 * Failures without an answer: a refused connection (nothing was sent, so even a POST is repeated, a few times), a
 * refused TLS certificate (never repeated), and an injected fetch (Node's global fetch, whose error code sits on its
 * cause) in place of the default.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { clearTokenCache, isIscTransportError } from "../../../provider/src/client";
import { isZpaConfigError, isZpaNetworkError, ZpaClient } from "../../../provider/src/zpa/client";
import { clientOf, CUSTOMER, failure, FakeClock, fakeZpa, json, SECRET, type FakeZpa } from "./fake-zpa";

let zpa: FakeZpa | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await zpa?.close();
    zpa = undefined;
});

/** A loopback URL nothing listens on (a port just freed). */
async function closedUrl(): Promise<string> {
    const gone = await fakeZpa([json(200, {})]);
    await gone.close();
    return gone.url;
}

/** A OneAPI client whose token comes from `zpa` and whose API base is `baseUrl`. */
function split(baseUrl: string, clock: FakeClock, fetchImpl?: typeof fetch): ZpaClient {
    return new ZpaClient({
        baseUrl,
        customerId: CUSTOMER,
        auth: { mode: "oneapi", clientId: "k", clientSecret: SECRET, tokenUrl: `${zpa!.url}/oauth2/v1/token` },
        credentialSource: "zpa:clientId/zpa:clientSecret",
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        ...(fetchImpl ? { fetchImpl } : {}),
    });
}

test.each([
    ["node-fetch (the default)", false],
    ["an injected global fetch", true],
])("a refused connection with %s: nothing was sent, so a POST is repeated, three times in all, then a ZpaNetworkError", async (_name, inject) => {
    zpa = await fakeZpa([json(200, {})]);
    const base = await closedUrl();
    const calls: string[] = [];
    const counting: typeof fetch = (input, init) => {
        calls.push(String(input));
        return fetch(input, init);
    };
    const clock = new FakeClock();
    const e = await failure(split(base, clock, inject ? counting : undefined).request("POST", "/thing", { body: { name: "x" } }));
    expect(isZpaNetworkError(e)).toBe(true);
    expect(e.message).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/thing failed: .*ECONNREFUSED.* \(gave up after 3 attempts\)$/);
    expect(isIscTransportError(e.cause) && e.cause.sent).toBe(false);
    expect(clock.sleeps).toEqual([250, 500]);
    // The injected fetch carries every exchange, the token's included.
    if (inject) expect(calls.filter((u) => u.startsWith(base))).toHaveLength(3);
    if (inject) expect(calls.filter((u) => u.startsWith(zpa!.url))).toHaveLength(1);
});

test("a GET with a body is refused before anything is sent (a fetch would refuse it and look like a network failure)", async () => {
    zpa = await fakeZpa([json(200, {})]);
    const e = await failure(clientOf(zpa, "legacy", new FakeClock()).request("GET", "/thing", { body: {} }));
    expect(isZpaConfigError(e)).toBe(true);
    expect(e.message).toBe("GET /thing takes no body");
    expect(zpa.seen).toHaveLength(0);
});

describe("a refused TLS certificate", () => {
    let dir: string;
    let server: https.Server;
    let url: string;
    let connections = 0;

    beforeAll(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "zpa-tls-"));
        const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
        const subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"];
        execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", ...subject], { stdio: "ignore" });
        server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => res.end("{}"));
        server.on("connection", () => connections++);
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
        url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        server.closeAllConnections();
        await new Promise<void>((r) => server.close(() => r()));
        fs.rmSync(dir, { recursive: true, force: true });
    });

    test("on an API request: one attempt, a ZpaNetworkError naming the host and the problem", async () => {
        zpa = await fakeZpa([json(200, {})]);
        connections = 0;
        const clock = new FakeClock();
        const e = await failure(split(url, clock).request("GET", "/thing"));
        expect(isZpaNetworkError(e)).toBe(true);
        expect(e.message).toContain(`TLS certificate of ${url} refused`);
        expect(connections).toBe(1);
        expect(clock.sleeps).toEqual([]);
    });

    test("on the legacy /signin: one attempt", async () => {
        connections = 0;
        const c = new ZpaClient({
            baseUrl: url,
            customerId: CUSTOMER,
            auth: { mode: "legacy", clientId: "k", clientSecret: SECRET },
            credentialSource: "ZPA_CLIENT_ID/ZPA_CLIENT_SECRET",
            sleep: new FakeClock().sleep,
        });
        const e = await failure(c.request("GET", "/thing"));
        expect(isZpaNetworkError(e)).toBe(true);
        expect(e.message).toMatch(/^POST https:\/\/127\.0\.0\.1:\d+\/signin failed: TLS certificate/);
        expect(connections).toBe(1);
    });
});
