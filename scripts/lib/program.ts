/**
 * A Pulumi program folder with the provider installed as a user installs it: the package is built, packed
 * with `npm pack`, and installed from the tarball next to the locked `@pulumi/pulumi`. Closure serialization
 * depends on this (a package found under `node_modules` is serialized as `require(...)`, a linked or local
 * one by value), so the demo, the host tests and the end-to-end tests all use this installed form.
 */
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO = findRepo(__dirname);

function findRepo(from: string): string {
    // Works from the sources (scripts/lib) and from the build output (build/scripts/lib).
    let dir = from;
    while (!fs.existsSync(path.join(dir, "provider", "package.json"))) {
        const up = path.dirname(dir);
        if (up === dir) throw new Error(`cannot find the repository root above ${from}`);
        dir = up;
    }
    return dir;
}

function readJson(file: string): Record<string, unknown> {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
}

function lockedVersion(pkg: string): string {
    return readJson(path.join(REPO, "node_modules", pkg, "package.json")).version as string;
}

function sha256(...parts: Array<string | Buffer>): string {
    const h = crypto.createHash("sha256");
    for (const p of parts) h.update(p);
    return h.digest("hex").slice(0, 16);
}

/*
 * Temporary folders. Everything the demo, the tests and the benchmarks make lives in the temp dir under an
 * `isc-` prefix; each run removes what it made, and what earlier runs left behind:
 *   isc-pack-<sha>                   the packed provider, named by its content (`npm pack` is reproducible)
 *   isc-program-<project>-<key>      installed programs, keyed by tarball, locked dependencies and project:
 *                                    kept and shared while the provider is unchanged (one jest run or one
 *                                    demo installs once, the next run reuses it), removed once outdated
 *   isc-program-staging-*            an install in progress (removed when the install fails)
 *   isc-stack-*, isc-smoke-*         one stack's program copy, file backend, PULUMI_HOME and TMPDIR for
 *                                    pulumi and the program (removed by PulumiStack.dispose() and the smoke
 *                                    test's afterAll)
 * A process using a folder marks it with an `.in-use-<pid>` file. Another run (a later one, a parallel jest
 * worker, a second checkout) removes a folder of another provider build, or one a killed run left, only
 * when none of its markers names a live process. Folders without markers (made by an older version of this
 * code, or a killed process's just-made folder) are removed once untouched for an hour.
 */
const MARKER = ".in-use-";
const UNMARKED_MS = 60 * 60 * 1000;

/** Marks a temporary folder as used by this process, so that no other run removes it while it lives. */
export function holdTempDir(dir: string): void {
    for (const pid of markers(dir) ?? []) {
        if (!alive(pid)) fs.rmSync(path.join(dir, `${MARKER}${pid}`), { force: true });
    }
    fs.writeFileSync(path.join(dir, `${MARKER}${process.pid}`), "");
}

/** Drops this process's mark (before removing the folder). */
export function releaseTempDir(dir: string): void {
    fs.rmSync(path.join(dir, `${MARKER}${process.pid}`), { force: true });
}

/** The pids that marked a folder; undefined when it cannot be read. */
function markers(dir: string): number[] | undefined {
    try {
        return fs
            .readdirSync(dir)
            .filter((e) => e.startsWith(MARKER))
            .map((e) => Number(e.slice(MARKER.length)));
    } catch {
        return undefined;
    }
}

function alive(pid: number): boolean {
    if (pid === process.pid) return true;
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === "EPERM";
    }
}

/** Whether a folder may be removed as far as its users go: no live process marks it, and it is not brand new. */
function abandoned(dir: string): boolean {
    const pids = markers(dir);
    if (!pids) return false; // gone already, or not a folder
    if (pids.length > 0) return !pids.some(alive);
    try {
        return Date.now() - fs.statSync(dir).mtimeMs > UNMARKED_MS;
    } catch {
        return false;
    }
}

function removeQuietly(dir: string): void {
    try {
        fs.rmSync(dir, { recursive: true, force: true });
    } catch {
        // Another run is removing it too.
    }
}

interface InstallRecord {
    tarball: string;
    project: string;
    key: string;
}

function readRecord(dir: string): InstallRecord | undefined {
    try {
        const r = JSON.parse(fs.readFileSync(path.join(dir, ".installed"), "utf8")) as Partial<InstallRecord>;
        return typeof r.tarball === "string" && typeof r.key === "string" ? (r as InstallRecord) : undefined;
    } catch {
        return undefined; // installed by an older version of this code: a date, not a record
    }
}

