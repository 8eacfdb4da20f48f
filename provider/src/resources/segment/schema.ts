/**
 * The Segment resource, described once: its fields and their rules. Check, diff, patch planning,
 * normalisation, outputs and documentation are all derived from `segmentSchema`.
 */
import type { Reference, ResourceSchema, ServerReference } from "../../engine";
import { completeVisibilityCriteria, normalizeVisibilityCriteria } from "./expressions";
import { validateVisibilityCriteria } from "./validate";

/**
 * One node of a segment's visibility expression: an `EQUALS` test of an identity attribute, or an `AND` of
 * `EQUALS` tests (at most two levels). `equals()` and `and()` build it.
 */
export interface SegmentExpression {
    operator: "AND" | "EQUALS";
    /** The identity attribute an `EQUALS` compares, e.g. "location". Only for `EQUALS`. */
    attribute?: string | null;
    /** The value an `EQUALS` expects; `type` is "STRING" (the only type ISC has) and may be omitted. Only for `EQUALS`. */
    value?: { type?: "STRING"; value: string } | null;
    /** The `EQUALS` tests an `AND` combines. Only for `AND`. */
    children?: SegmentExpression[] | null;
}

export interface SegmentVisibilityCriteria {
    expression: SegmentExpression;
}

/** A segment's checked inputs: ISC's field names, plain values. */
export interface SegmentInputs {
    name: string;
    description?: string | null;
    owner?: Reference<"IDENTITY"> | null;
    active?: boolean;
    visibilityCriteria?: SegmentVisibilityCriteria | null;
    /** Adopt the existing segment with this id instead of creating one. Never sent to ISC. */
    adoptId?: string;
}

/** A segment as kept in the state: the server's object. */
export interface SegmentOutputs {
    id: string;
    name: string;
    created: string;
    modified: string;
    description: string | null;
    owner: ServerReference<"IDENTITY"> | null;
    active: boolean;
    visibilityCriteria: SegmentVisibilityCriteria | null;
    adoptId?: string;
}

const computed = { computed: true, required: false, nullable: false, patchable: false } as const;

export const segmentSchema: ResourceSchema = {
    label: "Segment",
    collection: "segments",
    fields: {
        id: { kind: "string", ...computed, doc: "The segment's id, assigned by ISC." },
        name: { kind: "string", nonBlank: true, required: true, nullable: false, patchable: true, doc: "The segment's name as shown in ISC." },
        description: {
            kind: "string",
            maxLength: 2000,
            emptyIsNull: true,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Free text, up to 2,000 characters. An empty description is the same as none.",
        },
        owner: {
            kind: "reference",
            refTypes: ["IDENTITY"],
            defaultRefType: "IDENTITY",
            required: false,
            nullable: true,
            patchable: true,
            doc: 'The identity that owns the segment: `{id}`; `type` is "IDENTITY" and may be omitted. Default: none.',
        },
        active: {
            kind: "boolean",
            default: false,
            required: false,
            nullable: false,
            patchable: true,
            doc: "Whether the segment takes effect; ISC ignores inactive segments. Default: false.",
        },
        visibilityCriteria: {
            kind: "object",
            validate: validateVisibilityCriteria,
            complete: completeVisibilityCriteria,
            normalize: normalizeVisibilityCriteria,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Which identities the segment applies to: `{expression}`, an `EQUALS` test or an `AND` of `EQUALS` tests (build it with `equals()` and `and()`). Default: none.",
        },
        created: { kind: "string", ...computed, doc: "When ISC created the segment (ISO 8601)." },
        modified: { kind: "string", ...computed, doc: "When ISC last changed the segment (ISO 8601)." },
        adoptId: {
            kind: "string",
            nonBlank: true,
            providerOnly: true,
            required: false,
            nullable: false,
            patchable: false,
            doc: "The id of an existing segment to take over instead of creating one; the first `up` patches it to the declared state. Later changes have no effect.",
        },
    },
};
