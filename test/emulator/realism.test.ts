/** The emulator's realism knobs (rate limit, consistency lag, faults, tokens), its admin API and its CLI. */
import { main, parseArgs } from "../../emulator/cli";
import { type Emulator, type EmulatorOptions, type RateLimitScope, startEmulator } from "../../emulator";
import { type Answer, expectIscError, getToken, ids, tenant } from "./helpers";

describe("rate limit", () => {
    test("over the limit per client id: 429, ISC's body, and a Retry-After that frees a slot", async () => {
        const t = await tenant({ rateLimit: { limit: 5, windowMs: 5000 } });
        try {
            const statuses: number[] = [];
            for (let i = 0; i < 5; i++) statuses.push((await t.api("GET", "/v2025/segments")).status);
            expect(statuses).toEqual([200, 200, 200, 200, 200]);
            const limited = await t.api("GET", "/v2025/segments");
            expect(limited.status).toBe(429);
            expect(limited.body).toEqual({ message: " Rate Limit Exceeded " });
            const retryAfter = Number(limited.headers.get("retry-after"));
            expect(retryAfter).toBeGreaterThanOrEqual(1);
            expect(retryAfter).toBeLessThanOrEqual(5);
            // By default another API version shares the budget.
            expect((await t.api("GET", "/v3/segments")).status).toBe(429);
            await new Promise((r) => setTimeout(r, retryAfter * 1000));
            expect((await t.api("GET", "/v2025/segments")).status).toBe(200);
            // The admin API is never limited.
            for (let i = 0; i < 20; i++) await t.admin.state();
        } finally {
            await t.close();
        }
    });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("rate limit, continued", () => {
    test("the token endpoint and 401s are outside the limit; a config change applies at once", async () => {
        const t = await tenant({ rateLimit: { limit: 2, windowMs: 60_000 } });
        try {
            for (let i = 0; i < 5; i++) expect((await getToken(t.emu.url)).status).toBe(200);
            expect((await t.api("GET", "/v3/segments")).status).toBe(200);
            expect((await t.api("GET", "/v3/segments")).status).toBe(200);
            const limited = await t.api("GET", "/v3/segments");
            expect(limited.status).toBe(429);
            // The oldest request leaves a 60 s window in about 60 s.
            expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(50);
            await t.admin.setConfig({ rateLimit: null });
            expect((await t.api("GET", "/v3/segments")).status).toBe(200);
            await t.admin.setConfig({ rateLimit: { limit: 1, windowMs: 60_000, scope: "client-version" } });
            expect((await t.api("GET", "/v2024/segments")).status).toBe(200);
            expect((await t.api("GET", "/v2024/segments")).status).toBe(429);
            const log = await t.admin.requests();
            expect(log.filter((r) => r.status === 429).every((r) => r.fault === null && !r.applied)).toBe(true);
        } finally {
            await t.close();
        }
    });

    test("each client id has its own budget", async () => {
        const t = await tenant({
            rateLimit: { limit: 1, windowMs: 60_000 },
            clients: [
                { id: "demo-client", secret: "demo-secret" },
                { id: "other", secret: "s2" },
            ],
        });
        try {
            expect((await t.api("GET", "/v3/segments")).status).toBe(200);
            expect((await t.api("GET", "/v3/segments")).status).toBe(429);
            const other = (await getToken(t.emu.url, "other", "s2")).body.access_token as string;
            expect((await t.api("GET", "/v3/segments", undefined, { Authorization: `Bearer ${other}` })).status).toBe(200);
        } finally {
            await t.close();
        }
    });
});

describe("rate limit scope", () => {
    const alternating = ["/v3/segments", "/v2025/access-profiles", "/beta/segments", "/v2024/access-profiles", "/segments/v1", "/access-profiles/v1"];

    test("by default every version prefix and both collections share one budget per client id", async () => {
        const t = await tenant({ rateLimit: { limit: 3, windowMs: 60_000 } });
        try {
            expect((await t.admin.config()).rateLimit).toEqual({ limit: 3, windowMs: 60_000, scope: "client" });
            const statuses: number[] = [];
            for (const path of alternating) statuses.push((await t.api("GET", path)).status);
            expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
        } finally {
            await t.close();
        }
    });

    test('scope "client-version": each version prefix has its own budget, shared by both collections', async () => {
        const t = await tenant({ rateLimit: { limit: 1, windowMs: 60_000, scope: "client-version" } });
        try {
            expect((await t.api("GET", "/v3/segments")).status).toBe(200);
            expect((await t.api("GET", "/v3/access-profiles")).status).toBe(429);
            expect((await t.api("GET", "/v2025/access-profiles")).status).toBe(200);
            expect((await t.api("GET", "/v2025/segments")).status).toBe(429);
            expect((await t.api("GET", "/beta/segments")).status).toBe(200);
            expect((await t.api("GET", "/v2024/segments")).status).toBe(200);
            expect((await t.api("GET", "/segments/v1")).status).toBe(200);
            // Switching the scope at run time keeps the requests already counted: 5 accepted, one window.
            await t.admin.setConfig({ rateLimit: { scope: "client", limit: 6 } });
            expect((await t.api("GET", "/access-profiles/v1")).status).toBe(200);
            expect((await t.api("GET", "/v3/segments")).status).toBe(429);
        } finally {
            await t.close();
        }
    });

    test("Retry-After counts from the oldest request of the client, whatever its version; refused requests do not count", async () => {
        const t = await tenant({ rateLimit: { limit: 2, windowMs: 3000 } });
        try {
            expect((await t.api("GET", "/v3/segments")).status).toBe(200);
            await sleep(1200);
            expect((await t.api("GET", "/v2025/segments")).status).toBe(200);
            const limited = await t.api("GET", "/v2024/segments");
            expect(limited.status).toBe(429);
            // The /v3 request leaves the window about 1.8 s from now (2 s rounded up); the /v2025 one only after 3 s.
            const retryAfter = Number(limited.headers.get("retry-after"));
            expect(retryAfter).toBe(2);
            await sleep(retryAfter * 1000);
            // One slot is free (the /v3 request left), the /v2025 one still counts.
            expect((await t.api("GET", "/beta/segments")).status).toBe(200);
            expect((await t.api("GET", "/v3/segments")).status).toBe(429);
        } finally {
            await t.close();
        }
    }, 15_000);

    test("startEmulator checks its rate limit option", async () => {
        // The refusal's message, or "started" (and the emulator closed again, so a missing check fails instead of hanging).
        const refusal = async (rateLimit: EmulatorOptions["rateLimit"]): Promise<string> => {
            let emu: Emulator;
            try {
                emu = await startEmulator({ port: 0, rateLimit });
            } catch (e) {
                return (e as Error).message;
            }
            await emu.close();
            return "started";
        };
        expect(await refusal({ limit: 5, windowMs: 1000, scope: "per-token" as unknown as RateLimitScope })).toMatch(
            /^startEmulator: rateLimit\.scope must be "client" or "client-version"; got "per-token"/,
        );
        expect(await refusal({ limit: 0, windowMs: 1000 })).toMatch(/rateLimit\.limit/);
        expect(await refusal({ limit: 5, windowMs: 1000, scope: "client-version" })).toBe("started");
    });
});

describe("consistency lag", () => {
    test("a new object may 404, an update may read stale, a deleted object may still be returned; writes apply to the truth", async () => {
        // A lag far longer than a burst of reads takes, even on a loaded machine, so that what a read sees
        // depends on the seeded draw, not on timing.
        const LAG = 4000;
        const t = await tenant({ seed: 9, rateLimit: null, consistencyLagMs: LAG });
        const sample = async (path: string, until: (status: number, body: { name?: string }) => boolean): Promise<boolean> => {
            for (let i = 0; i < 40; i++) {
                const r = await t.api<{ name?: string }>("GET", path);
                if (until(r.status, r.body)) return true;
            }
            return false;
        };
        try {
            // Create, wait, update, wait: a read now sees one of three moments, depending on its seeded draw.
            const created = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "v1" });
            const path = `/v2025/segments/${created.body.id}`;
            await sleep(1500);
            // A write applies to the latest state, whatever the replicas show.
            expect((await t.api("PATCH", path, [{ op: "replace", path: "/name", value: "v2" }])).status).toBe(200);
            expect((await t.admin.getObject("segments", created.body.id)).name).toBe("v2"); // the truth
            await sleep(1500);
            const seen = new Set<string>();
            for (let i = 0; i < 40; i++) {
                const r = await t.api<{ name?: string }>("GET", path);
                seen.add(r.status === 200 ? r.body.name! : String(r.status));
            }
            expect([...seen].sort()).toEqual(["404", "v1", "v2"]); // not yet created, stale, fresh
            expect((await t.api("DELETE", path)).status).toBe(204);
            expect(await sample(path, (status) => status === 200)).toBe(true); // still visible on some replicas
            await sleep(LAG + 100);
            expect((await t.api("GET", path)).status).toBe(404); // and gone once the lag has passed
            expect((await t.api<unknown[]>("GET", "/v2025/segments")).body).toEqual([]);
        } finally {
            await t.close();
        }
    }, 20_000);

    test("objects made, drifted or deleted through the admin API are seen at once, whatever the lag", async () => {
        const t = await tenant({ rateLimit: null, consistencyLagMs: 60_000 });
        try {
            const seg = await t.admin.createObject("segments", { name: "made by hand" });
            const path = `/v2025/segments/${seg.id}`;
            for (let i = 0; i < 10; i++) expect((await t.api<{ name: string }>("GET", path)).body.name).toBe("made by hand");
            await t.admin.drift("segments", seg.id, { name: "renamed by hand" });
            for (let i = 0; i < 10; i++) expect((await t.api<{ name: string }>("GET", path)).body.name).toBe("renamed by hand");
            await t.admin.deleteObject("segments", seg.id);
            for (let i = 0; i < 10; i++) expect((await t.api("GET", path)).status).toBe(404);
            expect((await t.api<unknown[]>("GET", "/v2025/segments")).body).toEqual([]);
        } finally {
            await t.close();
        }
    });

    test("with no lag every read is fresh", async () => {
        const t = await tenant({ rateLimit: null });
        try {
            const created = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "fresh" });
            for (let i = 0; i < 10; i++) expect((await t.api("GET", `/v2025/segments/${created.body.id}`)).status).toBe(200);
        } finally {
            await t.close();
        }
    });
});

