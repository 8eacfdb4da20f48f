/**
 * The ZPA lifecycle against the real ZPA emulator through the real ZpaClient: one PUT naming exactly the changed
 * fields, attached applications kept when not declared, the v2 retry of a large group, drift on read, a create whose
 * answer was lost found by name instead of sent again, the delete of a group a policy rule uses, and the calls each
 * step costs (counted in the emulator's request log): a refresh from list pages, no read-back after a write.
 */
import { startZpaEmulator, type ZpaEmulator, type ZpaRequestLogEntry } from "../../../emulator/zpa";
import { check, diff } from "../../../provider/src/engine";
import { ZpaOutcomeUnknownError } from "../../../provider/src/zpa/client";
import { create, read, remove, resolveZpaSettings, update, zpaClientFor, type ZpaApi, type ZpaLifecycleContext } from "../../../provider/src/zpa/provider";
import { segmentGroupDescription as desc } from "../../../provider/src/zpa/resources";

let zpa: ZpaEmulator;
let apps: string[];
const infos: string[] = [];

beforeAll(async () => {
    zpa = await startZpaEmulator({ rateLimit: null, v1MaxApplications: 2 });
    apps = ((await admin("GET", "applications")) as Array<{ id: string }>).map((a) => a.id);
});
afterAll(() => zpa.close());
/** A reset emulator hands out the same ids again: each test is another customer to the process's memory of claims. */
let run = 0;
beforeEach(async () => {
    await admin("POST", "reset");
    run++;
    infos.length = 0;
});

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${zpa.url}/__admin/${path}`, {
        method,
        ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
    });
    return res.status === 204 ? undefined : res.json();
}
const puts = async () => ((await admin("GET", "requests")) as ZpaRequestLogEntry[]).filter((r) => r.method === "PUT");
/** The API calls logged since the log was last emptied, token calls left out, as "GET list", "GET id", "PUT id", ... */
async function calls(): Promise<string[]> {
    const log = (await admin("GET", "requests")) as ZpaRequestLogEntry[];
    return log
        .filter((r) => r.path !== "/signin" && r.path !== "/oauth2/v1/token")
        .map((r) => `${r.method} ${/\/segmentGroup\/?$/.test(r.path) ? "list" : /\/segmentGroup\/\d+$/.test(r.path) ? "id" : r.path}`);
}
const count = (log: string[], call: string) => log.filter((c) => c === call).length;

function context(client?: ZpaApi): ZpaLifecycleContext {
    const settings = resolveZpaSettings(
        {
            baseUrl: zpa.url,
            clientId: "zpa-demo-client",
            clientSecret: "zpa-demo-secret",
            customerId: zpa.customerId,
            readsPer10Seconds: "1000",
            writesPer10Seconds: "1000",
        },
        {},
    );
    return { desc, client: client ?? zpaClientFor(settings), customerKey: `${zpa.url}#${run}`, propagationTimeoutMs: 2000, info: (m) => void infos.push(m) };
}
const inputs = (program: Record<string, unknown>) => check(desc.schema, program).inputs;

test("create, then an edit of two fields is one PUT of those two; no edit, no PUT; applications not declared stay attached", async () => {
    const ctx = context();
    const { id, outs } = await create(ctx, inputs({ name: "Finance Apps", applications: [apps[0], apps[1]] }));
    expect(outs).toMatchObject({ name: "Finance Apps", enabled: false, applications: [apps[0], apps[1]].sort() });
    await admin("DELETE", "requests");

    const edited = inputs({ name: "Finance Apps", description: "Finance", enabled: true });
    const { outs: after } = await update(ctx, id, outs, edited);
    expect(infos).toEqual([`PUT segmentGroup ${id}: description, enabled`]);
    expect((await puts()).map((p) => p.changedFields)).toEqual([["description", "enabled"]]);
    expect(after).toMatchObject({ description: "Finance", enabled: true, applications: [apps[0], apps[1]].sort() });

    await update(ctx, id, after, edited);
    expect(await puts()).toHaveLength(1);
});

test("a group over v1's payload limit: the same body to v2", async () => {
    const ctx = context();
    const { id, outs } = await create(ctx, inputs({ name: "Big" }));
    await admin("DELETE", "requests");
    await update(ctx, id, outs, inputs({ name: "Big", applications: apps.slice(0, 3) }));
    const sent = await puts();
    expect(sent.map((p) => [p.path.includes("/v2/"), p.status])).toEqual([
        [false, 400],
        [true, 204],
    ]);
    expect(sent[1].requestBody).toEqual(sent[0].requestBody);
    expect(infos[1]).toMatch(/v1 answered payload.size.exceeded; the same body to v2/);
});

test("drift made in the UI shows on read: the read's inputs differ from the program in the drifted field", async () => {
    const ctx = context();
    const program = inputs({ name: "Drifty", description: "as declared" });
    const { id, outs } = await create(ctx, program);
    await admin("POST", `segmentGroups/${id}`, { description: "changed in the UI" });
    const found = await read(ctx, id, outs);
    expect(found.inputs).toMatchObject({ name: "Drifty", description: "changed in the UI" });
    expect(diff(desc.schema, found.props ?? {}, program).changedFields).toEqual(["description"]);
});

