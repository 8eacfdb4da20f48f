/**
 * Resource names for exported objects: derived from the object's name alone, so the same tenant always gives the
 * same names, and a name stays the same across exports while the object keeps its name. Names that would collide
 * (duplicates, or names differing only in case or punctuation) all take a suffix from their object's id, so none
 * of them depends on which of the others exist.
 */

/** "Payroll Admins (EMEA)" → "payroll-admins-emea"; accents folded; never empty. */
export function slug(name: string): string {
    const folded = name
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
    return folded || "unnamed";
}

/**
 * A unique resource name for each object (by id): its slug, or for every object whose slug is shared, the slug
 * and the end of its id (longer when even that is shared).
 */
export function resourceNames(objects: ReadonlyArray<{ id: string; name: string }>): Map<string, string> {
    const bySlug = new Map<string, Array<{ id: string; name: string }>>();
    for (const o of objects) {
        const s = slug(o.name);
        bySlug.set(s, [...(bySlug.get(s) ?? []), o]);
    }
    const names = new Map<string, string>();
    const taken = new Set<string>();
    // Unshared slugs first, so a suffixed name can never take one of them.
    for (const [s, group] of bySlug) {
        if (group.length === 1) {
            names.set(group[0].id, s);
            taken.add(s);
        }
    }
    for (const [s, group] of [...bySlug].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (group.length === 1) continue;
        for (const o of [...group].sort((a, b) => (a.id < b.id ? -1 : 1))) {
            const tail = o.id.replace(/[^a-zA-Z0-9]/g, "").toLowerCase();
            let length = 6;
            let candidate = `${s}-${tail.slice(-length)}`;
            while (taken.has(candidate) && length < tail.length) candidate = `${s}-${tail.slice(-++length)}`;
            for (let n = 2; taken.has(candidate); n++) candidate = `${s}-${tail}-${n}`;
            names.set(o.id, candidate);
            taken.add(candidate);
        }
    }
    return names;
}
