/** The ISC client over real HTTP against scripted servers: auth, retries, errors, pacing, pagination. */
import {
    checkUrl,
    clearTokenCache,
    IscClient,
    IscClientOptions,
    isIscApiError,
    isIscAuthError,
    isIscConfigError,
    isIscNetworkError,
    isIscOutcomeUnknownError,
    RetryInfo,
} from "../../provider/src/client";
import { drop, FakeClock, fakeServer, FakeServer, hang, Handler, json, tokenOk, failure } from "./fake-server";

const SECRET = "s3cr3t-value-never-shown";
let server: FakeServer | undefined;
let clock: FakeClock;
let retries: RetryInfo[];

beforeEach(() => {
    clearTokenCache();
    clock = new FakeClock();
    retries = [];
});
afterEach(async () => {
    await server?.close();
    server = undefined;
});

function client(extra: Partial<IscClientOptions> = {}): IscClient {
    return new IscClient({
        baseUrl: server!.url,
        clientId: "cid",
        clientSecret: SECRET,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        onRetry: (r) => retries.push(r),
        ...extra,
    });
}

/**
 * Neither the secret nor `token` in the error's message, stack or JSON. `token` is the bearer token the server saw,
 * for a test that made an API call: it must then be a real token, or the check would pass for want of one.
 */
function expectNoSecret(e: unknown, token?: string): void {
    if (token !== undefined) expect(token).toMatch(/^\S{4,}$/);
    const err = e as Error;
    for (const text of [err.message, err.stack ?? "", JSON.stringify(err)]) {
        expect(text).not.toContain(SECRET);
        if (token !== undefined) expect(text).not.toContain(token);
    }
}

const ok = json(200, { ok: true });
const dto = (status: number, detailCode: string, text: string) =>
    json(status, { detailCode, trackingId: "0123456789abcdef0123456789abcdef", messages: [{ locale: "en-US", localeOrigin: "DEFAULT", text }], causes: [] });

describe("requests and authentication", () => {
    test("a GET carries the bearer token and Accept; JSON comes back parsed", async () => {
        server = await fakeServer([json(200, [{ id: "a" }])]);
        const res = await client().request<Array<{ id: string }>>("GET", "/v2025/segments", { query: { limit: 5, skip: undefined } });
        expect(res.status).toBe(200);
        expect(res.body).toEqual([{ id: "a" }]);
        const [token, get] = server.seen;
        expect(token.url).toBe("/oauth/token");
        expect(new URLSearchParams(token.body).get("grant_type")).toBe("client_credentials");
        expect(get.url).toBe("/v2025/segments?limit=5");
        expect(get.headers.authorization).toMatch(/^Bearer tok-\d+$/);
        expect(get.headers.accept).toBe("application/json");
    });

    test("PATCH sends application/json-patch+json; 204 gives an undefined body", async () => {
        server = await fakeServer([json(200, { id: "a" }), (_q, r) => r.writeHead(204).end()]);
        const c = client();
        await c.request("PATCH", "/v2025/segments/a", { body: [{ op: "replace", path: "/name", value: "x" }], contentType: "application/json-patch+json" });
        expect(server.api()[0].headers["content-type"]).toBe("application/json-patch+json");
        expect(JSON.parse(server.api()[0].body)).toEqual([{ op: "replace", path: "/name", value: "x" }]);
        expect((await c.request("DELETE", "/v2025/segments/a")).body).toBeUndefined();
    });

    test("20 concurrent requests share one token request", async () => {
        server = await fakeServer([ok]);
        const c = client();
        await Promise.all(Array.from({ length: 20 }, () => c.request("GET", "/x")));
        expect(server.tokens()).toHaveLength(1);
        expect(c.stats()).toMatchObject({ requests: 20, tokenRequests: 1, retries: 0 });
        // Another client of the same tenant and client id reuses the cached token.
        await client().request("GET", "/x");
        expect(server.tokens()).toHaveLength(1);
    });

    test("a token is renewed before it lapses", async () => {
        server = await fakeServer([ok], [tokenOk(600)]);
        const c = client();
        await c.request("GET", "/x");
        clock.t += 500_000; // 100 s left: more than the 60 s margin
        await c.request("GET", "/x");
        expect(server.tokens()).toHaveLength(1);
        clock.t += 50_000; // 50 s left
        await c.request("GET", "/x");
        expect(server.tokens()).toHaveLength(2);
    });

    test("a 401 renews the token once and retries, even a POST", async () => {
        server = await fakeServer([json(401, { error: "JWT validation failed: JWT is expired" }), json(201, { id: "new" })]);
        const res = await client().request("POST", "/v2025/segments", { body: { name: "x" } });
        expect(res.body).toEqual({ id: "new" });
        expect(server.tokens()).toHaveLength(2);
        const [first, second] = server.api();
        expect(first.headers.authorization).not.toBe(second.headers.authorization);
    });

    test("a second 401 in a row is an IscAuthError with the server's words and no secret or token", async () => {
        server = await fakeServer([json(401, { error: "JWT validation failed: JWT is invalid" })]);
        const e = await failure(client().request("GET", "/x"));
        expect(isIscAuthError(e)).toBe(true);
        expect(e.message).toMatch(/JWT is invalid/);
        expect(server.api()).toHaveLength(2);
        const token = (server.api()[1].headers.authorization ?? "").replace("Bearer ", "");
        expectNoSecret(e, token);
    });

    test("refused credentials are an IscAuthError that names the client id but never the secret", async () => {
        server = await fakeServer([ok], [json(401, { error: "invalid_client", error_description: "Bad credentials" })]);
        const e = await failure(client().request("GET", "/x"));
        expect(isIscAuthError(e)).toBe(true);
        expect(e.message).toMatch(/client id "cid"/);
        expect(e.message).toMatch(/Bad credentials/);
        expectNoSecret(e);
        expect(server.api()).toHaveLength(0);
    });

    test("a ready access token is used as is, and a 401 on it cannot be renewed", async () => {
        server = await fakeServer([ok, json(401, { error: "JWT validation failed: JWT is expired" })]);
        const c = new IscClient({ baseUrl: server.url, accessToken: "ready-token" });
        await c.request("GET", "/x");
        expect(server.api()[0].headers.authorization).toBe("Bearer ready-token");
        const e = await failure(c.request("GET", "/x"));
        expect(isIscAuthError(e)).toBe(true);
        expectNoSecret(e, "ready-token");
        expect(server.tokens()).toHaveLength(0);
    });
});

