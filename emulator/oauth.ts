/**
 * ISC's OAuth 2.0 client-credentials endpoint (`POST /oauth/token`) and the bearer tokens it issued: which client a
 * token belongs to and whether it is still accepted.
 */
import { CODES, errorBody, trackingId } from "./errors";
import type { ClientCredentials, RequestLogEntry } from "./config";
import { hexId, Random } from "./random";
import { ALL_SCOPES } from "./scopes";

export type Authenticated = { clientId: string; scopes: readonly string[] } | { status: 401; body: { error: string } };

export class TokenIssuer {
    private readonly tokens = new Map<string, { clientId: string; scopes: readonly string[]; expiresAt: number }>();

    constructor(
        private readonly clients: ClientCredentials[],
        /** Never reset: a token issued after a tenant reset must not equal one issued before. */
        private readonly random: Random,
    ) {}

    /** The client a request's `Authorization` header names, or ISC's 401 answer. */
    authenticate(header: string | undefined): Authenticated {
        const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
        if (!match) return { status: 401, body: { error: "JWT validation failed: JWT is missing" } };
        const token = this.tokens.get(match[1].trim());
        if (!token) return { status: 401, body: { error: "JWT validation failed: JWT is invalid" } };
        if (Date.now() >= token.expiresAt) return { status: 401, body: { error: "JWT validation failed: JWT is expired" } };
        return { clientId: token.clientId, scopes: token.scopes };
    }

    /** Makes every issued token expired; returns how many there were. */
    expireAll(): number {
        for (const t of this.tokens.values()) t.expiresAt = 0;
        return this.tokens.size;
    }

    /** Answers `/oauth/token`; records the (redacted) form and the client in `entry`. */
    token(method: string, raw: string, contentType: string | undefined, url: URL, entry: RequestLogEntry, lifetime: number): { status: number; body: unknown } {
        if (method !== "POST") return { status: 405, body: errorBody(CODES.methodNotAllowed, ["Use POST for /oauth/token."]) };
        const form = new URLSearchParams(contentType?.includes("application/x-www-form-urlencoded") ? raw : "");
        if (contentType?.includes("multipart/form-data")) for (const [k, v] of parseMultipart(raw, contentType)) form.set(k, v);
        for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);
        const redacted = Object.fromEntries(form);
        if ("client_secret" in redacted) redacted.client_secret = "REDACTED";
        entry.requestBody = redacted;
        entry.query = Object.fromEntries([...url.searchParams].map(([k, v]) => [k, k === "client_secret" ? "REDACTED" : v]));
        if (form.get("grant_type") !== "client_credentials") {
            return {
                status: 400,
                body: { error: "unsupported_grant_type", error_description: `Unsupported grant type: ${form.get("grant_type") ?? "(none)"}` },
            };
        }
        const client = this.clients.find((c) => c.id === form.get("client_id") && c.secret === form.get("client_secret"));
        if (!client) return { status: 401, body: { error: "invalid_client", error_description: "Bad credentials" } };
        entry.clientId = client.id;
        const access = hexId(this.random) + hexId(this.random);
        const scopes = client.scopes ?? [ALL_SCOPES];
        this.tokens.set(access, { clientId: client.id, scopes, expiresAt: Date.now() + lifetime * 1000 });
        return {
            status: 200,
            // OAuth 2.0 (RFC 6749 section 3.3) writes the granted scopes space-separated.
            body: {
                access_token: access,
                token_type: "bearer",
                expires_in: lifetime,
                scope: scopes.join(" "),
                tenant_id: "emulator",
                pod: "local",
                jti: trackingId(),
            },
        };
    }
}

/** The text fields of a multipart/form-data body (SailPoint's SDK posts its token request this way). */
function parseMultipart(raw: string, contentType: string): Array<[string, string]> {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
    if (!boundary) return [];
    const fields: Array<[string, string]> = [];
    for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
        const split = part.indexOf("\r\n\r\n");
        if (split < 0) continue;
        const name = /name="([^"]*)"/i.exec(part.slice(0, split));
        if (name) fields.push([name[1], part.slice(split + 4).replace(/\r\n$/, "")]);
    }
    return fields;
}
