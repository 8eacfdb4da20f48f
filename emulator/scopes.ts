/**
 * Which OAuth scopes let a token make a call, as SailPoint's specs list them in each operation's `security`
 * (`idn/{v3,beta,v2024,v2025,v2026}/paths/*.yaml`, `idn/apis/{segments,access-profiles}/paths/*.yaml`), and ISC's 403
 * answer (`responses/403.yaml`) for a token whose scopes do not cover the call.
 *
 * How a token's scopes are read, from SailPoint's "Authorization" guide: a token needs only one of the scopes an
 * operation lists; a scope ending in `read` can only retrieve data, one ending in `manage` can retrieve, modify and
 * delete; `sp:scopes:all` grants everything the user level allows (here: everything); an operation listing
 * `sp:scopes:default` needs no particular right. An operation with no `security` of its own falls back to the
 * spec's global one, `sp:scopes:all` (beta's segment routes are written so).
 */
import type { ClientCredentials } from "./config";
import { CODES, errorBody, type ErrorResponseDto } from "./errors";
import type { Route } from "./routes";

export const ALL_SCOPES = "sp:scopes:all";
const DEFAULT_SCOPE = "sp:scopes:default";

/** A read-only client: it may read segments, access profiles and the reference collections, and change nothing. */
export const READER_SCOPES: readonly string[] = [
    "idn:segment:read",
    "idn:access-profile:read",
    "idn:sources:read",
    "idn:entitlement:read",
    "idn:identity:read",
    "idn:workgroup:read",
];
export const DEMO_READER: ClientCredentials = { id: "demo-reader", secret: "demo-reader-secret", scopes: [...READER_SCOPES] };

/** The scopes each operation lists (any one suffices): reads (GET) and writes (every other method). */
interface Listed {
    read: readonly string[];
    write: readonly string[];
}

const SEGMENTS: Listed = { read: ["idn:segment:read", "idn:segment:manage"], write: ["idn:segment:manage"] };
const ONLY_ALL: Listed = { read: [ALL_SCOPES], write: [ALL_SCOPES] };
const LISTED: Record<string, Listed> = {
    segments: SEGMENTS,
    // POST lists idn:entitlement:read, idn:identity:read and idn:sources:read beside manage; a read scope cannot
    // create, so manage is what a write needs.
    "access-profiles": {
        read: ["idn:access-profile:read"],
        write: ["idn:access-profile:manage", "idn:entitlement:read", "idn:identity:read", "idn:sources:read"],
    },
    sources: { read: ["idn:sources:read", "idn:sources:manage"], write: ["idn:sources:manage"] },
    entitlements: { read: ["idn:entitlement:read", "idn:entitlement:manage"], write: ["idn:entitlement:manage"] },
    identities: { read: ["idn:identity:read"], write: ["idn:identity:manage"] },
    "public-identities": { read: [DEFAULT_SCOPE], write: [DEFAULT_SCOPE] },
    workgroups: { read: ["idn:workgroup:read", "idn:workgroup:manage"], write: ["idn:workgroup:manage"] },
};

/** The scopes an operation lists. */
export function listedScopes(method: string, route: Route): readonly string[] {
    const listed = route.version === "beta" && route.collection === "segments" ? ONLY_ALL : (LISTED[route.collection] ?? ONLY_ALL);
    return method === "GET" ? listed.read : listed.write;
}

/** Whether a token holding `granted` may make the call. */
export function allowed(method: string, route: Route, granted: readonly string[]): boolean {
    if (granted.includes(ALL_SCOPES)) return true;
    const listed = listedScopes(method, route);
    if (listed.includes(DEFAULT_SCOPE)) return true;
    const reading = method === "GET";
    return listed.some((scope) => {
        if (scope.endsWith(":read") && !reading) return false; // a read scope only retrieves
        if (granted.includes(scope)) return true;
        // A manage scope also retrieves: it covers an operation that lists only the read scope.
        return reading && scope.endsWith(":read") && granted.includes(scope.replace(/:read$/, ":manage"));
    });
}

const where = (route: Route) => (route.version.includes("/") ? `/${route.version}` : `/${route.version}/${route.collection}`);

/** ISC's 403 answer when the token's scopes do not cover the call; null when they do. */
export function forbidden(method: string, route: Route, granted: readonly string[]): ErrorResponseDto | null {
    if (allowed(method, route, granted)) return null;
    const needed = listedScopes(method, route).filter((s) => method === "GET" || !s.endsWith(":read"));
    const body = errorBody(CODES.forbidden, ["The server understood the request but refuses to authorize it."]);
    body.causes = [
        {
            locale: "en-US",
            localeOrigin: "DEFAULT",
            text: `${method} on ${where(route)} needs one of the scopes ${needed.join(", ")}${needed.includes(ALL_SCOPES) ? "" : ` (or ${ALL_SCOPES})`}; the token has ${granted.length ? granted.join(", ") : "none"}.`,
        },
    ];
    return body;
}