describe("retries", () => {
    test("429 waits what Retry-After says (seconds), on every method", async () => {
        server = await fakeServer([json(429, { message: " Rate Limit Exceeded " }, { "Retry-After": "2" }), json(201, { id: "x" })]);
        const c = client({ rateLimit: null });
        await c.request("POST", "/v2025/segments", { body: { name: "x" } });
        expect(retries.map((r) => r.delayMs)).toEqual([2000]);
        expect(clock.sleeps).toEqual([2000]);
        expect(c.stats()).toMatchObject({ throttled: 1, retries: 1, requests: 2 });
    });

    test("Retry-After as an HTTP date, and capped at maxRetryAfterMs", async () => {
        const at = new Date(clock.t + 7000).toUTCString();
        server = await fakeServer([json(429, {}, { "Retry-After": at }), json(429, {}, { "Retry-After": "3600" }), ok]);
        await client({ rateLimit: null, maxRetryAfterMs: 30_000 }).request("GET", "/x");
        expect(retries[0].delayMs).toBeGreaterThan(6000);
        expect(retries[0].delayMs).toBeLessThanOrEqual(7000);
        expect(retries[1].delayMs).toBe(30_000);
    });

    test("with the shared limiter, a 429 cools down every request of the client id until Retry-After", async () => {
        server = await fakeServer([json(429, {}, { "Retry-After": "4" }), ok]);
        const c = client();
        await c.request("GET", "/x");
        expect(retries.map((r) => r.delayMs)).toEqual([4000]);
        expect(clock.sleeps).toEqual([4000]); // the limiter did the waiting
    });

    test("5xx is retried with backoff for a GET", async () => {
        server = await fakeServer([dto(500, "500.0 Internal Fault", "boom"), dto(503, "503", "busy"), ok]);
        const res = await client().request("GET", "/x");
        expect(res.status).toBe(200);
        expect(server.api()).toHaveLength(3);
        expect(retries.map((r) => r.delayMs)).toEqual([250, 500]); // random() = 0.5 of 500 ms, 1 s
    });

    test("5xx on a POST is an unknown outcome after exactly one request", async () => {
        server = await fakeServer([dto(500, "500.0 Internal Fault", "boom")]);
        const e = await failure(client().request("POST", "/v2025/segments", { body: { name: "x" } }));
        expect(isIscOutcomeUnknownError(e)).toBe(true);
        expect(e.message).toMatch(/may or may not have taken effect/);
        expect(e.message).toMatch(/0123456789abcdef0123456789abcdef/);
        expect(server.api()).toHaveLength(1);
    });

    test("a dropped connection is retried for GET, and an unknown outcome for POST and PATCH", async () => {
        server = await fakeServer([drop, ok]);
        expect((await client().request("GET", "/x")).status).toBe(200);
        await server.close();
        server = await fakeServer([drop]);
        expect(isIscOutcomeUnknownError(await failure(client().request("POST", "/x", { body: {} })))).toBe(true);
        expect(isIscOutcomeUnknownError(await failure(client().request("PATCH", "/x", { body: [] })))).toBe(true);
        expect(server.api()).toHaveLength(2);
    });

    test("a refused connection is retried (nothing was sent), three times at most, then an IscNetworkError", async () => {
        server = await fakeServer([ok]);
        const url = server.url;
        await server.close();
        server = undefined;
        const c = new IscClient({ baseUrl: url, accessToken: "t", sleep: clock.sleep, now: clock.now, random: () => 0.5, onRetry: (r) => retries.push(r) });
        const e = await failure(c.request("POST", "/x", { body: {} }));
        expect(isIscNetworkError(e)).toBe(true);
        expect(e.message).toMatch(/ECONNREFUSED/);
        expect(e.message).toMatch(/after 3 attempts/);
        expect(retries).toHaveLength(2);
    });

    test("maxAttempts bounds the attempts", async () => {
        server = await fakeServer([dto(500, "500.0 Internal Fault", "boom")]);
        const e = await failure(client({ maxAttempts: 4 }).request("GET", "/x"));
        expect(isIscApiError(e)).toBe(true);
        expect(e.message).toMatch(/after 4 attempts/);
        expect(server.api()).toHaveLength(4);
    });

    test("the retry budget bounds the time spent waiting", async () => {
        server = await fakeServer([json(429, {}, { "Retry-After": "10" })]);
        const e = await failure(client({ rateLimit: null, retryBudgetMs: 25_000 }).request("GET", "/x"));
        expect(isIscApiError(e) && e.status).toBe(429);
        expect(e.message).toMatch(/rate limit hit: retries exhausted after 3 attempts, as another wait would exceed the 25 s retry budget/);
        expect(clock.sleeps).toEqual([10_000, 10_000]);
    });

    test("a request with no answer times out: GET retried, POST an unknown outcome", async () => {
        server = await fakeServer([hang]);
        const e = await failure(client({ timeoutMs: 150, maxAttempts: 2 }).request("GET", "/x"));
        expect(isIscNetworkError(e)).toBe(true);
        expect(e.message).toMatch(/no answer within 150 ms/);
        expect(server.api()).toHaveLength(2);
        const p = await failure(client({ timeoutMs: 150 }).request("POST", "/x", { body: {} }));
        expect(isIscOutcomeUnknownError(p)).toBe(true);
    });
});

