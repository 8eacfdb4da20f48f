/**
 * Lookups by name (this file is the folder's public surface): find the id of an object that already exists in the
 * tenant (an owner, a source, an entitlement, a governance group, a segment, an access profile) from the name a
 * person would use.
 *
 * Each lookup comes in two forms, as Pulumi's provider functions do: `getX(args, opts?)` returns a Promise (for
 * scripts and tests, and for programs that prefer `await`), `getXOutput(args, opts?)` takes `pulumi.Input`s and
 * returns a `pulumi.Output`, for arguments that are other resources' outputs. Both run in `pulumi preview` too
 * (they only read), as soon as their arguments are known.
 *
 * Every lookup uses the same client as the resources (pacing shared per base URL and client id, retries, token
 * cache) and the same settings (stack configuration `isc:*`, then `SAIL_*`; see LookupOptions). Results are small
 * plain objects that never hold a credential; errors never hold a token or secret.
 *
 * Match rules, for all: an exact match first; a match that differs only in case when it is the only one; several
 * matches are an IscLookupError listing each id and name (never a silent pick); none is an IscLookupError naming
 * what was searched, where, how, and up to five closest values. Names that ISC's filter syntax cannot carry
 * (`"`, `\`, `+`, non-ASCII) are found by paging the list and comparing here. See find.ts for the steps.
 *
 * Files: lookups.ts and entitlements.ts (the lookups), plumbing.ts (shared types and checks), find.ts and
 * find-many.ts (the search steps), match.ts, listing.ts, settings.ts, errors.ts.
 */
export * from "./lookups";
export * from "./entitlements";
export type { LookupOutputOptions, NamedRef, SourceRef } from "./plumbing";
export { IscLookupError, isIscLookupError } from "./errors";
export type { Candidate, LookupProblem } from "./errors";
export { DEFAULT_MISS_SCAN_LIMIT } from "./settings";
export type { LookupOptions } from "./settings";
