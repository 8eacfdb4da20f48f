/**
 * Runs the real `pulumi` CLI, fully offline, for the demo and the end-to-end tests.
 *
 * Everything is asynchronous on purpose: the demo and the tests run the ISC emulator in the same Node
 * process, and a synchronous child process would block the emulator's event loop while `pulumi` waits on it.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { holdTempDir, releaseTempDir, REPO } from "./program";

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
    ms: number;
    /** The signal that ended the process, when one did (then `code` is 1). */
    signal?: NodeJS.Signals;
}

/** A command started and still running: its result to come, and ways to signal it. */
export interface RunningCommand {
    /** The command's process id; with `detached`, also the id of its own process group (its children are in it). */
    readonly pid: number;
    readonly done: Promise<RunResult>;
    /** Signals the command's process alone (its children, such as pulumi's plugins, are not signalled). */
    signal(signal: NodeJS.Signals): void;
    /** Signals the command's whole process group, as a CI runner's timeout does (needs `detached`). */
    signalGroup(signal: NodeJS.Signals): void;
}

interface StartOptions {
    cwd: string;
    env: NodeJS.ProcessEnv;
    timeoutMs: number;
    showProgress?: boolean;
    /** Start the command as the leader of a process group of its own, so that the group can be killed at once. */
    detached?: boolean;
}

function start(command: string, args: string[], options: StartOptions): RunningCommand {
    const started = Date.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: options.detached === true });
    const pid = child.pid;
    const signalGroup = (signal: NodeJS.Signals) => {
        if (!options.detached || pid === undefined) throw new Error(`${command} was not started in a process group of its own`);
        try {
            process.kill(-pid, signal);
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e; // the group has ended already
        }
    };
    const done = new Promise<RunResult>((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => {
            stderr += d.toString();
            if (options.showProgress) process.stderr.write(d);
        });
        const timer = setTimeout(() => {
            if (options.detached) signalGroup("SIGKILL");
            else child.kill("SIGKILL");
            reject(new Error(`${command} ${args.join(" ")} did not finish within ${options.timeoutMs / 1000} s\n${stdout}\n${stderr}`));
        }, options.timeoutMs);
        child.on("error", (e) => {
            clearTimeout(timer);
            reject(e);
        });
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            resolve({ code: code ?? 1, stdout, stderr, ms: Date.now() - started, ...(signal ? { signal } : {}) });
        });
    });
    return {
        pid: pid ?? -1,
        done,
        signal: (signal) => {
            child.kill(signal);
        },
        signalGroup,
    };
}

function run(command: string, args: string[], options: StartOptions): Promise<RunResult> {
    return start(command, args, options).done;
}

/**
 * The environment `source scripts/pulumi-cli.sh` gives a shell: `pulumi`, `pulumi-language-nodejs` and the
 * dynamic-provider plugin on PATH (the CLI is built into a cache on first use: 6 to 12 minutes with a progress line every 20 s, once per machine).
 */
export async function pulumiCliEnv(): Promise<NodeJS.ProcessEnv> {
    const r = await run(
        "bash",
        ["-c", 'source scripts/pulumi-cli.sh >&2 && node -e "process.stdout.write(JSON.stringify(process.env))"'],
        // Its progress goes to our stderr: the first run builds the CLI, which takes a minute.
        { cwd: REPO, env: process.env, timeoutMs: 60 * 60 * 1000, showProgress: true },
    );
    if (r.code !== 0) throw new Error(`scripts/pulumi-cli.sh failed (exit ${r.code}):\n${r.stderr}`);
    return JSON.parse(r.stdout) as NodeJS.ProcessEnv;
}

export class PulumiError extends Error {
    override readonly name = "PulumiError";
    constructor(
        readonly args: string[],
        readonly result: RunResult,
    ) {
        super(`pulumi ${args.join(" ")} exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`);
    }
}

/**
 * Copies a program folder for one stack: its files (stack config files excepted), with `node_modules` linked to
 * the installed one. Stack config (`Pulumi.<stack>.yaml`) is written beside the program, so each stack needs a
 * folder of its own, or one run's config would leak into the next.
 */
