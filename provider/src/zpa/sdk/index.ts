/**
 * The ZPA SDK: what a Pulumi program writes. Each resource's class and `*Args` (generated from its description by
 * `npm run docs`), with its plain `*Inputs`/`*Outputs` types re-exported beside them, and the lookups by name. A
 * class hands Pulumi a handle on the package's `zpa/dynamic` entry (provider-handle.ts).
 *
 * Files: segment-group.generated.ts (the class), lookups.ts (getX/getXOutput), lookup-search.ts and lookup-match.ts
 * (how a name is searched and matched), lookup-settings.ts (options and settings), lookup-errors.ts.
 */
export * from "./segment-group.generated";
export { getSegmentGroup, getSegmentGroupOutput, getApplicationSegment, getApplicationSegmentOutput } from "./lookups";
export type {
    GetSegmentGroupArgs,
    GetSegmentGroupOutputArgs,
    GetSegmentGroupResult,
    GetApplicationSegmentArgs,
    GetApplicationSegmentOutputArgs,
    GetApplicationSegmentResult,
} from "./lookups";
export type { ZpaLookupOptions, ZpaLookupOutputOptions } from "./lookup-settings";
export { ZpaLookupError, isZpaLookupError } from "./lookup-errors";
export type { ZpaCandidate, ZpaLookupProblem } from "./lookup-errors";
