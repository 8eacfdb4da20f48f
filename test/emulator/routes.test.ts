/** The emulator's ISC routes over real HTTP: OAuth, prefixes, CRUD, lists, filters, sub-routes, bad requests. */
import type { AccessProfileUser } from "../../emulator";
import { type Answer, expectIscError, getToken, ids, tenant, Tenant } from "./helpers";

let t: Tenant;
beforeAll(async () => {
    t = await tenant({ seed: 3, rateLimit: null });
});
afterAll(() => t.close());
beforeEach(async () => {
    await t.admin.reset();
});

describe("OAuth", () => {
    test("client credentials give a bearer token with a lifetime", async () => {
        const r = await getToken(t.emu.url);
        expect(r.status).toBe(200);
        expect(r.body).toMatchObject({ token_type: "bearer", expires_in: 749 });
        expect(r.body.access_token).toEqual(expect.any(String));
    });

    test("the token request may also be multipart/form-data, as SailPoint's SDK sends it", async () => {
        const form = new FormData();
        form.append("grant_type", "client_credentials");
        form.append("client_id", "demo-client");
        form.append("client_secret", "demo-secret");
        const res = await fetch(`${t.emu.url}/oauth/token`, { method: "POST", body: form });
        expect(res.status).toBe(200);
        const log = await t.admin.requests();
        expect(log[log.length - 1].requestBody).toMatchObject({ client_id: "demo-client", client_secret: "REDACTED" });
    });

    test("a wrong secret or client is refused with 401 invalid_client", async () => {
        expect((await getToken(t.emu.url, "demo-client", "nope")).status).toBe(401);
        expect((await getToken(t.emu.url, "nobody", "demo-secret")).body).toMatchObject({ error: "invalid_client" });
    });

    test("another grant type is a 400", async () => {
        const res = await fetch(`${t.emu.url}/oauth/token`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: "grant_type=password&client_id=demo-client&client_secret=demo-secret",
        });
        expect(res.status).toBe(400);
        expect(await res.json()).toMatchObject({ error: "unsupported_grant_type" });
    });

    test("the token request may carry its fields in the query string, as ISC's token endpoint accepts", async () => {
        const q = new URLSearchParams({ grant_type: "client_credentials", client_id: "demo-client", client_secret: "demo-secret" });
        const res = await fetch(`${t.emu.url}/oauth/token?${q}`, { method: "POST" });
        expect(res.status).toBe(200);
        const log = await t.admin.requests();
        expect(log[log.length - 1].query).toMatchObject({ client_id: "demo-client", client_secret: "REDACTED" });
        expect(JSON.stringify(log)).not.toContain("demo-secret");
    });

    test("the token endpoint takes only POST", async () => {
        expectIscError(await t.api("GET", "/oauth/token"), 405, "405 Method not allowed");
    });

    test("API calls without, with an unknown, or with an expired token get 401 with ISC's body", async () => {
        const noAuth = await fetch(`${t.emu.url}/v3/segments`);
        expect(noAuth.status).toBe(401);
        expect(await noAuth.json()).toEqual({ error: "JWT validation failed: JWT is missing" });
        expect((await t.api("GET", "/v3/segments", undefined, { Authorization: "Bearer forged" })).status).toBe(401);

        const short = await tenant({ tokenLifetimeSeconds: 1 });
        try {
            expect((await short.api("GET", "/v3/segments")).status).toBe(200);
            await new Promise((r) => setTimeout(r, 1100));
            const expired = await short.api("GET", "/v3/segments");
            expect(expired.status).toBe(401);
            expect(expired.body).toEqual({ error: "JWT validation failed: JWT is expired" });
        } finally {
            await short.close();
        }
    });
});

