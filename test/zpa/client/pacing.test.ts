/**
 * Pacing: two sliding-window limiters per (base URL, customer id, client id), reads (GET) and writes (POST, PUT,
 * DELETE) counted apart. Time is a manual clock that moves only when the test says so: once every limiter with a
 * waiting request sleeps, nothing more can go out until the clock is advanced, so what has arrived by then is
 * exactly what the windows let through.
 */
import { clearTokenCache } from "../../../provider/src/client";
import type { ZpaMethod } from "../../../provider/src/zpa/client";
import { clientOf, FakeClock, fakeZpa, type FakeZpa, type Handler } from "./fake-zpa";

let zpa: FakeZpa | undefined;
beforeEach(() => clearTokenCache());
afterEach(async () => {
    await zpa?.close();
    zpa = undefined;
});

/** A clock whose sleeps end only when `advance` moves time past them. */
class ManualClock extends FakeClock {
    pending: Array<{ at: number; resolve: () => void }> = [];
    override sleep = (ms: number): Promise<void> => {
        this.sleeps.push(ms);
        return new Promise<void>((resolve) => this.pending.push({ at: this.t + ms, resolve }));
    };
    advance(ms: number): void {
        this.t += ms;
        const due = this.pending.filter((p) => p.at <= this.t);
        this.pending = this.pending.filter((p) => p.at > this.t);
        for (const p of due) p.resolve();
    }
}

/** Waits (yielding to the event loop) until `condition` holds; fails naming `state()` if it does not within 5 s. */
async function until(condition: () => boolean, state: () => unknown): Promise<void> {
    for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
    if (!condition()) throw new Error(`never reached: ${JSON.stringify(state())}`);
}

/** Answers at once and notes what arrived. */
function noting(arrivals: string[]): Handler {
    return (req, res) => {
        arrivals.push(`${req.method} ${(req.url ?? "").replace(/^.*\/customers\/\d+/, "")}`);
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end("{}");
    };
}

test("reads and writes have their own windows: 2 GETs and 1 PUT go at once, the third GET and second PUT wait 10 s", async () => {
    const clock = new ManualClock();
    const arrivals: string[] = [];
    zpa = await fakeZpa([noting(arrivals)]);
    const c = clientOf(zpa, "legacy", clock, { readsPer10Seconds: 2, writesPer10Seconds: 1 });
    const calls: Array<[ZpaMethod, string]> = [
        ["GET", "/r1"],
        ["GET", "/r2"],
        ["GET", "/r3"],
        ["PUT", "/w1"],
        ["PUT", "/w2"],
    ];
    const done = Promise.all(calls.map(([m, p]) => c.request(m, p, m === "PUT" ? { body: {} } : {})));
    await until(
        () => arrivals.length === 3 && clock.pending.length === 2,
        () => ({ arrivals, sleeping: clock.pending.length }),
    );
    expect(arrivals.sort()).toEqual(["GET /r1", "GET /r2", "PUT /w1"]);
    expect(clock.sleeps).toEqual([10_000, 10_000]);
    clock.advance(10_000);
    await done;
    expect(arrivals.slice(3).sort()).toEqual(["GET /r3", "PUT /w2"]);
    expect(c.stats).toEqual({ requests: 5, retries: 0, throttled: 0 });
});

test("defaults: 20 reads and 10 writes per 10 s", async () => {
    const clock = new ManualClock();
    const arrivals: string[] = [];
    zpa = await fakeZpa([noting(arrivals)]);
    const c = clientOf(zpa, "oneapi", clock);
    const done = Promise.all([
        ...Array.from({ length: 21 }, (_, i) => c.request("GET", `/r${i}`)),
        ...Array.from({ length: 11 }, (_, i) => c.request("DELETE", `/w${i}`)),
    ]);
    await until(
        () => arrivals.length === 30 && clock.pending.length === 2,
        () => ({ arrivals: arrivals.length, sleeping: clock.pending.length }),
    );
    expect(arrivals.filter((a) => a.startsWith("GET"))).toHaveLength(20);
    expect(arrivals.filter((a) => a.startsWith("DELETE"))).toHaveLength(10);
    clock.advance(10_000);
    await done;
    expect(arrivals).toHaveLength(32);
});

test("the windows are shared by every client of one (base URL, customer id, client id), and only by them", async () => {
    const clock = new ManualClock();
    const arrivals: string[] = [];
    zpa = await fakeZpa([noting(arrivals)]);
    const options = { readsPer10Seconds: 1 };
    const a = clientOf(zpa, "legacy", clock, options);
    const sameKey = clientOf(zpa, "legacy", clock, options);
    const otherCustomer = clientOf(zpa, "legacy", clock, { ...options, customerId: "42" });
    const done = Promise.all([a.request("GET", "/a"), otherCustomer.request("GET", "/other"), sameKey.request("GET", "/same")]);
    await until(
        () => arrivals.length === 2 && clock.pending.length === 1,
        () => ({ arrivals, sleeping: clock.pending.length }),
    );
    expect(arrivals.sort()).toEqual(["GET /a", "GET /other"]);
    clock.advance(10_000);
    await done;
    expect(arrivals[2]).toBe("GET /same");
});
