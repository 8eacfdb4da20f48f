/**
 * The pure half of the lookups: how candidates are compared (exactly, then case-insensitively) and how the
 * closest names are ranked for an error. Which names ISC's filter syntax can carry is the client's (filters.ts).
 */

/** The least an object needs to be a candidate: an id. Every other field is read by the collection's spec. */
export interface Listed {
    id: string;
    name?: unknown;
    [field: string]: unknown;
}

/**
 * The case-insensitive form: canonical composition (NFC), then upper then lower case, which approximates
 * Unicode full case folding (`ß` and `SS`, `ς` and `Σ` compare equal) without locale rules.
 */
export function fold(value: string): string {
    return value.normalize("NFC").toUpperCase().toLowerCase();
}

export type Decision<T> =
    { kind: "one"; match: T; how: "exact" | "case-insensitive" } | { kind: "many"; matches: T[]; how: "exact" | "case-insensitive" } | { kind: "none" };

/**
 * Exact match first (same code units); only when there is none, a case-insensitive match. One match is the
 * answer; several are an ambiguity the caller must report, never a pick.
 *
 * Callers decide whether `candidates` is complete for the case-insensitive step: a filtered answer that holds a
 * case-insensitive (not exact) match came from a server that compares case-insensitively, so it holds them all.
 */
export function decide<T>(candidates: readonly T[], wanted: string, key: (item: T) => string | undefined): Decision<T> {
    const exact = candidates.filter((c) => key(c) === wanted);
    if (exact.length === 1) return { kind: "one", match: exact[0], how: "exact" };
    if (exact.length > 1) return { kind: "many", matches: exact, how: "exact" };
    const folded = fold(wanted);
    const loose = candidates.filter((c) => {
        const k = key(c);
        return k !== undefined && fold(k) === folded;
    });
    if (loose.length === 1) return { kind: "one", match: loose[0], how: "case-insensitive" };
    if (loose.length > 1) return { kind: "many", matches: loose, how: "case-insensitive" };
    return { kind: "none" };
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
    if (a === b) return 0;
    if (!a.length) return b.length;
    if (!b.length) return a.length;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    let cur = new Array<number>(b.length + 1);
    for (let i = 1; i <= a.length; i++) {
        cur[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        }
        [prev, cur] = [cur, prev];
    }
    return prev[b.length];
}

/**
 * Up to `max` distinct names closest to `wanted`: edit distance between the case-folded forms, a name that
 * contains the wanted text (or is contained in it) ranked as if it were one edit away at most, ties by name.
 */
export function closestNames(wanted: string, names: Iterable<string>, max = 5): string[] {
    const w = fold(wanted);
    const scored: Array<{ name: string; score: number }> = [];
    const seen = new Set<string>();
    for (const name of names) {
        if (seen.has(name)) continue;
        seen.add(name);
        const n = fold(name);
        let score = editDistance(w, n);
        if (n.length && w.length && (n.includes(w) || w.includes(n))) score = Math.min(score, 1);
        scored.push({ name, score });
    }
    scored.sort((x, y) => x.score - y.score || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    return scored.slice(0, max).map((s) => s.name);
}

/** A string field of a listed object, when it is one. */
export function text(item: Listed, field: string): string | undefined {
    let v: unknown = item;
    for (const part of field.split(".")) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[part] : undefined;
    return typeof v === "string" ? v : undefined;
}

/** A list body's objects that carry a string id; anything else is skipped. */
export function listedObjects(body: unknown): Listed[] {
    if (!Array.isArray(body)) return [];
    return body.filter((o): o is Listed => typeof o === "object" && o !== null && typeof (o as { id?: unknown }).id === "string");
}