describe("errors", () => {
    test("an ErrorResponseDto becomes an IscApiError with status, detailCode, trackingId and messages", async () => {
        server = await fakeServer([dto(400, "400.1.3 Illegal value", "Illegal value for owner")]);
        const e = await failure(client().request("POST", "/v2025/segments", { body: { name: "x" } }));
        expect(isIscApiError(e)).toBe(true);
        if (!isIscApiError(e)) return;
        expect(e).toMatchObject({
            status: 400,
            method: "POST",
            path: "/v2025/segments",
            detailCode: "400.1.3 Illegal value",
            trackingId: "0123456789abcdef0123456789abcdef",
            messages: ["Illegal value for owner"],
        });
        expect(e.message).toBe(
            "ISC rejected POST /v2025/segments (400 400.1.3 Illegal value): Illegal value for owner; trackingId 0123456789abcdef0123456789abcdef",
        );
        expectNoSecret(e, (server.api()[0].headers.authorization ?? "").replace("Bearer ", ""));
    });

    test("a non-JSON error body is kept as the message", async () => {
        const html: Handler = (_q, r) => r.writeHead(404, { "Content-Type": "text/html" }).end("<h1>Not Found</h1>");
        server = await fakeServer([html]);
        const e = await failure(client().request("GET", "/x"));
        expect(e.message).toMatch(/404.*<h1>Not Found<\/h1>/);
    });

    test("type guards go by name, so errors from another copy of the module are recognised", () => {
        expect(isIscApiError({ name: "IscApiError" })).toBe(true);
        expect(isIscOutcomeUnknownError({ name: "IscOutcomeUnknownError" })).toBe(true);
        expect(isIscApiError(new Error("x"))).toBe(false);
        expect(isIscConfigError(undefined)).toBe(false);
    });
});