describe("faults", () => {
    test("5xx, dropped connections and spurious 429s happen at the configured rates, reproducibly under a seed", async () => {
        const run = async () => {
            const t = await tenant({ seed: 4, rateLimit: null, faults: { serverErrorRate: 0.2, dropRate: 0.1, rateLimitRate: 0.1 } });
            try {
                const outcomes: string[] = [];
                for (let i = 0; i < 200; i++) {
                    try {
                        outcomes.push(String((await t.api("GET", "/v2025/segments")).status));
                    } catch {
                        outcomes.push("drop");
                    }
                }
                const log = await t.admin.requests();
                return { outcomes, faults: log.filter((r) => r.path === "/v2025/segments").map((r) => r.fault) };
            } finally {
                await t.close();
            }
        };
        const a = await run();
        const count = (s: string) => a.outcomes.filter((o) => o === s).length;
        expect(count("500")).toBeGreaterThan(20);
        expect(count("500")).toBeLessThan(60);
        expect(count("drop")).toBeGreaterThan(8);
        expect(count("429")).toBeGreaterThan(8);
        expect(count("200")).toBeGreaterThan(90);
        expect(a.faults.filter((f) => f === "drop").length).toBe(count("drop"));
        const b = await run();
        expect(b.faults).toEqual(a.faults); // same seed, same faults
    });

    test("applyBeforeFaultShare: a faulted write may have been applied, and the log says so", async () => {
        const t = await tenant({ seed: 2, rateLimit: null, faults: { serverErrorRate: 1, applyBeforeFaultShare: 0.5 } });
        try {
            const answers: number[] = [];
            for (let i = 0; i < 20; i++) answers.push((await t.api("POST", "/v2025/segments", { name: `maybe ${i}` })).status);
            expect(new Set(answers)).toEqual(new Set([500]));
            const posts = (await t.admin.requests()).filter((r) => r.method === "POST" && r.path === "/v2025/segments");
            const applied = posts.filter((r) => r.applied).length;
            expect(applied).toBeGreaterThan(3);
            expect(applied).toBeLessThan(17);
            expect((await t.admin.state()).segments).toHaveLength(applied);
        } finally {
            await t.close();
        }
    });

    test("a spurious 429 says Retry-After: 1 and is logged as a rate-limit fault", async () => {
        const t = await tenant({ rateLimit: null, faults: { rateLimitRate: 1 } });
        try {
            const r = await t.api("POST", "/v2025/segments", { name: "never" });
            expect(r.status).toBe(429);
            expect(r.headers.get("retry-after")).toBe("1");
            expect(r.body).toEqual({ message: " Rate Limit Exceeded " });
            const log = await t.admin.requests();
            expect(log[log.length - 1]).toMatchObject({ status: 429, fault: "rate-limit", applied: false });
            expect((await t.admin.state()).segments).toEqual([]);
        } finally {
            await t.close();
        }
    });

    test("a dropped write may have been applied: the client sees a network error, the log and the tenant show the change", async () => {
        const t = await tenant({ rateLimit: null, faults: { dropRate: 1, applyBeforeFaultShare: 1 } });
        try {
            await expect(t.api("POST", "/v2025/segments", { name: "ghost" })).rejects.toThrow();
            const log = await t.admin.requests();
            expect(log[log.length - 1]).toMatchObject({ method: "POST", status: 0, fault: "drop", applied: true });
            expect((await t.admin.state()).segments.map((s) => s.name)).toEqual(["ghost"]);
            // With applyBeforeFaultShare 0 a faulted write never changes anything.
            await t.admin.setConfig({ faults: { applyBeforeFaultShare: 0, dropRate: 0, serverErrorRate: 1 } });
            expect((await t.api("POST", "/v2025/segments", { name: "nothing" })).status).toBe(500);
            expect((await t.admin.state()).segments.map((s) => s.name)).toEqual(["ghost"]);
        } finally {
            await t.close();
        }
    });

    test("the token endpoint and the admin API are never faulted", async () => {
        const t = await tenant({ rateLimit: null, faults: { serverErrorRate: 1 } });
        try {
            for (let i = 0; i < 5; i++) expect((await getToken(t.emu.url)).status).toBe(200);
            for (let i = 0; i < 5; i++) await t.admin.state();
            expectIscError(await t.api("GET", "/v2025/segments"), 500, "500.0 Internal Fault");
        } finally {
            await t.close();
        }
    });

    test("latency is added to API requests", async () => {
        const t = await tenant({ rateLimit: null, faults: { latencyMs: 150 } });
        try {
            const started = Date.now();
            await t.api("GET", "/v2025/segments");
            expect(Date.now() - started).toBeGreaterThanOrEqual(140);
        } finally {
            await t.close();
        }
    });
});

