/**
 * Wording shared by every validation message, so all of them read alike: the property path, the value
 * that was given, and what is allowed instead.
 */
const MAX_SHOWN = 60;

/** The offending value as the user would write it, shortened so a long description does not flood the screen. */
export function show(value: unknown): string {
    if (value === undefined) return "undefined";
    const text = JSON.stringify(value) ?? String(value);
    return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** `"A"`, `"A" or "B"`, `"A", "B" or "C"`. */
export function choices(allowed: readonly string[]): string {
    const quoted = allowed.map((a) => JSON.stringify(a));
    if (quoted.length <= 1) return quoted.join("");
    return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** e.g. `operator "OR" is not allowed: use "AND" or "EQUALS"`. */
export function notAllowed(what: string, value: unknown, allowed: readonly string[]): string {
    return `${what} ${show(value)} is not allowed: use ${choices(allowed)}`;
}

/** The property path of a key below `parent`: `visibilityCriteria.expression`. */
export function at(parent: string, key: string): string {
    return parent === "" ? key : `${parent}.${key}`;
}

/** The property path of a list element: `entitlements[2]`. */
export function atIndex(parent: string, index: number): string {
    return `${parent}[${index}]`;
}

/** The last key of a path, for the start of a message: `children[1].operator` -> `operator`. */
export function lastKey(path: string): string {
    const key = path.slice(path.lastIndexOf(".") + 1);
    return key.replace(/\[\d+\]$/, "");
}
