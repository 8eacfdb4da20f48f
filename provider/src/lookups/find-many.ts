/**
 * Several objects of one collection (and one scope) at once, for getEntitlements: the wanted texts of a field go
 * out together in `<field> in ("a", "b", ...)` filters (50 values a request, so a URL stays a few kilobytes),
 * or one `eq` each where the field documents no `in`. Whatever they leave unresolved (nothing matched, or the
 * text cannot be filtered on) is compared against one list of the scope, shared by all of them. Every missing or
 * ambiguous text is reported in one error.
 */
import { allOf, canFilter, quote, type Query } from "../client";
import { IscLookupError, type LookupProblem } from "./errors";
import { ambiguous, notFound, plural, readField, type FieldSpec, type Search } from "./find";
import { listAll, listRest, type Listing } from "./listing";
import { decide, type Decision, type Listed } from "./match";
import type { LookupContext } from "./settings";

/** Values a single `in` filter carries. */
export const IN_CHUNK = 50;

export interface Wanted {
    field: FieldSpec;
    wanted: string;
}

export type ManySearch = Omit<Search, "field" | "wanted">;

interface Pending {
    want: Wanted;
    /** How it was searched, for a not-found message. */
    steps: string[];
    decision?: Decision<Listed>;
    /** The scope's list, when it was compared against it. */
    listing?: Listing;
}

function chunks<T>(list: T[], size: number): T[][] {
    const out: T[][] = [];
    for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
    return out;
}

/** One object per wanted text, in the order asked, or an IscLookupError listing every problem. */
export async function findMany(ctx: LookupContext, base: ManySearch, wants: Wanted[]): Promise<Listed[]> {
    const where = `${ctx.settings.baseUrl}${base.path}`;
    const keyOf = (w: Wanted) => `${w.field.field}\u0000${w.wanted}`;
    const pending = new Map<string, Pending>();
    for (const w of wants) if (!pending.has(keyOf(w))) pending.set(keyOf(w), { want: w, steps: [] });

    // 1. Filtered requests, per field.
    const byField = new Map<FieldSpec, Pending[]>();
    for (const p of pending.values()) {
        if (!canFilter(p.want.wanted) || !p.want.field.ops.some((op) => op === "in" || op === "eq")) continue;
        byField.set(p.want.field, [...(byField.get(p.want.field) ?? []), p]);
    }
    const requests: Array<Promise<void>> = [];
    for (const [field, list] of byField) {
        const filterField = field.filterField ?? field.field;
        const useIn = field.ops.includes("in");
        for (const group of chunks(list, useIn ? IN_CHUNK : 1)) {
            const condition = useIn
                ? `${filterField} in (${group.map((p) => quote(p.want.wanted)).join(", ")})`
                : `${filterField} eq ${quote(group[0].want.wanted)}`;
            const filters = allOf(base.scope, condition)!;
            requests.push(
                listAll(ctx, base.path, { ...base.query, filters }).then((listing) => {
                    const shown = useIn ? allOf(base.scope, `${filterField} in (${plural(group.length, "value")})`) : filters;
                    const read = readField(field);
                    const asked = new Set(group.map((p) => p.want.wanted));
                    for (const p of group) {
                        p.steps.push(`filter ${shown} answered ${listing.items.length}`);
                        const d = decide(listing.items, p.want.wanted, read);
                        if (d.kind === "none") continue;
                        if (d.how === "exact") {
                            p.decision = d;
                            continue;
                        }
                        // A match that differs only in case, and that was not itself asked for, shows the server's
                        // filter ignores case: then the answer holds every such match and the decision is final.
                        // Otherwise (it came back for another text of the request) the list decides.
                        const matches = d.kind === "one" ? [d.match] : d.matches;
                        if (matches.some((m) => !asked.has(read(m) ?? ""))) p.decision = d;
                    }
                }),
            );
        }
    }
    await Promise.all(requests);

    // 2. One list of the scope for everything left.
    const open = [...pending.values()].filter((p) => !p.decision);
    if (open.length) {
        const query: Query = { ...base.query, ...(base.scope ? { filters: base.scope } : {}) };
        // A text no filter could carry can only be found in the whole list; otherwise the list serves misses only.
        const whole = open.some((p) => !canFilter(p.want.wanted) || !p.want.field.ops.some((op) => op === "in" || op === "eq"));
        let listing: Listing = await listAll(ctx, base.path, query, whole ? undefined : ctx.missScanLimit);
        const decideAll = () => open.map((p) => decide(listing.items, p.want.wanted, readField(p.want.field)));
        let decisions = decideAll();
        if (listing.truncated && decisions.some((d) => d.kind !== "none")) {
            listing = await listRest(ctx, base.path, query, listing);
            decisions = decideAll();
        }
        open.forEach((p, i) => {
            if (!canFilter(p.want.wanted)) p.steps.push(`no filter (ISC's filters cannot carry this text: it has ", \\, + or non-ASCII characters)`);
            p.steps.push(`${base.scope ? `listed with filter ${base.scope}` : "listed"}: ${plural(listing.items.length, base.noun)} compared`);
            p.decision = decisions[i];
            p.listing = listing;
        });
    }

    // 3. Answers, or every problem at once.
    const problems: LookupProblem[] = [];
    const found = new Map<string, Listed>();
    for (const [key, p] of pending) {
        const search: Search = { ...base, field: p.want.field, wanted: p.want.wanted };
        const d = p.decision ?? { kind: "none" };
        if (d.kind === "one") found.set(key, d.match);
        else if (d.kind === "many") problems.push(ambiguous(search, where, d));
        else problems.push(notFound(search, where, p.steps, p.listing ?? { items: [], truncated: false, fetched: 0 }));
    }
    if (problems.length) throw new IscLookupError(base.lookup, problems);
    return wants.map((w) => found.get(keyOf(w))!);
}
