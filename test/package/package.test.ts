/**
 * The package as npm ships it: what the tarball holds, its metadata, that its runtime dependencies are exactly
 * what its code requires, that the README's program type-checks against it, and that it works at the floor of
 * its `@pulumi/pulumi` peer range (installed from the registry beside the tarball, driven through that version's
 * dynamic-provider host against the emulator).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { startEmulator, Emulator } from "../../emulator";
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
            expect.arrayContaining(["README.md", "LICENSE", "package.json", "dist/index.js", "dist/index.d.ts", "dist/dynamic.js", "dist/cli.js"]),
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
});
