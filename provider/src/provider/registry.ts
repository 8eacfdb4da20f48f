/**
 * Resource kinds by name. The serialized provider holds only the kind's name and finds its definition
 * here at run time, so the definitions are required from the installed package, not copied into state.
 */
import type { ResourceDefinition } from "./definition";
import { segmentDefinition } from "../resources/segment/definition";
import type { SegmentInputs, SegmentOutputs } from "../resources/segment/generated";
import { accessProfileDefinition } from "../resources/access-profile/definition";
import type { AccessProfileInputs, AccessProfileOutputs } from "../resources/access-profile/generated";

/** Each kind's checked inputs and state outputs: the types generated from its description. */
export interface ResourceTypes {
    segment: { inputs: SegmentInputs; outputs: SegmentOutputs };
    accessProfile: { inputs: AccessProfileInputs; outputs: AccessProfileOutputs };
}

export type ResourceKind = keyof ResourceTypes;
export type InputsOf<K extends ResourceKind> = ResourceTypes[K]["inputs"];
export type OutputsOf<K extends ResourceKind> = ResourceTypes[K]["outputs"];

const definitions = {
    segment: segmentDefinition,
    accessProfile: accessProfileDefinition,
} satisfies Record<ResourceKind, ResourceDefinition>;

export function definitionOf(kind: ResourceKind): ResourceDefinition {
    return definitions[kind];
}

export function isResourceKind(value: unknown): value is ResourceKind {
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(definitions, value);
}
