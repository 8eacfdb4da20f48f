/**
 * References to other ISC objects as a program writes them in a resource's `*Args`: a `pulumi.Input` at every
 * leaf. What check makes of them is the resources' `Reference` / `TypedReference`, and outputs hold a
 * `ServerReference`.
 */
import type * as pulumi from "@pulumi/pulumi";

/** A reference by id; `type` may be omitted where only one type is possible, and `name` is filled by ISC. */
export interface RefArgs<T extends string> {
    id: pulumi.Input<string>;
    type?: pulumi.Input<T>;
}

/** A reference by type and id, where more than one type is possible; `name` is filled by ISC. */
export interface TypedRefArgs<T extends string> {
    id: pulumi.Input<string>;
    type: pulumi.Input<T>;
}

/**
 * An identity reference: only `id` is needed; `type` defaults to "IDENTITY" and `name` is filled by ISC.
 * @deprecated Use `RefArgs<"IDENTITY">`, which every resource's `*Args` now use.
 */
export type IdentityRefArgs = RefArgs<"IDENTITY">;
