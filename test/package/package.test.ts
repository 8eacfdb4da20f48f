/**
 * The package as npm ships it: what the tarball holds, its metadata, that its runtime dependencies are exactly
 * what its code requires, that the README's program type-checks against it, and that it works at the floor of
 * its `@pulumi/pulumi` peer range (installed from the registry beside the tarball, driven through that version's
 * dynamic-provider host against the emulator). The ZPA entry `pulumi-sailpoint-isc/zpa` too: each half loads without
 * the other, its example program type-checks, its state names only `pulumi-sailpoint-isc/zpa/dynamic`.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { startEmulator, Emulator } from "../../emulator";
import { startZpaEmulator, ZPA_DEMO_CLIENT, type ZpaEmulator } from "../../emulator/zpa";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { installProgram, packProvider, REPO } from "../../scripts/lib/program";
import { ProviderHost, registerResources, startHostFor, urnOf } from "../host/harness";
import { findByDisplayName } from "../host/support";

interface PackageJson {
    name: string;
    version: string;
    license?: string;
    repository?: { type: string; url: string; directory?: string };
    homepage?: string;
    bugs?: { url: string };
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    exports: Record<string, unknown>;
}

let tarball: string;
let files: string[];
let pkg: PackageJson;

beforeAll(() => {
    tarball = packProvider();
    files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" })
        .split("\n")
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, ""));
    pkg = JSON.parse(execFileSync("tar", ["-xzOf", tarball, "package/package.json"], { encoding: "utf8" })) as PackageJson;
}, 120_000);

describe("the packed tarball", () => {
    test("ships the README, the licence, the built code and its typings, and nothing else", () => {
        expect(files).toEqual(
            expect.arrayContaining([
                "README.md",
                "LICENSE",
                "package.json",
                "dist/index.js",
                "dist/index.d.ts",
                "dist/dynamic.js",
                "dist/cli.js",
                "dist/zpa/index.js",
                "dist/zpa/index.d.ts",
                "dist/zpa/dynamic.js",
            ]),
        );
        const stray = files.filter((f) => !/^(README\.md|LICENSE|package\.json|dist\/.+\.(js|d\.ts))$/.test(f));
        expect(stray).toEqual([]);
        expect(files.filter((f) => f.startsWith("src/") || (f.endsWith(".ts") && !f.endsWith(".d.ts")))).toEqual([]);
    });

    test("every built file has its source: no output of a file since moved or removed (tsc leaves those in dist/)", () => {
        const stale = files.filter(
            (f) => /^dist\/.+\.(js|d\.ts)$/.test(f) && !fs.existsSync(path.join(REPO, "provider/src", f.slice("dist/".length).replace(/\.(js|d\.ts)$/, ".ts"))),
        );
        // A stale file would ship, and could keep a path states require working here that a clean build loses.
        // Fix: delete them (or provider/dist) and build again.
        expect(stale).toEqual([]);
    });

    test("every path in the exports map (including the ones states written by 0.1.0 require) is in the tarball", () => {
        const targets: string[] = [];
        const walk = (v: unknown): void => {
            if (typeof v === "string") targets.push(v.replace(/^\.\//, ""));
            else if (v && typeof v === "object") Object.values(v).forEach(walk);
        };
        walk(pkg.exports);
        expect(targets.length).toBeGreaterThan(5);
        expect(targets.filter((t) => !files.includes(t))).toEqual([]);
    });

    test("metadata: licence, repository, homepage, bugs; @pulumi/pulumi a peer, never a dependency", () => {
        expect(pkg.license).toBe("Apache-2.0");
        expect(pkg.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
        expect(pkg.homepage).toMatch(/^https:\/\//);
        expect(pkg.bugs?.url).toMatch(/^https:\/\/.+\/issues$/);
        expect(Object.keys(pkg.peerDependencies ?? {})).toEqual(["@pulumi/pulumi"]);
        expect(Object.keys(pkg.dependencies ?? {})).not.toContain("@pulumi/pulumi");
        expect(fs.readFileSync(path.join(REPO, "provider/LICENSE"), "utf8")).toBe(fs.readFileSync(path.join(REPO, "LICENSE"), "utf8"));
    });

    test("the runtime dependencies are exactly the packages the built code requires", () => {
        const required = new Set<string>();
        for (const f of files.filter((x) => x.endsWith(".js"))) {
            const code = fs.readFileSync(path.join(REPO, "provider", f), "utf8");
            for (const m of code.matchAll(/require\("([^"]+)"\)/g)) {
                const spec = m[1];
                if (spec.startsWith(".") || spec.startsWith("node:") || builtinModules.includes(spec.split("/")[0])) continue;
                required.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
            }
        }
        const peers = Object.keys(pkg.peerDependencies ?? {});
        expect([...required].filter((r) => !peers.includes(r)).sort()).toEqual(Object.keys(pkg.dependencies ?? {}).sort());
    });
});

/**
 * The package's files (paths under its dist/) that `require(entry)` loads in a fresh process in `programDir`, where the
 * package is installed from its tarball.
 */
