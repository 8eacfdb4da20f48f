/**
 * Zscaler's own transient answers, retried for every method (nothing was applied): a 401 saying SESSION_NOT_VALID or
 * "Resource Access Blocked" (with a new token and backoff) and 409/412 EDIT_LOCK_NOT_AVAILABLE (with backoff);
 * bounded by maxAttempts.
 */
import { clearTokenCache } from "../../../provider/src/client";
import { isZpaApiError, isZpaAuthError, type ZpaMethod } from "../../../provider/src/zpa/client";
import { clientOf, failure, FakeClock, fakeZpa, json, type FakeZpa } from "./fake-zpa";

let zpa: FakeZpa | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await zpa?.close();
    zpa = undefined;
});

const ok = json(200, { id: "1" });
const methods: ZpaMethod[] = ["GET", "POST", "PUT", "DELETE"];
const sessionNotValid = json(401, { id: "SESSION_NOT_VALID", reason: "Session is not valid" });
const accessBlocked = json(401, { id: "authn.failed", reason: "Resource Access Blocked" });
const editLock = (status: number) => json(status, { id: "EDIT_LOCK_NOT_AVAILABLE", reason: "Failed to acquire the edit lock" });

describe("401 SESSION_NOT_VALID and Resource Access Blocked", () => {
    test.each(methods)("%s: SESSION_NOT_VALID is retried after backoff with a new token", async (method) => {
        zpa = await fakeZpa([sessionNotValid, ok]);
        const clock = new FakeClock();
        const c = clientOf(zpa, "legacy", clock);
        await c.request(method, "/thing/1", method === "POST" || method === "PUT" ? { body: { name: "x" } } : {});
        expect(zpa.api().map((s) => s.method)).toEqual([method, method]);
        expect(clock.sleeps).toEqual([250]);
        expect(zpa.tokens()).toHaveLength(2);
        const [first, second] = zpa.bearers();
        expect(second).not.toBe(first);
        expect(c.stats).toEqual({ requests: 2, retries: 1, throttled: 0 });
    });

    test("Resource Access Blocked (sent instead of 429 under load) is retried after backoff", async () => {
        zpa = await fakeZpa([accessBlocked, accessBlocked, ok]);
        const clock = new FakeClock();
        await clientOf(zpa, "oneapi", clock).request("POST", "/thing", { body: {} });
        expect(zpa.api()).toHaveLength(3);
        expect(clock.sleeps).toEqual([250, 500]);
    });

    test("bounded by maxAttempts (the one free renewal of a plain 401 does not add to it): a ZpaAuthError", async () => {
        zpa = await fakeZpa([sessionNotValid]);
        const c = clientOf(zpa, "legacy", new FakeClock(), { maxAttempts: 3 });
        const e = await failure(c.request("GET", "/thing/1"));
        expect(isZpaAuthError(e)).toBe(true);
        expect(e.message).toContain("GET /thing/1 (401 SESSION_NOT_VALID: Session is not valid) (gave up after 3 attempts)");
        expect(e).toMatchObject({ status: 401, credentialSource: "ZPA_CLIENT_ID/ZPA_CLIENT_SECRET" });
        expect(zpa.api()).toHaveLength(3);
    });
});

describe("409/412 EDIT_LOCK_NOT_AVAILABLE", () => {
    test.each([409, 412])("%s is retried after backoff, for a POST too", async (status) => {
        zpa = await fakeZpa([editLock(status), json(201, { id: "2" })]);
        const clock = new FakeClock();
        const c = clientOf(zpa, "legacy", clock);
        const res = await c.request("POST", "/thing", { body: { name: "x" } });
        expect(res.status).toBe(201);
        expect(zpa.api()).toHaveLength(2);
        expect(clock.sleeps).toEqual([250]);
        expect(zpa.tokens()).toHaveLength(1);
        expect(c.stats).toEqual({ requests: 2, retries: 1, throttled: 0 });
    });

    test("bounded by maxAttempts: a ZpaApiError with the lock's id", async () => {
        zpa = await fakeZpa([editLock(412)]);
        const c = clientOf(zpa, "oneapi", new FakeClock(), { maxAttempts: 2 });
        const e = await failure(c.request("PUT", "/thing/1", { body: {} }));
        expect(isZpaApiError(e)).toBe(true);
        expect(e.message).toBe("ZPA rejected PUT /thing/1 (412 EDIT_LOCK_NOT_AVAILABLE): Failed to acquire the edit lock (gave up after 2 attempts)");
        expect(zpa.api()).toHaveLength(2);
    });
});
