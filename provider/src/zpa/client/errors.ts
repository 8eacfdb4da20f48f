/**
 * The ZPA client's errors, each an IscError (../../errors) with a literal `name` and a guard that checks it, because
 * Pulumi may load two copies of the package, so `instanceof` alone cannot be trusted. No error ever carries a token,
 * a secret or an Authorization header: messages show Zscaler's error `id` and `reason`, the method and the path.
 */
import { guardOf, IscError, type IscErrorOptions } from "../../errors";

/** What a Zscaler error body says: `{"id": "resource.not.found", "reason": "..."}` (either may be missing). */
export interface ZpaErrorDetails {
    errorId?: string;
    reason?: string;
}

/** ZPA answered with an error status (after any retries the client was allowed to make). */
export class ZpaApiError extends IscError {
    override readonly name = "ZpaApiError" as const;
    /** The body's `id`, such as `resource.not.found` or `EDIT_LOCK_NOT_AVAILABLE`. */
    readonly errorId?: string;
    /** The body's `reason`, Zscaler's explanation. */
    readonly reason?: string;
    /** The answer's body as received (parsed JSON, or text). */
    readonly body?: unknown;

    constructor(
        readonly status: number,
        readonly method: string,
        /** The path as the caller gave it, relative to the customer root (no query). */
        readonly path: string,
        details: ZpaErrorDetails,
        extra: { note?: string; body?: unknown } = {},
    ) {
        const id = details.errorId ? ` ${details.errorId}` : "";
        const reason = details.reason ? `: ${details.reason}` : "";
        super(`ZPA rejected ${method} ${path} (${status}${id})${reason}${extra.note ? ` (${extra.note})` : ""}`);
        if (details.errorId !== undefined) this.errorId = details.errorId;
        if (details.reason !== undefined) this.reason = details.reason;
        if (extra.body !== undefined) this.body = extra.body;
    }
}

/** The credentials were refused (no token issued), or ZPA kept refusing a fresh token. */
export class ZpaAuthError extends IscError {
    override readonly name = "ZpaAuthError" as const;
    constructor(
        message: string,
        readonly status: number | undefined,
        /** The setting names the credentials came from (never their values), e.g. "zpa:clientId/zpa:clientSecret". */
        readonly credentialSource: string,
    ) {
        super(message);
    }
}

/** The client's settings are missing or invalid; nothing was sent. */
export class ZpaConfigError extends IscError {
    override readonly name = "ZpaConfigError" as const;
}

/** ZPA could not be reached (after any retries the client was allowed to make). */
export class ZpaNetworkError extends IscError {
    override readonly name = "ZpaNetworkError" as const;
    constructor(
        readonly method: string,
        readonly path: string,
        readonly reason: string,
        readonly host?: string,
        /** `cause`: the transport failure of the last attempt (IscTransportError). */
        options: IscErrorOptions = {},
    ) {
        super(`${method} ${host ?? ""}${path} failed: ${reason}`, options);
    }
}

/**
 * A POST was sent and no answer says whether it took effect (the connection dropped, it timed out, or ZPA failed
 * with a 5xx). The caller must look (search by name) before it creates again.
 */
export class ZpaOutcomeUnknownError extends IscError {
    override readonly name = "ZpaOutcomeUnknownError" as const;
    constructor(
        readonly method: string,
        readonly path: string,
        readonly reason: string,
        /** `cause`: the transport failure, or the 5xx answer as a ZpaApiError. */
        options: IscErrorOptions = {},
    ) {
        super(`${method} ${path}: the request may or may not have taken effect (${reason})`, options);
    }
}

export const isZpaApiError = guardOf<ZpaApiError>("ZpaApiError");
export const isZpaAuthError = guardOf<ZpaAuthError>("ZpaAuthError");
export const isZpaConfigError = guardOf<ZpaConfigError>("ZpaConfigError");
export const isZpaNetworkError = guardOf<ZpaNetworkError>("ZpaNetworkError");
export const isZpaOutcomeUnknownError = guardOf<ZpaOutcomeUnknownError>("ZpaOutcomeUnknownError");

/** Reads Zscaler's `{id, reason}` error body; a text body becomes the reason (first 500 characters). */
export function parseZpaError(body: unknown): ZpaErrorDetails {
    if (typeof body === "string") {
        const text = body.trim();
        return text ? { reason: text.slice(0, 500) } : {};
    }
    if (typeof body !== "object" || body === null) return {};
    const b = body as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
    const errorId = text(b.id) ?? text(b.code);
    const reason = text(b.reason) ?? text(b.message) ?? text(b.error_description) ?? text(b.error);
    return { ...(errorId ? { errorId } : {}), ...(reason ? { reason } : {}) };
}