describe("settings", () => {
    test("https is required except for loopback hosts, before anything is sent", async () => {
        const e = await failure(new IscClient({ baseUrl: "http://acme.api.identitynow.com", accessToken: "t" }).request("GET", "/x"));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toMatch(/must use https/);
        expect(isIscConfigError(await failure(new IscClient({ baseUrl: "not a url", accessToken: "t" }).request("GET", "/x")))).toBe(true);
    });

    test("SAIL_* variables are read when a request is made, not when the client is built", async () => {
        server = await fakeServer([ok]);
        const saved = { ...process.env };
        try {
            delete process.env.SAIL_BASE_URL;
            delete process.env.SAIL_CLIENT_ID;
            delete process.env.SAIL_CLIENT_SECRET;
            delete process.env.SAIL_ACCESS_TOKEN;
            const c = new IscClient({ sleep: clock.sleep, now: clock.now });
            const missing = await failure(c.request("GET", "/x"));
            expect(isIscConfigError(missing)).toBe(true);
            expect(missing.message).toMatch(/SAIL_BASE_URL/);
            process.env.SAIL_BASE_URL = server.url;
            const noCreds = await failure(c.request("GET", "/x"));
            expect(noCreds.message).toMatch(/SAIL_CLIENT_ID/);
            process.env.SAIL_CLIENT_ID = "env-id";
            process.env.SAIL_CLIENT_SECRET = SECRET;
            expect((await c.request("GET", "/x")).status).toBe(200);
            expect(new URLSearchParams(server.tokens()[0].body).get("client_id")).toBe("env-id");
        } finally {
            process.env = saved;
        }
    });
});

describe("pagination", () => {
    function pagedServer(total: number, withCount: boolean): Promise<FakeServer> {
        const items = Array.from({ length: total }, (_, i) => ({ id: String(i) }));
        const handler: Handler = (req, res) => {
            const q = new URL(req.url ?? "/", "http://x").searchParams;
            const offset = Number(q.get("offset"));
            const limit = Number(q.get("limit"));
            const headers: Record<string, string> = { "Content-Type": "application/json" };
            if (withCount && q.get("count") === "true") headers["X-Total-Count"] = String(total);
            res.writeHead(200, headers);
            res.end(JSON.stringify(items.slice(offset, offset + limit)));
        };
        return fakeServer([handler]);
    }

    test.each([
        [0, true, 1],
        [249, true, 1],
        [250, true, 1],
        [251, true, 2],
        [500, true, 2],
        [0, false, 1],
        [249, false, 1],
        [250, false, 2],
        [251, false, 2],
        [500, false, 3],
    ])("%i items, X-Total-Count %s: every item in %i GETs", async (total, withCount, gets) => {
        server = await pagedServer(total, withCount);
        const all = await client().paginate<{ id: string }>("/v3/access-profiles", { filters: 'name sw "a"' });
        expect(all.map((x) => x.id)).toEqual(Array.from({ length: total }, (_, i) => String(i)));
        expect(server.api()).toHaveLength(gets);
        expect(server.api().every((s) => s.url.includes("limit=250") && s.url.includes("filters="))).toBe(true);
    });
});