function filesLoadedBy(programDir: string, entry: string): string[] {
    const script = `require(${JSON.stringify(entry)});
const root = require("path").dirname(require.resolve("pulumi-sailpoint-isc/package.json"));
const mine = Object.keys(require.cache).filter((f) => f.startsWith(root + "/dist/")).map((f) => f.slice(root.length + 1));
process.stdout.write(JSON.stringify(mine.sort()));`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: programDir, encoding: "utf8" })) as string[];
}

/** Type-checks `source` as a program in `programDir` (strict), as a user's editor would against the installed package. */
function typeCheckProgram(programDir: string, source: string): () => string {
    const file = path.join(programDir, `typecheck-${process.pid}-${Date.now()}.ts`);
    const tsc = path.join(programDir, "node_modules/typescript/bin/tsc");
    const args = ["--noEmit", "--strict", "--module", "commonjs", "--target", "es2022", "--esModuleInterop", "--skipLibCheck", "--types", "node", file];
    return () => {
        fs.writeFileSync(file, source);
        try {
            return execFileSync(process.execPath, [tsc, ...args], { cwd: programDir, encoding: "utf8", stdio: "pipe" });
        } catch (e) {
            // tsc prints its errors on stdout; the thrown error's message holds only the command.
            throw new Error(`tsc found errors:\n${String((e as { stdout?: unknown }).stdout)}`, { cause: e });
        } finally {
            fs.rmSync(file, { force: true });
        }
    };
}