describe("segments and access profiles", () => {
    test("every version prefix and the per-service path reach the same segments", async () => {
        const created = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "Everywhere" });
        expect(created.status).toBe(201);
        for (const p of ["/v3/segments", "/beta/segments", "/v2024/segments", "/v2025/segments", "/v2026/segments", "/segments/v1"]) {
            const got = await t.api<{ name: string }>("GET", `${p}/${created.body.id}`);
            expect([p, got.status, got.body.name]).toEqual([p, 200, "Everywhere"]);
        }
    });

    test("every version prefix and the per-service path reach the same access profiles", async () => {
        const { alice, ad } = ids(t);
        const created = await t.api<Record<string, unknown>>("POST", "/access-profiles/v1", {
            name: "Shared",
            owner: { type: "IDENTITY", id: alice },
            source: { type: "SOURCE", id: ad },
        });
        expect(created.status).toBe(201);
        for (const p of [
            "/v3/access-profiles",
            "/beta/access-profiles",
            "/v2024/access-profiles",
            "/v2025/access-profiles",
            "/v2026/access-profiles",
            "/access-profiles/v1",
        ]) {
            expect([p, (await t.api("GET", `${p}/${created.body.id}`)).body]).toEqual([p, created.body]);
            expect([p, (await t.api<unknown[]>("GET", p)).body]).toEqual([p, [created.body]]);
        }
        expect((await t.api("PATCH", `/beta/access-profiles/${created.body.id}`, [{ op: "replace", path: "/name", value: "Renamed" }])).status).toBe(200);
        expect((await t.api<{ name: string }>("GET", `/v2024/access-profiles/${created.body.id}`)).body.name).toBe("Renamed");
        expect((await t.api("DELETE", `/v3/access-profiles/${created.body.id}`)).status).toBe(204);
        expect((await t.api("GET", `/access-profiles/v1/${created.body.id}`)).status).toBe(404);
    });

    test("a created segment gets an id, stamps, defaults and the owner's name; get, delete, then 404", async () => {
        const { alice } = ids(t);
        const created = await t.api<Record<string, unknown>>("POST", "/v2025/segments", { name: "London", owner: { type: "IDENTITY", id: alice } });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
            name: "London",
            active: false,
            visibilityCriteria: null,
            owner: { type: "IDENTITY", id: alice, name: "Alice Admin" },
        });
        // The spec types a segment's description as a string, not nullable: none is left out, never null.
        expect(created.body).not.toHaveProperty("description");
        expect(created.body.id).toMatch(/^[0-9a-f]{32}$/);
        expect(created.body.created).toBe(created.body.modified);
        const id = created.body.id as string;
        expect((await t.api("GET", `/v2025/segments/${id}`)).body).toEqual(created.body);
        expect((await t.api("DELETE", `/v2025/segments/${id}`)).status).toBe(204);
        expectIscError(await t.api("GET", `/v2025/segments/${id}`), 404, "404 Not found");
        expectIscError(await t.api("DELETE", `/v2025/segments/${id}`), 404, "404 Not found");
    });

    test("a created access profile gets server defaults and names in every reference", async () => {
        const { alice, ad, adEnts } = ids(t);
        const created = await t.api<Record<string, unknown>>("POST", "/v3/access-profiles", {
            name: "Payroll",
            owner: { type: "IDENTITY", id: alice },
            source: { type: "SOURCE", id: ad },
            entitlements: [{ type: "ENTITLEMENT", id: adEnts[0] }],
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
            description: null,
            enabled: false,
            requestable: true,
            segments: [],
            accessRequestConfig: null,
            revocationRequestConfig: null,
            provisioningCriteria: null,
            additionalOwners: null,
            source: { type: "SOURCE", id: ad, name: "Active Directory" },
            entitlements: [{ type: "ENTITLEMENT", id: adEnts[0], name: "Finance Share Read" }],
        });
        const ents = await t.api<Array<{ id: string }>>("GET", `/v3/access-profiles/${created.body.id}/entitlements`);
        expect(ents.body.map((e) => e.id)).toEqual([adEnts[0]]);
    });

    test("lists page with limit and offset, count=true sets X-Total-Count, and limit is capped at 250", async () => {
        for (let i = 0; i < 7; i++) await t.admin.createObject("segments", { name: `S${i}` });
        const page = await t.api<Array<{ name: string }>>("GET", "/v2025/segments?limit=3&offset=5&count=true");
        expect(page.body.map((s) => s.name)).toEqual(["S5", "S6"]);
        expect(page.headers.get("x-total-count")).toBe("7");
        expect((await t.api("GET", "/v2025/segments?limit=3")).headers.get("x-total-count")).toBeNull();
        expectIscError(await t.api("GET", "/v2025/segments?limit=251"), 400, "400.1.4 Limit violation", /250/);
        expectIscError(await t.api("GET", "/v2025/segments?offset=-1"), 400, "400.1 Bad Request Content", /offset/);
        expect(((await t.api<unknown[]>("GET", "/v2025/segments?limit=250")).body as unknown[]).length).toBe(7);
    });

    test("access-profile filters (id eq|in, name eq|sw, source.id eq, and/or) and sorters", async () => {
        const { alice, ad, wd } = ids(t);
        const make = (name: string, source: string, requestable = true) =>
            t.admin.createObject("access-profiles", { name, owner: { type: "IDENTITY", id: alice }, source: { type: "SOURCE", id: source }, requestable });
        const a = await make("Payroll Admins", ad);
        const b = await make("Payroll Viewers", wd, false);
        await make("Sales", ad);
        const names = async (q: string) => (await t.api<Array<{ name: string }>>("GET", `/v3/access-profiles?${q}`)).body.map((p) => p.name);
        const f = (expr: string) => `filters=${encodeURIComponent(expr)}`;
        expect(await names(f(`id eq "${a.id}"`))).toEqual(["Payroll Admins"]);
        expect(await names(f(`id in ("${a.id}","${b.id}")`))).toEqual(["Payroll Admins", "Payroll Viewers"]);
        expect(await names(f(`name eq "Sales"`))).toEqual(["Sales"]);
        expect(await names(f(`name sw "payroll"`))).toEqual(["Payroll Admins", "Payroll Viewers"]);
        expect(await names(f(`name sw "Payroll" and source.id eq "${wd}"`))).toEqual(["Payroll Viewers"]);
        expect(await names(f(`name eq "Sales" or requestable eq false`))).toEqual(["Payroll Viewers", "Sales"]);
        expect(await names(`sorters=-name`)).toEqual(["Sales", "Payroll Viewers", "Payroll Admins"]);
        expectIscError(await t.api("GET", `/v3/access-profiles?${f(`colour eq "red"`)}`), 400, "400.1 Bad Request Content", /colour/);
        expectIscError(await t.api("GET", `/v3/access-profiles?${f(`name gt "x"`)}`), 400, "400.1 Bad Request Content", /gt/);
        expectIscError(await t.api("GET", `/v3/access-profiles?sorters=colour`), 400, "400.1 Bad Request Content", /colour/);
    });

    test("more filters (owner.id, requestable, created) and sorters (created, modified, name)", async () => {
        const { alice, bob, ad } = ids(t);
        const make = (name: string, owner: string, requestable: boolean) =>
            t.admin.createObject("access-profiles", { name, owner: { type: "IDENTITY", id: owner }, source: { type: "SOURCE", id: ad }, requestable });
        const a = await make("B first", alice, true);
        const b = await make("A second", bob, false);
        await make("C third", bob, true);
        await t.admin.drift("access-profiles", a.id, { description: "touched last" });
        const names = async (q: string) => (await t.api<Array<{ name: string }>>("GET", `/v3/access-profiles?${q}`)).body.map((p) => p.name);
        const f = (expr: string) => `filters=${encodeURIComponent(expr)}`;
        expect(await names(f(`owner.id eq "${bob}"`))).toEqual(["A second", "C third"]);
        expect(await names(f(`requestable eq true`))).toEqual(["B first", "C third"]);
        expect(await names(f(`owner.id eq "${bob}" and requestable eq true`))).toEqual(["C third"]);
        expect(await names(f(`created gt "${a.created}"`))).toEqual(["A second", "C third"]);
        expect(await names(`sorters=name`)).toEqual(["A second", "B first", "C third"]);
        expect(await names(`sorters=created`)).toEqual(["B first", "A second", "C third"]);
        expect(await names(`sorters=-created`)).toEqual(["C third", "A second", "B first"]);
        expect(await names(`sorters=-modified`)).toEqual(["B first", "C third", "A second"]);
        expect(await names(`sorters=modified&limit=1&offset=1`)).toEqual(["C third"]);
        expect(b.id).toMatch(/^[0-9a-f]{32}$/);
        for (const bad of ["name eq Sales", 'name eq "Sales" and', 'name EQ "x"', '(name eq "x"', 'name eq "unterminated']) {
            expectIscError(await t.api("GET", `/v3/access-profiles?${f(bad)}`), 400, "400.1 Bad Request Content", /Invalid filter/);
        }
        expectIscError(await t.api("GET", `/v2025/segments?${f('name eq "x"')}`), 400, "400.1 Bad Request Content", /filter/);
    });

    test("the entitlements of a profile: listed with paging, 404 for a missing profile", async () => {
        const { alice, ad, adEnts } = ids(t);
        const ap = await t.admin.createObject("access-profiles", {
            name: "Three",
            owner: { type: "IDENTITY", id: alice },
            source: { type: "SOURCE", id: ad },
            entitlements: adEnts.slice(0, 3).map((id) => ({ type: "ENTITLEMENT", id })),
        });
        const all = await t.api<Array<{ id: string; name: string; source: { id: string } }>>("GET", `/v2025/access-profiles/${ap.id}/entitlements?count=true`);
        expect(all.body.map((e) => e.id).sort()).toEqual(adEnts.slice(0, 3).sort());
        expect(all.body[0]).toMatchObject({ name: expect.any(String), source: { id: ad } });
        expect(all.headers.get("x-total-count")).toBe("3");
        expect((await t.api<unknown[]>("GET", `/v2025/access-profiles/${ap.id}/entitlements?limit=2&offset=2`)).body).toHaveLength(1);
        expectIscError(await t.api("GET", `/v2025/access-profiles/${"0".repeat(32)}/entitlements`), 404, "404 Not found");
        expectIscError(await t.api("POST", `/v2025/access-profiles/${ap.id}/entitlements`, {}), 405, "405 Method not allowed");
    });

    test("deleting a segment leaves its id in the profiles that name it", async () => {
        const { alice, ad } = ids(t);
        const seg = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "Gone soon" });
        const ap = await t.admin.createObject("access-profiles", {
            name: "P",
            owner: { type: "IDENTITY", id: alice },
            source: { type: "SOURCE", id: ad },
            segments: [seg.body.id],
        });
        expect((await t.api("DELETE", `/v2025/segments/${seg.body.id}`)).status).toBe(204);
        expect((await t.api<{ segments: string[] }>("GET", `/v3/access-profiles/${ap.id}`)).body.segments).toEqual([seg.body.id]);
    });

    test("for-segment-ids keeps the profiles in those segments (and, by default, the unsegmented)", async () => {
        const { alice, ad } = ids(t);
        const base = { owner: { type: "IDENTITY", id: alice }, source: { type: "SOURCE", id: ad } };
        await t.admin.createObject("access-profiles", { ...base, name: "In A", segments: ["seg-a"] });
        await t.admin.createObject("access-profiles", { ...base, name: "In B", segments: ["seg-b"] });
        await t.admin.createObject("access-profiles", { ...base, name: "Nowhere" });
        const names = async (q: string) => (await t.api<Array<{ name: string }>>("GET", `/v3/access-profiles?${q}`)).body.map((p) => p.name);
        expect(await names("for-segment-ids=seg-a")).toEqual(["In A", "Nowhere"]);
        expect(await names("for-segment-ids=seg-a,seg-b&include-unsegmented=false")).toEqual(["In A", "In B"]);
    });

    test("reference items by id, and reference lists page with count", async () => {
        const { ad, alice } = ids(t);
        expect((await t.api<{ name: string }>("GET", `/v2024/sources/${ad}`)).body.name).toBe("Active Directory");
        expect((await t.api<{ name: string }>("GET", `/beta/identities/${alice}`)).body.name).toBe("Alice Admin");
        expectIscError(await t.api("GET", `/v3/sources/${"0".repeat(32)}`), 404, "404 Not found");
        const page = await t.api<unknown[]>("GET", "/v2025/identities?limit=2&offset=1&count=true");
        expect(page.body).toHaveLength(2);
        expect(Number(page.headers.get("x-total-count"))).toBe(t.state.identities.length);
        const byName = await t.api<Array<{ name: string }>>("GET", `/beta/workgroups?filters=${encodeURIComponent('name eq "Finance Approvers"')}`);
        expect(byName.body.map((g) => g.name)).toEqual(["Finance Approvers"]);
        expectIscError(await t.api("POST", "/v3/sources", { name: "new" }), 405, "405 Method not allowed");
    });

    test("every ISC request is logged, including 401s and 404s; admin requests are not", async () => {
        await t.admin.clearRequests();
        await fetch(`${t.emu.url}/v3/segments`);
        await t.api("GET", "/v3/segments/nope");
        await t.admin.state();
        const log = await t.admin.requests();
        expect(log.map((r) => [r.method, r.path, r.status, r.clientId])).toEqual([
            ["GET", "/v3/segments", 401, null],
            ["GET", "/v3/segments/nope", 404, "demo-client"],
        ]);
        expect(log[1].seq).toBeGreaterThan(log[0].seq);
        expect(Date.parse(log[0].time)).not.toBeNaN();
    });

    test("the seeded tenant is readable: sources, entitlements by source, identities, governance groups", async () => {
        const { ad } = ids(t);
        const sources = await t.api<Array<{ name: string }>>("GET", "/v3/sources");
        expect(sources.body.map((s) => s.name)).toEqual(["Active Directory", "Workday", "Salesforce"]);
        const ents = await t.api<Array<{ source: { id: string } }>>("GET", `/beta/entitlements?filters=${encodeURIComponent(`source.id eq "${ad}"`)}`);
        expect(ents.body.length).toBe(6);
        expect(ents.body.every((e) => e.source.id === ad)).toBe(true);
        const people = await t.api<Array<{ name: string }>>("GET", "/v3/public-identities");
        expect(people.body.map((p) => p.name)).toEqual(expect.arrayContaining(["Alice Admin", "Bob Owner", "Carol Manager"]));
        expect((await t.api<unknown[]>("GET", "/v2025/workgroups")).body).toHaveLength(2);
    });

    test("malformed JSON, unknown routes, wrong methods and a wrong PATCH content type get proper answers", async () => {
        expectIscError(await t.api("POST", "/v2025/segments", "{not json"), 400, "400.1 Bad Request Content", /not valid JSON/);
        expectIscError(await t.api("GET", "/v2025/widgets"), 404, "404 Not found");
        expectIscError(await t.api("GET", "/v9/segments"), 404, "404 Not found");
        expectIscError(await t.api("PUT", "/v2025/segments"), 405, "405 Method not allowed");
        const s = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "x" });
        expectIscError(
            await t.api("PATCH", `/v2025/segments/${s.body.id}`, [{ op: "replace", path: "/name", value: "y" }], { "Content-Type": "application/json" }),
            415,
            "415 Unsupported media type",
        );
        expectIscError(await t.api("POST", "/v2025/segments", ["not", "an", "object"]), 400, "400.1 Bad Request Content", /JSON object/);
        expectIscError(await t.api("POST", "/v2025/segments", ""), 400, "400.1 Bad Request Content", /empty/);
        expectIscError(await t.api("GET", "/v2025/segments/%E0%A4%A"), 404, "404 Not found");
        expectIscError(await t.api("GET", "/v2025/segments/a/b/c"), 404, "404 Not found");
        expectIscError(await t.api("GET", "/v2025/access-profiles/bulk-delete"), 405, "405 Method not allowed");
        // The server is still up.
        expect((await t.api("GET", "/v2025/segments")).status).toBe(200);
    });
});

