/**
 * Wording shared by every validation message, so all of them read alike: the property path, the rule, and
 * what is allowed instead.
 *
 * A message never repeats the content of an input. Pulumi's dynamic-provider host unwraps secrets before it
 * calls `check` (the provider does not accept secrets), so any value may have been a secret and nothing
 * tells which: a message says what a value is (`a string of 14 characters`, `a list of 2 elements`), never
 * what it holds. The only words a message may quote are the schema's own (field names, allowed values,
 * defaults), property names (the failure's path names them anyway), and an input already known to be one
 * of a closed list of allowed values (see `quoteAllowed`).
 */

/** `2,010`: counts read as the documentation writes them. */
export function count(n: number): string {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function plural(n: number, one: string, many: string): string {
    return `${count(n)} ${n === 1 ? one : many}`;
}

/** What a value is, without what it holds: its type, and its length for strings and lists. */
export function describe(value: unknown): string {
    if (value === undefined) return "nothing";
    if (value === null) return "null";
    if (typeof value === "string") {
        if (value === "") return "an empty string";
        const blank = value.trim() === "" ? "blank " : "";
        return `a ${blank}string of ${plural(value.length, "character", "characters")}`;
    }
    if (typeof value === "boolean") return "a boolean";
    if (typeof value === "number") return "a number";
    if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list of ${plural(value.length, "element", "elements")}`;
    if (typeof value === "object") return "an object";
    return `a value of type ${typeof value}`;
}

/** A property name (a key of the program's object, not a value), quoted: `"commentRequired"`. */
export function quoteName(name: string): string {
    return JSON.stringify(name);
}

/**
 * An input that is one of a closed list of allowed values (`"WORKFLOW"`), quoted: knowing it is one of the
 * schema's own words reveals nothing a secret could hold. Anything else is only described.
 */
export function quoteAllowed(value: unknown, allowed: readonly string[]): string {
    return typeof value === "string" && allowed.includes(value) ? JSON.stringify(value) : describe(value);
}

/** `"A"`, `"A" or "B"`, `"A", "B" or "C"`. */
export function choices(allowed: readonly string[]): string {
    const quoted = allowed.map((a) => JSON.stringify(a));
    if (quoted.length <= 1) return quoted.join("");
    return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** `"A", "B", "C"`: a closed list, for "one of: ...". */
function oneOf(allowed: readonly string[]): string {
    return allowed.map((a) => JSON.stringify(a)).join(", ");
}

/**
 * A value outside a closed list: `operator is a string of 2 characters that is not one of: "AND", "EQUALS"`.
 * The value may be a secret pasted in the wrong place, so it is described, never quoted. The one hint that
 * looks at its content says only which allowed value it matches when letter case and spacing are ignored.
 */
export function notOneOf(key: string, value: unknown, allowed: readonly string[]): string {
    if (typeof value !== "string") return `${key} must be one of: ${oneOf(allowed)}; got ${describe(value)}`;
    const near = allowed.find((a) => a.toLowerCase() === value.trim().toLowerCase());
    const hint = near === undefined ? "" : ` (it differs from ${JSON.stringify(near)} only in letter case or spacing)`;
    return `${key} is ${describe(value)} that is not one of: ${oneOf(allowed)}${hint}`;
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
