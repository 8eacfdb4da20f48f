/**
 * Secrets kept out of errors: a server (or a proxy before it) that echoes the request, the token form with the
 * client secret or the Authorization header with the token, must not put either into an error, Pulumi's output or a
 * log. Both HTTP clients (this one and zpa/client) pass every error answer through `redact` before reading it.
 */

/**
 * `value` with every occurrence of each secret (as given, URL-encoded, or form-encoded) replaced by "[redacted]", in
 * strings at any depth (arrays and plain objects are copied, never changed in place). Secrets shorter than 4
 * characters, and absent ones, are skipped: replacing them would mangle the text and protect nothing.
 */
export function redact<T>(value: T, secrets: readonly (string | undefined)[]): T {
    const given = secrets.filter((s): s is string => typeof s === "string" && s.length >= 4);
    const forms = [...new Set(given.flatMap((s) => [s, encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)]))];
    if (forms.length === 0) return value;
    const walk = (v: unknown): unknown => {
        if (typeof v === "string") return forms.reduce((text, secret) => text.split(secret).join("[redacted]"), v);
        if (Array.isArray(v)) return v.map(walk);
        if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
        return v;
    };
    return walk(value) as T;
}
