/**
 * No error shows the client secret, a token or the Authorization header: not in its message, not in its JSON, not in
 * its cause's. Each error is an IscError with a literal Zpa name, and its guard takes it by that name (also after JSON).
 */
import { clearTokenCache } from "../../../provider/src/client";
import { isIscError } from "../../../provider/src/errors";
import * as zpaClient from "../../../provider/src/zpa/client";
import { clientOf, drop, failure, FakeClock, fakeZpa, json, SECRET, TOKEN_PREFIX, type FakeZpa, type Handler } from "./fake-zpa";

let zpa: FakeZpa | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await zpa?.close();
    zpa = undefined;
});

/** A token endpoint that refuses and echoes what it was sent, as a careless server might. */
const echoRefusal: Handler = (_req, res, body) => {
    res.writeHead(401, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ id: "invalid_client", reason: `refused ${body}` }));
};

/** An API that refuses and echoes the request's headers. */
const echoHeaders: Handler = (req, res) => {
    res.writeHead(400, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ id: "bad.request", reason: `refused ${req.headers.authorization}`, params: [String(req.headers.authorization)] }));
};

/** Every text an error exposes: message, JSON, and the same of each cause. */
function exposed(e: unknown): string {
    const out: string[] = [];
    for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) out.push(c.message, JSON.stringify(c), String(c));
    return out.join("\n");
}

type Case = [string, Handler[], Handler[] | undefined, "GET" | "POST", string];
const cases: Case[] = [
    ["ZpaAuthError (token refused twice)", [json(401, { id: "authn.failed", reason: "no" })], undefined, "GET", "ZpaAuthError"],
    ["ZpaAuthError (credentials refused)", [json(200, {})], [json(400, { id: "invalid_request" })], "GET", "ZpaAuthError"],
    ["ZpaApiError", [json(400, { id: "bad.request", reason: "invalid" })], undefined, "POST", "ZpaApiError"],
    ["ZpaOutcomeUnknownError", [drop], undefined, "POST", "ZpaOutcomeUnknownError"],
    ["ZpaNetworkError", [drop], undefined, "GET", "ZpaNetworkError"],
    ["ZpaApiError (an API that echoes the Authorization header)", [echoHeaders], undefined, "GET", "ZpaApiError"],
    ["ZpaApiError (token endpoint failing)", [json(200, {})], [json(503, { id: "unavailable" })], "GET", "ZpaApiError"],
];

describe.each(["legacy", "oneapi"] as const)("%s", (mode) => {
    test.each(cases)("%s: no secret, token or Authorization header", async (_name, api, token, method, name) => {
        zpa = await fakeZpa(api, token);
        const c = clientOf(zpa, mode, new FakeClock(), { maxAttempts: 2 });
        const e = await failure(c.request(method, "/thing", method === "POST" ? { body: { name: "x" } } : {}));
        expect(e.name).toBe(name);
        expect(isIscError(e)).toBe(true);
        const text = exposed(e);
        expect(text).not.toContain(SECRET);
        expect(text).not.toContain(TOKEN_PREFIX);
        // The client writes no header into an error; an echoing server's "Bearer <token>" comes out redacted.
        expect(text).not.toMatch(/authorization:|bearer (?!\[redacted\])/i);
    });

    test("a token endpoint that echoes the form: the secret is not repeated", async () => {
        zpa = await fakeZpa([json(200, {})], [echoRefusal]);
        const e = await failure(clientOf(zpa, mode, new FakeClock()).request("GET", "/thing"));
        expect(e.name).toBe("ZpaAuthError");
        expect(exposed(e)).not.toContain(SECRET);
    });
});

test("each error has its literal name, is an IscError, and its guard takes it by name (after JSON too) and no other", () => {
    const errors = [
        new zpaClient.ZpaApiError(404, "GET", "/x", { errorId: "resource.not.found", reason: "gone" }),
        new zpaClient.ZpaAuthError("refused", 401, "zpa:clientId/zpa:clientSecret"),
        new zpaClient.ZpaConfigError("bad"),
        new zpaClient.ZpaNetworkError("GET", "/x", "reset"),
        new zpaClient.ZpaOutcomeUnknownError("POST", "/x", "dropped"),
    ];
    const guards = [
        zpaClient.isZpaApiError,
        zpaClient.isZpaAuthError,
        zpaClient.isZpaConfigError,
        zpaClient.isZpaNetworkError,
        zpaClient.isZpaOutcomeUnknownError,
    ];
    expect(errors.map((e) => e.name)).toEqual(["ZpaApiError", "ZpaAuthError", "ZpaConfigError", "ZpaNetworkError", "ZpaOutcomeUnknownError"]);
    errors.forEach((e, i) => {
        expect(isIscError(e)).toBe(true);
        expect(isIscError(JSON.parse(JSON.stringify(e)))).toBe(true);
        guards.forEach((guard, j) => {
            expect(guard(e)).toBe(i === j);
            expect(guard(JSON.parse(JSON.stringify(e)))).toBe(i === j);
        });
    });
    expect(JSON.parse(JSON.stringify(errors[0]))).toEqual({
        name: "ZpaApiError",
        status: 404,
        method: "GET",
        path: "/x",
        errorId: "resource.not.found",
        reason: "gone",
    });
});
