/** Lookups by name: see lookups.ts. */
export * from "./lookups";
export { IscLookupError, isIscLookupError } from "./errors";
export type { Candidate, LookupProblem } from "./errors";
export { DEFAULT_MISS_SCAN_LIMIT } from "./settings";
export type { LookupOptions } from "./settings";