/**
 * Removes what earlier runs left in the temp dir: installed programs and tarballs of another provider build,
 * and the stacks and scratch folders of runs that were killed. Programs of the current build (any project)
 * are kept, and so is anything a live process marks.
 */
function cleanTempDirs(current: InstallRecord): void {
    const tmp = os.tmpdir();
    let names: string[];
    try {
        names = fs.readdirSync(tmp);
    } catch {
        return;
    }
    for (const name of names) {
        if (!/^isc-(pack|program|stack|smoke)-/.test(name) || name === `isc-pack-${current.tarball}`) continue;
        const dir = path.join(tmp, name);
        if (name.startsWith("isc-program-") && !name.startsWith("isc-program-staging-")) {
            const r = readRecord(dir);
            const outdated = !r || r.tarball !== current.tarball || (r.project === current.project && r.key !== current.key);
            if (!outdated) continue;
        }
        if (abandoned(dir)) removeQuietly(dir);
    }
}

/**
 * Builds the provider package and packs it; returns the tarball's path, in a folder named after its content
 * (so repeated runs reuse one folder instead of adding one each).
 */
export function packProvider(): string {
    execFileSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", "provider/tsconfig.json"], {
        cwd: REPO,
        stdio: "pipe",
    });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "isc-pack-"));
    try {
        const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", scratch, "./provider"], {
            cwd: REPO,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
        })
            .trim()
            .split("\n")
            .pop();
        if (!name) throw new Error("npm pack printed no file name");
        const packed = path.join(scratch, name);
        const dir = path.join(os.tmpdir(), `isc-pack-${sha256(fs.readFileSync(packed))}`);
        fs.mkdirSync(dir, { recursive: true });
        holdTempDir(dir);
        // Atomic, and harmless when a parallel run put the same bytes there first.
        fs.renameSync(packed, path.join(dir, name));
        return path.join(dir, name);
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
}

export interface ProgramOptions {
    /** The Pulumi project name written to the folder's Pulumi.yaml. */
    project: string;
    /** Also install TypeScript and Node's typings, so that Pulumi can run an `index.ts`. */
    typescript?: boolean;
    /** The `@pulumi/pulumi` version beside the provider; default the workspace's locked one. */
    pulumiVersion?: string;
}

/**
 * A folder with `package.json`, `Pulumi.yaml` and `node_modules` holding the packed provider. Folders are
 * cached in the temp dir by the tarball's content and the options, so one jest run or one demo installs once,
 * and later runs reuse it until the provider changes (see "Temporary folders" above).
 */
export function installProgram(tarball: string, options: ProgramOptions): string {
    const deps: Record<string, string> = { "@pulumi/pulumi": options.pulumiVersion ?? lockedVersion("@pulumi/pulumi") };
    if (options.typescript) {
        deps.typescript = lockedVersion("typescript");
        deps["@types/node"] = lockedVersion("@types/node");
    }
    const content = fs.readFileSync(tarball);
    const key = sha256(content, JSON.stringify({ deps, project: options.project }));
    const record: InstallRecord = { tarball: sha256(content), project: options.project, key };
    const dir = path.join(os.tmpdir(), `isc-program-${options.project}-${key}`);
    if (fs.existsSync(path.join(dir, ".installed"))) {
        holdTempDir(dir);
        if (!readRecord(dir)) fs.writeFileSync(path.join(dir, ".installed"), JSON.stringify(record));
        cleanTempDirs(record);
        return dir;
    }

    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "isc-program-staging-"));
    let installed = false;
    try {
        holdTempDir(staging);
        fs.writeFileSync(path.join(staging, "package.json"), JSON.stringify({ name: options.project, private: true, dependencies: deps }, null, 2));
        fs.writeFileSync(path.join(staging, "Pulumi.yaml"), `name: ${options.project}\nruntime: nodejs\n`);
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
            cwd: staging,
            stdio: "pipe",
        });
        fs.writeFileSync(path.join(staging, ".installed"), JSON.stringify(record));
        try {
            fs.renameSync(staging, dir);
            installed = true;
        } catch {
            // Another process finished the same install first; its folder is as good as ours.
        }
    } finally {
        if (!installed) fs.rmSync(staging, { recursive: true, force: true });
    }
    holdTempDir(dir);
    cleanTempDirs(record);
    return dir;
}
