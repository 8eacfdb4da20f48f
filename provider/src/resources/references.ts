/**
 * References to other ISC objects, as the resources' generated types use them: `*RefArgs` in programs (a
 * `pulumi.Input` at every leaf), the engine's `Reference` in checked inputs and `ServerReference` in outputs.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Reference } from "../engine";

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

/** A checked reference whose `type` is always written: more than one type is possible. */
export interface TypedReference<T extends string> extends Reference<T> {
    type: T;
}

/**
 * An identity reference: only `id` is needed; `type` defaults to "IDENTITY" and `name` is filled by ISC.
 * @deprecated Use `RefArgs<"IDENTITY">`, which every resource's `*Args` now use.
 */
export type IdentityRefArgs = RefArgs<"IDENTITY">;
