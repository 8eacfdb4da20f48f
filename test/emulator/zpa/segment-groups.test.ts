/** Segment groups: create, read, PUT-replaces (with changedFields in the log), delete, paging and search, validation. */
import { applicationIds, zpa, type Zpa } from "./helpers";

type Group = { id: string; name: string; enabled: boolean; description?: string; applications?: Array<{ id: string; name: string }>; [k: string]: unknown };
type Page = { totalPages: string; list?: Group[] };

let z: Zpa;
let apps: string[];
beforeAll(async () => {
    z = await zpa({ rateLimit: null });
});
beforeEach(async () => {
    await z.admin("POST", "/reset");
    apps = await applicationIds(z);
});
afterAll(() => z.close());

test("create needs only a name, answers 200 with the object; enabled defaults to false; ids and times are numeric strings", async () => {
    const r = await z.api<Group>("POST", "/segmentGroup", { name: "Finance" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ name: "Finance", enabled: false, configSpace: "DEFAULT" });
    expect(r.body.id).toMatch(/^\d{18}$/);
    expect(r.body.creationTime).toMatch(/^\d{10}$/);
    expect(r.body.modifiedTime).toMatch(/^\d{10}$/);
    expect(r.body).not.toHaveProperty("applications");
    const got = await z.api<Group>("GET", `/segmentGroup/${r.body.id}`);
    expect(got.body).toEqual(r.body);
});

test("applications attach on create and show as fuller objects; attaching moves them from another group", async () => {
    const a = (await z.api<Group>("POST", "/segmentGroup", { name: "A", applications: [{ id: apps[0] }, { id: apps[1] }] })).body;
    expect(a.applications!.map((x) => x.id)).toEqual([apps[0], apps[1]]);
    expect(a.applications![0]).toMatchObject({ name: "CRM Portal", domainNames: ["crm.corp.example"], enabled: true });
    const b = (await z.api<Group>("POST", "/segmentGroup", { name: "B", applications: [{ id: apps[1] }] })).body;
    expect(b.applications!.map((x) => x.id)).toEqual([apps[1]]);
    const aNow = (await z.api<Group>("GET", `/segmentGroup/${a.id}`)).body;
    expect(aNow.applications!.map((x) => x.id)).toEqual([apps[0]]);
    const app = (await z.api<Group>("GET", `/application/${apps[1]}`)).body;
    expect(app).toMatchObject({ segmentGroupId: b.id, segmentGroupName: "B" });
});

test("PUT replaces the whole object (what is not sent is reset), answers 204, and the log records the fields it changed", async () => {
    const g = (await z.api<Group>("POST", "/segmentGroup", { name: "Ops", description: "ops apps", enabled: true, applications: [{ id: apps[2] }] })).body;
    await z.admin("DELETE", "/requests");
    const put = await z.api("PUT", `/segmentGroup/${g.id}`, { name: "Ops", unknownField: 1, id: "999", creationTime: "1" });
    expect(put.status).toBe(204);
    expect(put.body).toBeUndefined();
    const after = (await z.api<Group>("GET", `/segmentGroup/${g.id}`)).body;
    expect(after).toMatchObject({ id: g.id, name: "Ops", enabled: false, creationTime: g.creationTime });
    expect(after).not.toHaveProperty("description");
    expect(after).not.toHaveProperty("applications");
    expect(after).not.toHaveProperty("unknownField");
    const same = await z.api("PUT", `/segmentGroup/${g.id}`, { ...after });
    expect(same.status).toBe(204);
    const puts = (await z.log()).filter((e) => e.method === "PUT");
    expect(puts.map((e) => e.changedFields)).toEqual([["applications", "description", "enabled"], []]);
});

test("a PUT's applications move the named application segments and detach the group's others", async () => {
    const a = (await z.api<Group>("POST", "/segmentGroup", { name: "A", applications: [{ id: apps[0] }] })).body;
    const b = (await z.api<Group>("POST", "/segmentGroup", { name: "B", applications: [{ id: apps[1] }, { id: apps[2] }] })).body;
    expect((await z.api("PUT", `/segmentGroup/${a.id}`, { name: "A", applications: [{ id: apps[0] }, { id: apps[1] }] })).status).toBe(204);
    const bNow = (await z.api<Group>("GET", `/segmentGroup/${b.id}`)).body;
    expect(bNow.applications!.map((x) => x.id)).toEqual([apps[2]]);
    const log = await z.log();
    expect(log[log.length - 2].changedFields).toEqual(["applications"]);
});

test("an application segment's PUT of segmentGroupId moves it between groups", async () => {
    const a = (await z.api<Group>("POST", "/segmentGroup", { name: "A", applications: [{ id: apps[3] }] })).body;
    const b = (await z.api<Group>("POST", "/segmentGroup", { name: "B" })).body;
    const app = (await z.api<Group>("GET", `/application/${apps[3]}`)).body;
    expect((await z.api("PUT", `/application/${apps[3]}`, { ...app, segmentGroupId: b.id })).status).toBe(204);
    expect((await z.api<Group>("GET", `/segmentGroup/${a.id}`)).body).not.toHaveProperty("applications");
    expect((await z.api<Group>("GET", `/segmentGroup/${b.id}`)).body.applications!.map((x) => x.id)).toEqual([apps[3]]);
    const missing = await z.api("PUT", `/application/${apps[3]}`, { name: "x" });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ id: "invalid.resource.argument", params: ["segmentGroupId"] });
});

