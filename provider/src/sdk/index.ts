/**
 * The SDK: what a Pulumi program writes. Each resource's class and `*Args` (generated from its description, with
 * the description's plain types re-exported beside them), the helpers that build its values, and the program-side
 * forms of references. A class hands Pulumi a handle on the package's `dynamic` entry (provider-handle.ts).
 */
export * from "./segment.generated";
export * from "./access-profile.generated";
export { equals, and } from "./expressions";
export type { IdentityRefArgs, RefArgs, TypedRefArgs } from "./references";