test("a POST whose answer was lost: found by name and taken, not sent again", async () => {
    const base = context().client;
    let lost = 0;
    const losing: ZpaApi = {
        listAll: (path, query) => base.listAll(path, query),
        request: async (method, path, opts) => {
            const res = await base.request(method, path, opts);
            if (method === "POST" && lost++ === 0) throw new ZpaOutcomeUnknownError("POST", path, "the connection dropped after sending");
            return res as never;
        },
    };
    const { id } = await create(context(losing), inputs({ name: "Once", enabled: true }));
    const groups = (await admin("GET", "segmentGroups")) as Array<{ id: string; name: string }>;
    expect(groups.filter((g) => g.name === "Once").map((g) => g.id)).toEqual([id]);
});

test("delete: a group a policy rule uses is refused saying so; a gone group is gone", async () => {
    const ctx = context();
    const { id, outs } = await create(ctx, inputs({ name: "Used" }));
    await admin("POST", `segmentGroups/${id}/policyRule`, {});
    await expect(remove(ctx, id, outs)).rejects.toThrow(
        /SegmentGroup "Used" \(id \d+\): delete failed: ZPA refused to delete it: it is in use by a policy rule/,
    );
    await admin("POST", `segmentGroups/${id}/policyRule`, { inUse: false });
    await remove(ctx, id, outs);
    await expect(remove(context(), id, outs)).resolves.toBeUndefined();
    expect(await read(ctx, id, outs)).toEqual({});
});

/** Groups made in the UI (every read sees them at once), with the outputs a state would hold for each. */
async function uiGroups(n: number, prefix: string): Promise<Array<{ id: string; outs: Record<string, unknown> }>> {
    const made: Array<{ id: string; outs: Record<string, unknown> }> = [];
    for (let i = 0; i < n; i++) {
        const { id, ...outs } = (await admin("POST", "segmentGroups", { name: `${prefix} ${i}`, enabled: true })) as { id: string };
        made.push({ id, outs });
    }
    return made;
}

test.each([3, 501])("a refresh of %i groups reads ceil(N / 500) list pages and no group by id", async (n) => {
    const ctx = context();
    const groups = await uiGroups(n, "Refreshed");
    await admin("DELETE", "requests");
    const found = await Promise.all(groups.map((g) => read(ctx, g.id, g.outs)));
    expect(found.map((f) => f.id)).toEqual(groups.map((g) => g.id));
    expect(found.every((f, i) => diff(desc.schema, f.props ?? {}, inputs({ name: `Refreshed ${i}`, enabled: true })).changedFields.length === 0)).toBe(true);
    const log = await calls();
    expect([count(log, "GET list"), count(log, "GET id"), log.length]).toEqual([Math.ceil(n / 500), 0, Math.ceil(n / 500)]);
});

test("a refresh from the list still sees drift made in the UI and a group deleted outside Pulumi (read by id: 404)", async () => {
    const ctx = context();
    const groups = await uiGroups(3, "Watched");
    await admin("POST", `segmentGroups/${groups[1].id}`, { description: "changed in the UI", enabled: false });
    await ctx.client.request("DELETE", `/segmentGroup/${groups[2].id}`);
    await admin("DELETE", "requests");
    const [kept, drifted, gone] = await Promise.all(groups.map((g) => read(ctx, g.id, g.outs)));
    expect(kept.id).toBe(groups[0].id);
    expect(drifted.inputs).toMatchObject({ description: "changed in the UI", enabled: false });
    expect(diff(desc.schema, drifted.props ?? {}, inputs({ name: "Watched 1", enabled: true })).changedFields).toEqual(["description", "enabled"]);
    expect(gone).toEqual({});
    expect(await calls()).toEqual(["GET list", "GET id"]);
});

test("create is 1 POST and takes its outputs from the answer; an update is 1 GET + 1 PUT and takes them from the body sent", async () => {
    const ctx = context();
    await admin("DELETE", "requests");
    const { id, outs } = await create(ctx, inputs({ name: "Lean", applications: [apps[0]] }));
    expect(await calls()).toEqual(["POST list"]);
    expect(outs).toMatchObject({ name: "Lean", enabled: false, applications: [apps[0]], modifiedTime: expect.any(String) });

    await admin("DELETE", "requests");
    const { outs: after } = await update(ctx, id, outs, inputs({ name: "Lean", description: "edited", applications: [apps[0]] }));
    expect(await calls()).toEqual(["GET id", "PUT id"]);
    expect(after).toEqual({
        ...((await admin("GET", `segmentGroups/${id}`)) as object),
        id: undefined,
        applications: [apps[0]],
        modifiedTime: outs.modifiedTime,
        modifiedBy: outs.modifiedBy,
    });
});

test("a group with no applications shows applications: [] in its outputs (ZPA leaves the field out)", async () => {
    const ctx = context();
    const { id, outs } = await create(ctx, inputs({ name: "Empty" }));
    expect(outs.applications).toEqual([]);
    expect((await read(ctx, id, outs)).props?.applications).toEqual([]);
    expect((await update(ctx, id, outs, inputs({ name: "Empty", enabled: true }))).outs.applications).toEqual([]);
});

test("with 1 s of lag, a refresh right after an update (its state from the body sent) waits out the replica that has not seen the PUT", async () => {
    const ctx = context();
    const { id, outs } = await create(ctx, inputs({ name: "Lagging", description: "before" }));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // the created group visible everywhere, the update a second later
    await admin("POST", "config", { consistencyLagMs: 1000 });
    const { outs: after } = await update(ctx, id, outs, inputs({ name: "Lagging", description: "after" }));
    const found = await read(ctx, id, after);
    expect(found.props).toMatchObject({ description: "after" });
    expect(found.inputs).toMatchObject({ description: "after" });
});