test("v1 PUT with more applications than v1MaxApplications is 400 payload.size.exceeded; the same body on v2 works", async () => {
    await z.admin("POST", "/config", { v1MaxApplications: 2 });
    const g = (await z.api<Group>("POST", "/segmentGroup", { name: "Big" })).body;
    const body = { name: "Big", applications: apps.slice(0, 3).map((id) => ({ id })) };
    const v1 = await z.api("PUT", `/segmentGroup/${g.id}`, body);
    expect(v1.status).toBe(400);
    expect(v1.body).toMatchObject({ id: "payload.size.exceeded" });
    expect((await z.api<Group>("GET", `/segmentGroup/${g.id}`)).body).not.toHaveProperty("applications");
    expect((await z.api("PUT", `/segmentGroup/${g.id}`, body, { version: "v2" })).status).toBe(204);
    expect((await z.api("PUT", `/segmentGroup/${g.id}`, body, { version: "v2", oneapi: true })).status).toBe(204);
    expect((await z.api<Group>("GET", `/segmentGroup/${g.id}`)).body.applications).toHaveLength(3);
    expect((await z.api("GET", `/segmentGroup/${g.id}`, undefined, { version: "v2" })).status).toBe(404);
    expect((await z.api("PUT", `/segmentGroup/${g.id}`, { name: "Big", applications: [{ id: apps[0] }, { id: apps[1] }] })).status).toBe(204);
});

test("delete answers 204, then the group is a 404 resource.not.found", async () => {
    const g = (await z.api<Group>("POST", "/segmentGroup", { name: "Gone", applications: [{ id: apps[4] }] })).body;
    expect((await z.api("DELETE", `/segmentGroup/${g.id}`)).status).toBe(204);
    const got = await z.api("GET", `/segmentGroup/${g.id}`);
    expect(got.status).toBe(404);
    expect(got.body).toMatchObject({ id: "resource.not.found" });
    expect((await z.api("DELETE", `/segmentGroup/${g.id}`)).status).toBe(404);
    expect((await z.api<Group>("GET", `/application/${apps[4]}`)).body).not.toHaveProperty("segmentGroupId");
});

test("paging: pagesize up to 500, totalPages a string, no list on a page past the end", async () => {
    for (let i = 1; i <= 5; i++) await z.api("POST", "/segmentGroup", { name: `Group ${i}` });
    const p1 = (await z.api<Page>("GET", "/segmentGroup?page=1&pagesize=2")).body;
    expect(p1.totalPages).toBe("3");
    expect(p1.list!.map((g) => g.name)).toEqual(["Group 1", "Group 2"]);
    expect((await z.api<Page>("GET", "/segmentGroup?page=3&pagesize=2")).body.list!.map((g) => g.name)).toEqual(["Group 5"]);
    expect((await z.api<Page>("GET", "/segmentGroup?page=4&pagesize=2")).body).toEqual({ totalPages: "3" });
    expect((await z.api<Page>("GET", "/segmentGroup?page=1&pagesize=500")).body.list).toHaveLength(5);
    const big = await z.api("GET", "/segmentGroup?page=1&pagesize=501");
    expect(big.status).toBe(400);
    expect(big.body).toMatchObject({ id: "invalid.resource.argument", params: ["pagesize"] });
});

test("search: name+EQ+value (encoded or decoded +) matches case-insensitively; plain text matches names containing it", async () => {
    for (const name of ["Web Apps", "web apps 2", "Databases"]) await z.api("POST", "/segmentGroup", { name });
    const names = async (q: string) => ((await z.api<Page>("GET", `/segmentGroup?${q}`)).body.list ?? []).map((g) => g.name);
    expect(await names(`search=${encodeURIComponent("name+EQ+Web Apps")}`)).toEqual(["Web Apps"]);
    expect(await names("search=name+EQ+web+apps")).toEqual(["Web Apps"]);
    expect(await names(`search=${encodeURIComponent("name+EQ+Nope")}`)).toEqual([]);
    expect(await names("search=apps")).toEqual(["Web Apps", "web apps 2"]);
});

test("microtenantId scopes groups: absent lists all, 0 the default microtenant's, an id that microtenant's", async () => {
    await z.api("POST", "/segmentGroup", { name: "Default one" });
    const mt = (await z.api<Group>("POST", "/segmentGroup?microtenantId=777", { name: "Tenant one" })).body;
    expect(mt).toMatchObject({ microtenantId: "777" });
    const names = async (q: string) => ((await z.api<Page>("GET", `/segmentGroup${q}`)).body.list ?? []).map((g) => g.name);
    expect(await names("")).toEqual(["Default one", "Tenant one"]);
    expect(await names("?microtenantId=0")).toEqual(["Default one"]);
    expect(await names("?microtenantId=777")).toEqual(["Tenant one"]);
    expect((await z.api("GET", `/segmentGroup/${mt.id}?microtenantId=0`)).status).toBe(404);
});

test.each([
    ["no name", {}, "name", /required/],
    ["a blank name", { name: "   " }, "name", /blank/],
    ["a number for a name", { name: 5 }, "name", /string/],
    ["a string for enabled", { name: "x", enabled: "yes" }, "enabled", /true or false/],
    ["applications not an array", { name: "x", applications: { id: "1" } }, "applications", /array/],
    ["an unknown application", { name: "x", applications: [{ id: "123" }] }, "applications", /123/],
])("create with %s is a 400 naming the field", async (_what, body, field, reason) => {
    const r = await z.api("POST", "/segmentGroup", body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ id: "invalid.resource.argument", reason: expect.stringMatching(reason), params: [field] });
});

test("a duplicate name (any case) and a body that is not JSON are 400s", async () => {
    await z.api("POST", "/segmentGroup", { name: "Unique" });
    const dup = await z.api("POST", "/segmentGroup", { name: "UNIQUE" });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ id: "resource.already.exist", params: ["name"] });
    const bad = await z.api("POST", "/segmentGroup", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ id: "bad.request" });
});
