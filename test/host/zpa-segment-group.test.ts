/**
 * zpa.SegmentGroup through Pulumi's real dynamic-provider host, with the package installed from its tarball and the
 * provider serialized by `pulumi.dynamic.Resource`, against the ZPA emulator over HTTP: the tiny `__provider`, check
 * before any call, the lifecycle with one PUT per edit naming exactly the edited fields, drift and its restore,
 * adoptId, both auth modes, seeded faults, lag, and the default pace.
 */
import { startZpaEmulator, ZPA_DEFAULT_CONFIG, ZPA_NO_FAULTS, zpaKeyedFaults, type ZpaEmulator, type ZpaFaults } from "../../emulator/zpa";
import { HostError, installProgram, packProvider, ProviderHost, urnOf } from "./harness";
import {
    apiCalls,
    attachFromApplication,
    duplicates,
    FAST,
    legacyConfig,
    oneApiConfig,
    registerGroups,
    startZpaHost,
    ZPA_SECRET,
    ZPA_TYPE,
    ZpaAdmin,
    zpaFaultsByKey,
} from "./zpa-support";

type Props = Record<string, unknown>;

/** The longest run of faults in a row. */
function longestRun(faults: unknown[]): number {
    let longest = 0;
    let run = 0;
    for (const f of faults) longest = Math.max(longest, (run = f === null ? 0 : run + 1));
    return longest;
}
const SEED = 13;

let zpa: ZpaEmulator;
let admin: ZpaAdmin;
let programDir: string;
let host: ProviderHost;
let provider: unknown;
let apps: string[];

beforeAll(async () => {
    programDir = installProgram(packProvider());
    // The pace is the subject of one test only (its own emulator, below); here the client and the emulator both allow more.
    zpa = await startZpaEmulator({ port: 0, seed: SEED, rateLimit: null });
    admin = new ZpaAdmin(zpa.url);
    apps = (await admin.applications()).map((a) => a.id);
    host = await startZpaHost(programDir, legacyConfig(zpa, { ...FAST, "zpa:propagationTimeoutSeconds": "10" }));
    provider = registerGroups(programDir, `new zpa.SegmentGroup("x", { name: "x" });`)[0].inputs.__provider;
}, 180_000);

afterAll(async () => {
    await host?.stop();
    await zpa?.close();
});

afterEach(async () => {
    await admin.setConfig({ consistencyLagMs: 0, faults: ZPA_NO_FAULTS });
});

const declared = (args: Props): Props => ({ __provider: provider, ...args });
const changedFieldsOfPuts = (log: Awaited<ReturnType<ZpaAdmin["requests"]>>) => log.filter((r) => r.method === "PUT").map((r) => r.changedFields);

test("__provider is the tiny require of pulumi-sailpoint-isc/zpa/dynamic; the secret is in no registration, output, error or host output", async () => {
    const body = `
if (new pulumi.Config("zpa").require("clientSecret") !== ${JSON.stringify(ZPA_SECRET)}) throw new Error("the program did not get the secret");
new zpa.SegmentGroup("secretless", { name: "Secretless", enabled: true });`;
    const [reg] = registerGroups(programDir, body, legacyConfig(zpa), ["zpa:clientSecret"]);
    expect(reg.type).toBe(ZPA_TYPE);
    const serialized = String(reg.inputs.__provider);
    expect(serialized).toContain('require("pulumi-sailpoint-isc/zpa/dynamic")');
    expect(serialized).toContain('"segmentGroup"');
    expect(serialized).not.toMatch(/dist\/|zpa-demo-client|127\.0\.0\.1/);
    expect(serialized.length).toBeLessThan(600);
    expect(JSON.stringify(reg.inputs)).not.toContain(ZPA_SECRET);

    // The host holds the secret (configure) and must use it in this test: every token expired first.
    await admin.expireTokens();
    const urn = urnOf(ZPA_TYPE, "secretless");
    const checked = await host.check(urn, {}, reg.inputs);
    const { id, properties } = await host.create(urn, checked.inputs);
    const read = await host.read(urn, id, properties, checked.inputs);
    // An error from the API (a second group of the same name) and one from refused credentials.
    const duplicate = await host.create(urnOf(ZPA_TYPE, "again"), checked.inputs).then(
        () => new Error("a second group of the same name was created"),
        (e: HostError) => e,
    );
    expect(duplicate.message).toMatch(/SegmentGroup "Secretless".*resource\.already\.exist/s);
    const wrong = "not-the-secret-4711";
    const refused = await startZpaHost(programDir, legacyConfig(zpa, { "zpa:clientSecret": wrong }));
    let denied: Error;
    try {
        denied = await refused.create(urnOf(ZPA_TYPE, "denied"), (await refused.check(urn, {}, declared({ name: "Denied" }))).inputs).then(
            () => new Error("created with a wrong secret"),
            (e: HostError) => e,
        );
        expect(denied.message).toMatch(/zpa:clientId\/zpa:clientSecret/);
        expect(refused.log).not.toContain(wrong);
    } finally {
        await refused.stop();
    }
    for (const blob of [checked.inputs, properties, read.properties, read.inputs, duplicate.message]) expect(JSON.stringify(blob)).not.toContain(ZPA_SECRET);
    expect(denied.message).not.toContain(wrong);
    await host.delete(urn, id, properties);
    expect(host.log).not.toContain(ZPA_SECRET);
    expect(host.log).not.toMatch(/access_token|Bearer /);
    // The only request carrying it is the sign-in, and the emulator logs it redacted.
    expect(JSON.stringify(await admin.requests())).not.toContain(ZPA_SECRET);
}, 120_000);