describe("requests: details", () => {
    test("a trailing slash on baseUrl and a path without a leading one make one clean URL; POST sends JSON", async () => {
        server = await fakeServer([json(201, { id: "n" })]);
        await client({ baseUrl: `${server.url}//`, userAgent: "tests/1" }).request("POST", "v2025/segments", { body: { name: "x" } });
        const [post] = server.api();
        expect(post.url).toBe("/v2025/segments");
        expect(post.headers["content-type"]).toBe("application/json");
        expect(post.headers["user-agent"]).toBe("tests/1");
        expect(JSON.parse(post.body)).toEqual({ name: "x" });
        expect(server.tokens()[0].url).toBe("/oauth/token");
    });

    test("a GET sends no body and no Content-Type; a non-JSON success body comes back as text", async () => {
        server = await fakeServer([(_q, r) => r.writeHead(200, { "Content-Type": "text/plain" }).end("plain words")]);
        const res = await client().request("GET", "/x");
        expect(res.body).toBe("plain words");
        expect(res.headers["content-type"]).toBe("text/plain");
        expect(server.api()[0].headers["content-type"]).toBeUndefined();
        expect(server.api()[0].body).toBe("");
    });

    test("a token URL of its own is used", async () => {
        server = await fakeServer([ok]);
        const c = client({ tokenUrl: `${server.url}/oauth/token?realm=x` });
        await c.request("GET", "/x");
        expect(server.tokens()[0].url).toBe("/oauth/token?realm=x");
    });

    test("stats count API requests with retries, token requests apart, and 429s", async () => {
        server = await fakeServer([json(429, {}, { "Retry-After": "1" }), json(500, {}), ok]);
        const c = client({ rateLimit: null });
        await c.request("GET", "/x");
        expect(c.stats()).toEqual({ requests: 3, tokenRequests: 1, retries: 2, throttled: 1 });
        expect(JSON.stringify(c.stats())).not.toContain(SECRET);
    });
});

