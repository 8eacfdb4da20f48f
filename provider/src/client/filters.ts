/**
 * ISC's filter syntax (the `filters` query parameter of its standard collection parameters), as far as the
 * package writes it: which values a filter can carry, how a value is quoted, how conditions are joined.
 */

/**
 * Whether `value` can be sent inside a filter and trusted to match. SailPoint's standard collection parameters
 * quote string values with `"`; a value with `"` or `\` needs escaping whose handling is not documented per
 * endpoint, SailPoint's specs note that filtering on a name with `+` answers nothing, and non-ASCII text depends
 * on the gateway's decoding. So only printable ASCII without `"`, `\` and `+` is filtered on; anything else is
 * found by paging the list and comparing on the client's side.
 */
export function canFilter(value: string): boolean {
    return value.length > 0 && /^[\x20-\x7e]*$/.test(value) && !/["\\+]/.test(value);
}

/** A filter string literal: double-quoted, `"` and `\` backslash-escaped (callers only quote what canFilter accepts). */
export function quote(value: string): string {
    return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** `a and b`, leaving out the absent parts; undefined when nothing is left. */
export function allOf(...parts: Array<string | undefined>): string | undefined {
    const present = parts.filter((p): p is string => p !== undefined && p !== "");
    return present.length ? present.join(" and ") : undefined;
}
