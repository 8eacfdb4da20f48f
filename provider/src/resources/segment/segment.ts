import * as pulumi from "@pulumi/pulumi";
import { providerHandle } from "../provider-handle";
import { outputSlots } from "../outputs";
import type { SegmentExpression } from "./schema";

/** An identity reference: only `id` is needed; `type` defaults to "IDENTITY" and `name` is filled by ISC. */
export interface IdentityRefArgs {
    id: pulumi.Input<string>;
    type?: pulumi.Input<"IDENTITY">;
}

export interface SegmentArgs {
    /** The segment's name as shown in ISC. Required. */
    name: pulumi.Input<string>;
    /** Free text, up to 2,000 characters. Default: none (null). */
    description?: pulumi.Input<string | null>;
    /** The identity that owns the segment. Default: none (null). */
    owner?: pulumi.Input<IdentityRefArgs | null>;
    /** Whether the segment takes effect; ISC ignores inactive segments. Default: false. */
    active?: pulumi.Input<boolean>;
    /**
     * Which identities the segment applies to: an expression of `EQUALS` tests, optionally under one `AND`.
     * The helpers `equals()` and `and()` build it. Default: none (null).
     */
    visibilityCriteria?: pulumi.Input<{ expression: pulumi.Input<SegmentExpression> } | null>;
    /**
     * The id of an existing segment to take over instead of creating one (Pulumi's `import` does not work
     * for dynamic resources). The first `up` patches it to the declared state; later changes of this value
     * have no effect.
     */
    adoptId?: pulumi.Input<string>;
}

/**
 * A SailPoint ISC segment: a named group of identities, by visibility criteria, to which access profiles
 * are scoped. Updates are sent as minimal JSON Patches; drift made in the ISC UI shows with
 * `pulumi preview --refresh`.
 */
export class Segment extends pulumi.dynamic.Resource {
    declare public readonly name: pulumi.Output<string>;
    declare public readonly description: pulumi.Output<string | null>;
    declare public readonly owner: pulumi.Output<{ type: "IDENTITY"; id: string; name?: string } | null>;
    declare public readonly active: pulumi.Output<boolean>;
    declare public readonly visibilityCriteria: pulumi.Output<{ expression: SegmentExpression } | null>;
    /** When ISC created the segment (ISO 8601). */
    declare public readonly created: pulumi.Output<string>;
    /** When ISC last changed the segment (ISO 8601). */
    declare public readonly modified: pulumi.Output<string>;

    constructor(name: string, args: SegmentArgs, opts?: pulumi.CustomResourceOptions) {
        super(segmentProvider, name, { ...outputSlots("segment"), ...args }, opts, "isc", "Segment");
    }
}

const segmentProvider = providerHandle("segment");
