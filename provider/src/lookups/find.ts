/**
 * The search every single-object lookup runs (docs/CONTRACTS.md, "Lookups by name"):
 *
 * 1. When the collection documents `eq` on the field and the wanted text can be filtered on (see canFilter):
 *    one filtered request, `<field> eq "<text>"` (with the lookup's scope, e.g. `source.id eq "..."`), compared
 *    here exactly, then ignoring case. An answer holding a match that differs only in case came from a server
 *    whose `eq` ignores case, so it holds every such match: the decision is final.
 * 2. Nothing: when the collection documents `sw`, `<field> sw "<text>"` (a 400 skips this step). A match in its
 *    answer that differs only in case shows `sw` ignores case, so again the answer holds them all.
 * 3. Nothing yet, or text no filter can carry, or a collection without filters: the list (in the scope), compared
 *    here. After a filtered miss the list is read up to `missScanLimit` objects (it only looks for a match in another
 *    case and for the closest names), to the end as soon as something matches there; otherwise always to the end.
 *
 * Exact match first; a case-insensitive match only when it is the only one; several matches are an error listing
 * each one's id and name; none is an error naming what, where, how, and up to five closest values.
 */
import { allOf, canFilter, isIscApiError, quote, type Query } from "../client";
import { IscLookupError, type Candidate, type LookupProblem } from "./errors";
import { listAll, listRest, type Listing } from "./listing";
import { closestNames, decide, text, type Decision, type Listed } from "./match";
import type { LookupContext } from "./settings";

export type FilterOp = "eq" | "in" | "sw";

/** The field a lookup compares, and the filter operators its collection documents on it. */
export interface FieldSpec {
    /** The object field, e.g. "name", "alias", "value" (a dotted path is read through nested objects). */
    field: string;
    /** The filter field when it differs from `field` (identities: `emailAddress` is filtered as `email`). */
    filterField?: string;
    /** How to read the compared text when it is not simply `field`. */
    read?: (item: Listed) => string | undefined;
    /** e.g. "named", "with alias". */
    label: string;
    /** The field's values in a message: "names", "aliases". */
    plural: string;
    ops: readonly FilterOp[];
}

export interface Search {
    /** The public function, for messages: "getSource". */
    lookup: string;
    /** "source", "identity", ... */
    noun: string;
    /** e.g. "/v3/sources" */
    path: string;
    field: FieldSpec;
    wanted: string;
    /** A filter always applied (and safe to send), e.g. `source.id eq "2c91..."`. */
    scope?: string;
    /** How the scope reads in a message, e.g. ` on source 2c91...`. */
    scopeText?: string;
    /** Other query parameters, e.g. `defaultFilter: "NONE"`. */
    query?: Query;
    /** Advice for a miss where the list itself was empty. */
    emptyHint?: string;
}

export function readField(field: FieldSpec): (item: Listed) => string | undefined {
    return field.read ?? ((item) => text(item, field.field));
}

export function what(s: Pick<Search, "noun" | "field" | "scopeText">, wanted: string): string {
    return `${s.noun} ${s.field.label} ${JSON.stringify(wanted)}${s.scopeText ?? ""}`;
}

function candidates(items: Listed[], read: (item: Listed) => string | undefined): Candidate[] {
    return items.map((item) => {
        const name = text(item, "name") ?? "";
        const matched = read(item);
        return { id: item.id, name, ...(matched !== undefined && matched !== name ? { matched } : {}) };
    });
}

export function ambiguous(s: Search, where: string, d: Extract<Decision<Listed>, { kind: "many" }>): LookupProblem {
    return { kind: "ambiguous", what: what(s, s.wanted), where, how: d.how, candidates: candidates(d.matches, readField(s.field)) };
}

/** The objects a list answer holds as text: every value of the compared field. */
export function valuesOf(items: Listed[], read: (item: Listed) => string | undefined): string[] {
    const out: string[] = [];
    for (const item of items) {
        const v = read(item);
        if (v !== undefined) out.push(v);
    }
    return out;
}

