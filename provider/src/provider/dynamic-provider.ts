/**
 * The object Pulumi serializes into each resource's `__provider` and runs in its dynamic-provider host.
 *
 * What it captures is deliberate: only the name of its resource kind. The definitions, the HTTP client and
 * the settings are reached through module imports, which Pulumi's closure serializer turns into
 * `require("pulumi-sailpoint-isc/...")` when the package is installed under node_modules. Credentials
 * arrive at run time through `configure()` or the environment, never at construction, so no secret can
 * land in `__provider` or the state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { log } from "@pulumi/pulumi";
import { CollectionApi, clientFor, collectionKey } from "./api";
import { CheckFailure, Props } from "./definition";
import { definitionOf, InputsOf, OutputsOf, ResourceKind } from "./registry";
import { create, read, remove, update, LifecycleContext } from "./lifecycle";
import { explain, type ExplainOptions } from "./hints";
import { configKeysOf, readStackConfig, resolveProviderSettings, settingsProblem, StackConfig, unknownKeysError } from "./settings";

/**
 * Typed by the resource's generated `*Inputs` and `*Outputs` (see registry.ts). The definitions and the lifecycle
 * work on property bags, whatever the resource; `typed` is the way back. What check returns passed the schema's
 * rules, and what the lifecycle returns is the server's object, so both have the generated shapes.
 */
export class IscDynamicProvider<K extends ResourceKind = ResourceKind> implements pulumi.dynamic.ResourceProvider<InputsOf<K>, OutputsOf<K>> {
    /** Filled by configure() inside the host; empty (and so never serialized with a value) in the program. */
    private stackConfig: StackConfig | undefined;
    /**
     * A misspelt `isc:` key or a setting given a value that is not allowed, seen by configure(): check and every step
     * after it fail with it, so that `pulumi preview` (configure, check, diff: no API call) fails as `pulumi up` would.
     */
    private configProblem: Error | undefined;

    /** `K` is never inferred from `kind`: `new IscDynamicProvider("segment")` serves any kind; name `K` to narrow the types. */
    constructor(private readonly kind: NoInfer<K>) {}

    /**
     * The host caches this provider before configure() completes and may call other methods meanwhile, so
     * the config is stored synchronously here and every network step happens later, lazily.
     */
    configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        this.stackConfig = readStackConfig(req.config);
        this.configProblem = unknownKeysError(configKeysOf(req.config)) ?? settingsProblem(this.stackConfig);
        return this.configProblem ? Promise.reject(this.configProblem) : Promise.resolve();
    }

    /** `news` is what the program wrote, which check exists to validate: any property bag. */
    async check(olds: Props, news: Props): Promise<{ inputs: InputsOf<K>; failures?: pulumi.dynamic.CheckFailure[] }> {
        // The host configures a provider once, on its first step, and keeps it: later checks would pass unawares.
        if (this.configProblem) throw this.configProblem;
        const result = definitionOf(this.kind).check(olds ?? {}, news);
        const inputs = typed<InputsOf<K>>(result.inputs);
        return result.failures.length ? { inputs, failures: result.failures.map((f: CheckFailure) => ({ ...f })) } : { inputs };
    }

    async diff(_id: string, olds: OutputsOf<K>, news: InputsOf<K>): Promise<pulumi.dynamic.DiffResult> {
        const { changedFields } = definitionOf(this.kind).diff(olds, news);
        return { changes: changedFields.length > 0, deleteBeforeReplace: false };
    }

    async create(inputs: InputsOf<K>): Promise<{ id: string; outs: OutputsOf<K> }> {
        const { id, outs } = await this.run((ctx) => create(ctx, inputs));
        return { id, outs: typed<OutputsOf<K>>(outs) };
    }

    async read(id: string, props?: OutputsOf<K>): Promise<pulumi.dynamic.ReadResult<OutputsOf<K>>> {
        const { props: outs, inputs, ...found } = await this.run((ctx) => read(ctx, id, props ?? {}), { savedConfig: true });
        // Pulumi types a read's `inputs` as its Outputs; they are the declared-input shape of the object.
        return { ...found, ...(outs ? { props: typed<OutputsOf<K>>(outs) } : {}), ...(inputs ? { inputs: typed<OutputsOf<K>>(inputs) } : {}) };
    }

    async update(id: string, olds: OutputsOf<K>, news: InputsOf<K>): Promise<{ outs: OutputsOf<K> }> {
        const { outs } = await this.run((ctx) => update(ctx, id, olds, news));
        return { outs: typed<OutputsOf<K>>(outs) };
    }

    delete(id: string, props: OutputsOf<K>): Promise<void> {
        return this.run((ctx) => remove(ctx, id, props), { savedConfig: true });
    }

    /**
     * Runs one lifecycle step; a failure says which setting to check when the connection is the cause. Read and delete
     * are the steps `pulumi refresh` and `pulumi destroy` run with the stack configuration Pulumi saved at the last
     * `pulumi up` (`savedConfig`): refused stack credentials then say so, and what to run.
     */
    private async run<T>(step: (ctx: LifecycleContext) => Promise<T>, where: ExplainOptions = {}): Promise<T> {
        let baseUrl: string | undefined;
        try {
            if (this.configProblem) throw this.configProblem;
            const def = definitionOf(this.kind);
            const settings = resolveProviderSettings(this.stackConfig ?? {});
            baseUrl = settings.baseUrl;
            const basePath = `/${def.version(settings)}/${def.collection}`;
            const key = collectionKey(settings, basePath);
            const api = new CollectionApi(clientFor(settings), basePath, { key, ...(def.bulkDelete ? { bulkDelete: def.bulkDelete } : {}) });
            return await step({
                def,
                api,
                propagationTimeoutMs: settings.propagationTimeoutMs,
                useTestOperations: settings.useTestOperations,
                adoptOnCreate: settings.adoptOnCreate,
                guardKey: key,
                warn: (message) => void log.warn(message),
            });
        } catch (e) {
            throw explain(e, baseUrl, where);
        }
    }
}

/** A property bag that the schema's rules produced (check) or ISC returned (lifecycle), as its generated type. */
function typed<T>(props: Props): T {
    return props as T;
}
