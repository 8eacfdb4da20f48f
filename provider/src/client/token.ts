/**
 * OAuth2 client-credentials tokens, cached per (token URL, client id, secret fingerprint) and shared by every
 * client in the process: renewed shortly before they lapse, fetched by one request however many callers
 * ask at once, dropped when ISC answers 401 so the next caller fetches a fresh one.
 */
import * as crypto from "crypto";

export interface CachedToken {
    value: string;
    /** Epoch ms after which the token must not be used. */
    renewAt: number;
}

interface Entry {
    token?: CachedToken;
    inflight?: Promise<CachedToken>;
}

const cache = new Map<string, Entry>();

/** Renew when less than this remains: 60 s, or a tenth of a short lifetime. */
export function renewMargin(lifetimeMs: number): number {
    return Math.min(60_000, lifetimeMs / 10);
}

/** The cache key; the secret enters only as a one-way fingerprint, so two secrets never share a token. */
export function tokenKey(tokenUrl: string, clientId: string, clientSecret: string): string {
    const fingerprint = crypto.createHash("sha256").update(clientSecret).digest("hex").slice(0, 16);
    return `${tokenUrl}|${clientId}|${fingerprint}`;
}

/** A valid cached token, or one fresh from `fetchToken` (a single request for all concurrent callers). */
export async function getToken(key: string, now: number, fetchToken: () => Promise<CachedToken>): Promise<CachedToken> {
    let entry = cache.get(key);
    if (!entry) {
        entry = {};
        cache.set(key, entry);
    }
    if (entry.token && now < entry.token.renewAt) return entry.token;
    if (!entry.inflight) {
        const e = entry;
        e.inflight = fetchToken().then(
            (t) => {
                e.token = t;
                e.inflight = undefined;
                return t;
            },
            (err: unknown) => {
                e.inflight = undefined;
                throw err;
            },
        );
    }
    return entry.inflight!;
}

/** Forgets `value` if it is still the cached token (a 401 said it is no longer good). */
export function invalidateToken(key: string, value: string): void {
    const entry = cache.get(key);
    if (entry?.token?.value === value) entry.token = undefined;
}

/** For tests: forget every cached token. */
export function clearTokenCache(): void {
    cache.clear();
}