/** The README's TypeScript blocks, in order. */
function readmePrograms(): string[] {
    const text = fs.readFileSync(path.join(REPO, "provider/README.md"), "utf8");
    return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe("at the floor of the @pulumi/pulumi peer range", () => {
    const floor = (): string => {
        const range = JSON.parse(fs.readFileSync(path.join(REPO, "provider/package.json"), "utf8")).peerDependencies["@pulumi/pulumi"] as string;
        const m = /^\^(\d+\.\d+\.\d+)$/.exec(range);
        if (!m) throw new Error(`the peer range ${range} is not a caret range; this test reads its floor from it`);
        return m[1];
    };
    let programDir: string;
    let emu: Emulator;
    let host: ProviderHost | undefined;

    beforeAll(async () => {
        programDir = installProgram(tarball, { project: "isc-host-test", typescript: true, pulumiVersion: floor() });
        emu = await startEmulator({ port: 0, seed: 5 });
    }, 300_000);

    afterAll(async () => {
        await host?.stop();
        await emu?.close();
    });

    test("the installed @pulumi/pulumi is the floor version", () => {
        const installed = JSON.parse(fs.readFileSync(path.join(programDir, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as PackageJson;
        expect(installed.version).toBe(floor());
    });

    test("the README's program type-checks against the package (strict)", () => {
        const programs = readmePrograms();
        expect(programs.length).toBeGreaterThan(0);
        const file = path.join(programDir, `readme-${process.pid}.ts`);
        fs.writeFileSync(file, programs.join("\n"));
        try {
            const tsc = path.join(programDir, "node_modules/typescript/bin/tsc");
            const args = ["--noEmit", "--strict", "--module", "commonjs", "--target", "es2022", "--esModuleInterop", "--skipLibCheck", "--types", "node", file];
            const run = () => execFileSync(process.execPath, [tsc, ...args], { cwd: programDir, encoding: "utf8", stdio: "pipe" });
            expect(run).not.toThrow();
        } finally {
            fs.rmSync(file, { force: true });
        }
    }, 120_000);

    test("a segment is registered, created, read and deleted through that version's dynamic-provider host", async () => {
        const admin = new EmulatorAdmin(emu.url);
        const alice = findByDisplayName((await admin.state()).identities, "Alice Admin");
        const [reg] = registerResources(programDir, `new isc.Segment("floor", { name: "Peer Floor", owner: { id: ${JSON.stringify(alice)} }, active: true });`);
        host = await startHostFor(programDir, emu.url);
        const urn = urnOf(reg.type, "floor");
        const checked = await host.check(urn, {}, reg.inputs);
        expect(checked.failures).toEqual([]);
        const { id, properties } = await host.create(urn, checked.inputs);
        expect((await admin.getObject("segments", id)).name).toBe("Peer Floor");
        expect((await host.read(urn, id, properties)).properties).toMatchObject({ name: "Peer Floor", active: true });
        await host.delete(urn, id, properties);
        expect((await admin.state()).segments).toEqual([]);
    }, 120_000);

    describe("pulumi-sailpoint-isc/zpa", () => {
        let zpa: ZpaEmulator | undefined;
        let zpaHost: ProviderHost | undefined;
        afterAll(async () => {
            await zpaHost?.stop();
            await zpa?.close();
        });

        test("each half loads alone: the ISC entry loads no ZPA file, the ZPA entry none of the ISC resources", () => {
            const isc = filesLoadedBy(programDir, "pulumi-sailpoint-isc");
            expect(isc).toContain("dist/index.js");
            expect(isc.filter((f) => f.startsWith("dist/zpa/"))).toEqual([]);
            const zpaFiles = filesLoadedBy(programDir, "pulumi-sailpoint-isc/zpa");
            expect(zpaFiles).toEqual(expect.arrayContaining(["dist/zpa/index.js", "dist/zpa/dynamic.js"]));
            // Shared below both halves: the engine, the generic HTTP client parts, the errors. Nothing of ISC's resources.
            const iscOnly = /^dist\/(index|dynamic|cli)\.js$|^dist\/(sdk|lookups|provider|resources|export)\//;
            expect(zpaFiles.filter((f) => iscOnly.test(f))).toEqual([]);
            expect(filesLoadedBy(programDir, "pulumi-sailpoint-isc/zpa/dynamic").filter((f) => iscOnly.test(f))).toEqual([]);
        });

        // With `--module commonjs` TypeScript resolves modules as Pulumi's TypeScript template does ("node", node10), which
        // reads no `exports` map: the subpath's types are found through package.json's `typesVersions`.
        test("the example program examples/zpa-segment-groups type-checks against the package (strict)", () => {
            const source = fs.readFileSync(path.join(REPO, "examples/zpa-segment-groups/index.ts"), "utf8");
            expect(typeCheckProgram(programDir, source)).not.toThrow();
            // And the check can fail: an Args field the class does not have.
            expect(typeCheckProgram(programDir, `${source}\nnew zpa.SegmentGroup("x", { name: "x", colour: "teal" });\n`)).toThrow(/colour/);
        }, 120_000);

        test("a SegmentGroup's state names only the zpa/dynamic entry and its kind, and is created, read and deleted through that version's host", async () => {
            zpa = await startZpaEmulator({ port: 0, seed: 9 });
            const body = `const zpa = require("pulumi-sailpoint-isc/zpa");\nnew zpa.SegmentGroup("floor", { name: "Peer Floor", enabled: true });`;
            const [reg] = registerResources(programDir, body);
            expect(reg.type).toBe("pulumi-nodejs:dynamic/zpa:SegmentGroup");
            const provider = String(reg.inputs.__provider);
            expect(provider).toContain('require("pulumi-sailpoint-isc/zpa/dynamic")');
            expect(provider).toContain('"segmentGroup"');
            expect(provider).not.toMatch(/dist\/|sailpoint-isc\/dynamic"/);
            expect(provider.length).toBeLessThan(600);

            // Nothing of the caller's Zscaler settings reaches the host: only the stack configuration below.
            const blank = Object.fromEntries(
                Object.keys(process.env)
                    .filter((k) => /^(ZPA|ZSCALER)_/.test(k))
                    .map((k) => [k, ""]),
            );
            zpaHost = await ProviderHost.start(programDir, blank);
            await zpaHost.configure({
                "zpa:baseUrl": zpa.url,
                "zpa:customerId": zpa.customerId,
                "zpa:clientId": ZPA_DEMO_CLIENT.id,
                "zpa:clientSecret": ZPA_DEMO_CLIENT.secret,
            });
            const urn = urnOf(reg.type, "floor");
            const checked = await zpaHost.check(urn, {}, reg.inputs);
            expect(checked.failures).toEqual([]);
            const { id, properties } = await zpaHost.create(urn, checked.inputs);
            const groups = async () =>
                (await (await fetch(`${zpa!.url}/__admin/segmentGroups`)).json()) as Array<{ id: string; name: string; enabled: boolean }>;
            expect((await groups()).map((g) => [g.id, g.name, g.enabled])).toEqual([[id, "Peer Floor", true]]);
            expect((await zpaHost.read(urn, id, properties)).properties).toMatchObject({ name: "Peer Floor", enabled: true });
            await zpaHost.delete(urn, id, properties);
            expect(await groups()).toEqual([]);
        }, 120_000);
    });
});
