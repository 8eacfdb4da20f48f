/**
 * The ZPA resource descriptions: each resource's fields and rules for the engine (schema.ts), where ZPA keeps it and
 * the fields it holds in another form (description.ts), and the plain types generated from them (generated.ts:
 * checked inputs, state outputs). Built on the engine only; the ZPA dynamic provider and SDK are built on this.
 */
import type { ZpaResourceDescription } from "./description";
import { segmentGroupDescription } from "./segment-group/description";
import type { SegmentGroupInputs, SegmentGroupOutputs } from "./segment-group/generated";

/** Each kind's checked inputs and state outputs: the types generated from its description. */
export interface ZpaResourceTypes {
    segmentGroup: { inputs: SegmentGroupInputs; outputs: SegmentGroupOutputs };
}

/** A ZPA resource kind: the name a state's `__provider` holds, so these names never change. */
export type ZpaResourceKind = keyof ZpaResourceTypes;
export type ZpaInputsOf<K extends ZpaResourceKind> = ZpaResourceTypes[K]["inputs"];
export type ZpaOutputsOf<K extends ZpaResourceKind> = ZpaResourceTypes[K]["outputs"];

const descriptions = { segmentGroup: segmentGroupDescription } satisfies Record<ZpaResourceKind, ZpaResourceDescription>;

export function zpaDescriptionOf(kind: ZpaResourceKind): ZpaResourceDescription {
    return descriptions[kind];
}

export function isZpaResourceKind(value: unknown): value is ZpaResourceKind {
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(descriptions, value);
}

export type { ZpaResourceDescription, ZpaServerObject } from "./description";
export { segmentGroupSchema } from "./segment-group/schema";
export { segmentGroupDescription } from "./segment-group/description";
export type * from "./segment-group/generated";
