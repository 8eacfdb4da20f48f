/**
 * RFC 6902 `test` operations through Pulumi's real dynamic-provider host against the emulator:
 *  - a tenant that refuses them (`refuseTestOperations`): updates of entitlements (adds and removals, on two
 *    resources) converge; the request log shows the refused guarded PATCH exactly once, followed by the fallback,
 *    and no later PATCH carries a `test`; the host warns once;
 *  - SAIL_USE_TEST_OPERATIONS=false on a tenant that takes them: a removal reads first, writes the set whole (no index
 *    taken from an answer unguarded) and sends no `test`.
 */
import { type Emulator, type RequestLogEntry } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { installProgram, packProvider, ProviderHost, registerResources, startHostFor, urnOf, startVaryingEmulator } from "./harness";
import { findByDisplayName } from "./support";

const PROFILE = "pulumi-nodejs:dynamic/isc:AccessProfile";
type Props = Record<string, unknown>;
interface Op {
    op: string;
    path: string;
}
interface Managed {
    urn: string;
    id: string;
    outs: Props;
    inputs: Props;
}

let emu: Emulator;
let admin: EmulatorAdmin;
let programDir: string;
let profileProvider: unknown;
let alice: string;
let source: string;
let e: string[];

beforeAll(async () => {
    programDir = installProgram(packProvider());
    emu = await startVaryingEmulator({ seed: 43, rateLimit: null, refuseTestOperations: true });
    admin = new EmulatorAdmin(emu.url);
    const state = await admin.state();
    alice = findByDisplayName(state.identities, "Alice Admin");
    source = state.sources[0].id;
    e = state.entitlements.filter((x) => x.source.id === source).map((x) => x.id);
    expect(e.length).toBeGreaterThanOrEqual(5);
    profileProvider = registerResources(programDir, `new isc.AccessProfile("p", { name: "p", owner: { id: "o" }, source: { id: "x" } });`).find(
        (r) => r.type === PROFILE,
    )!.inputs.__provider;
}, 180_000);

afterAll(async () => {
    await emu?.close();
});

function profile(name: string, entitlements: string[]): Props {
    return { __provider: profileProvider, name, owner: { id: alice }, source: { id: source }, entitlements: entitlements.map((id) => ({ id })) };
}

/** Creates the profile, or updates `current` to the declared entitlements, as the engine would (check, then create or update). */
async function apply(host: ProviderHost, name: string, entitlements: string[], current?: Managed): Promise<Managed> {
    const urn = current?.urn ?? urnOf(PROFILE, name.replace(/\W+/g, "-"));
    const checked = await host.check(urn, current?.inputs ?? {}, profile(name, entitlements));
    expect(checked.failures).toEqual([]);
    if (!current) {
        const made = await host.create(urn, checked.inputs);
        return { urn, id: made.id, outs: made.properties, inputs: checked.inputs };
    }
    const outs = await host.update(urn, current.id, current.outs, checked.inputs);
    return { urn, id: current.id, outs, inputs: checked.inputs };
}

/** The profile's entitlement ids in the tenant's own order. */
async function storedOrder(id: string): Promise<string[]> {
    const obj = (await admin.state()).accessProfiles.find((p) => p.id === id) as { entitlements?: Array<{ id: string }> } | undefined;
    return (obj?.entitlements ?? []).map((x) => x.id);
}

const entitlementsOf = async (id: string): Promise<string[]> => (await storedOrder(id)).sort();

const opsOf = (r: RequestLogEntry): Op[] => (Array.isArray(r.requestBody) ? (r.requestBody as Op[]) : []);
const carriesTest = (r: RequestLogEntry) => opsOf(r).some((o) => o.op === "test");
const sorted = (...ids: string[]) => [...ids].sort();

