/** An RFC 6901 JSON Pointer from its parts (`~` and `/` escaped as the RFC requires). */
export function pointer(...parts: Array<string | number>): string {
    return parts.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