/** AccessProfileBulkDeleteResponse (sailpoint-oss/api-specs idn/v3/schemas/access/AccessProfileBulkDeleteResponse.yaml). */
interface BulkDeleteResponse {
    taskId: string;
    pending: string[];
    inUse: Array<{ accessProfileId: string; usedBy: AccessProfileUser[] }>;
}

describe("access profile bulk delete", () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const bulkDelete = (body: unknown, version = "v3") => t.api<BulkDeleteResponse>("POST", `/${version}/access-profiles/bulk-delete`, body);
    async function profiles(...names: string[]): Promise<string[]> {
        const { alice, ad } = ids(t);
        const out: string[] = [];
        for (const name of names)
            out.push((await t.admin.createObject("access-profiles", { name, owner: { type: "IDENTITY", id: alice }, source: { type: "SOURCE", id: ad } })).id);
        return out;
    }
    const status = async (id: string) => (await t.api("GET", `/v2025/access-profiles/${id}`)).status;

    test("the documented shape: 202 {taskId, pending, inUse: [{accessProfileId, usedBy: [{type: ROLE, id, name}]}]}", async () => {
        const [a, b, c] = await profiles("A", "B", "C");
        const users: AccessProfileUser[] = [
            { type: "ROLE", id: "2c8180857a9b3da0017aa03418480f9d", name: "Payroll Role" },
            { type: "ROLE", id: "2c8180857a9b3da0017aa03418480f9e", name: "Manager Role" },
        ];
        expect(await t.admin.setInUse(b, true, users)).toEqual({ id: b, inUse: true, usedBy: users });
        for (const version of ["v3", "beta", "v2024", "v2025", "v2026"]) {
            expect((await bulkDelete({ accessProfileIds: ["missing"] }, version)).status).toBe(200); // the route exists under every version
        }
        const r = await bulkDelete({ accessProfileIds: [a, b, c], bestEffortOnly: true });
        expect(r.status).toBe(202);
        expect(r.headers.get("content-type")).toMatch(/^application\/json/);
        expect(Object.keys(r.body).sort()).toEqual(["inUse", "pending", "taskId"]);
        expect(typeof r.body.taskId).toBe("string");
        expect(r.body.taskId).toMatch(/^[0-9a-f]{32}$/);
        expect(r.body.pending).toEqual([a, c]);
        expect(r.body.inUse).toEqual([{ accessProfileId: b, usedBy: users }]);
        for (const usage of r.body.inUse) {
            expect(Object.keys(usage).sort()).toEqual(["accessProfileId", "usedBy"]);
            for (const user of usage.usedBy) {
                expect(Object.keys(user).sort()).toEqual(["id", "name", "type"]);
                expect(user.type).toBe("ROLE");
                expect(typeof user.id).toBe("string");
                expect(typeof user.name).toBe("string");
            }
        }
        // Gone as after a single DELETE; the profile in use stays, still in use (a single DELETE names its users).
        expect(await status(a)).toBe(404);
        expect(await status(c)).toBe(404);
        expect(await status(b)).toBe(200);
        const state = await t.admin.state();
        expect(state.accessProfiles.map((p) => p.id)).toEqual([b]);
        expect(state.inUse).toEqual([b]);
        expectIscError(
            await t.api("DELETE", `/v3/access-profiles/${b}`),
            400,
            "400.2.1.0 Object in use by another",
            /ROLE "Payroll Role" \(2c8180857a9b3da0017aa03418480f9d\), ROLE "Manager Role"/,
        );
        // A second bulk delete of the same task's ids: nothing left to queue.
        expect((await bulkDelete({ accessProfileIds: [a, c] })).body).toEqual({ taskId: "", pending: [], inUse: [] });
    });

    test("bestEffortOnly false (or absent) with one profile in use among several: 200 and nothing deleted", async () => {
        const [a, b, c] = await profiles("Alpha", "Payroll Admins", "Gamma");
        const marked = await t.admin.setInUse(b, true); // by default, one role named after the profile
        expect(marked.usedBy).toEqual([{ type: "ROLE", id: expect.stringMatching(/^[0-9a-f]{32}$/), name: "Payroll Admins Role" }]);
        for (const body of [
            { accessProfileIds: [a, b, c], bestEffortOnly: false },
            { accessProfileIds: [a, b, c] },
            { accessProfileIds: [a, b, c], bestEffortOnly: null },
        ]) {
            const r = await bulkDelete(body);
            expect(r.status).toBe(200);
            expect(r.body).toEqual({ taskId: "", pending: [], inUse: [{ accessProfileId: b, usedBy: marked.usedBy }] });
        }
        for (const id of [a, b, c]) expect(await status(id)).toBe(200);
        expect((await t.admin.state()).accessProfiles).toHaveLength(3);
        // With bestEffortOnly true the others go, and the default user's name comes through.
        const best = await bulkDelete({ accessProfileIds: [a, b, c], bestEffortOnly: true });
        expect(best.status).toBe(202);
        expect(best.body.pending).toEqual([a, c]);
        expect(best.body.inUse).toEqual([{ accessProfileId: b, usedBy: [{ type: "ROLE", id: marked.usedBy[0].id, name: "Payroll Admins Role" }] }]);
        expect(await status(a)).toBe(404);
        expect(await status(c)).toBe(404);
        // Only profiles in use, best effort: nothing to queue, no task.
        const none = await bulkDelete({ accessProfileIds: [b], bestEffortOnly: true });
        expect(none.status).toBe(200);
        expect(none.body).toEqual({ taskId: "", pending: [], inUse: [{ accessProfileId: b, usedBy: marked.usedBy }] });
        // Freed, it can go.
        await t.admin.setInUse(b, false);
        const freed = await bulkDelete({ accessProfileIds: [b] });
        expect(freed.status).toBe(202);
        expect(freed.body.pending).toEqual([b]);
        expect(freed.body.inUse).toEqual([]);
        expect(await status(b)).toBe(404);
    });

    test("ids that do not exist are skipped (neither pending nor in use); a repeated id counts once", async () => {
        const [a] = await profiles("Only");
        const r = await bulkDelete({ accessProfileIds: ["2c91808876438bb2017668b91919ecca", a, "nope", a], bestEffortOnly: false });
        expect(r.status).toBe(202);
        expect(r.body.pending).toEqual([a]);
        expect(r.body.inUse).toEqual([]);
        expect(await status(a)).toBe(404);
        const unknown = await bulkDelete({ accessProfileIds: ["nope", "2c91808876438bb2017668b91919ecca"] });
        expect(unknown.status).toBe(200);
        expect(unknown.body).toEqual({ taskId: "", pending: [], inUse: [] });
    });

    test("1 to 50 string ids: more, none, or not an array is a 400 naming the field, and nothing is deleted", async () => {
        const [a] = await profiles("Kept");
        const fifty = [a, ...Array.from({ length: 49 }, (_, i) => `missing-${i}`)];
        expectIscError(
            await bulkDelete({ accessProfileIds: [...fifty, "one-more"] }),
            400,
            "400.1.4 Limit violation",
            /accessProfileIds has 51 ids; send 1 to 50/,
        );
        expectIscError(await bulkDelete({ accessProfileIds: [] }), 400, "400.1.4 Limit violation", /accessProfileIds has 0 ids; send 1 to 50/);
        const malformed: Array<[unknown, RegExp]> = [
            [{ accessProfileIds: a }, /accessProfileIds must be an array of 1 to 50 access profile ids; got "/],
            [{ accessProfileIds: { id: a } }, /accessProfileIds must be an array/],
            [{ bestEffortOnly: true }, /accessProfileIds must be an array.*got null/],
            [{ accessProfileIds: [a, 7] }, /accessProfileIds\[1\] must be a string id; got 7/],
            [{ accessProfileIds: [a], bestEffortOnly: "yes" }, /bestEffortOnly must be true or false; got "yes"/],
            [{ accessProfileIds: [a], ids: [a] }, /Unknown field "ids".*accessProfileIds, bestEffortOnly/],
            [[a], /must be a JSON object/],
        ];
        for (const [body, text] of malformed) expectIscError(await bulkDelete(body), 400, "400.1 Bad Request Content", text);
        expect(await status(a)).toBe(200);
        const r = await bulkDelete({ accessProfileIds: fifty });
        expect(r.status).toBe(202);
        expect(r.body.pending).toEqual([a]);
        expect(await status(a)).toBe(404);
    });

    test("a bulk delete is one request in the request log and in the rate limit", async () => {
        const limited = await tenant({ seed: 3, rateLimit: { limit: 2, windowMs: 60_000 } });
        try {
            const { alice, ad } = ids(limited);
            const made: string[] = [];
            for (const name of ["x", "y", "z"])
                made.push(
                    (await limited.admin.createObject("access-profiles", { name, owner: { type: "IDENTITY", id: alice }, source: { type: "SOURCE", id: ad } }))
                        .id,
                );
            await limited.admin.clearRequests();
            const r = await limited.api<BulkDeleteResponse>("POST", "/v2025/access-profiles/bulk-delete", { accessProfileIds: made });
            expect(r.status).toBe(202);
            const log = await limited.admin.requests();
            expect(log.map((e) => [e.method, e.path, e.status, e.applied])).toEqual([["POST", "/v2025/access-profiles/bulk-delete", 202, true]]);
            expect(log[0].requestBody).toEqual({ accessProfileIds: made });
            // The bulk delete took one slot of two.
            expect((await limited.api("GET", "/v3/access-profiles")).status).toBe(200);
            expect((await limited.api("GET", "/v3/access-profiles")).status).toBe(429);
        } finally {
            await limited.close();
        }
    });

    test("deleted profiles propagate exactly as after a single DELETE: still read on lagging replicas, then 404", async () => {
        const LAG = 3000;
        const lagging = await tenant({ seed: 3, rateLimit: null, consistencyLagMs: LAG });
        try {
            const { alice, ad } = ids(lagging);
            const make = async (name: string) =>
                (await lagging.admin.createObject("access-profiles", { name, owner: { type: "IDENTITY", id: alice }, source: { type: "SOURCE", id: ad } })).id;
            const single = await make("single");
            const bulk = await make("bulk");
            expect((await lagging.api("DELETE", `/v3/access-profiles/${single}`)).status).toBe(204);
            expect((await lagging.api<BulkDeleteResponse>("POST", "/v3/access-profiles/bulk-delete", { accessProfileIds: [bulk] })).status).toBe(202);
            const reads = async (id: string): Promise<number[]> => {
                const out: number[] = [];
                for (let i = 0; i < 10; i++) out.push((await lagging.api("GET", `/v3/access-profiles/${id}`)).status);
                return out;
            };
            // Some replicas still show both (the reads pick moments up to 3 s back, and both went a moment ago).
            expect(await reads(single)).toContain(200);
            expect(await reads(bulk)).toContain(200);
            // The truth has neither.
            expect((await lagging.admin.state()).accessProfiles).toEqual([]);
            await expect(lagging.admin.getObject("access-profiles", bulk)).rejects.toThrow(/404/);
            await sleep(LAG + 100);
            expect(new Set(await reads(single))).toEqual(new Set([404]));
            expect(new Set(await reads(bulk))).toEqual(new Set([404]));
            expect((await lagging.api<unknown[]>("GET", "/v3/access-profiles")).body).toEqual([]);
        } finally {
            await lagging.close();
        }
    }, 15_000);
});

