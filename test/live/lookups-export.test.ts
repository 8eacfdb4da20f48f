/**
 * The live tenant's own objects found by name, and the export, read-only. The lookups (the package's functions,
 * as a script calls them) find the first identity, source and entitlements the tenant lists, whatever they are
 * called, and two objects this run made; the installed package's `pulumi-sailpoint-isc export`, limited to this
 * run's objects with `--filter`, writes a program adopting them and sends no write to the tenant (seen through
 * the recording pass-through, proxy.ts). Opt-in: see support.ts and the README.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import {
    getAccessProfile,
    getEntitlement,
    getEntitlements,
    getIdentity,
    getSegment,
    getSource,
    isIscLookupError,
    type LookupOptions,
} from "../../provider/src/lookups";
import { installProgram, packProvider } from "../../scripts/lib/program";
import { RecordingProxy } from "./proxy";
import { describeLive, DIRECT_PACE, eventually, PROVIDER_PACE, runPrefix, TenantApi, type References, type TenantObject } from "./support";

const run = promisify(execFile);
const LONG = 10 * 60_000;

describeLive("the live tenant's objects by name, and its export", (tenant) => {
    const prefix = runPrefix();
    let api: TenantApi;
    let refs: References;
    let segment: TenantObject;
    let profile: TenantObject;
    let options: LookupOptions;

    beforeAll(async () => {
        api = new TenantApi(tenant(), prefix);
        const swept = await api.sweep();
        if (swept.length > 0) console.log(`swept leftovers of earlier runs: ${swept.join(", ")}`);
        refs = await api.references();
        options = { ...tenant(), maxRequestsPer10Seconds: DIRECT_PACE };
        segment = await api.create("segments", {
            name: `${prefix}-export-segment`,
            description: "Made by the live suite",
            owner: { type: "IDENTITY", id: refs.identity.id },
            active: false,
        });
        profile = await api.create("access-profiles", {
            name: `${prefix}-export-profile`,
            description: "Made by the live suite",
            owner: { type: "IDENTITY", id: refs.identity.id },
            source: { type: "SOURCE", id: refs.source.id },
            entitlements: refs.entitlements.slice(0, 2).map((e) => ({ type: "ENTITLEMENT", id: e.id })),
            enabled: false,
            requestable: true,
        });
        // Both must be in their lists before they can be found by name or exported.
        for (const [kind, made] of [
            ["segments", segment],
            ["access-profiles", profile],
        ] as const) {
            await eventually(
                `${made.name} in the list`,
                () => api.list(kind),
                (all) => all.some((o) => o.id === made.id),
            );
        }
    }, LONG);

    afterAll(async () => {
        const left = api ? await api.removeRun() : [];
        if (left.length > 0) console.log(`afterAll removed: ${left.join(", ")}`);
    }, LONG);

    test(
        "identities, sources and entitlements the tenant lists are found by name",
        async () => {
            const { identity, source, entitlements } = refs;
            const byIdentity = identity.alias ? await getIdentity({ alias: identity.alias }, options) : await getIdentity({ name: identity.name }, options);
            expect(byIdentity.id).toBe(identity.id);
            const bySource = await getSource({ name: source.name }, options);
            expect(bySource).toMatchObject({ id: source.id, name: source.name });
            const one = await getEntitlement({ source: bySource, value: entitlements[0].value }, options);
            expect(one).toMatchObject({ id: entitlements[0].id, value: entitlements[0].value, source: { id: source.id } });
            const many = await getEntitlements({ source: source.id, values: entitlements.map((e) => e.value).reverse() }, options);
            expect(many.map((e) => e.id)).toEqual(entitlements.map((e) => e.id).reverse());
        },
        LONG,
    );

    test(
        "this run's segment and access profile are found by name",
        async () => {
            // Lists may lag a create (a list read may even be an older replica's than the one before): retry a miss.
            const found = <T>(lookup: () => Promise<T>) =>
                eventually(
                    "the lookup",
                    () =>
                        lookup().catch((e: unknown) =>
                            isIscLookupError(e) && e.problems.every((p) => p.kind === "not-found") ? undefined : Promise.reject(e),
                        ),
                    (r) => r !== undefined,
                );
            expect((await found(() => getSegment({ name: segment.name }, options)))!.id).toBe(segment.id);
            expect(await found(() => getAccessProfile({ name: profile.name }, options))).toMatchObject({ id: profile.id, source: { id: refs.source.id } });
        },
        LONG,
    );

    test(
        "pulumi-sailpoint-isc export writes a program adopting this run's objects and sends no write",
        async () => {
            const programDir = installProgram(packProvider(), { project: "isc-live-export" });
            const proxy = await RecordingProxy.start(tenant().baseUrl);
            const out = fs.mkdtempSync(path.join(os.tmpdir(), "isc-live-export-"));
            try {
                const cli = path.join(programDir, "node_modules", ".bin", "pulumi-sailpoint-isc");
                const env = {
                    ...process.env,
                    SAIL_BASE_URL: proxy.url,
                    SAIL_CLIENT_ID: tenant().clientId,
                    SAIL_CLIENT_SECRET: tenant().clientSecret,
                    SAIL_ACCESS_TOKEN: "",
                    SAIL_MAX_REQUESTS_PER_10_SECONDS: String(PROVIDER_PACE),
                };
                const filter = `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-`;
                const exportOnce = async () => {
                    const r = await run(cli, ["export", "--out", out, "--filter", filter], { env, cwd: programDir, maxBuffer: 64 * 1024 * 1024 });
                    return { ...r, program: fs.readFileSync(path.join(out, "index.ts"), "utf8") };
                };
                // A list read may still be an older replica's: export again (it only reads) until both are in it.
                const done = await eventually("an export holding both objects", exportOnce, (r) =>
                    [segment, profile].every((m) => r.program.includes(JSON.stringify(m.id))),
                );
                expect(done.stderr).toMatch(/wrote 5 files/);
                const calls = proxy.all();
                expect(calls.length).toBeGreaterThan(0);
                expect(calls.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).toEqual([]);
                const program = done.program;
                expect(program.match(/new isc\.(Segment|AccessProfile)\(/g)).toHaveLength(2);
                for (const made of [segment, profile]) {
                    expect(program).toContain(JSON.stringify(made.name));
                    expect(program).toContain(`adoptId: ${JSON.stringify(made.id)}`);
                }
                expect(program).toContain("isc.getSourceOutput(");
                expect(program).toContain("isc.getIdentityOutput(");
                const secret = tenant().clientSecret;
                for (const text of [done.stdout, done.stderr, ...fs.readdirSync(out).map((f) => fs.readFileSync(path.join(out, f), "utf8"))]) {
                    expect(text).not.toContain(secret);
                }
            } finally {
                await proxy.close();
                fs.rmSync(out, { recursive: true, force: true });
            }
        },
        LONG,
    );
});
