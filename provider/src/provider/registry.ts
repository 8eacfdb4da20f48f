/**
 * Resource kinds by name. The serialized provider holds only the kind's name and finds its definition here at run
 * time, so the definitions are required from the installed package, not copied into state. A state written by 0.1.0
 * requires this file by its path (`dist/provider/registry.js`) and calls `definitionOf(kind)`: keep both.
 */
import { descriptionOf, isResourceKind, type ResourceKind } from "../resources";
import type { ResourceDefinition } from "./definition";
import { schemaDefinition } from "./schema-definition";

export { isResourceKind };
export type { InputsOf, OutputsOf, ResourceKind } from "../resources";

/** Each kind's description, with the setting that holds its API version (isc:segmentsApiVersion, ...). */
const definitions = {
    segment: schemaDefinition({ ...descriptionOf("segment"), version: (settings) => settings.versions.segments }),
    accessProfile: schemaDefinition({ ...descriptionOf("accessProfile"), version: (settings) => settings.versions.accessProfiles }),
} satisfies Record<ResourceKind, ResourceDefinition>;

export function definitionOf(kind: ResourceKind): ResourceDefinition {
    return definitions[kind];
}