test("check refuses a bad name and a non-numeric application id before any API call, naming field and rule", async () => {
    await admin.clearRequests();
    const urn = urnOf(ZPA_TYPE, "bad");
    const res = await host.check(urn, {}, declared({ name: "Finance/Apps", applications: [apps[0], "crm"] }));
    expect(res.failures).toEqual([
        { property: "name", reason: expect.stringMatching(/^name of a SegmentGroup holds "\/": .*letters, digits/) },
        { property: "applications[1]", reason: expect.stringMatching(/^applications\[1\] of a SegmentGroup is not a ZPA id: use .*numeric id/) },
    ]);
    expect(await admin.requests()).toEqual([]);
});

test("create, read with inputs, diff, update (one PUT of the edited fields, an application attached elsewhere kept), drift, restore, delete", async () => {
    const urn = urnOf(ZPA_TYPE, "finance");
    const program = declared({ name: "Finance Apps", description: "Finance", enabled: true });
    const calls: Record<string, number> = {};
    const step = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
        await admin.clearRequests();
        const result = await fn();
        calls[label] = (await admin.requests()).length;
        return result;
    };

    const checked = await step("check", () => host.check(urn, {}, program));
    expect(checked.failures).toEqual([]);
    const { id, properties: created } = await step("create", () => host.create(urn, checked.inputs));
    expect(id).toMatch(/^\d+$/);
    expect(created).toMatchObject({ name: "Finance Apps", description: "Finance", enabled: true, configSpace: "DEFAULT" });
    expect(created.creationTime).toEqual(expect.any(String));

    // An application segment joins the group from its own side: the program does not declare applications.
    await attachFromApplication(zpa, apps[0], id);
    const read = await step("read", () => host.read(urn, id, created, checked.inputs));
    expect(read.id).toBe(id);
    expect(read.properties.applications).toEqual([apps[0]]);
    expect(read.inputs).toMatchObject({ name: "Finance Apps", description: "Finance", enabled: true });
    expect((await step("diff (unchanged)", () => host.diff(urn, id, read.properties, checked.inputs))).changes).toBe("none");

    const edited = await host.check(urn, checked.inputs, { ...program, description: "Finance and payroll", enabled: false });
    expect((await step("diff (two fields)", () => host.diff(urn, id, read.properties, edited.inputs))).changes).toBe("some");
    const updated = await step("update", () => host.update(urn, id, read.properties, edited.inputs));
    const updateLog = await admin.requests();
    expect(changedFieldsOfPuts(updateLog)).toEqual([["description", "enabled"]]);
    expect(updated).toMatchObject({ description: "Finance and payroll", enabled: false, applications: [apps[0]] });
    expect(await admin.group(id)).toMatchObject({
        description: "Finance and payroll",
        enabled: false,
        applications: [expect.objectContaining({ id: apps[0] })],
    });

    // Drift in the admin portal: read's inputs show it, diff names a change, and the restore is one PUT of those fields.
    await admin.drift(id, { description: "changed in the portal", enabled: true });
    const drifted = await step("read (drifted)", () => host.read(urn, id, updated, edited.inputs));
    expect(drifted.inputs).toMatchObject({ name: "Finance Apps", description: "changed in the portal", enabled: true });
    expect((await host.diff(urn, id, drifted.properties, edited.inputs)).changes).toBe("some");
    const restored = await step("update (restore)", () => host.update(urn, id, drifted.properties, edited.inputs));
    expect(changedFieldsOfPuts(await admin.requests())).toEqual([["description", "enabled"]]);
    expect(restored).toMatchObject({ description: "Finance and payroll", enabled: false, applications: [apps[0]] });
    expect((await admin.group(id)).applications?.map((a) => a.id)).toEqual([apps[0]]);

    await step("delete", () => host.delete(urn, id, restored));
    expect((await admin.groups()).filter((g) => g.name === "Finance Apps")).toEqual([]);
    // Each step makes the calls it must: a POST (its answer is the outputs); a read (the run's list snapshot); a fresh
    // GET and the PUT (the outputs are the body sent); a DELETE.
    expect(calls).toEqual({
        check: 0,
        create: 1,
        read: 1,
        "diff (unchanged)": 0,
        "diff (two fields)": 0,
        update: 2,
        "read (drifted)": 1,
        "update (restore)": 2,
        delete: 1,
    });
    console.log(`SegmentGroup API calls per step: ${JSON.stringify(calls)}`);
}, 120_000);

