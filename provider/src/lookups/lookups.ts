/** The lookups of identities, sources, governance groups, segments and access profiles (entitlements: entitlements.ts). */
import * as pulumi from "@pulumi/pulumi";
import { findOne, type FieldSpec, type Search } from "./find";
import { text } from "./match";
import { byName, invalid, NAME, nameWith, nullableText, optionsOutput, refOf, requireText, run, type LookupOutputOptions, type NamedRef } from "./plumbing";
import type { LookupOptions } from "./settings";

// ---------------------------------------------------------------------------------------------------------------
// Identities

/** Exactly one of `alias` (the username), `email` or `name`. */
export type GetIdentityArgs =
    { alias: string; email?: never; name?: never } | { email: string; alias?: never; name?: never } | { name: string; alias?: never; email?: never };

export type GetIdentityOutputArgs =
    | { alias: pulumi.Input<string>; email?: never; name?: never }
    | { email: pulumi.Input<string>; alias?: never; name?: never }
    | { name: pulumi.Input<string>; alias?: never; email?: never };

export interface GetIdentityResult {
    id: string;
    name: string;
    alias: string | null;
    /** The identity's primary email address (`emailAddress`). */
    email: string | null;
}

const IDENTITY_FIELDS: Record<"alias" | "email" | "name", FieldSpec> = {
    alias: { field: "alias", label: "with alias", plural: "aliases", ops: ["eq", "sw"] },
    email: {
        field: "emailAddress",
        filterField: "email",
        read: (item) => text(item, "emailAddress") ?? text(item, "email"),
        label: "with email",
        plural: "email addresses",
        ops: ["eq", "sw"],
    },
    name: nameWith(["eq", "sw"]),
};

/**
 * An identity by `alias` (username), `email` or `name`, e.g. to use as an owner: `owner: { id: alice.id }`.
 *
 * - Endpoint: `GET /v2025/identities` with `defaultFilter=NONE` (uncorrelated identities included; ISC's default
 *   lists correlated ones only). Scope `idn:identity:read`.
 * - Filters (documented: `alias`, `email`, `name` each `eq|sw`): `alias eq "<alias>"` (or `email`, `name`); on a
 *   miss `... sw "<text>"`, then the list (up to `missScanLimit`).
 * - Match: exact first, then case-insensitive when unique; see the rules in index.ts. Email is compared on
 *   `emailAddress`.
 * - Calls: 1 when the filter finds it exactly.
 */
export function getIdentity(args: GetIdentityArgs, opts?: LookupOptions): Promise<GetIdentityResult> {
    const lookup = "getIdentity";
    const given = (["alias", "email", "name"] as const).filter((k) => (args as Record<string, unknown>)[k] !== undefined);
    if (given.length !== 1) {
        return Promise.reject(invalid(lookup, "arguments", `give exactly one of alias, email, name (got ${given.length ? given.join(", ") : "none"})`));
    }
    const by = given[0];
    let wanted: string;
    try {
        wanted = requireText(lookup, by, (args as Record<string, unknown>)[by]);
    } catch (e) {
        return Promise.reject(e);
    }
    const search: Omit<Search, "path"> = { lookup, noun: "identity", field: IDENTITY_FIELDS[by], wanted, query: { defaultFilter: "NONE" } };
    return run(lookup, `${by} ${JSON.stringify(wanted)}`, opts, async (ctx) => {
        const item = await findOne(ctx, { ...search, path: "/v2025/identities" });
        return {
            id: item.id,
            name: text(item, "name") ?? "",
            alias: nullableText(item, "alias"),
            email: IDENTITY_FIELDS.email.read!(item) ?? null,
        };
    });
}

/** {@link getIdentity} for `pulumi.Input` arguments. */
export function getIdentityOutput(args: GetIdentityOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetIdentityResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getIdentity(a as GetIdentityArgs, o));
}

// ---------------------------------------------------------------------------------------------------------------
// Sources

export interface GetSourceArgs {
    name: string;
}
export interface GetSourceOutputArgs {
    name: pulumi.Input<string>;
}
export interface GetSourceResult {
    id: string;
    name: string;
    /** The connector type, e.g. "Active Directory - Direct". */
    type: string | null;
}

/**
 * A source by name, e.g. for an access profile's `source: { id: ad.id }` or getEntitlement's `source`.
 *
 * - Endpoint: `GET /v3/sources` (scope `idn:sources:read`).
 * - Filter (documented: `name co|eq|in|sw`, ...): `name eq "<name>"`; on a miss `name sw "<name>"`, then the list
 *   (up to `missScanLimit`).
 * - Match: exact first, then case-insensitive when unique. Calls: 1 when the filter finds it exactly.
 */
export function getSource(args: GetSourceArgs, opts?: LookupOptions): Promise<GetSourceResult> {
    const lookup = "getSource";
    return byName(lookup, args, opts, async (ctx, wanted) => {
        const item = await findOne(ctx, { lookup, noun: "source", path: "/v3/sources", field: NAME, wanted });
        return { id: item.id, name: text(item, "name") ?? "", type: nullableText(item, "type") };
    });
}

