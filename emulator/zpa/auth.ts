/**
 * ZPA's two ways to a bearer token, and the tokens issued:
 * - legacy: `POST /signin`, form `client_id`, `client_secret` → `{token_type, access_token, expires_in: "3600"}`
 *   (expires_in a string); these tokens are good for `/mgmtconfig/...` paths;
 * - OneAPI (Zidentity): `POST /oauth2/v1/token`, form `grant_type=client_credentials`, `client_id`, `client_secret`,
 *   `audience=https://api.zscaler.com` → expires_in a number; these tokens are good for `/zpa/mgmtconfig/...`.
 */
import { hexId, type Random } from "../random";
import type { ZpaClientCredentials } from "./config";
import { zpaBody } from "./errors";

export type AuthMode = "legacy" | "oneapi";
export const ONEAPI_AUDIENCE = "https://api.zscaler.com";

export type Authenticated = { clientId: string; mode: AuthMode } | { status: 401; body: unknown };

export interface TokenAnswer {
    status: number;
    body: unknown;
    clientId: string | null;
    /** The form as received, client_secret "REDACTED": for the request log. */
    logged: Record<string, string>;
}

export class ZpaTokens {
    private readonly tokens = new Map<string, { clientId: string; mode: AuthMode; expiresAt: number }>();

    constructor(
        private readonly clients: ZpaClientCredentials[],
        /** Never reset: a token issued after a reset must not equal one issued before. */
        private readonly random: Random,
    ) {}

    /** Answers `/signin` (legacy) or `/oauth2/v1/token` (OneAPI). */
    issue(mode: AuthMode, method: string, raw: string, ttlSeconds: number): TokenAnswer {
        const form = new URLSearchParams(raw);
        const logged = Object.fromEntries(form);
        if ("client_secret" in logged) logged.client_secret = "REDACTED";
        const answer = (status: number, body: unknown, clientId: string | null = null): TokenAnswer => ({ status, body, clientId, logged });
        if (method !== "POST") {
            return answer(
                405,
                mode === "legacy" ? zpaBody("method.not.allowed", "Use POST for /signin.") : { error: "invalid_request", error_description: "Use POST." },
            );
        }
        if (mode === "oneapi") {
            if (form.get("grant_type") !== "client_credentials") {
                return answer(400, {
                    error: "unsupported_grant_type",
                    error_description: `grant_type must be client_credentials, not ${JSON.stringify(form.get("grant_type"))}.`,
                });
            }
            if (form.get("audience") !== ONEAPI_AUDIENCE) {
                return answer(400, {
                    error: "invalid_request",
                    error_description: `audience must be ${ONEAPI_AUDIENCE}, not ${JSON.stringify(form.get("audience"))}.`,
                });
            }
        }
        const client = this.clients.find((c) => c.id === form.get("client_id") && c.secret === form.get("client_secret"));
        if (!client) {
            return answer(
                401,
                mode === "legacy"
                    ? zpaBody("authentication.failed", "Invalid client id or client secret.")
                    : { error: "invalid_client", error_description: "Invalid client credentials." },
            );
        }
        const token = hexId(this.random) + hexId(this.random);
        this.tokens.set(token, { clientId: client.id, mode, expiresAt: Date.now() + ttlSeconds * 1000 });
        const expires = mode === "legacy" ? String(ttlSeconds) : ttlSeconds;
        return answer(200, { token_type: "Bearer", access_token: token, expires_in: expires }, client.id);
    }

    /** The client an API request's token names, if it is good for the path's family (`/zpa/...` needs OneAPI). */
    authenticate(header: string | undefined, wanted: AuthMode): Authenticated {
        const refuse = (reason: string): Authenticated => ({ status: 401, body: zpaBody("invalid.token", reason) });
        const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
        if (!match) return refuse("The request carries no bearer token.");
        const token = this.tokens.get(match[1].trim());
        if (!token) return refuse("The bearer token is not valid.");
        if (Date.now() >= token.expiresAt) return refuse("The bearer token has expired.");
        if (token.mode !== wanted) {
            return refuse(
                wanted === "oneapi"
                    ? "Paths under /zpa need a OneAPI token (/oauth2/v1/token)."
                    : "Paths under /mgmtconfig need a ZPA API key token (/signin).",
            );
        }
        return { clientId: token.clientId, mode: token.mode };
    }

    expireAll(): number {
        for (const t of this.tokens.values()) t.expiresAt = 0;
        return this.tokens.size;
    }
}

/** A sliding window of accepted requests per client id and budget (reads, writes), counted at arrival. */
export class ZpaRateWindows {
    private readonly windows = new Map<string, number[]>();

    /** Admits (and counts) a request, or not; `remaining` and `resetSeconds` feed the X-Ratelimit-* headers. */
    admit(key: string, limit: number, windowMs: number, now = Date.now()): { admitted: boolean; remaining: number; resetSeconds: number } {
        const w = (this.windows.get(key) ?? []).filter((at) => at > now - windowMs);
        const admitted = w.length < limit;
        if (admitted) w.push(now);
        this.windows.set(key, w);
        const resetSeconds = w.length ? Math.max(1, Math.ceil((w[0] + windowMs - now) / 1000)) : 0;
        return { admitted, remaining: Math.max(0, limit - w.length), resetSeconds };
    }

    clear(): void {
        this.windows.clear();
    }
}
