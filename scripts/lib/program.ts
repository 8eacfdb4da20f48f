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

/** Builds the provider package and packs it; returns the tarball's path. */
export function packProvider(): string {
    execFileSync(process.execPath, [path.join(REPO, "node_modules/typescript/bin/tsc"), "-p", "provider/tsconfig.json"], {
        cwd: REPO,
        stdio: "pipe",
    });
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "isc-pack-"));
    const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", out, "./provider"], {
        cwd: REPO,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
    })
        .trim()
        .split("\n")
        .pop();
    if (!name) throw new Error("npm pack printed no file name");
    return path.join(out, name);
}

export interface ProgramOptions {
    /** The Pulumi project name written to the folder's Pulumi.yaml. */
    project: string;
    /** Also install TypeScript and Node's typings, so that Pulumi can run an `index.ts`. */
    typescript?: boolean;
}

/**
 * A folder with `package.json`, `Pulumi.yaml` and `node_modules` holding the packed provider. Folders are
 * cached in the temp dir by the tarball's content and the options, so one jest run or one demo installs once.
 */
export function installProgram(tarball: string, options: ProgramOptions): string {
    const deps: Record<string, string> = { "@pulumi/pulumi": lockedVersion("@pulumi/pulumi") };
    if (options.typescript) {
        deps.typescript = lockedVersion("typescript");
        deps["@types/node"] = lockedVersion("@types/node");
    }
    const hash = crypto
        .createHash("sha256")
        .update(fs.readFileSync(tarball))
        .update(JSON.stringify({ deps, project: options.project }))
        .digest("hex")
        .slice(0, 16);
    const dir = path.join(os.tmpdir(), `isc-program-${options.project}-${hash}`);
    if (fs.existsSync(path.join(dir, ".installed"))) return dir;

    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "isc-program-staging-"));
    fs.writeFileSync(
        path.join(staging, "package.json"),
        JSON.stringify({ name: options.project, private: true, dependencies: deps }, null, 2),
    );
    fs.writeFileSync(path.join(staging, "Pulumi.yaml"), `name: ${options.project}\nruntime: nodejs\n`);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
        cwd: staging,
        stdio: "pipe",
    });
    fs.writeFileSync(path.join(staging, ".installed"), new Date().toISOString());
    try {
        fs.renameSync(staging, dir);
    } catch {
        // Another process finished the same install first; its folder is as good as ours.
        fs.rmSync(staging, { recursive: true, force: true });
    }
    return dir;
}