/** {@link getSource} for `pulumi.Input` arguments. */
export function getSourceOutput(args: GetSourceOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetSourceResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getSource(a, o));
}

// ---------------------------------------------------------------------------------------------------------------
// Governance groups

export interface GetGovernanceGroupArgs {
    name: string;
}
export interface GetGovernanceGroupOutputArgs {
    name: pulumi.Input<string>;
}
export interface GetGovernanceGroupResult {
    id: string;
    name: string;
    description: string | null;
}

/**
 * A governance group (workgroup) by name, e.g. for an approval scheme's `approverId`.
 *
 * - Endpoint: `GET /beta/workgroups` (the governance groups API is published under beta).
 * - Filter (documented: `name eq|in|sw`): `name eq "<name>"`; on a miss `name sw "<name>"`, then the list (up to
 *   `missScanLimit`).
 * - Match: exact first, then case-insensitive when unique. Calls: 1 when the filter finds it exactly.
 */
export function getGovernanceGroup(args: GetGovernanceGroupArgs, opts?: LookupOptions): Promise<GetGovernanceGroupResult> {
    const lookup = "getGovernanceGroup";
    return byName(lookup, args, opts, async (ctx, wanted) => {
        const item = await findOne(ctx, { lookup, noun: "governance group", path: "/beta/workgroups", field: NAME, wanted });
        return { id: item.id, name: text(item, "name") ?? "", description: nullableText(item, "description") };
    });
}

/** {@link getGovernanceGroup} for `pulumi.Input` arguments. */
export function getGovernanceGroupOutput(args: GetGovernanceGroupOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetGovernanceGroupResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getGovernanceGroup(a, o));
}

// ---------------------------------------------------------------------------------------------------------------
// Segments

export interface GetSegmentArgs {
    name: string;
}
export interface GetSegmentOutputArgs {
    name: pulumi.Input<string>;
}
export interface GetSegmentResult {
    id: string;
    name: string;
    active: boolean;
}

/**
 * A segment by name, e.g. for an access profile's `segments: [london.id]` when the segment is not managed here.
 *
 * - Endpoint: `GET /{isc:segmentsApiVersion}/segments` (default v2025; scope `idn:segment:read`).
 * - Filter: none: ISC documents no filters on segments, so the whole list is read (250 a call) and compared here.
 * - Match: exact first, then case-insensitive when unique. Calls: one per 250 segments in the tenant.
 */
export function getSegment(args: GetSegmentArgs, opts?: LookupOptions): Promise<GetSegmentResult> {
    const lookup = "getSegment";
    return byName(lookup, args, opts, async (ctx, wanted) => {
        const path = `/${ctx.settings.versions.segments}/segments`;
        const item = await findOne(ctx, { lookup, noun: "segment", path, field: nameWith([]), wanted });
        return { id: item.id, name: text(item, "name") ?? "", active: item.active === true };
    });
}

/** {@link getSegment} for `pulumi.Input` arguments. */
export function getSegmentOutput(args: GetSegmentOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetSegmentResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getSegment(a, o));
}

// ---------------------------------------------------------------------------------------------------------------
// Access profiles

export interface GetAccessProfileArgs {
    name: string;
}
export interface GetAccessProfileOutputArgs {
    name: pulumi.Input<string>;
}
export interface GetAccessProfileResult {
    id: string;
    name: string;
    enabled: boolean;
    source: NamedRef | null;
}

/**
 * An access profile by name, e.g. for a role defined elsewhere.
 *
 * - Endpoint: `GET /{isc:accessProfilesApiVersion}/access-profiles` (default v3; scope `idn:access-profile:read`).
 * - Filter (documented: `name eq|sw`; SailPoint notes names with `+` cannot be filtered): `name eq "<name>"`; on a
 *   miss `name sw "<name>"`, then the list (up to `missScanLimit`).
 * - Match: exact first, then case-insensitive when unique. Calls: 1 when the filter finds it exactly.
 */
export function getAccessProfile(args: GetAccessProfileArgs, opts?: LookupOptions): Promise<GetAccessProfileResult> {
    const lookup = "getAccessProfile";
    return byName(lookup, args, opts, async (ctx, wanted) => {
        const path = `/${ctx.settings.versions.accessProfiles}/access-profiles`;
        const item = await findOne(ctx, { lookup, noun: "access profile", path, field: nameWith(["eq", "sw"]), wanted });
        return { id: item.id, name: text(item, "name") ?? "", enabled: item.enabled === true, source: refOf(item, "source") };
    });
}

/** {@link getAccessProfile} for `pulumi.Input` arguments. */
export function getAccessProfileOutput(args: GetAccessProfileOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetAccessProfileResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getAccessProfile(a, o));
}