describe("admin API", () => {
    test("reset, state, objects, drift, in-use, requests (secret redacted), config and token expiry", async () => {
        const t = await tenant({ seed: 6 });
        try {
            const x = ids(t);
            const seg = await t.admin.createObject("segments", { name: "direct", active: true });
            expect((await t.admin.getObject("segments", seg.id)).name).toBe("direct");
            const drifted = await t.admin.drift("segments", seg.id, { description: "changed in the UI" });
            expect(drifted.description).toBe("changed in the UI");
            expect(Date.parse(drifted.modified)).toBeGreaterThanOrEqual(Date.parse(seg.modified));
            expect((await t.api<{ description: string }>("GET", `/v2025/segments/${seg.id}`)).body.description).toBe("changed in the UI");

            const ap = await t.admin.createObject("access-profiles", {
                name: "ap",
                owner: { type: "IDENTITY", id: x.alice },
                source: { type: "SOURCE", id: x.ad },
            });
            await t.admin.setInUse(ap.id, true);
            expect((await t.admin.state()).inUse).toEqual([ap.id]);
            await t.admin.deleteObject("access-profiles", ap.id);
            expect((await t.admin.state()).accessProfiles).toEqual([]);

            await t.admin.clearRequests();
            await getToken(t.emu.url);
            await t.api("GET", "/v2025/segments?limit=1");
            const log = await t.admin.requests();
            expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["POST /oauth/token 200", "GET /v2025/segments 200"]);
            expect(log[0].requestBody).toMatchObject({ client_id: "demo-client", client_secret: "REDACTED" });
            expect(JSON.stringify(log)).not.toContain("demo-secret");
            expect(log[1]).toMatchObject({ clientId: "demo-client", query: { limit: "1" }, fault: null, applied: false });

            const cfg = await t.admin.setConfig({ consistencyLagMs: 250, faults: { serverErrorRate: 0.5 }, rateLimit: { limit: 7 } });
            expect(cfg).toMatchObject({ consistencyLagMs: 250, faults: { serverErrorRate: 0.5, dropRate: 0 }, rateLimit: { limit: 7, windowMs: 10000 } });
            expect(await t.admin.config()).toEqual(cfg);

            await t.admin.expireTokens();
            expect((await t.api("GET", "/v2025/segments")).status).toBe(401);

            await t.admin.reset();
            const state = await t.admin.state();
            expect(state.segments).toEqual([]);
            expect(state.identities.map((i) => i.id)).toEqual(t.state.identities.map((i) => i.id)); // same seed, same tenant
            expect((await t.admin.config()).faults.serverErrorRate).toBe(0);
            expect(await t.admin.requests()).toEqual([]);
        } finally {
            await t.close();
        }
    });

    test("drift bypasses validation; object ids after a reset repeat and do not depend on token requests", async () => {
        const t = await tenant({ seed: 8 });
        try {
            const first = await t.admin.createObject("segments", { name: "one" });
            const drifted = await t.admin.drift("segments", first.id, { active: "not a boolean" });
            expect(drifted.active).toBe("not a boolean");
            await t.admin.reset();
            for (let i = 0; i < 3; i++) await getToken(t.emu.url);
            const again = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "one again" });
            expect(again.body.id).toBe(first.id);
            // A token issued before the reset still works.
            expect((await t.api("GET", "/v2025/segments")).status).toBe(200);
        } finally {
            await t.close();
        }
    });

    test("config: tokenLifetimeSeconds applies to new tokens; nonsense is refused and changes nothing", async () => {
        const t = await tenant();
        try {
            await t.admin.setConfig({ tokenLifetimeSeconds: 30 });
            expect((await getToken(t.emu.url)).body.expires_in).toBe(30);
            const before = await t.admin.config();
            await expect(t.admin.setConfig({ consistencyLagMs: -1 })).rejects.toThrow(/400.*consistencyLagMs/);
            await expect(t.admin.setConfig({ faults: { serverErrorRate: 2 } })).rejects.toThrow(/400.*serverErrorRate/);
            const unknown = await fetch(`${t.emu.url}/__emulator/config`, { method: "PATCH", body: JSON.stringify({ faults: { explode: 1 } }) });
            expectIscError({ status: unknown.status, headers: unknown.headers, body: await unknown.json() }, 400, "400.1 Bad Request Content", /explode/);
            await expect(t.admin.setConfig({ rateLimit: { limit: 0 } })).rejects.toThrow(/400.*rateLimit.limit/);
            // The admin client's types rule these out; a raw request can still send them.
            const patchConfig = async (change: unknown): Promise<Answer> => {
                const res = await fetch(`${t.emu.url}/__emulator/config`, { method: "PATCH", body: JSON.stringify(change) });
                return { status: res.status, headers: res.headers, body: await res.json() };
            };
            const scopeText = /rateLimit\.scope must be "client" or "client-version"; got "per-token"/;
            expectIscError(await patchConfig({ rateLimit: { limit: 3, scope: "per-token" } }), 400, "400.1 Bad Request Content", scopeText);
            expectIscError(await patchConfig({ rateLimit: { scope: null } }), 400, "400.1 Bad Request Content", /rateLimit\.scope .* got null/);
            expectIscError(await patchConfig({ rateLimit: { scopes: "client" } }), 400, "400.1 Bad Request Content", /Unknown rateLimit field "scopes"/);
            expect(await t.admin.config()).toEqual(before);
            expect((await t.admin.setConfig({ rateLimit: { scope: "client-version" } })).rateLimit).toEqual({
                limit: 100,
                windowMs: 10000,
                scope: "client-version",
            });
            expect((await t.admin.setConfig({ rateLimit: { limit: 9 } })).rateLimit).toEqual({ limit: 9, windowMs: 10000, scope: "client-version" });
        } finally {
            await t.close();
        }
    });

    test("admin errors are clear", async () => {
        const t = await tenant();
        try {
            await expect(t.admin.getObject("segments", "missing")).rejects.toThrow(/404/);
            await expect(t.admin.createObject("segments", { description: "no name" })).rejects.toThrow(/400.*name/);
            await expect(t.admin.setInUse("missing", true)).rejects.toThrow(/404/);
            await expect(t.admin.deleteObject("access-profiles", "missing")).rejects.toThrow(/404/);
            await expect(t.admin.drift("segments", "missing", { name: "x" })).rejects.toThrow(/404/);
            const res = await fetch(`${t.emu.url}/__emulator/nothing-here`);
            expect(res.status).toBe(404);
            expectIscError(await t.api("GET", "/v2025/segments/missing"), 404, "404 Not found");
        } finally {
            await t.close();
        }
    });
});

