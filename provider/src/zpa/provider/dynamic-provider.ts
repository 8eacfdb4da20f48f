/**
 * The object behind each ZPA resource in Pulumi's dynamic-provider host. What it captures is only its resource
 * kind's name; the description, the client and the settings are reached through module imports, and credentials
 * arrive at run time through `configure()` or the environment, so no secret can land in `__provider` or the state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { log } from "@pulumi/pulumi";
import { check, diff, replacedFields, type Props } from "../../engine";
import { zpaDescriptionOf, type ZpaInputsOf, type ZpaOutputsOf, type ZpaResourceKind } from "../resources";
import { zpaClientFor } from "./clients";
import { explainZpa } from "./hints";
import { create, read, remove, update, type ZpaLifecycleContext } from "./lifecycle";
import { readZpaStackConfig, resolveZpaSettings, unknownZpaKeysError, type ZpaStackConfig } from "./settings";

export class ZpaDynamicProvider<K extends ZpaResourceKind = ZpaResourceKind> implements pulumi.dynamic.ResourceProvider<ZpaInputsOf<K>, ZpaOutputsOf<K>> {
    /**
     * Filled by configure() inside the host; empty in the program. A `#` field: never enumerable, so no serializer or
     * JSON of this object shows the secret it may hold.
     */
    #stackConfig: ZpaStackConfig | undefined;
    /** A misspelt `zpa:` key seen by configure(): every step that needs the settings fails with it. */
    #configProblem: Error | undefined;

    constructor(private readonly kind: NoInfer<K>) {}

    /** Stores the config synchronously (the host may call other methods before this settles); connects lazily. */
    configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
        this.#stackConfig = readZpaStackConfig(req.config);
        const raw: unknown = (req.config as { rawConfig?: unknown }).rawConfig;
        this.#configProblem = unknownZpaKeysError(raw !== null && typeof raw === "object" ? Object.keys(raw) : []);
        return this.#configProblem ? Promise.reject(this.#configProblem) : Promise.resolve();
    }

    async check(_olds: Props, news: Props): Promise<{ inputs: ZpaInputsOf<K>; failures?: pulumi.dynamic.CheckFailure[] }> {
        const result = check(zpaDescriptionOf(this.kind).schema, news);
        const inputs = result.inputs as unknown as ZpaInputsOf<K>;
        return result.failures.length ? { inputs, failures: result.failures.map((f) => ({ ...f })) } : { inputs };
    }

    /**
     * The changed declared fields; a changed `microtenantId` replaces the object, deleting the old one first: ZPA refuses
     * a second group of the same name.
     */
    async diff(_id: string, olds: ZpaOutputsOf<K>, news: ZpaInputsOf<K>): Promise<pulumi.dynamic.DiffResult> {
        const schema = zpaDescriptionOf(this.kind).schema;
        const { changedFields } = diff(schema, olds as Props, news as unknown as Props);
        const replaces = replacedFields(schema, changedFields);
        return { changes: changedFields.length > 0, ...(replaces.length ? { replaces, deleteBeforeReplace: true } : { deleteBeforeReplace: false }) };
    }

    async create(inputs: ZpaInputsOf<K>): Promise<{ id: string; outs: ZpaOutputsOf<K> }> {
        const { id, outs } = await this.run((ctx) => create(ctx, inputs as unknown as Props));
        return { id, outs: outs as ZpaOutputsOf<K> };
    }

    async read(id: string, props?: ZpaOutputsOf<K>): Promise<pulumi.dynamic.ReadResult<ZpaOutputsOf<K>>> {
        const found = await this.run((ctx) => read(ctx, id, (props ?? {}) as Props));
        return {
            ...(found.id ? { id: found.id } : {}),
            ...(found.props ? { props: found.props as ZpaOutputsOf<K> } : {}),
            // Pulumi types a read's `inputs` as its Outputs; they are the declared-input shape of the object.
            ...(found.inputs ? { inputs: found.inputs as ZpaOutputsOf<K> } : {}),
        };
    }

    async update(id: string, olds: ZpaOutputsOf<K>, news: ZpaInputsOf<K>): Promise<{ outs: ZpaOutputsOf<K> }> {
        const { outs } = await this.run((ctx) => update(ctx, id, olds as Props, news as unknown as Props));
        return { outs: outs as ZpaOutputsOf<K> };
    }

    delete(id: string, props: ZpaOutputsOf<K>): Promise<void> {
        return this.run((ctx) => remove(ctx, id, props as Props));
    }

    /** Runs one lifecycle step; a failure says which setting to check when the connection is the cause. */
    private async run<T>(step: (ctx: ZpaLifecycleContext) => Promise<T>): Promise<T> {
        let baseUrl: string | undefined;
        try {
            if (this.#configProblem) throw this.#configProblem;
            const settings = resolveZpaSettings(this.#stackConfig ?? {});
            baseUrl = settings.client.baseUrl;
            return await step({
                desc: zpaDescriptionOf(this.kind),
                client: zpaClientFor(settings),
                customerKey: `${settings.client.baseUrl}|${settings.client.customerId}`,
                readerKey: settings.client.auth.clientId,
                ...(settings.microtenantId ? { microtenantId: settings.microtenantId } : {}),
                propagationTimeoutMs: settings.propagationTimeoutMs,
                info: (message) => void log.info(message),
            });
        } catch (e) {
            throw explainZpa(e, baseUrl);
        }
    }
}
