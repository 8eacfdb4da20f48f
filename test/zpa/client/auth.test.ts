/** Both auth modes, the path prefixes, the token cache and its renewal, and a rejected token renewed once. */
import { clearTokenCache } from "../../../provider/src/client";
import { isIscError } from "../../../provider/src/errors";
import { isZpaAuthError, isZpaConfigError, type ZpaAuth } from "../../../provider/src/zpa/client";
import { clientOf, CUSTOMER, failure, FakeClock, fakeZpa, formOf, json, legacyToken, oneApiToken, SECRET, type FakeZpa } from "./fake-zpa";

let zpa: FakeZpa | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await zpa?.close();
    zpa = undefined;
});

const ok = json(200, { id: "1" });

describe("legacy API keys", () => {
    test("POST /signin with a form of client_id and client_secret; expires_in as a string; paths under /mgmtconfig/v1/admin/customers/{cid}", async () => {
        zpa = await fakeZpa([ok], [legacyToken("3600")]);
        const c = clientOf(zpa, "legacy", new FakeClock());
        const res = await c.request<{ id: string }>("GET", "/thing/1", { query: { microtenantId: "7" } });
        expect(res).toEqual({ status: 200, body: { id: "1" } });
        const [signin] = zpa.tokens();
        expect(signin.method).toBe("POST");
        expect(signin.url).toBe("/signin");
        expect(signin.headers["content-type"]).toBe("application/x-www-form-urlencoded");
        expect(formOf(signin)).toEqual({ client_id: "zpa-key-id", client_secret: SECRET });
        expect(zpa.api().map((s) => s.url)).toEqual([`/mgmtconfig/v1/admin/customers/${CUSTOMER}/thing/1?microtenantId=7`]);
        expect(zpa.api()[0].headers.authorization).toMatch(/^Bearer zpa-bearer-/);
    });

    test("apiVersion v2 puts v2 in the path; a body goes out as JSON", async () => {
        zpa = await fakeZpa([json(204, "")]);
        const c = clientOf(zpa, "legacy", new FakeClock());
        const res = await c.request("PUT", "thing/9", { body: { name: "a" }, apiVersion: "v2" });
        expect(res).toEqual({ status: 204, body: undefined });
        expect(zpa.api()[0]).toMatchObject({ method: "PUT", url: `/mgmtconfig/v2/admin/customers/${CUSTOMER}/thing/9`, body: '{"name":"a"}' });
        expect(zpa.api()[0].headers["content-type"]).toBe("application/json");
    });

    test("the string lifetime is honoured: the token is reused until 60 s before it lapses, then renewed", async () => {
        zpa = await fakeZpa([ok], [legacyToken("3600")]);
        const clock = new FakeClock();
        const c = clientOf(zpa, "legacy", clock);
        await c.request("GET", "/a");
        clock.t += 3_540_000 - 1; // 1 ms before the renewal point
        await c.request("GET", "/a");
        expect(zpa.tokens()).toHaveLength(1);
        clock.t += 1;
        await c.request("GET", "/a");
        expect(zpa.tokens()).toHaveLength(2);
        const b = zpa.bearers();
        expect(b[0]).toBe(b[1]);
        expect(b[2]).not.toBe(b[1]);
    });
});

describe("OneAPI", () => {
    test("POST to the token URL with grant_type, client_id, client_secret and audience https://api.zscaler.com; paths under /zpa/mgmtconfig", async () => {
        zpa = await fakeZpa([ok], [oneApiToken(3600)]);
        const c = clientOf(zpa, "oneapi", new FakeClock());
        await c.request("GET", "/thing");
        await c.request("DELETE", "/thing/2", { apiVersion: "v2" });
        const [token] = zpa.tokens();
        expect(token.url).toBe("/oauth2/v1/token");
        expect(formOf(token)).toEqual({
            grant_type: "client_credentials",
            client_id: "zpa-key-id",
            client_secret: SECRET,
            audience: "https://api.zscaler.com",
        });
        expect(zpa.api().map((s) => `${s.method} ${s.url}`)).toEqual([
            `GET /zpa/mgmtconfig/v1/admin/customers/${CUSTOMER}/thing`,
            `DELETE /zpa/mgmtconfig/v2/admin/customers/${CUSTOMER}/thing/2`,
        ]);
        expect(zpa.tokens()).toHaveLength(1);
    });

    test("the numeric lifetime is honoured (a short one renews a tenth before it lapses)", async () => {
        zpa = await fakeZpa([ok], [oneApiToken(600)]);
        const clock = new FakeClock();
        const c = clientOf(zpa, "oneapi", clock);
        await c.request("GET", "/a");
        clock.t += 540_000 - 1;
        await c.request("GET", "/a");
        expect(zpa.tokens()).toHaveLength(1);
        clock.t += 1;
        await c.request("GET", "/a");
        expect(zpa.tokens()).toHaveLength(2);
    });

    test("one token for concurrent requests and for every client of the same token URL and client id", async () => {
        zpa = await fakeZpa([ok]);
        const clock = new FakeClock();
        const [a, b] = [clientOf(zpa, "oneapi", clock), clientOf(zpa, "oneapi", clock)];
        await Promise.all([a.request("GET", "/x"), a.request("GET", "/y"), b.request("GET", "/z")]);
        expect(zpa.tokens()).toHaveLength(1);
        expect(new Set(zpa.bearers()).size).toBe(1);
    });
});

