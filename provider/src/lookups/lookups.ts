/**
 * Lookups by name: find the id of an object that already exists in the tenant (an owner, a source, an
 * entitlement, a governance group, a segment, an access profile) from the name a person would use.
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
 */
import * as pulumi from "@pulumi/pulumi";
import { canFilter, quote } from "../client";
import { explain } from "../provider";
import { IscLookupError, isIscLookupError } from "./errors";
import { findOne, type FieldSpec, type Search } from "./find";
import { findMany, type ManySearch, type Wanted } from "./find-many";
import { text, type Listed } from "./match";
import { lookupContext, type LookupContext, type LookupOptions } from "./settings";

// ---------------------------------------------------------------------------------------------------------------
// Shared types

/** The Output forms' options: the same as LookupOptions, each value may be a `pulumi.Input` (a secret one too). */
export type LookupOutputOptions = { [K in keyof LookupOptions]?: pulumi.Input<NonNullable<LookupOptions[K]>> };

/** A source: its id, or any object with an `id` (a `getSource` result). */
export type SourceRef = string | { id: string };

/** An object that a result refers to. */
export interface NamedRef {
    id: string;
    name: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Plumbing

/** Runs a lookup with resolved settings; client and settings errors say which lookup failed and which setting to check. */
async function run<T>(lookup: string, subject: string, opts: LookupOptions | undefined, body: (ctx: LookupContext) => Promise<T>): Promise<T> {
    let baseUrl: string | undefined;
    try {
        const ctx = lookupContext(opts);
        baseUrl = ctx.settings.baseUrl;
        return await body(ctx);
    } catch (e) {
        // Lookups share in-flight requests (a token, a list walk), so one error object may reach several of them:
        // each says which lookup failed on its own copy.
        throw explain(e instanceof Error && !isIscLookupError(e) ? withContext(e, `${lookup} (${subject})`) : e, baseUrl);
    }
}

/** A lookup by `args.name`: the name checked before anything else, then `search` with resolved settings. */
function byName<T>(
    lookup: string,
    args: { name?: unknown } | undefined,
    opts: LookupOptions | undefined,
    search: (ctx: LookupContext, wanted: string) => Promise<T>,
): Promise<T> {
    let wanted: string;
    try {
        wanted = requireText(lookup, "name", args?.name);
    } catch (e) {
        return Promise.reject(e);
    }
    return run(lookup, `name ${JSON.stringify(wanted)}`, opts, (ctx) => search(ctx, wanted));
}

/** A copy of `e` (same class, fields and cause) whose message starts with `prefix`. */
function withContext(e: Error, prefix: string): Error {
    const copy = Object.create(Object.getPrototypeOf(e) as object) as Error;
    Object.assign(copy, e);
    Object.defineProperty(copy, "message", { value: `${prefix}: ${e.message}`, writable: true, configurable: true });
    Object.defineProperty(copy, "stack", { value: `${e.name}: ${prefix}: ${e.message}`, writable: true, configurable: true });
    if (e.cause !== undefined) Object.defineProperty(copy, "cause", { value: e.cause, writable: true, configurable: true });
    return copy;
}

/** The options as an Output whose secrecy does not spread to the result: the result never holds them. */
function optionsOutput(opts: LookupOutputOptions | undefined): pulumi.Output<LookupOptions> {
    return pulumi.unsecret(pulumi.output(opts ?? {})) as pulumi.Output<LookupOptions>;
}

function invalid(lookup: string, what: string, reason: string): IscLookupError {
    return new IscLookupError(lookup, [{ kind: "invalid", what, reason }]);
}

function requireText(lookup: string, field: string, value: unknown): string {
    if (typeof value !== "string" || value === "") {
        throw invalid(lookup, field, `expected a non-empty string, got ${value === undefined ? "nothing" : JSON.stringify(value)}`);
    }
    return value;
}

/** A source id from an id or an object with one; ids are filtered on, so they must be plain text. */
function sourceIdOf(lookup: string, ref: unknown): string {
    const id = typeof ref === "object" && ref !== null ? (ref as { id?: unknown }).id : ref;
    const sourceId = requireText(lookup, "source", id);
    if (!canFilter(sourceId)) throw invalid(lookup, "source", `${JSON.stringify(sourceId)} is not a source id (use getSource({ name }) to find one)`);
    return sourceId;
}

function nullableText(item: Listed, field: string): string | null {
    return text(item, field) ?? null;
}

function refOf(item: Listed, field: string): NamedRef | null {
    const id = text(item, `${field}.id`);
    return id === undefined ? null : { id, name: nullableText(item, `${field}.name`) };
}

const NAME: FieldSpec = { field: "name", label: "named", plural: "names", ops: ["eq", "in", "sw"] };
const nameWith = (ops: FieldSpec["ops"]): FieldSpec => ({ ...NAME, ops });

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
 * - Match: exact first, then case-insensitive when unique; see the module's rules. Email is compared on
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
// Entitlements

/** An entitlement of `source` by its `value` (e.g. a group's DN) or by its display `name`. */
export type GetEntitlementArgs = { source: SourceRef; value: string; name?: never } | { source: SourceRef; name: string; value?: never };

export type GetEntitlementOutputArgs =
    | { source: pulumi.Input<SourceRef>; value: pulumi.Input<string>; name?: never }
    | { source: pulumi.Input<SourceRef>; name: pulumi.Input<string>; value?: never };

export interface GetEntitlementResult {
    id: string;
    name: string;
    /** The value on the source, e.g. "CN=Payroll,OU=Groups,DC=acme,DC=com". */
    value: string | null;
    /** The account attribute that carries it, e.g. "memberOf". */
    attribute: string | null;
    source: NamedRef | null;
}

const ENTITLEMENT_PATH = "/v2025/entitlements";
const ENTITLEMENT_FIELDS: Record<"value" | "name", FieldSpec> = {
    value: { field: "value", label: "with value", plural: "values", ops: ["eq", "in", "sw"] },
    name: NAME,
};

function entitlementScope(lookup: string, source: unknown): ManySearch & { sourceId: string } {
    const sourceId = sourceIdOf(lookup, source);
    return {
        sourceId,
        lookup,
        noun: "entitlement",
        path: ENTITLEMENT_PATH,
        scope: `source.id eq ${quote(sourceId)}`,
        scopeText: ` on source ${sourceId}`,
        emptyHint: `source ${JSON.stringify(sourceId)} lists no entitlements: check that it is a source id (getSource({ name }) finds one)`,
    };
}

function entitlementResult(item: Listed): GetEntitlementResult {
    return {
        id: item.id,
        name: text(item, "name") ?? "",
        value: nullableText(item, "value"),
        attribute: nullableText(item, "attribute"),
        source: refOf(item, "source"),
    };
}

/**
 * One entitlement of a source, by `value` or by `name`: `getEntitlementOutput({ source: ad.id, value: "CN=Payroll,OU=Groups" })`.
 *
 * - Endpoint: `GET /v2025/entitlements` (scope `idn:entitlement:read`).
 * - Filter (documented: `source.id eq|in`, `value eq|in|sw`, `name eq|in|sw`): `source.id eq "<source>" and value eq
 *   "<value>"` (or `name`); on a miss `... sw ...`, then the source's entitlements (`source.id eq` only, up to
 *   `missScanLimit`). A value no filter can carry (a DN with `\,`, non-ASCII) is found in the source's whole list.
 * - Match: exact first, then case-insensitive when unique. Calls: 1 when the filter finds it exactly.
 */
export function getEntitlement(args: GetEntitlementArgs, opts?: LookupOptions): Promise<GetEntitlementResult> {
    const lookup = "getEntitlement";
    let search: Search;
    try {
        const a = (args ?? {}) as Record<string, unknown>;
        const given = (["value", "name"] as const).filter((k) => a[k] !== undefined);
        if (given.length !== 1)
            throw invalid(lookup, "arguments", `give source and exactly one of value, name (got ${given.length ? given.join(", ") : "neither"})`);
        const by = given[0];
        const { sourceId: _, ...scope } = entitlementScope(lookup, a.source);
        search = { ...scope, field: ENTITLEMENT_FIELDS[by], wanted: requireText(lookup, by, a[by]) };
    } catch (e) {
        return Promise.reject(e);
    }
    return run(lookup, `${search.field.field} ${JSON.stringify(search.wanted)}${search.scopeText}`, opts, async (ctx) =>
        entitlementResult(await findOne(ctx, search)),
    );
}

/** {@link getEntitlement} for `pulumi.Input` arguments (`source` may be a source's `id` output or a getSourceOutput result). */
export function getEntitlementOutput(args: GetEntitlementOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetEntitlementResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getEntitlement(a as GetEntitlementArgs, o));
}

