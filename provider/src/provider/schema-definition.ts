/**
 * A resource definition for the lifecycle, derived from the resource's engine schema: nothing here names
 * a field of a particular resource.
 */
import type { ApiVersion } from "../client";
import * as engine from "../engine";
import type { ResourceDescription } from "../resources";
import type { Props, ResourceDefinition } from "./definition";
import type { ProviderSettings } from "./settings";

/** A resource's description (its `defaultVersion` is the settings' business) and the setting that holds its API version. */
export interface SchemaDefinitionOptions extends Omit<ResourceDescription, "defaultVersion"> {
    version: (settings: ProviderSettings) => ApiVersion;
}

export function schemaDefinition({ schema, version, findByName, bulkDelete, checkChange }: SchemaDefinitionOptions): ResourceDefinition {
    const providerOnly = Object.entries(schema.fields)
        .filter(([, f]) => f.providerOnly)
        .map(([n]) => n);
    const carry = (inputs: Props): Props => Object.fromEntries(providerOnly.filter((n) => inputs[n] !== undefined).map((n) => [n, inputs[n]]));
    const declared = engine.declaredFields(schema).map(([n]) => n);
    return {
        label: schema.label,
        collection: schema.collection,
        ...(bulkDelete ? { bulkDelete } : {}),
        outputNames: engine.outputNames(schema),
        version,
        check: (olds, news) => {
            const checked = engine.check(schema, news);
            if (checked.failures.length > 0 || !checkChange || !engine.isPlainObject(olds)) return checked;
            // The program's own inputs, valid by now: a rule's message then names elements by the program's indexes.
            return { inputs: checked.inputs, failures: checkChange(olds, news) };
        },
        diff: (olds, news) => engine.diff(schema, olds, news),
        createBody: (inputs) => Object.fromEntries(declared.filter((n) => inputs[n] !== undefined).map((n) => [n, inputs[n]])),
        plan: (current, desired, options) => engine.planPatch(schema, current, desired, options),
        // `id` is the resource's own id in Pulumi, not an output property.
        outputs: (server, inputs) => {
            const { id: _id, ...rest } = engine.outputsFromServer(schema, server);
            return { ...rest, ...carry(inputs) };
        },
        inputsFromServer: (server, inputs) => ({ ...engine.inputsFromServer(schema, server), ...carry(inputs) }),
        findByName,
    };
}
