/** The entitlement lookups: getEntitlement (one, by value or name) and getEntitlements (several of one source). */
import * as pulumi from "@pulumi/pulumi";
import { quote } from "../client";
import { findOne, type FieldSpec, type Search } from "./find";
import { findMany, type ManySearch, type Wanted } from "./find-many";
import { text, type Listed } from "./match";
import {
    invalid,
    NAME,
    nullableText,
    optionsOutput,
    refOf,
    requireText,
    run,
    sourceIdOf,
    type LookupOutputOptions,
    type NamedRef,
    type SourceRef,
} from "./plumbing";
import type { LookupOptions } from "./settings";

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
