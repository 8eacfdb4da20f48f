/** The shared limiter seen through the client: what the server sees when many requests go at once. */
import { clearTokenCache, IscClient, IscClientOptions, RetryInfo } from "../../provider/src/client";
import { FakeClock, fakeServer, FakeServer, Handler, json } from "./fake-server";

let server: FakeServer | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await server?.close();
    server = undefined;
});

const ok = json(200, { ok: true });

function maxInWindow(times: number[], windowMs: number): number {
    return Math.max(0, ...times.map((t) => times.filter((u) => u > t - windowMs && u <= t).length));
}

test("300 requests at once on a fake clock: never more than the limit in any window", async () => {
    const clock = new FakeClock();
    const arrivals: number[] = [];
    // Answers are held until ten requests wait, so that a whole batch arrives before fake time moves on.
    let held: Array<() => void> = [];
    const stamp: Handler = (req, res, body) => {
        arrivals.push(clock.t);
        held.push(() => ok(req, res, body));
        if (held.length === 10) {
            const batch = held;
            held = [];
            for (const answer of batch) answer();
        }
    };
    server = await fakeServer([stamp]);
    const c = new IscClient({
        baseUrl: server.url,
        clientId: "cid",
        clientSecret: "s",
        now: clock.now,
        sleep: clock.sleep,
        rateLimit: { limit: 10, windowMs: 1000 },
    });
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => c.request("GET", `/x/${i}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(arrivals).toHaveLength(300);
    expect(maxInWindow(arrivals, 1000)).toBe(10);
    // At least 30 windows. (Fake time jumps while requests are on the wire, so the rate itself is measured in
    // real time below.)
    expect(arrivals[299] - arrivals[0]).toBeGreaterThanOrEqual(29_000);
    expect(c.stats()).toMatchObject({ requests: 300, retries: 0, throttled: 0 });
});

test("at the same limit as the server, in real time, no request is throttled (slots start at the answer)", async () => {
    const limit = 10;
    const windowMs = 250;
    const seen: number[] = [];
    let throttled = 0;
    // Counts on arrival, as ISC does; over the limit it answers 429.
    const limited: Handler = (req, res, body) => {
        const t = Date.now();
        const recent = seen.filter((u) => u > t - windowMs);
        if (recent.length >= limit) {
            throttled++;
            json(429, { message: " Rate Limit Exceeded " }, { "Retry-After": "1" })(req, res, body);
            return;
        }
        seen.push(t);
        ok(req, res, body);
    };
    server = await fakeServer([limited]);
    const options: IscClientOptions = { baseUrl: server.url, clientId: "cid", clientSecret: "s", rateLimit: { limit, windowMs }, maxAttempts: 1 };
    const started = Date.now();
    const paced = new IscClient(options);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => paced.request("GET", "/x")));
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(0);
    expect(throttled).toBe(0);
    // Five windows' worth: paced (at least four window lengths) but at the ceiling, not one at a time (12 s).
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(4 * windowMs);
    expect(elapsed).toBeLessThan(5000);

    // The same burst unpaced is throttled: the server above does enforce its limit.
    const unpaced = new IscClient({ ...options, rateLimit: null });
    const burst = await Promise.allSettled(Array.from({ length: 50 }, () => unpaced.request("GET", "/x")));
    expect(burst.filter((r) => r.status === "rejected").length).toBeGreaterThan(0);
    expect(throttled).toBeGreaterThan(0);
});

test("a 429 holds back every client of the same tenant and client id until Retry-After", async () => {
    const clock = new FakeClock();
    const arrivals: Array<{ url: string; t: number }> = [];
    const stamp =
        (h: Handler): Handler =>
        (req, res, body) => {
            arrivals.push({ url: req.url ?? "", t: clock.t });
            h(req, res, body);
        };
    server = await fakeServer([stamp(json(429, {}, { "Retry-After": "5" })), stamp(ok)]);
    const options = { baseUrl: server.url, clientId: "cid", clientSecret: "s", now: clock.now, sleep: clock.sleep };
    const other = new IscClient(options);
    let second: Promise<unknown> | undefined;
    const first = new IscClient({ ...options, onRetry: () => (second = other.request("GET", "/second")) });
    await first.request("GET", "/first");
    await second;
    const throttledAt = arrivals[0].t;
    expect(arrivals.map((a) => a.url)).toEqual(["/first", "/first", "/second"]);
    expect(arrivals[1].t - throttledAt).toBe(5000);
    expect(arrivals[2].t - throttledAt).toBe(5000);
    expect(other.stats().requests).toBe(1);
});

test("the retry budget runs from the first attempt: time spent in line is not retry time", async () => {
    const clock = new FakeClock();
    // Four answers, then a 500 for the fifth request, then success.
    server = await fakeServer([ok, ok, ok, ok, json(500, {}), ok]);
    const retries: RetryInfo[] = [];
    const c = new IscClient({
        baseUrl: server.url,
        clientId: "cid",
        clientSecret: "s",
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        rateLimit: { limit: 1, windowMs: 10_000 },
        retryBudgetMs: 5_000,
        onRetry: (r) => retries.push(r),
    });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => c.request("GET", `/x/${i}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ path: "/x/4", attempt: 1, delayMs: 250 });
});

test("a request that waited in line longer than the token lives gets a fresh token, not a 401", async () => {
    const clock = new FakeClock();
    server = await fakeServer([ok], [json(200, { access_token: "first", expires_in: 100 }), json(200, { access_token: "second", expires_in: 100 })]);
    const c = new IscClient({
        baseUrl: server.url,
        clientId: "cid",
        clientSecret: "s",
        now: clock.now,
        sleep: clock.sleep,
        rateLimit: { limit: 1, windowMs: 10_000 },
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => c.request("GET", `/x/${i}`)));
    const auth = server.api().map((s) => s.headers.authorization);
    expect(auth[0]).toBe("Bearer first");
    expect(auth[11]).toBe("Bearer second"); // sent 110 s after the first token was issued
    expect(server.tokens()).toHaveLength(2);
});