describe("a rejected token", () => {
    test("a 401 renews the token once and repeats the request, even a POST (nothing was applied); it is not a retry", async () => {
        zpa = await fakeZpa([json(401, { id: "authn.failed", reason: "token expired" }), json(201, { id: "5" })]);
        const c = clientOf(zpa, "legacy", new FakeClock());
        const res = await c.request("POST", "/thing", { body: { name: "n" } });
        expect(res.status).toBe(201);
        expect(zpa.tokens()).toHaveLength(2);
        const [first, second] = zpa.bearers();
        expect(second).not.toBe(first);
        expect(c.stats).toEqual({ requests: 2, retries: 0, throttled: 0 });
    });

    test("a second plain 401 is a ZpaAuthError naming the credential source, with Zscaler's id and reason", async () => {
        zpa = await fakeZpa([json(401, { id: "authn.failed", reason: "not allowed" })]);
        const c = clientOf(zpa, "legacy", new FakeClock());
        const e = await failure(c.request("GET", "/thing/1"));
        expect(isZpaAuthError(e) && isIscError(e)).toBe(true);
        expect(e).toMatchObject({ status: 401, credentialSource: "ZPA_CLIENT_ID/ZPA_CLIENT_SECRET" });
        expect(e.message).toContain("GET /thing/1 (401 authn.failed: not allowed)");
        expect(zpa.api()).toHaveLength(2);
        expect(zpa.tokens()).toHaveLength(2);
    });

    test("refused credentials are a ZpaAuthError naming the mode, the client id and the source; not retried", async () => {
        zpa = await fakeZpa([ok], [json(401, { id: "invalid_client", reason: "bad credentials" })]);
        const c = clientOf(zpa, "oneapi", new FakeClock());
        const e = await failure(c.request("GET", "/thing"));
        expect(isZpaAuthError(e)).toBe(true);
        expect(e.message).toMatch(/OneAPI: POST http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/token answered 401: invalid_client: bad credentials/);
        expect(e.message).toContain('client id "zpa-key-id"');
        expect(e.message).toContain("ZSCALER_CLIENT_ID/ZSCALER_CLIENT_SECRET");
        expect(zpa.tokens()).toHaveLength(1);
        expect(zpa.api()).toHaveLength(0);
    });
});

describe("settings are checked at the first request, nothing sent", () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
        [
            "a base URL with a path",
            { baseUrl: "https://config.private.zscaler.com/mgmtconfig/v1" },
            /without a path.*use https:\/\/config\.private\.zscaler\.com/,
        ],
        ["plain http to a remote host", { baseUrl: "http://config.private.zscaler.com" }, /must use https/],
        ["no URL at all", { baseUrl: "config" }, /is not a URL: use e\.g\. https:\/\/config\.private\.zscaler\.com/],
        ["a customer id that is no number", { customerId: "acme" }, /customerId must be the customer's numeric id.*"acme"/],
        ["no secret", { auth: { mode: "legacy", clientId: "k", clientSecret: "" } }, /No ZPA client secret: set ZPA_CLIENT_ID\/ZPA_CLIENT_SECRET/],
        ["OneAPI without a token URL", { auth: { mode: "oneapi", clientId: "k", clientSecret: "s", tokenUrl: "" } }, /No OneAPI token URL/],
    ];
    test.each(cases)("%s", async (_name, extra, message) => {
        zpa = await fakeZpa([ok]);
        const c = clientOf(zpa, "legacy", new FakeClock(), extra as { auth?: ZpaAuth });
        const e = await failure(c.request("GET", "/x"));
        expect(isZpaConfigError(e)).toBe(true);
        expect(e.message).toMatch(message);
        expect(zpa.seen).toHaveLength(0);
    });
});
