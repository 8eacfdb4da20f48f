/**
 * Promotion between tenants, end to end with the real `pulumi` CLI: one installed program (the tenant-baseline
 * example), two stacks in one backend (`sandbox` and `prod`), two emulator tenants seeded differently so that
 * every id differs between them. Each stack is configured with its tenant's URL and credentials only, no id:
 * `pulumi up` converges on each because every reference (the owner, the sources, the entitlements, the
 * approving governance group) is looked up by name on the stack's own tenant. The program edit (`revision: 2`)
 * is then promoted as a pipeline would: sandbox first (prod gets no request at all), then prod, each with the
 * same two PATCHes against its own ids.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../../emulator";
import { EmulatorAdmin, type RequestLogEntry, type StoredObject, type TenantState } from "../../emulator/admin-client";
import { holdTempDir, installProgram, packProvider, releaseTempDir, REPO } from "../../scripts/lib/program";
import { pulumiCliEnv, PulumiStack, type RunResult } from "../../scripts/lib/pulumi";

const PROJECT = "isc-promotion";
const SEGMENTS = ["Location: London", "Location: New York", "Department: Finance", "Engineering in London"];
const PROFILES = ["Finance File Shares", "Engineering VPN", "HR Self-Service"];
/** Every tenant object the example names, as it names them. */
const OWNER_ALIAS = "alice.admin";
const APPROVERS = "Finance Approvers";
const SOURCE_ENTITLEMENTS: Record<string, string[]> = {
    "Active Directory": ["Finance Share Read", "Finance Share Write", "Payroll Share", "VPN Users"],
    Workday: ["Time Off", "Expenses"],
};
const STEP_MS = 10 * 60 * 1000;

type Kind = "identity" | "source" | "entitlement" | "governance group" | "segment";

/** One id an object of the tenant refers to, and where in the object it was found. */
interface Reference {
    kind: Kind;
    id: string;
    where: string;
}

interface Tenant {
    name: "sandbox" | "prod";
    seed: number;
    emu: Emulator;
    admin: EmulatorAdmin;
    /** The tenant's reference objects as they were before any stack ran. */
    initial: TenantState;
    stack: PulumiStack;
}

interface Outputs {
    segmentIds: { london: string; newYork: string; finance: string; londonEngineering: string };
    accessProfileIds: { financeShares: string; engineeringVpn: string; hrSelfService: string };
}

let cliEnv: NodeJS.ProcessEnv;
let programDir: string;
/** The backend both stacks share, as one project's stacks would in a pipeline. */
let backendDir: string;
const tenants: Tenant[] = [];
const transcript: string[] = [];

function tenant(name: Tenant["name"]): Tenant {
    const t = tenants.find((x) => x.name === name);
    if (!t) throw new Error(`no tenant ${name} (beforeAll failed?)`);
    return t;
}

function other(t: Tenant): Tenant {
    return tenant(t.name === "sandbox" ? "prod" : "sandbox");
}

async function pulumi(t: Tenant, args: string[]): Promise<RunResult> {
    const r = await t.stack.run(args, { timeoutMs: STEP_MS });
    transcript.push(r.stdout, r.stderr);
    return r;
}

