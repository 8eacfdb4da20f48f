/**
 * The pure half of the ZPA lookups: which listed objects match a wanted name (exactly first, then ignoring case)
 * and which names are closest to it for an error. The ISC lookups have the same rules (../../lookups/match.ts);
 * they are not imported from there because `pulumi-sailpoint-isc/zpa` must not load the ISC half.
 */

/** What a ZPA list answer holds, as far as a lookup reads it. */
export interface ZpaListed {
    id: string;
    name: string;
    [field: string]: unknown;
}

/** The case-insensitive form: canonical composition (NFC), then upper then lower case. */
export function fold(value: string): string {
    return value.normalize("NFC").toUpperCase().toLowerCase();
}

export type ZpaMatch = { kind: "one"; match: ZpaListed } | { kind: "many"; matches: ZpaListed[]; how: "exact" | "case-insensitive" } | { kind: "none" };

/** Exactly the wanted name first; only when none carries it, the names equal ignoring case. Several are never a pick. */
export function matchName(listed: readonly ZpaListed[], wanted: string): ZpaMatch {
    const exact = listed.filter((o) => o.name === wanted);
    if (exact.length === 1) return { kind: "one", match: exact[0] };
    if (exact.length > 1) return { kind: "many", matches: exact, how: "exact" };
    const folded = fold(wanted);
    const loose = listed.filter((o) => fold(o.name) === folded);
    if (loose.length === 1) return { kind: "one", match: loose[0] };
    if (loose.length > 1) return { kind: "many", matches: loose, how: "case-insensitive" };
    return { kind: "none" };
}

/** The objects of a list answer that carry a string id and name (anything else is skipped). */
export function listedObjects(items: readonly unknown[]): ZpaListed[] {
    return items.filter((o): o is ZpaListed => {
        const r = o as { id?: unknown; name?: unknown } | null;
        return typeof r === "object" && r !== null && typeof r.id === "string" && typeof r.name === "string";
    });
}

/** Levenshtein distance, two rows. */
function editDistance(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
    }
    return prev[b.length];
}

/** Up to `max` distinct names closest to `wanted` (edit distance ignoring case; containing it counts as one edit), ties by name. */
export function closestNames(wanted: string, names: Iterable<string>, max = 5): string[] {
    const w = fold(wanted);
    const scored = [...new Set(names)].map((name) => {
        const n = fold(name);
        const contains = n.length > 0 && w.length > 0 && (n.includes(w) || w.includes(n));
        return { name, score: contains ? Math.min(1, editDistance(w, n)) : editDistance(w, n) };
    });
    scored.sort((x, y) => x.score - y.score || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    return scored.slice(0, max).map((s) => s.name);
}