describe("CLI", () => {
    test("flags map to options", () => {
        expect(
            parseArgs(["--port", "0", "--seed", "3", "--lag-ms", "500", "--rate-limit", "10", "--rate-window-ms", "1000", "--error-rate", "0.1"], {}),
        ).toMatchObject({
            port: 0,
            seed: 3,
            consistencyLagMs: 500,
            rateLimit: { limit: 10, windowMs: 1000 },
            faults: { serverErrorRate: 0.1 },
        });
        expect(parseArgs(["--no-rate-limit"], {})).toMatchObject({ rateLimit: null });
        expect(parseArgs(["--rate-scope", "client-version"], {})).toMatchObject({ rateLimit: { limit: 100, windowMs: 10000, scope: "client-version" } });
        expect(parseArgs(["--rate-scope=client"], { ISC_EMULATOR_RATE_SCOPE: "client-version" })).toMatchObject({ rateLimit: { scope: "client" } });
        expect(() => parseArgs(["--rate-scope", "version"], {})).toThrow(/--rate-scope needs client or client-version, not "version"/);
        expect(() => parseArgs(["--rate-scope"], {})).toThrow(/--rate-scope needs client or client-version, not nothing/);
        expect(parseArgs(["--help"], {})).toBe("help");
        expect(() => parseArgs(["--bogus"], {})).toThrow(/unknown option --bogus/);
        expect(() => parseArgs(["--port", "x"], {})).toThrow(/--port needs a number/);
        expect(() => parseArgs(["--error-rate", "2"], {})).toThrow(/--error-rate needs a number from 0 to 1/);
        expect(() => parseArgs(["--host"], {})).toThrow(/--host needs/);
    });

    test("defaults, --flag=value, and environment variables when a flag is absent", () => {
        expect(parseArgs([], {})).toEqual({
            port: 8080,
            host: "127.0.0.1",
            seed: 1,
            consistencyLagMs: 0,
            tokenLifetimeSeconds: 749,
            rateLimit: { limit: 100, windowMs: 10000, scope: "client" },
            faults: {},
        });
        expect(parseArgs(["--port=0", "--drop-rate=0.25", "--latency-ms=5", "--token-lifetime", "60"], {})).toMatchObject({
            port: 0,
            tokenLifetimeSeconds: 60,
            faults: { dropRate: 0.25, latencyMs: 5 },
        });
        const env = {
            ISC_EMULATOR_PORT: "9000",
            ISC_EMULATOR_LAG_MS: "250",
            ISC_EMULATOR_RATE_LIMIT: "50",
            ISC_EMULATOR_ERROR_RATE: "0.1",
            ISC_EMULATOR_HOST: "0.0.0.0",
        };
        expect(parseArgs([], env)).toMatchObject({
            port: 9000,
            host: "0.0.0.0",
            consistencyLagMs: 250,
            rateLimit: { limit: 50 },
            faults: { serverErrorRate: 0.1 },
        });
        expect(parseArgs(["--port", "1234"], env)).toMatchObject({ port: 1234 });
        expect(parseArgs([], { ISC_EMULATOR_NO_RATE_LIMIT: "1" })).toMatchObject({ rateLimit: null });
        expect(parseArgs([], { ISC_EMULATOR_RATE_SCOPE: "client-version", ISC_EMULATOR_RATE_LIMIT: "7" })).toMatchObject({
            rateLimit: { limit: 7, scope: "client-version" },
        });
        expect(() => parseArgs([], { ISC_EMULATOR_RATE_SCOPE: "token" })).toThrow(/ISC_EMULATOR_RATE_SCOPE needs client or client-version, not "token"/);
        expect(() => parseArgs([], { ISC_EMULATOR_SEED: "abc" })).toThrow(/--seed/);
    });

    test("--help prints the usage and starts nothing", async () => {
        const lines: string[] = [];
        expect(await main(["--help"], (l) => lines.push(l), {})).toBeUndefined();
        expect(lines.join("\n")).toMatch(/--rate-window-ms[\s\S]*--rate-scope S[\s\S]*ISC_EMULATOR_RATE_SCOPE[\s\S]*demo-client/);
    });

    test("starts, prints its base URL, serves, and stops", async () => {
        const lines: string[] = [];
        const close = await main(["--port", "0", "--seed", "2"], (l) => lines.push(l), {});
        try {
            expect(lines).toHaveLength(1);
            const m = /^ISC emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(lines[0]);
            expect(m).not.toBeNull();
            expect((await getToken(m![1])).status).toBe(200);
        } finally {
            await close!();
        }
    });
});