describe("admin: marking an access profile in use", () => {
    test("usedBy is checked: ROLE only, id and name strings, not with inUse false; inUse must be a boolean", async () => {
        const { alice, ad } = ids(t);
        const p = await t.admin.createObject("access-profiles", { name: "P", owner: { type: "IDENTITY", id: alice }, source: { type: "SOURCE", id: ad } });
        const put = async (body: unknown): Promise<Answer> => {
            const res = await fetch(`${t.emu.url}/__emulator/access-profiles/${p.id}/in-use`, { method: "PUT", body: JSON.stringify(body) });
            return { status: res.status, headers: res.headers, body: await res.json() };
        };
        const bad: Array<[unknown, RegExp]> = [
            [{ inUse: "yes" }, /inUse must be true or false; got "yes"/],
            [{}, /inUse must be true or false; got null/],
            [{ inUse: true, usedBy: [{ type: "APPLICATION", id: "x", name: "App" }] }, /usedBy\[0\]\.type must be "ROLE"/],
            [{ inUse: true, usedBy: [{ type: "ROLE", name: "No id" }] }, /usedBy\[0\]\.id must be a non-empty string/],
            [{ inUse: true, usedBy: [{ id: "r1" }] }, /usedBy\[0\]\.name must be a string/],
            [{ inUse: true, usedBy: [] }, /usedBy must be a non-empty array/],
            [{ inUse: false, usedBy: [{ id: "r1", name: "R" }] }, /usedBy is only for inUse: true/],
            [{ inUse: true, by: "me" }, /Unknown field "by"/],
        ];
        for (const [body, text] of bad) expectIscError(await put(body), 400, "400.1 Bad Request Content", text);
        expect((await t.admin.state()).inUse).toEqual([]);
        // type may be left out: ROLE is the only one.
        expect((await put({ inUse: true, usedBy: [{ id: "r1", name: "Role One" }] })).body).toEqual({
            id: p.id,
            inUse: true,
            usedBy: [{ type: "ROLE", id: "r1", name: "Role One" }],
        });
        expect((await bulkDeleteOn(p.id)).inUse).toEqual([{ accessProfileId: p.id, usedBy: [{ type: "ROLE", id: "r1", name: "Role One" }] }]);
        expect((await put({ inUse: false })).body).toEqual({ id: p.id, inUse: false, usedBy: [] });
        expect((await t.admin.state()).inUse).toEqual([]);
    });

    async function bulkDeleteOn(id: string): Promise<BulkDeleteResponse> {
        return (await t.api<BulkDeleteResponse>("POST", "/v3/access-profiles/bulk-delete", { accessProfileIds: [id] })).body;
    }
});
