/**
 * The ZPA lookups over real HTTP against the ZPA emulator: what they send (one `name EQ` search when the name is
 * found), what they return, both auth modes, microtenants, the errors (not found with the closest names, settings,
 * refused credentials: which lookup, never the secret), and the Output forms inside a program (Pulumi's mock
 * runtime: the stack configuration `zpa:*` ahead of the environment, results not secret).
 */
import * as pulumi from "@pulumi/pulumi";
import { startZpaEmulator, ZPA_DEMO_CLIENT, type ZpaEmulator, type ZpaRequestLogEntry } from "../../../emulator/zpa";
import {
    getApplicationSegment,
    getApplicationSegmentOutput,
    getSegmentGroup,
    getSegmentGroupOutput,
    isZpaAuthError,
    isZpaConfigError,
    isZpaLookupError,
    type ZpaLookupOptions,
} from "../../../provider/src/zpa";

let emu: ZpaEmulator;
let opts: ZpaLookupOptions;
const savedEnv = { ...process.env };

async function admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${emu.url}/__admin/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
}
/** API requests since the last clear (token requests left out). */
const calls = async () => (await admin<ZpaRequestLogEntry[]>("GET", "requests")).filter((e) => !/signin|oauth2/.test(e.path));
const clear = () => admin("DELETE", "requests");
const appId = async (name: string) => (await admin<Array<{ id: string; name: string }>>("GET", "applications")).find((a) => a.name === name)!.id;

async function rejection(p: Promise<unknown>): Promise<Error> {
    return p.then(
        () => {
            throw new Error("expected the lookup to fail");
        },
        (e: Error) => e,
    );
}

beforeAll(async () => {
    // The caller's Zscaler settings must not reach the lookups (a vanity domain would switch them to OneAPI).
    for (const k of Object.keys(process.env)) if (/^(ZPA|ZSCALER)_/.test(k)) delete process.env[k];
    emu = await startZpaEmulator({
        port: 0,
        seed: 3,
        applications: [
            { name: "CRM Portal", domainNames: ["crm.corp.example"] },
            { name: "Build Server", domainNames: ["ci.corp.example"] },
            { name: "Git Server", domainNames: ["git.corp.example"] },
            { name: "Lab Wiki", domainNames: ["wiki.lab.example"], microtenantId: "5" },
            { name: "Lab Wiki", domainNames: ["wiki.lab2.example"], microtenantId: "6" },
        ],
    });
    opts = { baseUrl: emu.url, customerId: emu.customerId, clientId: ZPA_DEMO_CLIENT.id, clientSecret: ZPA_DEMO_CLIENT.secret };
});
afterAll(async () => {
    process.env = savedEnv;
    pulumi.runtime.setAllConfig({});
    await emu?.close();
});
beforeEach(() => clear());

test("an application segment by name (any case): one search request, the segment's id and details", async () => {
    const found = await getApplicationSegment({ name: "git server" }, opts);
    expect(found).toEqual({
        id: await appId("Git Server"),
        name: "Git Server",
        enabled: expect.any(Boolean),
        domainNames: ["git.corp.example"],
        segmentGroupId: null,
        segmentGroupName: null,
        microtenantId: null,
    });
    const log = await calls();
    expect(log.map((c) => [c.method, c.path, c.query.search])).toEqual([
        ["GET", `/mgmtconfig/v1/admin/customers/${emu.customerId}/application`, "name EQ git server"],
    ]);
});

test("a segment group by name: its id, state and application ids", async () => {
    const crm = await appId("CRM Portal");
    const made = await admin<{ id: string }>("POST", "segmentGroups", { name: "Sales Apps", description: "CRM", enabled: true, applications: [{ id: crm }] });
    await expect(getSegmentGroup({ name: "Sales Apps" }, opts)).resolves.toEqual({
        id: made.id,
        name: "Sales Apps",
        description: "CRM",
        enabled: true,
        applications: [crm],
        microtenantId: null,
    });
    // The application segment now names its group.
    await expect(getApplicationSegment({ name: "CRM Portal" }, opts)).resolves.toMatchObject({ segmentGroupId: made.id, segmentGroupName: "Sales Apps" });
});

test("not found: a ZpaLookupError naming the name, the customer and the closest names, after the search and the list", async () => {
    const e = await rejection(getApplicationSegment({ name: "Git Servr" }, opts));
    expect(isZpaLookupError(e)).toBe(true);
    expect(e.message).toContain(`getApplicationSegment: no application segment named "Git Servr" in ${emu.url} (customer ${emu.customerId}, application)`);
    expect(e.message).toMatch(/Closest names: "Git Server", /);
    expect((await calls()).map((c) => c.query.search ?? "(list)")).toEqual(["name EQ Git Servr", "(list)"]);
});

