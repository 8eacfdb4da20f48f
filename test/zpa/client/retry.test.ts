/**
 * The generic retry rules as the ZPA client applies them: 429 after Retry-After (else backoff), 5xx and dropped
 * connections repeated for GET, PUT and DELETE, a POST never repeated once it may have been applied
 * (ZpaOutcomeUnknownError), and every retry bounded by maxAttempts. Waits go through the injected sleep.
 */
import { clearTokenCache, isIscTransportError } from "../../../provider/src/client";
import { isZpaApiError, isZpaOutcomeUnknownError, type ZpaMethod } from "../../../provider/src/zpa/client";
import { clientOf, drop, failure, FakeClock, fakeZpa, json, type FakeZpa } from "./fake-zpa";

let zpa: FakeZpa | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await zpa?.close();
    zpa = undefined;
});

const ok = json(200, { id: "1" });
/** The first backoff with jitter fixed at 0.5: half of 500 ms. */
const FIRST_BACKOFF = 250;

describe("429", () => {
    test("Retry-After is honoured (the wait goes through the injected sleep) and counted as throttled", async () => {
        zpa = await fakeZpa([json(429, { id: "too.many.requests" }, { "Retry-After": "7" }), ok]);
        const clock = new FakeClock();
        const c = clientOf(zpa, "legacy", clock);
        const started = clock.t;
        await c.request("GET", "/thing");
        expect(clock.sleeps).toEqual([7000]);
        expect(zpa.api()).toHaveLength(2);
        expect(clock.t - started).toBeGreaterThanOrEqual(7000);
        expect(c.stats).toEqual({ requests: 2, retries: 1, throttled: 1 });
    });

    test("a POST is repeated too: a 429 applied nothing", async () => {
        zpa = await fakeZpa([json(429, "", { "Retry-After": "2" }), json(201, { id: "9" })]);
        const clock = new FakeClock();
        const res = await clientOf(zpa, "oneapi", clock).request("POST", "/thing", { body: { name: "x" } });
        expect(res.status).toBe(201);
        expect(clock.sleeps).toEqual([2000]);
        expect(zpa.api().map((s) => s.method)).toEqual(["POST", "POST"]);
    });

    test("without Retry-After: backoff", async () => {
        zpa = await fakeZpa([json(429, {}), ok]);
        const clock = new FakeClock();
        await clientOf(zpa, "legacy", clock).request("GET", "/thing");
        expect(clock.sleeps).toEqual([FIRST_BACKOFF]);
    });

    test("bounded by maxAttempts: the error says the rate limit was hit and how often it was tried", async () => {
        zpa = await fakeZpa([json(429, { id: "too.many.requests", reason: "slow down" }, { "Retry-After": "1" })]);
        const c = clientOf(zpa, "legacy", new FakeClock(), { maxAttempts: 3 });
        const e = await failure(c.request("GET", "/thing"));
        expect(isZpaApiError(e)).toBe(true);
        expect(e.message).toBe("ZPA rejected GET /thing (429 too.many.requests): slow down (rate limit hit: retries exhausted after 3 attempts)");
        expect(zpa.api()).toHaveLength(3);
        expect(c.stats).toEqual({ requests: 3, retries: 2, throttled: 3 });
    });
});

describe("5xx and dropped connections", () => {
    const safe: ZpaMethod[] = ["GET", "PUT", "DELETE"];
    test.each(safe)("%s: a 503 is repeated after backoff", async (method) => {
        zpa = await fakeZpa([json(503, { id: "service.unavailable" }), json(204, "")]);
        const clock = new FakeClock();
        const res = await clientOf(zpa, "legacy", clock).request(method, "/thing/1", method === "PUT" ? { body: { id: "1" } } : {});
        expect(res.status).toBe(204);
        expect(zpa.api().map((s) => s.method)).toEqual([method, method]);
        expect(clock.sleeps).toEqual([FIRST_BACKOFF]);
    });

    test.each(safe)("%s: a dropped connection is repeated after backoff", async (method) => {
        zpa = await fakeZpa([drop, json(204, "")]);
        const clock = new FakeClock();
        const res = await clientOf(zpa, "oneapi", clock).request(method, "/thing/1");
        expect(res.status).toBe(204);
        expect(zpa.api()).toHaveLength(2);
        expect(clock.sleeps).toEqual([FIRST_BACKOFF]);
    });

    test("GET: bounded by maxAttempts, then a ZpaApiError with Zscaler's id and reason", async () => {
        zpa = await fakeZpa([json(500, { id: "internal.error", reason: "try later" })]);
        const clock = new FakeClock();
        const e = await failure(clientOf(zpa, "legacy", clock, { maxAttempts: 4 }).request("GET", "/thing/1"));
        expect(isZpaApiError(e)).toBe(true);
        expect(e).toMatchObject({ status: 500, method: "GET", path: "/thing/1", errorId: "internal.error", reason: "try later" });
        expect(e.message).toBe("ZPA rejected GET /thing/1 (500 internal.error): try later (gave up after 4 attempts)");
        expect(zpa.api()).toHaveLength(4);
        expect(clock.sleeps).toEqual([250, 500, 1000]);
    });

    test("POST answered 500: ZpaOutcomeUnknownError at once, the answer as its cause", async () => {
        zpa = await fakeZpa([json(500, { id: "internal.error", reason: "boom" }), ok]);
        const c = clientOf(zpa, "legacy", new FakeClock());
        const e = await failure(c.request("POST", "/thing", { body: { name: "x" } }));
        expect(isZpaOutcomeUnknownError(e)).toBe(true);
        expect(e.message).toBe("POST /thing: the request may or may not have taken effect (ZPA answered 500 internal.error)");
        expect(isZpaApiError(e.cause)).toBe(true);
        expect(e.cause).toMatchObject({ status: 500, errorId: "internal.error", reason: "boom" });
        expect(zpa.api()).toHaveLength(1);
    });

    test("POST whose connection dropped: ZpaOutcomeUnknownError at once, the transport failure as its cause", async () => {
        zpa = await fakeZpa([drop, ok]);
        const c = clientOf(zpa, "oneapi", new FakeClock());
        const e = await failure(c.request("POST", "/thing", { body: { name: "x" } }));
        expect(isZpaOutcomeUnknownError(e)).toBe(true);
        expect(isIscTransportError(e.cause) && e.cause.sent).toBe(true);
        expect(zpa.api()).toHaveLength(1);
    });
});

describe("answers that are final", () => {
    test("404 resource.not.found: a ZpaApiError with the body's id and reason, not retried", async () => {
        zpa = await fakeZpa([json(404, { id: "resource.not.found", reason: "Resource not found (9)" })]);
        const c = clientOf(zpa, "legacy", new FakeClock());
        const e = await failure(c.request("GET", "/thing/9"));
        expect(e).toMatchObject({ name: "ZpaApiError", status: 404, errorId: "resource.not.found", body: { id: "resource.not.found" } });
        expect(e.message).toBe("ZPA rejected GET /thing/9 (404 resource.not.found): Resource not found (9)");
        expect(zpa.api()).toHaveLength(1);
    });

    test("a 409 that is not the edit lock is not retried", async () => {
        zpa = await fakeZpa([json(409, { id: "duplicate.name", reason: "name taken" }), ok]);
        const e = await failure(clientOf(zpa, "legacy", new FakeClock()).request("POST", "/thing", { body: {} }));
        expect(e).toMatchObject({ name: "ZpaApiError", status: 409, errorId: "duplicate.name" });
        expect(zpa.api()).toHaveLength(1);
    });
});