test("adoptId takes over a group made in the portal with one PUT of the differing fields, creating nothing", async () => {
    const existing = await admin.makeGroup({ name: "Legacy Group", description: "made by hand" });
    const urn = urnOf(ZPA_TYPE, "adopted");
    const checked = await host.check(urn, {}, declared({ name: "Legacy Group", description: "now declared", enabled: true, adoptId: existing.id }));
    expect(checked.failures).toEqual([]);
    await admin.clearRequests();
    const { id, properties } = await host.create(urn, checked.inputs);
    expect(id).toBe(existing.id);
    const log = await admin.requests();
    expect(log.filter((r) => r.method === "POST" && r.path.includes("/mgmtconfig/"))).toEqual([]);
    expect(changedFieldsOfPuts(log)).toEqual([["description", "enabled"]]);
    expect((await admin.groups()).filter((g) => g.name === "Legacy Group")).toHaveLength(1);
    expect((await host.diff(urn, id, properties, checked.inputs)).changes).toBe("none");
    await host.delete(urn, id, properties);
}, 60_000);

test("OneAPI client credentials (zpa:tokenUrl): the token from /oauth2/v1/token, every call under /zpa with it", async () => {
    const oneapi = await startZpaHost(programDir, oneApiConfig(zpa, FAST));
    try {
        await admin.clearRequests();
        const urn = urnOf(ZPA_TYPE, "oneapi");
        const checked = await oneapi.check(urn, {}, declared({ name: "OneAPI Group", enabled: true }));
        const { id, properties } = await oneapi.create(urn, checked.inputs);
        const edited = await oneapi.check(urn, checked.inputs, declared({ name: "OneAPI Group", enabled: true, description: "via OneAPI" }));
        const updated = await oneapi.update(urn, id, properties, edited.inputs);
        await oneapi.delete(urn, id, updated);
        const log = await admin.requests();
        expect(log[0]).toMatchObject({ method: "POST", path: "/oauth2/v1/token", status: 200 });
        expect(log.filter((r) => r.path === "/signin")).toEqual([]);
        const api = apiCalls(log);
        expect(api.map((r) => [r.authMode, r.path.startsWith(`/zpa/mgmtconfig/v1/admin/customers/${zpa.customerId}/segmentGroup`)])).toEqual(
            api.map(() => ["oneapi", true]),
        );
        expect(changedFieldsOfPuts(log)).toEqual([["description"]]);
        expect(oneapi.log).not.toContain(ZPA_SECRET);
    } finally {
        await oneapi.stop();
    }
    // And the legacy host's calls carry legacy tokens (from /signin).
    await admin.clearRequests();
    const urn = urnOf(ZPA_TYPE, "legacy");
    const { id, properties } = await host.create(urn, (await host.check(urn, {}, declared({ name: "Legacy Mode" }))).inputs);
    await host.delete(urn, id, properties);
    expect(apiCalls(await admin.requests()).map((r) => [r.authMode, r.path.startsWith("/mgmtconfig/v1/")])).toEqual([
        ["legacy", true],
        ["legacy", true],
    ]);
}, 60_000);

test("with 1.5 s of consistency lag, create then read, update and delete at once all succeed", async () => {
    await admin.setConfig({ consistencyLagMs: 1500 });
    const urn = urnOf(ZPA_TYPE, "lagged");
    const checked = await host.check(urn, {}, declared({ name: "Lagged", enabled: true }));
    const { id, properties } = await host.create(urn, checked.inputs);
    const read = await host.read(urn, id, properties, checked.inputs);
    expect(read.id).toBe(id); // not taken for a deletion
    const edited = await host.check(urn, checked.inputs, declared({ name: "Lagged", enabled: true, description: "edited at once" }));
    const updated = await host.update(urn, id, read.properties, edited.inputs);
    expect(updated).toMatchObject({ description: "edited at once" });
    expect((await host.read(urn, id, updated, edited.inputs)).properties).toMatchObject({ description: "edited at once" }); // not the stale replica
    await host.delete(urn, id, updated);
    expect((await admin.groups()).filter((g) => g.name === "Lagged")).toEqual([]);
}, 60_000);

