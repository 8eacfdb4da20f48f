/**
 * A refused TLS certificate is reported at once, naming the URL and the certificate problem, and never retried:
 * the client talks to a real https server whose self-signed certificate is made for the test with openssl.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { clearTokenCache, IscClient, IscClientOptions, isIscNetworkError, nextStep, RetryInfo } from "../../provider/src/client";
import { isTlsCertificateCode } from "../../provider/src/client/transport";
import { FakeClock, failure } from "./fake-server";

const SECRET = "tls-test-secret-never-shown";
let dir: string;
let server: https.Server;
let url: string;
let connections = 0;
let requests = 0;

beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "isc-tls-"));
    const key = path.join(dir, "key.pem");
    const cert = path.join(dir, "cert.pem");
    execFileSync(
        "openssl",
        [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            key,
            "-out",
            cert,
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        { stdio: "ignore" },
    );
    server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => {
        requests++;
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ access_token: "tok", expires_in: 300 }));
    });
    server.on("connection", () => connections++);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    fs.rmSync(dir, { recursive: true, force: true });
});

let retries: RetryInfo[];
beforeEach(() => {
    clearTokenCache();
    connections = 0;
    requests = 0;
    retries = [];
});

function client(extra: Partial<IscClientOptions>): IscClient {
    const clock = new FakeClock();
    return new IscClient({ baseUrl: url, now: clock.now, sleep: clock.sleep, random: () => 0.5, onRetry: (r) => retries.push(r), ...extra });
}

describe("a self-signed certificate", () => {
    test.each(["GET", "POST"] as const)("%s with a token fails at once, naming the URL and the TLS problem", async (method) => {
        const e = await failure(client({ accessToken: "a-token" }).request(method, "v2025/segments", method === "POST" ? { body: { name: "x" } } : {}));
        expect(isIscNetworkError(e)).toBe(true);
        expect(e.message).toContain(url);
        expect(e.message).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
        expect(e.message).toMatch(/TLS certificate/);
        expect(retries).toEqual([]);
        expect(connections).toBe(1);
        expect(requests).toBe(0);
    });

    test("the token request fails at once too, and blames the certificate, not the credentials", async () => {
        const e = await failure(client({ clientId: "cid", clientSecret: SECRET }).request("GET", "v2025/segments"));
        expect(isIscNetworkError(e)).toBe(true);
        expect(e.message).toContain(`${url}/oauth/token`);
        expect(e.message).toContain("DEPTH_ZERO_SELF_SIGNED_CERT");
        expect(e.message).not.toMatch(/client id and secret/);
        expect(e.message).not.toContain(SECRET);
        expect(retries).toEqual([]);
        expect(connections).toBe(1);
    });
});

describe("which failures are certificate problems", () => {
    test.each([
        "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
        "CERT_HAS_EXPIRED",
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "ERR_TLS_CERT_ALTNAME_INVALID",
        "SELF_SIGNED_CERT_IN_CHAIN",
    ])("%s is one, and is not retried", (code) => {
        expect(isTlsCertificateCode(code)).toBe(true);
        const policy = { maxAttempts: 5, unreachableAttempts: 3, budgetMs: 60_000, maxRetryAfterMs: 20_000, backoff: { baseMs: 500, capMs: 20_000 } };
        const step = nextStep({ kind: "no-answer", sent: false, tls: true }, { attempt: 1, idempotent: true, elapsedMs: 0, nowMs: 0 }, policy, () => 0.5);
        expect(step).toEqual({ action: "fail" });
    });
    test.each(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "EPIPE"])("%s is not one", (code) => {
        expect(isTlsCertificateCode(code)).toBe(false);
    });
});
