/**
 * ZPA bearer tokens, both modes, cached per (token URL, client id, secret fingerprint) in the process-wide cache of
 * ../../client (shared by every client; renewed shortly before expiry, one request for concurrent callers).
 * The form carries the secret, so neither it nor the answer's token ever enters an error.
 */
import {
    getToken,
    invalidateToken,
    IscTransportError,
    nextStep,
    redact,
    renewMargin,
    send,
    tokenKey,
    type AttemptOutcome,
    type CachedToken,
    type HttpResponse,
} from "../../client";
import type { ZpaConnection } from "./connection";
import { parseZpaError, ZpaApiError, ZpaAuthError, ZpaNetworkError } from "./errors";
import { giveUpNote, retryPolicy, type Exchange } from "./retry";

/** OneAPI's audience for every Zscaler API. */
export const ONEAPI_AUDIENCE = "https://api.zscaler.com";

/** Without an `expires_in` the server could be read: five minutes, renewed early. */
const DEFAULT_LIFETIME_S = 300;

export function keyOf(c: ZpaConnection): string {
    return tokenKey(c.tokenUrl, c.clientId, c.clientSecret);
}

/** A valid token for the connection: the cached one, or a fresh one. */
export async function tokenFor(c: ZpaConnection, x: Exchange): Promise<string> {
    return (await getToken(keyOf(c), x.settings.now(), () => fetchToken(c, x))).value;
}

/** Forgets `value` if it is still the cached token (ZPA said it is no longer good). */
export function dropToken(c: ZpaConnection, value: string): void {
    invalidateToken(keyOf(c), value);
}

/** `expires_in` as seconds: legacy sends a string ("3600"), OneAPI a number. */
export function lifetimeSeconds(expiresIn: unknown): number {
    const n = typeof expiresIn === "number" ? expiresIn : typeof expiresIn === "string" && /^\s*\d+(\.\d+)?\s*$/.test(expiresIn) ? Number(expiresIn) : NaN;
    return Number.isFinite(n) && n > 0 ? n : DEFAULT_LIFETIME_S;
}

function form(c: ZpaConnection): string {
    const fields: Record<string, string> =
        c.mode === "legacy"
            ? { client_id: c.clientId, client_secret: c.clientSecret }
            : { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret, audience: ONEAPI_AUDIENCE };
    return new URLSearchParams(fields).toString();
}

/** One token exchange, retried on 429, 5xx and network failures like an idempotent request (it changes nothing). */
async function fetchToken(c: ZpaConnection, x: Exchange): Promise<CachedToken> {
    const { now, random, fetchImpl } = x.settings;
    const policy = retryPolicy(x.settings);
    const where = new URL(c.tokenUrl).pathname;
    const host = new URL(c.tokenUrl).origin;
    const started = now();
    for (let attempt = 1; ; attempt++) {
        const sentAt = now();
        let res: HttpResponse | undefined;
        let failure: IscTransportError | undefined;
        try {
            res = await send({
                method: "POST",
                url: c.tokenUrl,
                headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "User-Agent": x.userAgent },
                body: form(c),
                timeoutMs: x.timeoutMs,
                ...(fetchImpl ? { fetchImpl } : {}),
            });
        } catch (e) {
            if (!(e instanceof IscTransportError)) throw e;
            failure = e;
        }
        const issued = res?.body as { access_token?: unknown; expires_in?: unknown } | undefined;
        if (res && res.status >= 200 && res.status < 300 && issued && typeof issued.access_token === "string" && issued.access_token !== "") {
            // The lifetime counts from before the request left: the token surely lapses no earlier than that.
            const lifetimeMs = lifetimeSeconds(issued.expires_in) * 1000;
            return { value: issued.access_token, renewAt: sentAt + lifetimeMs - renewMargin(lifetimeMs) };
        }
        if (res?.status === 429) x.stats.throttled++;
        const outcome: AttemptOutcome = res
            ? { kind: "answer", status: res.status, retryAfter: res.headers["retry-after"] }
            : { kind: "no-answer", sent: failure!.sent, tls: failure!.tls };
        const at = now();
        const step = nextStep(outcome, { attempt, idempotent: true, elapsedMs: at - started, nowMs: at }, policy, random);
        if (step.action === "retry") {
            x.stats.retries++;
            if (step.delayMs > 0) await x.settings.sleep(step.delayMs);
            continue;
        }
        const note = giveUpNote(step, attempt, res?.status === 429);
        if (!res) throw new ZpaNetworkError("POST", where, `${failure!.reason}${note ? ` (${note})` : ""}`, host, { cause: failure });
        const details = parseZpaError(redact(res.body, [c.clientSecret]));
        if (res.status === 429 || res.status >= 500) {
            // The endpoint is busy or failing, which says nothing about the credentials.
            throw new ZpaApiError(res.status, "POST", where, details, note ? { note } : {});
        }
        const said = [details.errorId, details.reason].filter(Boolean).join(": ");
        const advice =
            res.status >= 200 && res.status < 300
                ? "the answer carried no access_token"
                : [400, 401, 403].includes(res.status)
                  ? `check the client id and secret (${c.credentialSource})`
                  : `check the ${c.mode === "legacy" ? "base URL" : "token URL"}`;
        throw new ZpaAuthError(
            `ZPA did not issue a token for client id "${c.clientId}" (${c.mode === "legacy" ? "legacy API key" : "OneAPI"}: POST ${host}${where} answered ${res.status}${said ? `: ${said}` : ""}): ${advice}`,
            res.status,
            c.credentialSource,
        );
    }
}