test("a microtenant is searched in when given, and named in a miss; without one, a name in two microtenants is ambiguous", async () => {
    const ambiguous = await rejection(getApplicationSegment({ name: "Lab Wiki" }, opts));
    expect(ambiguous.message).toMatch(
        /^getApplicationSegment: 2 objects match application segment named "Lab Wiki" exactly in .*: name "Lab Wiki" \(id \d+\); name "Lab Wiki" \(id \d+\)\./,
    );
    await clear();
    await expect(getApplicationSegment({ name: "Lab Wiki", microtenantId: "5" }, opts)).resolves.toMatchObject({ name: "Lab Wiki", microtenantId: "5" });
    expect((await calls())[0].query).toMatchObject({ microtenantId: "5", search: "name EQ Lab Wiki" });
    const e = await rejection(getApplicationSegment({ name: "Lab Wiki", microtenantId: "0" }, opts));
    expect(e.message).toContain('no application segment named "Lab Wiki" in microtenant 0');
    // The setting is the default, the argument wins.
    await expect(getApplicationSegment({ name: "Lab Wiki" }, { ...opts, microtenantId: "5" })).resolves.toMatchObject({ microtenantId: "5" });
});

test("OneAPI: a token URL selects it; the same lookups, under /zpa with a OneAPI token", async () => {
    const found = await getApplicationSegment({ name: "Build Server" }, { ...opts, tokenUrl: emu.tokenUrl });
    expect(found.name).toBe("Build Server");
    const [call] = await calls();
    expect(call).toMatchObject({ path: `/zpa/mgmtconfig/v1/admin/customers/${emu.customerId}/application`, authMode: "oneapi" });
});

test("invalid arguments are refused before any request", async () => {
    for (const [args, what] of [
        [{ name: "" }, 'name: expected a non-empty name, got ""'],
        [{ name: "X", microtenantId: "abc" }, 'microtenantId: expected a ZPA id (digits), got "abc"'],
    ] as const) {
        const e = await rejection(getSegmentGroup(args, opts));
        expect(isZpaLookupError(e)).toBe(true);
        expect(e.message).toBe(`getSegmentGroup: ${what}`);
    }
    expect(await calls()).toEqual([]);
});

test("credentials: a client id without its secret is a ZpaConfigError; a refused secret a ZpaAuthError naming the lookup, never the secret", async () => {
    const half = await rejection(getSegmentGroup({ name: "X" }, { ...opts, clientSecret: undefined }));
    expect(isZpaConfigError(half)).toBe(true);
    expect(half.message).toMatch(/the clientId option is given without clientSecret/);
    const wrong = "not-the-secret-4711";
    const refused = await rejection(getSegmentGroup({ name: "X" }, { ...opts, clientSecret: wrong }));
    expect(isZpaAuthError(refused)).toBe(true);
    expect(refused.message).toMatch(/^getSegmentGroup \(name "X"\): /);
    // What to check, as the resources say it, and no stack frames (it is the package's own error, not a fault).
    expect(refused.message).toMatch(/the credentials from zpa:clientId\/zpa:clientSecret were refused: check them and zpa:customerId/);
    expect(refused.stack).toBe(`ZpaAuthError: ${refused.message}`);
    expect(`${refused.message} ${refused.stack} ${JSON.stringify(refused)}`).not.toContain(wrong);
});

describe("the Output forms in a program", () => {
    const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply((v) => resolve(v)));

    beforeAll(async () => {
        await pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: (a) => a.inputs }, "zpa-lookups", "test", false);
        // The environment points nowhere: the stack configuration must win (a whole environment credential pair would
        // win over the stack's, as for the resources; half a pair does not).
        process.env.ZPA_BASE_URL = "http://127.0.0.1:9";
        process.env.ZPA_CUSTOMER_ID = "1";
        process.env.ZPA_CLIENT_ID = "env-client";
        pulumi.runtime.setAllConfig(
            { "zpa:baseUrl": emu.url, "zpa:customerId": emu.customerId, "zpa:clientId": ZPA_DEMO_CLIENT.id, "zpa:clientSecret": ZPA_DEMO_CLIENT.secret },
            ["zpa:clientSecret"],
        );
    });
    afterAll(() => {
        for (const k of ["ZPA_BASE_URL", "ZPA_CUSTOMER_ID", "ZPA_CLIENT_ID"]) delete process.env[k];
    });

    test("read the stack configuration, chain through Inputs, and are not secret", async () => {
        const build = getApplicationSegmentOutput({ name: pulumi.output("Build Server") });
        expect((await valueOf(build)).id).toBe(await appId("Build Server"));
        expect(await pulumi.isSecret(build)).toBe(false);
        await admin("POST", "segmentGroups", { name: "Chained", enabled: false });
        const group = getSegmentGroupOutput({ name: build.apply(() => "chained") });
        expect((await valueOf(group)).name).toBe("Chained");
        // A secret option does not make the result secret.
        const withSecret = getApplicationSegmentOutput(
            { name: "CRM Portal" },
            { clientSecret: pulumi.secret(ZPA_DEMO_CLIENT.secret), clientId: ZPA_DEMO_CLIENT.id },
        );
        expect(await pulumi.isSecret(withSecret)).toBe(false);
    });
});
