/**
 * Drives the provider through Pulumi's real dynamic-provider host, as the engine would.
 *
 * 1. The provider package is built and packed with `npm pack`, then installed from the tarball into a
 *    temporary Pulumi program folder, exactly as a user installs it.
 * 2. A program in that folder constructs the resources under Pulumi's mock runtime; the mock records what
 *    `pulumi.dynamic.Resource` registered, including the serialized provider in `__provider`.
 * 3. `@pulumi/pulumi/cmd/dynamic-provider` is started from the program folder (as the
 *    `pulumi-resource-pulumi-nodejs` plugin does) and driven over gRPC.
 */
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct, JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";
import { installProgram as installProgramAs } from "../../scripts/lib/program";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const PROJECT = "isc-host-test";

type Props = Record<string, unknown>;

export { packProvider } from "../../scripts/lib/program";

/**
 * The emulator a host test drives: the options given, with echo variation on (emulator/echo.ts, seeded by the test's
 * seed unless the options say otherwise), so every host test meets the forms a real tenant may answer in: empty values
 * as null, [] or nothing, names or none, sets in any order, unknown fields, micro- or milliseconds, UUID or 32-hex ids.
 */
export function startVaryingEmulator(options: EmulatorOptions): Promise<Emulator> {
    return startEmulator({ port: 0, echoVariation: { seed: options.seed ?? 1 }, ...options });
}

/** An id of ISC's shape: 32 hex digits or a UUID (echo variation gives new objects either). */
export const ISC_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** The program folder the host tests use: the packed provider installed as a user installs it. */
export function installProgram(tarball: string): string {
    return installProgramAs(tarball, { project: PROJECT });
}

/**
 * A host configured as a stack pointing at the emulator would be (the demo client, the secret as decrypted
 * config), with the caller's SAIL_* variables blanked so they cannot leak in.
 */
export async function startHostFor(
    programDir: string,
    emulatorUrl: string,
    propagationTimeoutSeconds = 10,
    extraConfig: Record<string, string> = {},
): Promise<ProviderHost> {
    const host = await ProviderHost.start(programDir, { SAIL_BASE_URL: "", SAIL_CLIENT_ID: "", SAIL_CLIENT_SECRET: "" });
    await host.configure({
        "isc:baseUrl": emulatorUrl,
        "isc:clientId": "demo-client",
        "isc:clientSecret": "demo-secret",
        "isc:propagationTimeoutSeconds": String(propagationTimeoutSeconds),
        ...extraConfig,
    });
    return host;
}

export interface Registration {
    type: string;
    name: string;
    inputs: Props;
}

/**
 * Runs `body` (JavaScript, with `isc` bound to the installed package and `pulumi` to @pulumi/pulumi)
 * under Pulumi's mock runtime in the program folder and returns what each resource registered. `config` is the
 * stack configuration the program sees (as `pulumi up` passes it: PULUMI_CONFIG), `secretKeys` those of its keys
 * that are secrets.
 */
export function registerResources(programDir: string, body: string, config: Record<string, string> = {}, secretKeys: string[] = []): Registration[] {
    const script = `
const pulumi = require("@pulumi/pulumi");
const registrations = [];
pulumi.runtime.setMocks({
    newResource: (args) => { registrations.push({ type: args.type, name: args.name, inputs: args.inputs }); return { id: args.name + "-id", state: args.inputs }; },
    call: () => ({}),
}, ${JSON.stringify(PROJECT)}, "test", false);
const isc = require("pulumi-sailpoint-isc");
(async () => {
    ${body}
    // Let every registration settle.
    await new Promise((r) => setTimeout(r, 200));
    for (let i = 0; i < 50 && !registrations.every((r) => typeof r.inputs.__provider === "string"); i++) {
        await new Promise((r) => setTimeout(r, 100));
    }
    process.stdout.write(JSON.stringify(registrations));
})().catch((e) => { console.error(e && e.stack || e); process.exit(1); });
`;
    const file = path.join(programDir, `register-${process.pid}-${Date.now()}.js`);
    fs.writeFileSync(file, script);
    try {
        const env = { ...process.env, PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(secretKeys) };
        const out = execFileSync(process.execPath, [file], { cwd: programDir, encoding: "utf8", stdio: "pipe", env });
        return JSON.parse(out) as Registration[];
    } finally {
        fs.rmSync(file, { force: true });
    }
}

export interface CheckResult {
    inputs: Props;
    failures: Array<{ property: string; reason: string }>;
}
export interface DiffResult {
    changes: "none" | "some" | "unknown";
    replaces: string[];
    deleteBeforeReplace: boolean;
}
export interface ReadResult {
    id: string;
    properties: Props;
    inputs?: Props;
}

