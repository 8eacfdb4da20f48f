/**
 * Input caught before any API call (issue 14 §5), through Pulumi's real dynamic-provider host with the packed package:
 * an id of the wrong shape and a source change that keeps the previous source's entitlements are check failures, and
 * a bad setting fails the first step a preview makes (configure runs inside it), naming the setting. None of them
 * sends a request.
 */
import { Emulator } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { HostError, installProgram, packProvider, ProviderHost, registerResources, Registration, startHostFor, startVaryingEmulator, urnOf } from "./harness";

const SEGMENT = "pulumi-nodejs:dynamic/isc:Segment";
const PROFILE = "pulumi-nodejs:dynamic/isc:AccessProfile";

let emu: Emulator;
let admin: EmulatorAdmin;
let programDir: string;
let host: ProviderHost;
let segment: Registration;
let profile: Registration;
let tenant: Awaited<ReturnType<EmulatorAdmin["state"]>>;

beforeAll(async () => {
    programDir = installProgram(packProvider());
    emu = await startVaryingEmulator({ seed: 41 });
    admin = new EmulatorAdmin(emu.url);
    tenant = await admin.state();
    host = await startHostFor(programDir, emu.url);
    // What the program registers (its ids are placeholders: each test puts the inputs it checks).
    [segment, profile] = registerResources(
        programDir,
        `new isc.Segment("seg", { name: "London" });
         new isc.AccessProfile("ap", { name: "Payroll", owner: { id: "o" }, source: { id: "s" } });`,
    );
}, 180_000);

afterAll(async () => {
    await host?.stop();
    await emu?.close();
});

const withProvider = (reg: Registration, inputs: Record<string, unknown>) => ({ ...inputs, __provider: reg.inputs.__provider });

test("ids of the tenant pass; a name where an owner id belongs is refused, naming the field and the lookup", async () => {
    await admin.clearRequests();
    const urn = urnOf(SEGMENT, "seg");
    const good = await host.check(urn, {}, withProvider(segment, { name: "London", owner: { id: tenant.identities[0].id } }));
    expect(good.failures).toEqual([]);
    const bad = await host.check(urn, {}, withProvider(segment, { name: "London", owner: { id: "Alice Admin" } }));
    expect(bad.failures).toEqual([
        {
            property: "owner.id",
            reason: expect.stringContaining("a string of 11 characters with spaces, which looks like a name, not an id") as string,
        },
    ]);
    expect(bad.failures[0].reason).toContain("getIdentity({ alias })");
    expect(bad.failures[0].reason).not.toContain("Alice");
    expect(await admin.requests()).toEqual([]);
});

test("a new source with the previous source's entitlements is refused in check, from the previous inputs", async () => {
    const [oldSource, newSource] = tenant.sources;
    const entitlementsOf = (sourceId: string) => tenant.entitlements.filter((e) => e.source.id === sourceId).slice(0, 2);
    const declared = (source: string, entitlements: Array<{ id: string }>) =>
        withProvider(profile, {
            name: "Payroll",
            owner: { id: tenant.identities[0].id },
            source: { id: source },
            entitlements: entitlements.map((e) => ({ id: e.id })),
        });
    const urn = urnOf(PROFILE, "ap");
    await admin.clearRequests();
    const previous = await host.check(urn, {}, declared(oldSource.id, entitlementsOf(oldSource.id)));
    expect(previous.failures).toEqual([]);

    const kept = await host.check(urn, previous.inputs, declared(newSource.id, entitlementsOf(oldSource.id)));
    expect(kept.failures.map((f) => f.property)).toEqual(["entitlements"]);
    expect(kept.failures[0].reason).toMatch(/^source\.id changed, but entitlements\[0\], entitlements\[1\] are entitlements of the previous source/);
    for (const id of [oldSource.id, newSource.id, ...entitlementsOf(oldSource.id).map((e) => e.id)]) expect(kept.failures[0].reason).not.toContain(id);

    const moved = await host.check(urn, previous.inputs, declared(newSource.id, entitlementsOf(newSource.id)));
    expect(moved.failures).toEqual([]);
    expect(await admin.requests()).toEqual([]);
});

test.each([
    ["isc:segmentsApiVersion", "v9", 'isc:segmentsApiVersion is "v9": use one of "v3", "beta", "v2024", "v2025", "v2026".'],
    ["isc:propagationTimeoutSeconds", "abc", 'isc:propagationTimeoutSeconds is "abc": use a number of seconds, 0 or more.'],
    ["isc:maxRequestsPer10Seconds", "0", 'isc:maxRequestsPer10Seconds is "0": use a whole number of requests, 1 or more (ISC documents 100).'],
    ["isc:baseUrl", "EMULATOR/v3", "isc:baseUrl must be the tenant's API root without a version path"],
])(
    "a preview's first step fails on %s = %s, naming the setting and what is allowed",
    async (key, value, message) => {
        const other = await ProviderHost.start(programDir, { SAIL_BASE_URL: "", SAIL_CLIENT_ID: "", SAIL_CLIENT_SECRET: "" });
        try {
            await other.configure({
                "isc:baseUrl": emu.url,
                "isc:clientId": "demo-client",
                "isc:clientSecret": "demo-secret",
                [key]: value.replace("EMULATOR", emu.url),
            });
            await admin.clearRequests();
            const err = await other.check(urnOf(SEGMENT, "seg"), {}, segment.inputs).then(
                () => undefined,
                (e: unknown) => e,
            );
            expect(err).toBeInstanceOf(HostError);
            expect((err as HostError).message).toContain(message);
            expect((err as HostError).message).not.toContain("demo-secret");
            expect(await admin.requests()).toEqual([]);
        } finally {
            await other.stop();
        }
    },
    60_000,
);
