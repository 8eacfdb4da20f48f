/** The admin API: drift as the UI would make it, in-use marks that refuse a delete, config, reset, token expiry. */
import { applicationIds, zpa, type Zpa } from "./helpers";

type Group = { id: string; name: string; enabled: boolean; description?: string; modifiedBy: string; applications?: Array<{ id: string }> };

let z: Zpa;
beforeAll(async () => {
    z = await zpa({ rateLimit: null, consistencyLagMs: 60_000 });
});
afterAll(() => z.close());

test("drift changes only the fields sent, is seen by every read at once (lag or not), and shows another modifiedBy", async () => {
    const apps = await applicationIds(z);
    const g = (await z.admin<Group>("POST", "/segmentGroups", { name: "UI made", description: "keep me", applications: [{ id: apps[0] }] })).body;
    const drifted = await z.admin<Group>("POST", `/segmentGroups/${g.id}`, { enabled: true, applications: [apps[1]] });
    expect(drifted.status).toBe(200);
    const read = (await z.api<Group>("GET", `/segmentGroup/${g.id}`)).body;
    expect(read).toMatchObject({ name: "UI made", description: "keep me", enabled: true });
    expect(read.applications!.map((a) => a.id)).toEqual([apps[1]]);
    const bad = await z.admin("POST", `/segmentGroups/${g.id}`, { enabled: "on" });
    expect(bad.status).toBe(400);
    expect((await z.admin("POST", `/segmentGroups/${g.id}`, { colour: "red" })).status).toBe(400);
    expect((await z.admin("POST", "/segmentGroups/1", { enabled: true })).status).toBe(404);
});

test("a group marked in use by a policy rule cannot be deleted until unmarked", async () => {
    const g = (await z.admin<Group>("POST", "/segmentGroups", { name: "Used" })).body;
    const mark = await z.admin<{ inUse: boolean; policyRules: Array<{ name: string }> }>("POST", `/segmentGroups/${g.id}/policyRule`, { ruleName: "Allow HR" });
    expect(mark.body).toMatchObject({ inUse: true, policyRules: [{ name: "Allow HR" }] });
    const refused = await z.api("DELETE", `/segmentGroup/${g.id}`);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ id: "resource.in.use", reason: expect.stringContaining('"Allow HR"') });
    await z.admin("POST", `/segmentGroups/${g.id}/policyRule`, { inUse: false });
    expect((await z.api("DELETE", `/segmentGroup/${g.id}`)).status).toBe(204);
});

test("config changes at run time (refused when nonsensical), reset restores it, tokens can be expired", async () => {
    const changed = await z.admin<{ v1MaxApplications: number; rateLimit: { reads: number; writes: number } }>("POST", "/config", {
        v1MaxApplications: 5,
        rateLimit: { reads: 7 },
    });
    expect(changed.body).toMatchObject({ v1MaxApplications: 5, rateLimit: { reads: 7, writes: 10 } });
    const bad = await z.admin("POST", "/config", { faults: { kinds: ["meteor"] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ reason: expect.stringContaining("meteor") });
    await z.admin("POST", "/reset");
    expect((await z.admin<{ v1MaxApplications: number | null; rateLimit: unknown }>("GET", "/config")).body).toMatchObject({
        v1MaxApplications: null,
        rateLimit: null,
    });
    expect((await z.admin<Group[]>("GET", "/segmentGroups")).body).toEqual([]);
    expect((await z.admin<{ expired: number }>("POST", "/tokens/expire")).body.expired).toBeGreaterThan(0);
    expect((await z.api("GET", "/segmentGroup")).status).toBe(401);
});