export function notFound(s: Search, where: string, steps: string[], listing: Listing): LookupProblem {
    return {
        kind: "not-found",
        what: what(s, s.wanted),
        where,
        searched: steps.join(", then "),
        closest: closestNames(s.wanted, valuesOf(listing.items, readField(s.field))),
        closestOf: s.field.plural,
        ...(listing.truncated ? { scanned: { compared: listing.items.length, ...(listing.total !== undefined ? { total: listing.total } : {}) } } : {}),
        ...(listing.items.length === 0 && s.emptyHint ? { hint: s.emptyHint } : {}),
    };
}

export function plural(n: number, noun: string): string {
    if (n === 1) return `1 ${noun}`;
    return `${n} ${noun.endsWith("y") ? `${noun.slice(0, -1)}ies` : `${noun}s`}`;
}

/** One object, found as described above, or an IscLookupError. */
export async function findOne(ctx: LookupContext, s: Search): Promise<Listed> {
    const where = `${ctx.settings.baseUrl}${s.path}`;
    const read = readField(s.field);
    const filterField = s.field.filterField ?? s.field.field;
    const steps: string[] = [];
    const settle = (d: Decision<Listed>): Listed | undefined => {
        if (d.kind === "one") return d.match;
        if (d.kind === "many") throw new IscLookupError(s.lookup, [ambiguous(s, where, d)]);
        return undefined;
    };
    /** The objects a filter answers; `limit` bounds a walk that is only an attempt (the rest is read on a match). */
    const filtered = async (op: FilterOp, limit?: number): Promise<Decision<Listed>> => {
        const filters = allOf(s.scope, `${filterField} ${op} ${quote(s.wanted)}`)!;
        const query = { ...s.query, filters };
        let listing = await listAll(ctx, s.path, query, limit);
        let d = decide(listing.items, s.wanted, read);
        if (d.kind !== "none" && listing.truncated) {
            listing = await listRest(ctx, s.path, query, listing);
            d = decide(listing.items, s.wanted, read);
        }
        steps.push(`filter ${filters} answered ${listing.items.length}${listing.truncated ? "+" : ""}`);
        return d;
    };

    const filterable = canFilter(s.wanted) && s.field.ops.includes("eq");
    if (filterable) {
        const found = settle(await filtered("eq"));
        if (found) return found;
        if (s.field.ops.includes("sw")) {
            try {
                // Only a match that differs in case settles it here (`sw` also answers longer names); its answer
                // is read up to missScanLimit objects, as it is only a shortcut before the list.
                const found2 = settle(await filtered("sw", ctx.missScanLimit));
                if (found2) return found2;
            } catch (e) {
                if (!(isIscApiError(e) && e.status === 400)) throw e;
                steps.push(`filter ${filterField} sw refused (400)`);
            }
        }
    } else if (s.field.ops.includes("eq")) {
        steps.push(`no filter (ISC's filters cannot carry this text: it has ", \\, + or non-ASCII characters)`);
    }

    const query: Query = { ...s.query, ...(s.scope ? { filters: s.scope } : {}) };
    let listing = await listAll(ctx, s.path, query, filterable ? ctx.missScanLimit : undefined);
    let d = decide(listing.items, s.wanted, read);
    if (d.kind !== "none" && listing.truncated) {
        // Something matches in the part read: read the rest, so a second match cannot hide beyond the limit.
        listing = await listRest(ctx, s.path, query, listing);
        d = decide(listing.items, s.wanted, read);
    }
    steps.push(`${s.scope ? `listed with filter ${s.scope}` : "listed"}: ${plural(listing.items.length, s.noun)} compared`);
    const found = settle(d);
    if (found) return found;
    throw new IscLookupError(s.lookup, [notFound(s, where, steps, listing)]);
}