test("a tenant that refuses test operations: entitlements added and removed on two resources converge; one refused PATCH, one warning", async () => {
    await admin.clearRequests();
    const host = await startHostFor(programDir, emu.url, 10);
    try {
        let a = await apply(host, "Refusing A", [e[0], e[1], e[2]]);
        a = await apply(host, "Refusing A", [e[0], e[1], e[2], e[3]], a); // an add: no guard needed
        a = await apply(host, "Refusing A", [e[0], e[2], e[3]], a); // a removal: guarded, refused, then the fallback
        let b = await apply(host, "Refusing B", [e[0], e[1], e[2], e[3]]);
        b = await apply(host, "Refusing B", [e[0], e[1], e[3], e[4]], b); // planned from a fresh read, no test
        a = await apply(host, "Refusing A", [e[2], e[3]], a);

        expect(await entitlementsOf(a.id)).toEqual(sorted(e[2], e[3]));
        expect(await entitlementsOf(b.id)).toEqual(sorted(e[0], e[1], e[3], e[4]));
        expect((a.outs.entitlements as Array<{ id: string }>).map((x) => x.id).sort()).toEqual(sorted(e[2], e[3]));

        const log = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
        const patches = log.filter((r) => r.method === "PATCH");
        console.log(`refusing tenant: ${log.map((r) => `${r.method} ${r.status}${carriesTest(r) ? " (test)" : ""}`).join(", ")}`);
        const refused = patches.filter((r) => r.status === 400);
        expect(refused).toHaveLength(1);
        expect(carriesTest(refused[0])).toBe(true);
        // The fallback at once after the refusal: a read to judge the tests, then the change without them.
        const at = log.indexOf(refused[0]);
        expect(log.slice(at + 1, at + 3).map((r) => `${r.method} ${r.status}`)).toEqual(["GET 200", "PATCH 200"]);
        expect(patches.filter((r) => r !== refused[0]).every((r) => r.status === 200 && !carriesTest(r))).toBe(true);
        // B's removal is planned from the read just before it, the set written whole: no index from an answer unguarded.
        const bPatches = patches.filter((r) => r.path.endsWith(b.id));
        expect(opsOf(bPatches.at(-1)!).map((o) => `${o.op} ${o.path}`)).toEqual(["replace /entitlements"]);
        expect(log[log.indexOf(bPatches.at(-1)!) - 1]).toMatchObject({ method: "GET", path: expect.stringMatching(new RegExp(`${b.id}$`)) });

        expect(host.log.match(/refuse test operations/g)).toHaveLength(1);
        expect(host.log).toContain("Unsupported operation: test");
        expect(host.log).not.toContain("demo-secret");
    } finally {
        await host.stop();
    }
}, 180_000);

test("SAIL_USE_TEST_OPERATIONS=false on a tenant that takes them: a removal reads first, writes the set whole and sends no test", async () => {
    await admin.setConfig({ refuseTestOperations: false });
    await admin.clearRequests();
    const host = await ProviderHost.start(programDir, { SAIL_BASE_URL: "", SAIL_CLIENT_ID: "", SAIL_CLIENT_SECRET: "", SAIL_USE_TEST_OPERATIONS: "false" });
    try {
        await host.configure({
            "isc:baseUrl": emu.url,
            "isc:clientId": "demo-client",
            "isc:clientSecret": "demo-secret",
            "isc:propagationTimeoutSeconds": "10",
        });
        let c = await apply(host, "Untested C", [e[0], e[1], e[2]]);
        c = await apply(host, "Untested C", [e[0], e[2]], c);
        expect(await entitlementsOf(c.id)).toEqual(sorted(e[0], e[2]));
        const log = (await admin.requests()).filter((r) => r.path !== "/oauth/token");
        expect(log.map((r) => `${r.method} ${r.status}`)).toEqual(["POST 201", "GET 200", "PATCH 200"]);
        // Planned from the read, the set written whole: the read's order need not be the one the server's indexes address.
        expect(opsOf(log[2])).toEqual([{ op: "replace", path: "/entitlements", value: sorted(e[0], e[2]).map((id) => ({ type: "ENTITLEMENT", id })) }]);
        expect(host.log).not.toMatch(/refuse test operations/);
    } finally {
        await host.stop();
    }
}, 180_000);
