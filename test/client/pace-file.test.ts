/**
 * Pacing across processes: a command started right after another must count the requests the other sent in the
 * last window (the cause of the 429s seen on a fast destroy after an up).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RateLimiter } from "../../provider/src/client";
import { PaceFiles } from "../../provider/src/client/pace-file";
import { FakeClock } from "./fake-server";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "isc-pace-test-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const rate = { limit: 10, windowMs: 10_000 };

async function takeAndAnswer(limiter: RateLimiter, n: number): Promise<void> {
    for (let i = 0; i < n; i++) (await limiter.acquire())();
}

test("a second process's limiter waits for the first one's slots to leave the window", async () => {
    const clock = new FakeClock();
    const first = new RateLimiter(rate, clock, new PaceFiles("https://t|cid", { dir, id: "first" }));
    await takeAndAnswer(first, 10);
    (first as unknown as { publishNow(): void }).publishNow();

    const second = new RateLimiter(rate, clock, new PaceFiles("https://t|cid", { dir, id: "second" }));
    expect(second.inWindow()).toBe(10);
    const before = clock.t;
    await takeAndAnswer(second, 1);
    // Not before the first process's first slot left the window.
    expect(clock.t - before).toBeGreaterThanOrEqual(rate.windowMs);
});

test("another key, or slots that already left the window, do not hold anyone back", async () => {
    const clock = new FakeClock();
    const first = new RateLimiter(rate, clock, new PaceFiles("https://t|cid", { dir, id: "first" }));
    await takeAndAnswer(first, 10);
    (first as unknown as { publishNow(): void }).publishNow();

    expect(new RateLimiter(rate, clock, new PaceFiles("https://t|other", { dir, id: "x" })).inWindow()).toBe(0);
    clock.t += rate.windowMs + 1;
    const later = new PaceFiles("https://t|cid", { dir, id: "later" });
    expect(new RateLimiter(rate, clock, later).inWindow()).toBe(0);
    // The expired file was cleaned up by that read.
    expect(fs.readdirSync(dir).filter((f) => f.endsWith("-first.json"))).toEqual([]);
});

test("the files hold times only: no URL, no client id", async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(rate, clock, new PaceFiles("https://acme.api.identitynow.com|my-client-id", { dir, id: "p" }));
    await takeAndAnswer(limiter, 3);
    (limiter as unknown as { publishNow(): void }).publishNow();
    const [file] = fs.readdirSync(dir);
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    expect(JSON.parse(text).ends).toHaveLength(3);
    expect(`${file}${text}`).not.toMatch(/acme|my-client-id/);
});

test("an unusable folder leaves pacing to this process alone", async () => {
    const blocked = path.join(dir, "not-a-dir");
    fs.writeFileSync(blocked, "");
    const store = new PaceFiles("k", { dir: blocked, id: "p" });
    expect(store.others(Date.now())).toEqual([]);
    expect(() => store.publish([Date.now() + 1000])).not.toThrow();
});
