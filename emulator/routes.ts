/** Which ISC route a path names, and small helpers for naming kinds and JSON Pointers in answers. */
import { REFERENCE_COLLECTIONS } from "./collections";
import { Kind, KINDS } from "./store";

export const VERSIONS = ["v3", "beta", "v2024", "v2025", "v2026"];

export interface Route {
    version: string;
    collection: string;
    id?: string;
    sub?: string;
}

export function label(kind: Kind): string {
    return kind === "segments" ? "Segment" : "Access profile";
}

/** The top-level field a JSON Pointer addresses ("/entitlements/3" -> "entitlements"). */
export function topField(pointer: string): string | undefined {
    if (!pointer.startsWith("/")) return undefined;
    const first = pointer.slice(1).split("/")[0];
    return first === "" ? undefined : first.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `/v3/segments/abc`, `/beta/access-profiles/abc/entitlements`, `/segments/v1/abc`, `/v2025/sources`. */
export function parseRoute(pathname: string): Route | undefined {
    let parts: string[];
    try {
        parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
        return undefined; // malformed percent-encoding: no such route
    }
    let version: string;
    let rest: string[];
    if (VERSIONS.includes(parts[0])) {
        version = parts[0];
        rest = parts.slice(1);
    } else if ((parts[0] === "segments" || parts[0] === "access-profiles") && parts[1] === "v1") {
        version = `${parts[0]}/v1`;
        rest = [parts[0], ...parts.slice(2)];
    } else return undefined;
    const [collection, id, sub, extra] = rest;
    if (extra !== undefined) return undefined;
    if (!(KINDS as readonly string[]).includes(collection) && !REFERENCE_COLLECTIONS.includes(collection)) return undefined;
    return { version, collection, ...(id !== undefined ? { id } : {}), ...(sub !== undefined ? { sub } : {}) };
}