/** Pulumi's dynamic-provider host process and a gRPC client to it. */
export class ProviderHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: provrpc.ResourceProviderClient,
        private readonly output: { text: string },
    ) {}

    static async start(programDir: string, env: NodeJS.ProcessEnv = {}): Promise<ProviderHost> {
        const entry = path.join(programDir, "node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js");
        const child = spawn(process.execPath, [entry, "127.0.0.1:1"], {
            cwd: programDir,
            // The caller's SAIL_* settings never reach the host; only the ones a test passes do.
            env: { ...withoutSailSettings(process.env), PULUMI_NODEJS_PROJECT: PROJECT, PULUMI_PROJECT: PROJECT, ...env },
            stdio: ["ignore", "pipe", "pipe"],
        });
        const output = { text: "" };
        const port = await new Promise<number>((resolve, reject) => {
            let first = "";
            const onData = (chunk: Buffer) => {
                output.text += chunk.toString();
                first += chunk.toString();
                const nl = first.indexOf("\n");
                if (nl >= 0) resolve(Number(first.slice(0, nl).trim()));
            };
            child.stdout!.on("data", onData);
            child.stderr!.on("data", (c: Buffer) => (output.text += c.toString()));
            child.on("exit", (code) => reject(new Error(`provider host exited with ${code}: ${output.text}`)));
        });
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new ProviderHost(child, client, output);
    }

    /** Everything the host process printed (stdout and stderr), for secret scans. */
    get log(): string {
        return this.output.text;
    }

    async stop(): Promise<void> {
        this.client.close();
        if (this.child.exitCode === null) {
            const exited = new Promise((r) => this.child.once("exit", r));
            this.child.kill("SIGTERM");
            await exited;
        }
    }

    configure(config: Record<string, string>): Promise<void> {
        const req = new provproto.ConfigureRequest();
        req.setArgs(Struct.fromJavaScript(config));
        return this.call<provproto.ConfigureRequest, provproto.ConfigureResponse>("configure", req).then(() => undefined);
    }

    async check(urn: string, olds: Props, news: Props): Promise<CheckResult> {
        const req = new provproto.CheckRequest();
        req.setUrn(urn);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        const res = await this.call<provproto.CheckRequest, provproto.CheckResponse>("check", req);
        return {
            inputs: fromStruct(res.getInputs()),
            failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
        };
    }

    async diff(urn: string, id: string, olds: Props, news: Props): Promise<DiffResult> {
        const req = new provproto.DiffRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        const res = await this.call<provproto.DiffRequest, provproto.DiffResponse>("diff", req);
        const kinds = provproto.DiffResponse.DiffChanges;
        const changes = res.getChanges();
        return {
            changes: changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
            replaces: res.getReplacesList(),
            deleteBeforeReplace: res.getDeletebeforereplace(),
        };
    }

    async create(urn: string, props: Props): Promise<{ id: string; properties: Props }> {
        const req = new provproto.CreateRequest();
        req.setUrn(urn);
        req.setProperties(toStruct(props));
        const res = await this.call<provproto.CreateRequest, provproto.CreateResponse>("create", req);
        return { id: res.getId(), properties: fromStruct(res.getProperties()) };
    }

    async read(urn: string, id: string, props: Props, inputs?: Props): Promise<ReadResult> {
        const req = new provproto.ReadRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setProperties(toStruct(props));
        if (inputs) req.setInputs(toStruct(inputs));
        const res = await this.call<provproto.ReadRequest, provproto.ReadResponse>("read", req);
        const rawInputs = res.getInputs();
        return {
            id: res.getId(),
            properties: fromStruct(res.getProperties()),
            ...(rawInputs ? { inputs: fromStruct(rawInputs) } : {}),
        };
    }

    async update(urn: string, id: string, olds: Props, news: Props): Promise<Props> {
        const req = new provproto.UpdateRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setOlds(toStruct(olds));
        req.setNews(toStruct(news));
        const res = await this.call<provproto.UpdateRequest, provproto.UpdateResponse>("update", req);
        return fromStruct(res.getProperties());
    }

    async delete(urn: string, id: string, props: Props): Promise<void> {
        const req = new provproto.DeleteRequest();
        req.setUrn(urn);
        req.setId(id);
        req.setProperties(toStruct(props));
        await this.call<provproto.DeleteRequest, unknown>("delete", req);
    }

    private call<Req, Res>(method: string, req: Req): Promise<Res> {
        const fn = (this.client as unknown as Record<string, (...args: unknown[]) => unknown>)[method].bind(this.client) as (
            r: Req,
            cb: (err: grpc.ServiceError | null, res: Res) => void,
        ) => void;
        return new Promise((resolve, reject) => fn(req, (err, res) => (err ? reject(new HostError(method, err)) : resolve(res))));
    }
}

/** A gRPC failure from the host, carrying the provider's error message as the engine would show it. */
export class HostError extends Error {
    override readonly name = "HostError";
    constructor(
        readonly method: string,
        readonly grpcError: grpc.ServiceError,
    ) {
        super(`${method}: ${grpcError.details || grpcError.message}`);
    }
}

export function urnOf(type: string, name: string): string {
    return `urn:pulumi:test::${PROJECT}::${type}::${name}`;
}

function toStruct(props: Props): Struct {
    return Struct.fromJavaScript(props as Record<string, JavaScriptValue>);
}

function fromStruct(s: Struct | undefined): Props {
    return (s?.toJavaScript() ?? {}) as Props;
}

/** `env` without its SAIL_* variables (a developer's tenant credentials or provider settings). */
function withoutSailSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("SAIL_")));
}
