#!/usr/bin/env node
/**
 * `npx pulumi-sailpoint-isc export --out DIR`: writes a ready Pulumi program that adopts the tenant's segments and
 * access profiles. Credentials come from the environment only (SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET
 * or SAIL_ACCESS_TOKEN), never from the command line, where other users of the machine could read them.
 */
import * as fs from "fs";
import * as path from "path";
import { API_VERSIONS, isApiVersion } from "./client";
import { programFiles, readTenant, renderProgram } from "./export";
import { clientFor, DEFAULT_VERSIONS, resolveProviderSettings, type StackConfig } from "./provider";

const USAGE = `Usage: pulumi-sailpoint-isc export --out DIR [options]

Writes a Pulumi TypeScript program (index.ts, Pulumi.yaml, package.json, tsconfig.json, README.md) with one
resource per segment and access profile of the tenant, each adopting its object.

Options:
  --out DIR                            where to write the program (created; existing files are replaced)
  --kinds segments,access-profiles     which kinds to export (default: both)
  --filter REGEX                       only objects whose name matches (JavaScript regular expression)
  --project NAME                       the Pulumi project name (default: isc-export)
  --segments-api-version V             ${API_VERSIONS.join(", ")} (default: SAIL_SEGMENTS_API_VERSION, then ${DEFAULT_VERSIONS.segments})
  --access-profiles-api-version V      ${API_VERSIONS.join(", ")} (default: SAIL_ACCESS_PROFILES_API_VERSION, then ${DEFAULT_VERSIONS.accessProfiles})
  --quiet                              no progress on stderr

The tenant and credentials come from the environment: SAIL_BASE_URL and SAIL_CLIENT_ID + SAIL_CLIENT_SECRET (or
SAIL_ACCESS_TOKEN).`;

class UsageError extends Error {}

interface Args {
    out: string;
    kinds: Array<"segments" | "access-profiles">;
    filter?: RegExp;
    project: string;
    config: StackConfig;
    quiet: boolean;
}

function parse(argv: string[]): Args {
    const [command, ...rest] = argv;
    if (command !== "export") throw new UsageError(command ? `unknown command "${command}"` : "no command");
    const values = new Map<string, string>();
    let quiet = false;
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (arg === "--quiet") {
            quiet = true;
            continue;
        }
        const [flag, inline] = arg.split(/=(.*)/s, 2);
        if (!["--out", "--kinds", "--filter", "--project", "--segments-api-version", "--access-profiles-api-version"].includes(flag)) {
            throw new UsageError(`unknown option "${flag}"`);
        }
        const value = inline ?? rest[++i];
        if (value === undefined) throw new UsageError(`${flag} needs a value`);
        values.set(flag, value);
    }
    const out = values.get("--out");
    if (!out) throw new UsageError("--out DIR is required");
    const kinds = (values.get("--kinds") ?? "segments,access-profiles").split(",").map((k) => k.trim());
    for (const k of kinds) if (k !== "segments" && k !== "access-profiles") throw new UsageError(`--kinds: "${k}" is not segments or access-profiles`);
    let filter: RegExp | undefined;
    if (values.has("--filter")) {
        try {
            filter = new RegExp(values.get("--filter")!);
        } catch (e) {
            throw new UsageError(`--filter: ${(e as Error).message}`);
        }
    }
    const config: StackConfig = {};
    for (const [flag, name] of [
        ["--segments-api-version", "segmentsApiVersion"],
        ["--access-profiles-api-version", "accessProfilesApiVersion"],
    ] as const) {
        const v = values.get(flag);
        if (v === undefined) continue;
        if (!isApiVersion(v)) throw new UsageError(`${flag}: "${v}" is not one of ${API_VERSIONS.join(", ")}`);
        config[name] = v;
    }
    const project = values.get("--project") ?? "isc-export";
    if (!/^[A-Za-z0-9_.-]+$/.test(project)) throw new UsageError(`--project: "${project}" may hold only letters, digits, "_", "." and "-"`);
    return { out, kinds: kinds as Args["kinds"], ...(filter ? { filter } : {}), project, config, quiet };
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
    let args: Args;
    try {
        args = parse(argv);
    } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        process.stderr.write(`pulumi-sailpoint-isc: ${e.message}\n\n${USAGE}\n`);
        return 2;
    }
    const started = Date.now();
    const log = (line: string) => {
        if (!args.quiet) process.stderr.write(`${line}\n`);
    };
    try {
        const settings = resolveProviderSettings(args.config, env);
        const client = clientFor(settings);
        const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { name: string; version: string };
        log(`exporting from ${settings.baseUrl}`);
        const tenant = await readTenant(client, {
            kinds: args.kinds,
            ...(args.filter ? { nameFilter: args.filter } : {}),
            segmentsPath: `/${settings.versions.segments}/segments`,
            accessProfilesPath: `/${settings.versions.accessProfiles}/access-profiles`,
            progress: log,
        });
        const counts = `${tenant.segments.length} segments, ${tenant.accessProfiles.length} access profiles`;
        const files = {
            "index.ts": renderProgram(tenant, { origin: settings.baseUrl, packageName: pkg.name, packageVersion: pkg.version, project: args.project }),
            ...programFiles({ project: args.project, packageName: pkg.name, packageVersion: pkg.version, origin: settings.baseUrl, counts }),
        };
        fs.mkdirSync(args.out, { recursive: true });
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(args.out, name), text);
        const stats = client.stats();
        log(`wrote ${Object.keys(files).length} files to ${args.out}: ${counts}; ${stats.requests} API calls, ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return 0;
    } catch (e) {
        process.stderr.write(`pulumi-sailpoint-isc export failed: ${e instanceof Error ? e.message : String(e)}\n`);
        return 1;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => process.exit(code));
}
