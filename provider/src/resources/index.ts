/**
 * The resource descriptions: each resource's fields and rules (schema.ts, shapes.ts, validation), where ISC keeps
 * it and how to find it by name (description.ts), and the plain types generated from them (generated.ts: checked
 * inputs, state outputs, nested values). Built on the engine and the client; the dynamic provider and the SDK are
 * built on this.
 */
import { accessProfileDescription } from "./access-profile/description";
import type { AccessProfileInputs, AccessProfileOutputs } from "./access-profile/generated";
import type { ResourceDescription } from "./description";
import { segmentDescription } from "./segment/description";
import type { SegmentInputs, SegmentOutputs } from "./segment/generated";

/** Each kind's checked inputs and state outputs: the types generated from its description. */
export interface ResourceTypes {
    segment: { inputs: SegmentInputs; outputs: SegmentOutputs };
    accessProfile: { inputs: AccessProfileInputs; outputs: AccessProfileOutputs };
}

/** A resource kind: the name a state's `__provider` holds, so these names never change. */
export type ResourceKind = keyof ResourceTypes;
export type InputsOf<K extends ResourceKind> = ResourceTypes[K]["inputs"];
export type OutputsOf<K extends ResourceKind> = ResourceTypes[K]["outputs"];

const descriptions = {
    segment: segmentDescription,
    accessProfile: accessProfileDescription,
} satisfies Record<ResourceKind, ResourceDescription>;

export function descriptionOf(kind: ResourceKind): ResourceDescription {
    return descriptions[kind];
}

export function isResourceKind(value: unknown): value is ResourceKind {
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(descriptions, value);
}

export type { BulkDeleteRoute, CollectionListing, ResourceDescription, ServerObject } from "./description";
export { segmentSchema } from "./segment/schema";
export { accessProfileSchema } from "./access-profile/schema";
// The shapes of nested values and the const lists their unions are made of.
export * from "./segment/shapes";
export * from "./access-profile/shapes";
export type { TypedReference } from "./references";
export type * from "./segment/generated";
export type * from "./access-profile/generated";