function copyProgram(from: string, to: string): void {
    fs.mkdirSync(to, { recursive: true });
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
        const source = path.join(from, entry.name);
        const target = path.join(to, entry.name);
        if (entry.name === "node_modules") fs.symlinkSync(source, target, "dir");
        else if (entry.isDirectory()) copyProgram(source, target);
        else if (!/^Pulumi\..+\.yaml$/.test(entry.name) && !entry.name.startsWith(".")) fs.copyFileSync(source, target);
    }
}

/** One stack of a program, in a folder of its own, with its own file backend and PULUMI_HOME. */
export class PulumiStack {
    readonly workDir: string;
    /** The stack's own copy of the program (node_modules linked to the installed folder's). */
    readonly programDir: string;
    private readonly env: NodeJS.ProcessEnv;

    constructor(
        installedProgramDir: string,
        readonly stack: string,
        cliEnv: NodeJS.ProcessEnv,
        extraEnv: NodeJS.ProcessEnv = {},
    ) {
        this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), "isc-stack-"));
        holdTempDir(this.workDir); // what a killed run leaves is removed by a later run (see program.ts)
        this.programDir = path.join(this.workDir, "program");
        copyProgram(installedProgramDir, this.programDir);
        fs.mkdirSync(path.join(this.workDir, "state"));
        // pulumi and the program put their temporary files here (the language host's `pulumi-node-pipes*`
        // folders outlive it when the engine kills it), so that dispose() removes them too.
        fs.mkdirSync(path.join(this.workDir, "tmp"));
        this.env = {
            ...cliEnv,
            TMPDIR: path.join(this.workDir, "tmp"),
            PULUMI_BACKEND_URL: `file://${path.join(this.workDir, "state")}`,
            PULUMI_HOME: path.join(this.workDir, "home"),
            PULUMI_CONFIG_PASSPHRASE: "local-demo-passphrase",
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_NODEJS_TRANSPILE_ONLY: "true",
            ...extraEnv,
        };
        // Never let the caller's SAIL_* settings (tenant credentials, SAIL_ADOPT_ON_CREATE, ...) leak into a stack
        // that points at the emulator: only the ones the test passes reach it.
        for (const k of Object.keys(this.env)) {
            if (k.startsWith("SAIL_") && !(k in extraEnv)) delete this.env[k];
        }
    }

    /** Runs `pulumi <args> --non-interactive --stack <stack>`; rejects on a non-zero exit unless `allowFailure`. */
    async run(args: string[], options: { allowFailure?: boolean; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
        const full = this.fullArgs(args);
        const r = await run("pulumi", full, {
            cwd: this.programDir,
            env: { ...this.env, ...(options.env ?? {}) },
            timeoutMs: options.timeoutMs ?? 10 * 60 * 1000,
        });
        if (r.code !== 0 && !options.allowFailure) throw new PulumiError(full, r);
        return r;
    }

    /**
     * Starts `pulumi <args>` as `run` does, in a process group of its own (pulumi, its language host, the program
     * and the provider plugins), and returns at once: for tests that kill a run part way, as a CI timeout does.
     */
    start(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): RunningCommand {
        return start("pulumi", this.fullArgs(args), {
            cwd: this.programDir,
            env: { ...this.env, ...(options.env ?? {}) },
            timeoutMs: options.timeoutMs ?? 10 * 60 * 1000,
            detached: true,
        });
    }

    private fullArgs(args: string[]): string[] {
        const full = [...args, "--non-interactive", "--color", "never"];
        if (args[0] !== "stack" || args[1] !== "init") full.push("--stack", this.stack);
        return full;
    }

    async init(): Promise<void> {
        await this.run(["stack", "init", this.stack]);
    }

    async setConfig(key: string, value: string, options: { secret?: boolean; path?: boolean } = {}): Promise<void> {
        const args = ["config", "set", key, value];
        if (options.secret) args.push("--secret");
        if (options.path) args.push("--path");
        await this.run(args);
    }

    async outputs(): Promise<Record<string, unknown>> {
        return JSON.parse((await this.run(["stack", "output", "--json", "--show-secrets"])).stdout) as Record<string, unknown>;
    }

    /** The stack's state as `pulumi stack export` prints it (secrets stay encrypted). */
    async exportState(): Promise<string> {
        return (await this.run(["stack", "export"])).stdout;
    }

    dispose(): void {
        releaseTempDir(this.workDir);
        fs.rmSync(this.workDir, { recursive: true, force: true });
    }
}
