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
import { definitionOf, ResourceKind } from "./registry";
import { create, read, remove, update, LifecycleContext } from "./lifecycle";
import { explain } from "./hints";
import { readStackConfig, resolveProviderSettings, StackConfig } from "./settings";

export class IscDynamicProvider implements pulumi.dynamic.ResourceProvider {
    /** Filled by configure() inside the host; empty (and so never serialized with a value) in the program. */
    private stackConfig: StackConfig | undefined;

    constructor(private readonly kind: ResourceKind) {}

    /**
     * The host caches this provider before configure() completes and may call other methods meanwhile, so
     * the config is stored synchronously here and every network step happens later, lazily.
     */
    configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        this.stackConfig = readStackConfig(req.config);
        return Promise.resolve();
    }

    async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
        const { inputs, failures } = definitionOf(this.kind).check(olds ?? {}, news);
        return failures.length ? { inputs, failures: failures.map((f: CheckFailure) => ({ ...f })) } : { inputs };
    }

    async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
        const { changedFields, replaces } = definitionOf(this.kind).diff(olds, news);
        return {
            changes: changedFields.length > 0,
            replaces,
            deleteBeforeReplace: false,
        };
    }

    create(inputs: Props): Promise<pulumi.dynamic.CreateResult> {
        return this.run((ctx) => create(ctx, inputs));
    }

    read(id: string, props: Props = {}): Promise<pulumi.dynamic.ReadResult> {
        return this.run((ctx) => read(ctx, id, props));
    }

    update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
        return this.run((ctx) => update(ctx, id, olds, news));
    }

    delete(id: string, props: Props): Promise<void> {
        return this.run((ctx) => remove(ctx, id, props));
    }

    /** Runs one lifecycle step; a failure says which setting to check when the connection is the cause. */
    private async run<T>(step: (ctx: LifecycleContext) => Promise<T>): Promise<T> {
        let baseUrl: string | undefined;
        try {
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
                guardKey: key,
                warn: (message) => void log.warn(message),
            });
        } catch (e) {
            throw explain(e, baseUrl);
        }
    }
}
