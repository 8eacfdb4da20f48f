/** Both ways to a token (legacy /signin, OneAPI /oauth2/v1/token), which paths each opens, and the customer id. */
import { form, oneApiToken, signin, zpa, type Zpa } from "./helpers";

let z: Zpa;
beforeAll(async () => {
    z = await zpa({ rateLimit: null });
});
afterAll(() => z.close());

test("legacy /signin answers a Bearer token whose expires_in is a string", async () => {
    const r = await signin(z.emu.url);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ token_type: "Bearer", access_token: expect.stringMatching(/^[0-9a-f]{64}$/), expires_in: "3600" });
});

test("OneAPI /oauth2/v1/token answers expires_in as a number, and only for audience https://api.zscaler.com", async () => {
    const r = await oneApiToken(z.emu.url);
    expect(r.status).toBe(200);
    expect(r.body.expires_in).toBe(3600);
    expect(r.body.token_type).toBe("Bearer");
    const wrong = await oneApiToken(z.emu.url, { audience: "https://api.zscaler.net" });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({ error: "invalid_request", error_description: expect.stringContaining("audience must be https://api.zscaler.com") });
    expect((await oneApiToken(z.emu.url, { grant_type: "password" })).status).toBe(400);
});

test("wrong credentials are a 401 in both modes, and the secret never reaches the log", async () => {
    const legacy = await signin(z.emu.url, "zpa-demo-client", "wrong-secret");
    expect(legacy.status).toBe(401);
    expect(legacy.body).toMatchObject({ id: "authentication.failed" });
    expect((await oneApiToken(z.emu.url, { client_secret: "wrong-secret" })).status).toBe(401);
    const text = JSON.stringify(await z.log());
    expect(text).not.toContain("wrong-secret");
    expect(text).not.toContain("zpa-demo-secret");
    expect(text).toContain("REDACTED");
});

test("a legacy token opens /mgmtconfig, a OneAPI token /zpa/mgmtconfig, and neither the other's paths", async () => {
    expect((await z.api("GET", "/segmentGroup")).status).toBe(200);
    expect((await z.api("GET", "/segmentGroup", undefined, { oneapi: true })).status).toBe(200);
    const legacyToken = (await signin(z.emu.url)).body.access_token as string;
    const oneToken = (await oneApiToken(z.emu.url)).body.access_token as string;
    expect((await z.api("GET", "/segmentGroup", undefined, { oneapi: true, token: legacyToken })).status).toBe(401);
    expect((await z.api("GET", "/segmentGroup", undefined, { token: oneToken })).status).toBe(401);
});

test("a missing, unknown or expired token is a 401 with a ZPA body; so is a wrong customer id", async () => {
    const none = await fetch(`${z.emu.url}/mgmtconfig/v1/admin/customers/${z.emu.customerId}/segmentGroup`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ id: "invalid.token" });
    expect((await z.api("GET", "/segmentGroup", undefined, { token: "f".repeat(64) })).status).toBe(401);
    const other = await z.api("GET", "/segmentGroup", undefined, { customerId: "123" });
    expect(other.status).toBe(401);
    expect(other.body).toMatchObject({ id: "non.restricted.entity.authorization.failed", reason: expect.stringContaining("123") });
    const short = await zpa({ tokenTtlSeconds: 0 });
    try {
        const expired = await short.api("GET", "/segmentGroup");
        expect(expired.status).toBe(401);
        expect(expired.body).toMatchObject({ reason: expect.stringContaining("expired") });
    } finally {
        await short.close();
    }
});

test("a token request must be a POST", async () => {
    const r = await fetch(`${z.emu.url}/signin`, { ...form({}), method: "GET", body: undefined });
    expect(r.status).toBe(405);
});
