/**
 * Resource kinds by name. The serialized provider holds only the kind's name and finds its definition
 * here at run time, so the definitions are required from the installed package, not copied into state.
 */
import type { ResourceDefinition } from "./definition";
import { segmentDefinition } from "../resources/segment/definition";
import { accessProfileDefinition } from "../resources/access-profile/definition";

const definitions = {
    segment: segmentDefinition,
    accessProfile: accessProfileDefinition,
} satisfies Record<string, ResourceDefinition>;

export type ResourceKind = keyof typeof definitions;

export function definitionOf(kind: ResourceKind): ResourceDefinition {
    return definitions[kind];
}

export function isResourceKind(value: unknown): value is ResourceKind {
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(definitions, value);
}