function isRecord(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

function idOf(v: unknown, where: string): string {
    if (!isRecord(v) || typeof v.id !== "string") throw new Error(`${where}: expected an object with an id, got ${JSON.stringify(v)}`);
    return v.id;
}

function listAt(v: unknown, where: string): unknown[] {
    if (!Array.isArray(v)) throw new Error(`${where}: expected a list, got ${JSON.stringify(v)}`);
    return v;
}

/** Every tenant id a segment or access profile refers to. */
function referencesOf(obj: StoredObject, type: "segment" | "access profile"): Reference[] {
    const at = `${type} "${obj.name}"`;
    const refs: Reference[] = [{ kind: "identity", id: idOf(obj.owner, `${at} owner`), where: `${at} owner` }];
    if (type === "segment") return refs;
    refs.push({ kind: "source", id: idOf(obj.source, `${at} source`), where: `${at} source` });
    listAt(obj.entitlements, `${at} entitlements`).forEach((e, i) =>
        refs.push({ kind: "entitlement", id: idOf(e, `${at} entitlements[${i}]`), where: `${at} entitlements[${i}]` }),
    );
    listAt(obj.segments ?? [], `${at} segments`).forEach((s, i) => {
        if (typeof s !== "string") throw new Error(`${at} segments[${i}]: expected an id, got ${JSON.stringify(s)}`);
        refs.push({ kind: "segment", id: s, where: `${at} segments[${i}]` });
    });
    for (const config of ["accessRequestConfig", "revocationRequestConfig"]) {
        const c = obj[config];
        if (c === undefined || c === null) continue;
        if (!isRecord(c)) throw new Error(`${at} ${config}: ${JSON.stringify(c)}`);
        listAt(c.approvalSchemes ?? [], `${at} ${config}.approvalSchemes`).forEach((s, i) => {
            if (!isRecord(s)) throw new Error(`${at} ${config}.approvalSchemes[${i}]: ${JSON.stringify(s)}`);
            if (s.approverType === "GOVERNANCE_GROUP") {
                if (typeof s.approverId !== "string") throw new Error(`${at} ${config}.approvalSchemes[${i}] has no approverId`);
                refs.push({ kind: "governance group", id: s.approverId, where: `${at} ${config}.approvalSchemes[${i}].approverId` });
            }
        });
    }
    return refs;
}

/** The ids of each kind of object a tenant holds. */
function idsByKind(state: TenantState): Record<Kind, Set<string>> {
    return {
        identity: new Set(state.identities.map((x) => x.id)),
        source: new Set(state.sources.map((x) => x.id)),
        entitlement: new Set(state.entitlements.map((x) => x.id)),
        "governance group": new Set(state.governanceGroups.map((x) => x.id)),
        segment: new Set(state.segments.map((x) => x.id)),
    };
}

function allIds(state: TenantState): Set<string> {
    const ids = new Set<string>();
    for (const set of Object.values(idsByKind(state))) for (const id of set) ids.add(id);
    for (const p of state.accessProfiles) ids.add(p.id);
    return ids;
}

/** The ids the example's names resolve to in one tenant, found in its own admin state. */
function namedIds(state: TenantState): { owner: string; approvers: string; sources: Record<string, string>; entitlements: Record<string, string> } {
    const one = <T extends { id: string }>(list: T[], what: string): string => {
        if (list.length !== 1) throw new Error(`expected exactly one ${what} in the tenant, found ${list.length}`);
        return list[0].id;
    };
    const sources: Record<string, string> = {};
    const entitlements: Record<string, string> = {};
    for (const [source, names] of Object.entries(SOURCE_ENTITLEMENTS)) {
        sources[source] = one(
            state.sources.filter((s) => s.name === source),
            `source "${source}"`,
        );
        for (const name of names) {
            entitlements[name] = one(
                state.entitlements.filter((e) => e.name === name && e.source.id === sources[source]),
                `entitlement "${name}" of "${source}"`,
            );
        }
    }
    return {
        owner: one(
            state.identities.filter((i) => i.alias === OWNER_ALIAS),
            `identity "${OWNER_ALIAS}"`,
        ),
        approvers: one(
            state.governanceGroups.filter((g) => g.name === APPROVERS),
            `governance group "${APPROVERS}"`,
        ),
        sources,
        entitlements,
    };
}

function byName(list: StoredObject[], name: string): StoredObject {
    const found = list.filter((o) => o.name === name);
    if (found.length !== 1) throw new Error(`expected one object named "${name}", found ${found.length}`);
    return found[0];
}

function idsOfRefs(v: unknown, where: string): string[] {
    return listAt(v, where).map((e, i) => idOf(e, `${where}[${i}]`));
}

/**
 * The tenant holds the example's objects, and each of their references is an id of this tenant (of the right
 * kind, and the one the example's name denotes here), never one of the other tenant's.
 */
async function expectConvergedOnOwnTenant(t: Tenant, revision: 1 | 2): Promise<void> {
    const state = await t.admin.state();
    const foreign = await other(t).admin.state();
    expect({ segments: state.segments.map((s) => s.name).sort(), accessProfiles: state.accessProfiles.map((p) => p.name).sort() }).toEqual({
        segments: [...SEGMENTS].sort(),
        accessProfiles: [...PROFILES].sort(),
    });

    const own = idsByKind(state);
    const theirs = allIds(foreign);
    const refs = [...state.segments.flatMap((s) => referencesOf(s, "segment")), ...state.accessProfiles.flatMap((p) => referencesOf(p, "access profile"))];
    // 4 segment owners; per profile an owner, a source, its entitlements (revision 2 adds one) and its segments;
    // one approving group.
    expect(refs.filter((r) => r.kind === "identity")).toHaveLength(7);
    expect(refs.filter((r) => r.kind === "source")).toHaveLength(3);
    expect(refs.filter((r) => r.kind === "entitlement")).toHaveLength(revision === 1 ? 5 : 6);
    expect(refs.filter((r) => r.kind === "governance group")).toHaveLength(1);
    const notOwn = refs.filter((r) => !own[r.kind].has(r.id));
    const fromOther = refs.filter((r) => theirs.has(r.id));
    expect({ tenant: t.name, notOwn, fromOther }).toEqual({ tenant: t.name, notOwn: [], fromOther: [] });

    // And each is the object the example names, as this tenant knows it.
    const named = namedIds(state);
    for (const s of state.segments) expect(idOf(s.owner, s.name)).toBe(named.owner);
    const shares = byName(state.accessProfiles, "Finance File Shares");
    const vpn = byName(state.accessProfiles, "Engineering VPN");
    const hr = byName(state.accessProfiles, "HR Self-Service");
    for (const p of [shares, vpn, hr]) expect(idOf(p.owner, p.name)).toBe(named.owner);
    expect(idOf(shares.source, "source")).toBe(named.sources["Active Directory"]);
    expect(idOf(vpn.source, "source")).toBe(named.sources["Active Directory"]);
    expect(idOf(hr.source, "source")).toBe(named.sources.Workday);
    const financeNames = revision === 1 ? ["Finance Share Read", "Finance Share Write"] : ["Finance Share Read", "Finance Share Write", "Payroll Share"];
    expect(idsOfRefs(shares.entitlements, "entitlements").sort()).toEqual(financeNames.map((n) => named.entitlements[n]).sort());
    expect(idsOfRefs(vpn.entitlements, "entitlements")).toEqual([named.entitlements["VPN Users"]]);
    expect(idsOfRefs(hr.entitlements, "entitlements").sort()).toEqual([named.entitlements["Time Off"], named.entitlements.Expenses].sort());
    expect(refs.find((r) => r.kind === "governance group")?.id).toBe(named.approvers);

    // The stack's outputs are this tenant's segments and access profiles.
    const out = (await t.stack.outputs()) as unknown as Outputs;
    expect(Object.values(out.segmentIds).sort()).toEqual(state.segments.map((s) => s.id).sort());
    expect(Object.values(out.accessProfileIds).sort()).toEqual(state.accessProfiles.map((p) => p.id).sort());
}

function patches(log: RequestLogEntry[]): RequestLogEntry[] {
    return log.filter((r) => r.method === "PATCH");
}

/** `revision: 2` promoted to one stack: exactly the two PATCHes of the edit, against that tenant's own ids. */
async function promote(t: Tenant): Promise<void> {
    const elsewhere = other(t);
    await t.admin.clearRequests();
    await elsewhere.admin.clearRequests();

    await t.stack.setConfig("revision", "2");
    await pulumi(t, ["up", "--yes", "--skip-preview"]);

    expect({ tenant: elsewhere.name, requests: await elsewhere.admin.requests() }).toEqual({ tenant: elsewhere.name, requests: [] });
    const log = await t.admin.requests();
    expect(log.length).toBeGreaterThan(0);
    const sent = patches(log);
    expect(sent).toHaveLength(2);
    expect(sent.every((p) => p.status >= 200 && p.status < 300)).toBe(true);

    const out = (await t.stack.outputs()) as unknown as Outputs;
    const state = await t.admin.state();
    const named = namedIds(state);
    const segmentPatch = sent.find((p) => p.path.endsWith(`/segments/${out.segmentIds.london}`));
    const profilePatch = sent.find((p) => p.path.endsWith(`/access-profiles/${out.accessProfileIds.financeShares}`));
    // One PATCH each to this tenant's London segment and Finance File Shares profile, by the ids its stack holds.
    expect({ segment: segmentPatch?.path, profile: profilePatch?.path }).toEqual({ segment: expect.any(String), profile: expect.any(String) });
    expect(segmentPatch).not.toBe(profilePatch);
    expect(segmentPatch?.requestBody).toEqual([{ op: "replace", path: "/description", value: "Employees whose primary office is London (UK)" }]);
    const profileOps = listAt(profilePatch?.requestBody, "access profile PATCH body").filter((op) => isRecord(op) && op.op !== "test");
    expect(profileOps).toEqual([
        { op: "add", path: "/entitlements/-", value: expect.objectContaining({ type: "ENTITLEMENT", id: named.entitlements["Payroll Share"] }) },
    ]);

    // The tenant's objects after the edit: still only its own ids, now with the third Finance entitlement.
    expect(byName(state.segments, "Location: London").description).toBe("Employees whose primary office is London (UK)");
    await expectConvergedOnOwnTenant(t, 2);
    await pulumi(t, ["preview", "--refresh", "--expect-no-changes"]);
}

beforeAll(
    async () => {
        cliEnv = await pulumiCliEnv();
        programDir = installProgram(packProvider(), { project: PROJECT, typescript: true });
        fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), `name: ${PROJECT}\nruntime: nodejs\nmain: examples/tenant-baseline/index.ts\n`);
        fs.mkdirSync(path.join(programDir, "examples/tenant-baseline"), { recursive: true });
        fs.copyFileSync(path.join(REPO, "examples/tenant-baseline/index.ts"), path.join(programDir, "examples/tenant-baseline/index.ts"));
        backendDir = fs.mkdtempSync(path.join(os.tmpdir(), "isc-stack-backend-"));
        holdTempDir(backendDir);

        for (const [name, seed] of [
            ["sandbox", 31],
            ["prod", 32],
        ] as const) {
            // Answers in every form the specs allow (emulator/echo.ts), each tenant with its own choices.
            const emu = await startEmulator({ port: 0, seed, echoVariation: { seed } });
            const admin = new EmulatorAdmin(emu.url);
            const stack = new PulumiStack(programDir, name, cliEnv, { PULUMI_BACKEND_URL: `file://${backendDir}` });
            tenants.push({ name, seed, emu, admin, initial: await admin.state(), stack });
            await stack.init();
            // The tenant and the credentials: nothing else, no id.
            await stack.setConfig("isc:baseUrl", emu.url);
            await stack.setConfig("isc:clientId", "demo-client");
            await stack.setConfig("isc:clientSecret", "demo-secret", { secret: true });
        }
    },
    30 * 60 * 1000,
);