export interface GetEntitlementsArgs {
    source: SourceRef;
    values?: string[];
    names?: string[];
}
export interface GetEntitlementsOutputArgs {
    source: pulumi.Input<SourceRef>;
    values?: pulumi.Input<Array<pulumi.Input<string>>>;
    names?: pulumi.Input<Array<pulumi.Input<string>>>;
}

/**
 * Several entitlements of one source at once, by values and/or names; the results come in the order asked,
 * `values` first, then `names`. Any missing or ambiguous one fails the whole call, listing every problem.
 *
 * - Endpoint: `GET /v2025/entitlements` (scope `idn:entitlement:read`).
 * - Filters (documented `value in`, `name in`): `source.id eq "<source>" and value in ("a", "b", ...)`, 50 values a
 *   request, the same for names; whatever that leaves unresolved (a miss, a text no filter can carry) is compared
 *   with one list of the source's entitlements (`source.id eq`; up to `missScanLimit` when only misses are left).
 * - Match: per text, as getEntitlement. Calls: 1 per 50 values (and 1 per 50 names) when every one matches exactly.
 */
export function getEntitlements(args: GetEntitlementsArgs, opts?: LookupOptions): Promise<GetEntitlementResult[]> {
    const lookup = "getEntitlements";
    let base: ReturnType<typeof entitlementScope>;
    let wants: Wanted[];
    try {
        base = entitlementScope(lookup, args?.source);
        const listOf = (field: "values" | "names"): string[] => {
            const v: unknown = args[field];
            if (v === undefined) return [];
            if (!Array.isArray(v)) throw invalid(lookup, field, `expected an array of strings, got ${JSON.stringify(v)}`);
            return v.map((x, i) => requireText(lookup, `${field}[${i}]`, x));
        };
        wants = [
            ...listOf("values").map((wanted) => ({ field: ENTITLEMENT_FIELDS.value, wanted })),
            ...listOf("names").map((wanted) => ({ field: ENTITLEMENT_FIELDS.name, wanted })),
        ];
    } catch (e) {
        return Promise.reject(e);
    }
    if (wants.length === 0) return Promise.resolve([]);
    return run(lookup, `${wants.length} on source ${base.sourceId}`, opts, async (ctx) => (await findMany(ctx, base, wants)).map(entitlementResult));
}

/** {@link getEntitlements} for `pulumi.Input` arguments. */
export function getEntitlementsOutput(args: GetEntitlementsOutputArgs, opts?: LookupOutputOptions): pulumi.Output<GetEntitlementResult[]> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getEntitlements(a, o));
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