describe("idempotency", () => {
    test("PUT and DELETE are retried on 5xx like GET", async () => {
        server = await fakeServer([json(502, {}), ok, json(503, {}), ok]);
        const c = client();
        await c.request("PUT", "/x", { body: {} });
        await c.request("DELETE", "/x");
        expect(server.api().map((s) => s.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE"]);
    });

    test("idempotent: true lets a POST be retried; idempotent: false stops a GET", async () => {
        server = await fakeServer([json(500, {}), ok]);
        expect((await client().request("POST", "/search", { body: {}, idempotent: true })).status).toBe(200);
        expect(server.api()).toHaveLength(2);
        await server.close();
        server = await fakeServer([drop, ok]);
        expect(isIscOutcomeUnknownError(await failure(client().request("GET", "/x", { idempotent: false })))).toBe(true);
        expect(server.api()).toHaveLength(1);
    });

    test("a 429 on a POST is retried (nothing was applied), and when it persists the error says so", async () => {
        server = await fakeServer([json(429, { message: " Rate Limit Exceeded " }, { "Retry-After": "1" })]);
        const e = await failure(client({ rateLimit: null, maxAttempts: 3 }).request("POST", "/v2025/segments", { body: {} }));
        expect(isIscApiError(e) && e.status).toBe(429);
        expect(e.message).toBe("ISC rejected POST /v2025/segments (429): Rate Limit Exceeded (rate limit hit: retries exhausted after 3 attempts)");
        expect(server.api()).toHaveLength(3);
        expect(clock.sleeps).toEqual([1000, 1000]);
    });

    test("a dropped PATCH is never repeated, and the error names the request but no token", async () => {
        server = await fakeServer([drop]);
        const e = await failure(client().request("PATCH", "/v2025/segments/a", { body: [], contentType: "application/json-patch+json" }));
        expect(isIscOutcomeUnknownError(e)).toBe(true);
        expect(e).toMatchObject({ method: "PATCH", path: "/v2025/segments/a" });
        expect(e.message).toMatch(/^PATCH \/v2025\/segments\/a: the request may or may not have taken effect/);
        expect(server.api()).toHaveLength(1);
        expectNoSecret(e, (server.api()[0].headers.authorization ?? "").replace("Bearer ", ""));
    });
});

describe("the token endpoint", () => {
    test("a 503 or a 429 from it is retried like any idempotent request", async () => {
        server = await fakeServer([ok], [json(503, {}), json(429, {}, { "Retry-After": "3" }), tokenOk()]);
        const c = client();
        expect((await c.request("GET", "/x")).status).toBe(200);
        expect(server.tokens()).toHaveLength(3);
        expect(retries.map((r) => [r.path, r.delayMs])).toEqual([
            ["/oauth/token", 250],
            ["/oauth/token", 3000],
        ]);
        expect(c.stats()).toMatchObject({ requests: 1, tokenRequests: 3, throttled: 1 });
    });

    test("a token endpoint that keeps failing is an IscApiError (not a credentials problem), without the secret", async () => {
        server = await fakeServer([ok], [json(500, { message: "token service down" })]);
        const e = await failure(client({ maxAttempts: 2 }).request("GET", "/x"));
        expect(isIscApiError(e) && e.status).toBe(500);
        expect(isIscAuthError(e)).toBe(false);
        expect(e.message).toMatch(/POST \/oauth\/token.*token service down.*after 2 attempts/);
        expectNoSecret(e);
        expect(server.api()).toHaveLength(0);
    });

    test("400 from it is an IscAuthError, with the server's words and never the secret", async () => {
        server = await fakeServer([ok], [json(400, { error: "invalid_request", error_description: "Missing grant" })]);
        const e = await failure(client().request("GET", "/x"));
        expect(isIscAuthError(e)).toBe(true);
        expect(e).toMatchObject({ status: 400 });
        expect(e.message).toMatch(/Missing grant.*check the client id and secret/);
        expectNoSecret(e);
        expect(server.tokens()).toHaveLength(1);
    });

    test("a token endpoint that cannot be reached is an IscNetworkError after three tries", async () => {
        server = await fakeServer([ok]);
        const closed = await fakeServer([ok]);
        const tokenUrl = `${closed.url}/oauth/token`;
        await closed.close();
        const e = await failure(client({ tokenUrl }).request("GET", "/x"));
        expect(isIscNetworkError(e)).toBe(true);
        expect(e.message).toMatch(/ECONNREFUSED.*after 3 attempts/);
        expectNoSecret(e);
        expect(server.api()).toHaveLength(0);
    });

    test("a late 401 for a token already replaced does not throw the new one away", async () => {
        let aCount = 0;
        let bSeen = false;
        let held: (() => void) | undefined;
        const handler: Handler = (req, res) => {
            const auth = req.headers.authorization;
            const unauthorized = () => json(401, { error: "JWT validation failed: JWT is expired" })(req, res, "");
            if (auth === "Bearer A") {
                aCount++;
                // The second request with A is answered only after the renewed token B is in use.
                if (aCount === 1 || bSeen) unauthorized();
                else held = unauthorized;
                return;
            }
            bSeen = true;
            ok(req, res, "");
            held?.();
            held = undefined;
        };
        const issue = (value: string): Handler => json(200, { access_token: value, expires_in: 749 });
        server = await fakeServer([handler], [issue("A"), issue("B"), issue("C")]);
        const c = client();
        const results = await Promise.all([c.request("GET", "/one"), c.request("GET", "/two")]);
        expect(results.map((r) => r.status)).toEqual([200, 200]);
        expect(server.tokens()).toHaveLength(2);
        expect(server.api().map((s) => s.headers.authorization)).toEqual(["Bearer A", "Bearer A", "Bearer B", "Bearer B"]);
    });

    test("a short-lived token is renewed when a tenth of its life remains", async () => {
        server = await fakeServer([ok], [tokenOk(100)]);
        const c = client();
        await c.request("GET", "/x");
        clock.t += 89_000;
        await c.request("GET", "/x");
        expect(server.tokens()).toHaveLength(1);
        clock.t += 1_000;
        await c.request("GET", "/x");
        expect(server.tokens()).toHaveLength(2);
    });
});

describe("error bodies", () => {
    test("{error, error_description} and {message} bodies give the message; the body is kept", async () => {
        server = await fakeServer([json(403, { error: "forbidden", error_description: "insufficient scope" }), json(409, { message: "conflict here" })]);
        const c = client();
        const forbidden = await failure(c.request("GET", "/x"));
        expect(isIscApiError(forbidden) && forbidden.messages).toEqual(["insufficient scope"]);
        expect(isIscApiError(forbidden) && forbidden.body).toEqual({ error: "forbidden", error_description: "insufficient scope" });
        const conflict = await failure(c.request("DELETE", "/x"));
        expect(conflict.message).toBe("ISC rejected DELETE /x (409): conflict here");
    });

    test("causes are reported after messages; an empty body still gives status, method and path", async () => {
        server = await fakeServer([
            json(400, { detailCode: "400.1 Bad Request Content", messages: [{ text: "bad" }], causes: [{ text: "owner missing" }] }),
            (_q, r) => r.writeHead(404).end(),
        ]);
        const c = client();
        const bad = await failure(c.request("POST", "/v3/access-profiles", { body: {} }));
        expect(isIscApiError(bad) && bad.messages).toEqual(["bad", "owner missing"]);
        const missing = await failure(c.request("GET", "/v3/access-profiles/zz"));
        expect(missing.message).toBe("ISC rejected GET /v3/access-profiles/zz (404)");
        expect(isIscApiError(missing) && missing.body).toBeUndefined();
    });

    test("no error of any kind carries the secret or the token, in message, stack or JSON", async () => {
        server = await fakeServer([json(500, { detailCode: "500.0 Internal Fault" }), drop, json(400, {})]);
        const c = client({ maxAttempts: 1 });
        const errors = [
            await failure(c.request("GET", "/x")),
            await failure(c.request("POST", "/x", { body: { name: "x" } })),
            await failure(c.request("GET", "/x")),
        ];
        const token = (server.api()[0].headers.authorization ?? "").replace("Bearer ", "");
        expect(token).not.toBe("");
        expect(errors.map((e) => e.name)).toEqual(["IscApiError", "IscOutcomeUnknownError", "IscApiError"]);
        for (const e of errors) expectNoSecret(e, token);
    });
});

describe("settings: more", () => {
    test.each(["http://localhost:1", "http://127.0.0.1:1", "http://127.8.9.10:1", "http://[::1]:1", "https://acme.api.identitynow.com"])(
        "%s is accepted",
        (url) => {
            expect(() => checkUrl(url, "baseUrl")).not.toThrow();
        },
    );
    test.each(["http://10.0.0.1", "http://acme.api.identitynow.com", "http://localhost.evil.com", "ftp://127.0.0.1", "acme.api.identitynow.com"])(
        "%s is refused with an IscConfigError",
        (url) => {
            let thrown: unknown;
            try {
                checkUrl(url, "baseUrl");
            } catch (e) {
                thrown = e;
            }
            expect(isIscConfigError(thrown)).toBe(true);
        },
    );

    test("a plain-http token URL off loopback is refused before anything is sent", async () => {
        server = await fakeServer([ok]);
        const e = await failure(client({ tokenUrl: "http://idp.example.com/oauth/token" }).request("GET", "/x"));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toMatch(/tokenUrl/);
        expect(server.seen).toHaveLength(0);
    });

    test("a missing secret alone is named, with its option and variable; the constructor never throws", async () => {
        const saved = { ...process.env };
        try {
            delete process.env.SAIL_CLIENT_SECRET;
            delete process.env.SAIL_ACCESS_TOKEN;
            process.env.SAIL_CLIENT_ID = "env-id";
            const c = new IscClient({ baseUrl: "https://acme.api.identitynow.com" });
            const e = await failure(c.request("GET", "/x"));
            expect(isIscConfigError(e)).toBe(true);
            expect(e.message).toMatch(/clientSecret \(SAIL_CLIENT_SECRET\)/);
            expect(e.message).not.toMatch(/SAIL_CLIENT_ID/);
            expect(() => new IscClient()).not.toThrow();
        } finally {
            process.env = saved;
        }
    });

    test("a client id passed without its secret is named, and never completed from SAIL_CLIENT_SECRET", async () => {
        const saved = { ...process.env };
        try {
            process.env.SAIL_CLIENT_SECRET = SECRET;
            const c = new IscClient({ baseUrl: "https://acme.api.identitynow.com", clientId: "cid" });
            const e = await failure(c.request("GET", "/x"));
            expect(isIscConfigError(e)).toBe(true);
            expect(e.message).toMatch(/clientId was passed without clientSecret/);
            expectNoSecret(e);
        } finally {
            process.env = saved;
        }
    });

    test("explicit options win over SAIL_* variables", async () => {
        server = await fakeServer([ok]);
        const saved = { ...process.env };
        try {
            process.env.SAIL_BASE_URL = "https://elsewhere.example.com";
            process.env.SAIL_CLIENT_ID = "env-id";
            await client().request("GET", "/x");
            expect(new URLSearchParams(server.tokens()[0].body).get("client_id")).toBe("cid");
        } finally {
            process.env = saved;
        }
    });
});
