/**
 * Unknown setting names, each with the setting it most likely meant: what a provider's configure says about a
 * misspelt stack key (`isc:clientID`, `zpa:custmerId`). Pure; the caller wraps the text in its own error.
 */

/**
 * A message naming every key under `prefix` (e.g. "isc:") that is not one of `known`, each with the key it most
 * likely meant (the same name in another case, one name the start of the other, or the nearest by edit distance);
 * undefined when there is none.
 */
export function unknownKeysMessage(keys: readonly string[], prefix: string, known: readonly string[]): string | undefined {
    const unknown = keys.filter((key) => key.startsWith(prefix) && !known.includes(key));
    if (unknown.length === 0) return undefined;
    const problems = unknown.map((key) => {
        const meant = closestKey(key, known, prefix.length);
        return meant ? `${key} is not a setting: did you mean ${meant}?` : `${key} is not a setting`;
    });
    return `${problems.join("; ")}. The settings are ${known.join(", ")}; remove the key with \`pulumi config rm <key>\` and set the right one.`;
}

function closestKey(key: string, known: readonly string[], prefixLength: number): string | undefined {
    const lower = key.toLowerCase();
    const same = known.find((k) => k.toLowerCase() === lower);
    if (same) return same;
    const prefixed = known.filter((k) => k.toLowerCase().startsWith(lower) || lower.startsWith(k.toLowerCase()));
    if (prefixed.length === 1) return prefixed[0];
    let best: { key: string; distance: number } | undefined;
    for (const k of known) {
        const distance = editDistance(lower, k.toLowerCase());
        if (!best || distance < best.distance) best = { key: k, distance };
    }
    // The prefix is shared; a suggestion further than a third of the rest away is a guess, not a typo.
    return best && best.distance <= Math.max(2, Math.floor((key.length - prefixLength) / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}