test("seeded faults (429, 5xx, drops, SESSION_NOT_VALID, edit locks; at most 2 in a row) and lag through create/update/delete of 6 groups: no failure, duplicate or orphan", async () => {
    const faults: ZpaFaults = { ...ZPA_NO_FAULTS, rate: 0.35, sequence: "per-key", maxConsecutive: 2, seed: 1310, applyBeforeFaultShare: 0.5 };
    await admin.setConfig({ consistencyLagMs: 1000, faults });
    await admin.clearRequests();
    const names = Array.from({ length: 6 }, (_, i) => `Storm ${i + 1}`);
    const failures: string[] = [];
    const afterUpdate = new Map<string, number>();
    await Promise.all(
        names.map(async (name) => {
            const urn = urnOf(ZPA_TYPE, name);
            try {
                const checked = await host.check(urn, {}, declared({ name, enabled: true }));
                const { id, properties } = await host.create(urn, checked.inputs);
                const edited = await host.check(urn, checked.inputs, declared({ name, enabled: true, description: `${name}, edited` }));
                const updated = await host.update(urn, id, properties, edited.inputs);
                const held = (await admin.groups()).filter((g) => g.name === name);
                afterUpdate.set(name, held.length);
                expect(held).toEqual([expect.objectContaining({ id, description: `${name}, edited`, enabled: true })]);
                await host.delete(urn, id, updated);
            } catch (e) {
                failures.push(`${name}: ${(e as Error).message}`);
            }
        }),
    );
    await admin.setConfig({ consistencyLagMs: 0, faults: ZPA_NO_FAULTS });
    const log = await admin.requests();
    const byKey = zpaFaultsByKey(log);
    const faulted = log.filter((r) => r.fault !== null);
    const kinds = [...new Set(faulted.map((r) => r.fault))].sort();
    console.log(`ZPA fault storm: ${log.length} requests, ${faulted.length} faulted (${kinds.join(", ")}), ${Object.keys(byKey).length} keys`);
    expect(failures).toEqual([]);
    expect(Object.fromEntries(afterUpdate)).toEqual(Object.fromEntries(names.map((n) => [n, 1]))); // no duplicate
    expect(duplicates(await admin.groups())).toEqual({});
    expect((await admin.groups()).filter((g) => g.name.startsWith("Storm "))).toEqual([]); // no orphan
    // The faults are the seeded per-key sequence's, whatever order the six resources' requests came in.
    for (const [key, logged] of Object.entries(byKey)) expect([key, logged]).toEqual([key, zpaKeyedFaults(SEED, faults, key, logged.length)]);
    expect(faulted.length).toBeGreaterThan(10);
    expect(Math.max(...Object.values(byKey).map(longestRun))).toBeLessThanOrEqual(2);
    // Some POST was applied and then failed (a 5xx or a dropped answer): the create found its group instead of posting again.
    expect(log.filter((r) => r.method === "POST" && r.path.includes("/mgmtconfig/") && r.applied && r.status !== 200).length).toBeGreaterThan(0);
    expect(kinds).toEqual(["drop", "editLock409", "editLock412", "serverError", "sessionNotValid", "throttle", "unavailable"]);
}, 240_000);

test("at the default pace (20 reads, 10 writes per 10 s) and the emulator's default limits, 30+ requests meet no 429", async () => {
    const paced = await startZpaEmulator({ port: 0, seed: SEED, rateLimit: ZPA_DEFAULT_CONFIG.rateLimit });
    const pacedAdmin = new ZpaAdmin(paced.url);
    const h = await startZpaHost(programDir, legacyConfig(paced));
    try {
        const groups = await Promise.all(
            ["Paced A", "Paced B", "Paced C", "Paced D"].map(async (name) => {
                const urn = urnOf(ZPA_TYPE, name);
                const checked = await h.check(urn, {}, declared({ name }));
                return { urn, checked, ...(await h.create(urn, checked.inputs)) };
            }),
        );
        // Reads come from one list page now, so the writes and the updates' fresh GETs carry the load: three edits each.
        const last = await Promise.all(
            groups.map(async (g) => {
                let props = g.properties;
                for (const description of ["one", "two", "three"]) {
                    const edited = await h.check(g.urn, {}, declared({ name: g.checked.inputs.name, description }));
                    props = await h.update(g.urn, g.id, props, edited.inputs);
                }
                return { ...g, properties: props };
            }),
        );
        await Promise.all(last.map((g) => h.delete(g.urn, g.id, g.properties)));
        const log = apiCalls(await pacedAdmin.requests());
        console.log(`default pace: ${log.length} API requests, statuses ${JSON.stringify([...new Set(log.map((r) => r.status))])}`);
        expect(log.length).toBeGreaterThanOrEqual(30);
        expect(log.filter((r) => r.status === 429)).toEqual([]);
        expect(await pacedAdmin.groups()).toEqual([]);
    } finally {
        await h.stop();
        await paced.close();
    }
}, 120_000);