afterAll(async () => {
    for (const t of tenants) {
        t.stack.dispose();
        await t.emu.close();
    }
    if (backendDir) {
        releaseTempDir(backendDir);
        fs.rmSync(backendDir, { recursive: true, force: true });
    }
});

describe("promotion: one program, a sandbox and a prod stack, two tenants whose ids all differ", () => {
    test("the two tenants share no id, and hold every object the example names (under different ids)", () => {
        const [sandbox, prod] = [tenant("sandbox").initial, tenant("prod").initial];
        for (const s of [sandbox, prod]) {
            expect(s.identities.length).toBeGreaterThan(0);
            expect(s.sources.length).toBeGreaterThan(0);
            expect(s.entitlements.length).toBeGreaterThan(0);
            expect(s.governanceGroups.length).toBeGreaterThan(0);
            expect({ segments: s.segments, accessProfiles: s.accessProfiles }).toEqual({ segments: [], accessProfiles: [] });
        }
        const prodIds = allIds(prod);
        expect([...allIds(sandbox)].filter((id) => prodIds.has(id))).toEqual([]);

        const [a, b] = [namedIds(sandbox), namedIds(prod)];
        expect(a.owner).not.toBe(b.owner);
        expect(a.approvers).not.toBe(b.approvers);
        for (const name of Object.keys(a.sources)) expect(a.sources[name]).not.toBe(b.sources[name]);
        for (const name of Object.keys(a.entitlements)) expect(a.entitlements[name]).not.toBe(b.entitlements[name]);
    });

    test(
        "each stack's config holds its tenant and credentials only (no id), the secret encrypted",
        async () => {
            for (const t of tenants) {
                const config = JSON.parse((await t.stack.run(["config", "--json"])).stdout) as Record<string, { value?: string; secret: boolean }>;
                expect(Object.keys(config).sort()).toEqual(["isc:baseUrl", "isc:clientId", "isc:clientSecret"]);
                expect(config["isc:baseUrl"].value).toBe(t.emu.url);
                expect(config["isc:clientSecret"].secret).toBe(true);
            }
            const listed = JSON.parse((await tenant("sandbox").stack.run(["stack", "ls", "--json"])).stdout) as Array<{ name: string }>;
            expect(listed.map((s) => s.name).sort()).toEqual(["prod", "sandbox"]);
        },
        STEP_MS,
    );

    test(
        "up on sandbox, then on prod: each converges on its own tenant, the other untouched",
        async () => {
            for (const t of [tenant("sandbox"), tenant("prod")]) {
                await other(t).admin.clearRequests();
                await pulumi(t, ["up", "--yes", "--skip-preview"]);
                expect({ tenant: other(t).name, requests: await other(t).admin.requests() }).toEqual({ tenant: other(t).name, requests: [] });
                await expectConvergedOnOwnTenant(t, 1);
            }
            // Neither tenant's new objects share an id with the other's.
            const prodIds = allIds(await tenant("prod").admin.state());
            expect([...allIds(await tenant("sandbox").admin.state())].filter((id) => prodIds.has(id))).toEqual([]);
        },
        2 * STEP_MS,
    );

    test(
        "preview --refresh --expect-no-changes passes on both stacks",
        async () => {
            for (const t of tenants) await pulumi(t, ["preview", "--refresh", "--expect-no-changes"]);
        },
        2 * STEP_MS,
    );

    test(
        "promoting revision 2: sandbox gets the two PATCHes and prod no request at all; then prod the same two against its own ids",
        async () => {
            await promote(tenant("sandbox"));
            // Until promoted, prod still runs revision 1.
            const prodState = await tenant("prod").admin.state();
            expect(byName(prodState.segments, "Location: London").description).toBe("Employees based in London");
            await expectConvergedOnOwnTenant(tenant("prod"), 1);

            await promote(tenant("prod"));
        },
        4 * STEP_MS,
    );

    test("the client secret appears in nothing pulumi printed", () => {
        expect(transcript.length).toBeGreaterThan(0);
        for (const text of transcript) expect(text).not.toContain("demo-secret");
    });

    test(
        "destroy on both stacks leaves both tenants with no segment or access profile",
        async () => {
            for (const t of tenants) await pulumi(t, ["destroy", "--yes", "--skip-preview"]);
            for (const t of tenants) {
                const state = await t.admin.state();
                expect({ tenant: t.name, segments: state.segments, accessProfiles: state.accessProfiles }).toEqual({
                    tenant: t.name,
                    segments: [],
                    accessProfiles: [],
                });
            }
        },
        2 * STEP_MS,
    );
});
