/**
 * The client's errors, each an IscError (../errors) with a literal `name` and a type guard that checks it, because
 * Pulumi may load two copies of this module (the serialized provider `require`s the installed package), so
 * `instanceof` alone cannot be trusted. No error ever carries a token, a secret or an Authorization header.
 */
import { guardOf, IscError, type IscErrorOptions } from "../errors";

/** What ISC said, parsed from any of its error body shapes. */
export interface ServerErrorDetails {
    detailCode?: string;
    trackingId?: string;
    messages: string[];
}

/** ISC answered with an error status (after any retries the client was allowed to make). */
export class IscApiError extends IscError {
    override readonly name = "IscApiError" as const;
    readonly detailCode?: string;
    readonly trackingId?: string;
    readonly messages: string[];
    /** The answer's body as received (parsed JSON, or text). */
    readonly body?: unknown;

    constructor(
        readonly status: number,
        readonly method: string,
        readonly path: string,
        details: ServerErrorDetails,
        extra: { note?: string; body?: unknown } = {},
    ) {
        const code = details.detailCode ? ` ${details.detailCode}` : "";
        const text = details.messages.length ? `: ${details.messages.join("; ")}` : "";
        const tracking = details.trackingId ? `; trackingId ${details.trackingId}` : "";
        super(`ISC rejected ${method} ${path} (${status}${code})${text}${tracking}${extra.note ? ` (${extra.note})` : ""}`);
        this.detailCode = details.detailCode;
        this.trackingId = details.trackingId;
        this.messages = details.messages;
        if (extra.body !== undefined) this.body = extra.body;
    }
}

/**
 * Where the client's credentials came from, named as the user set them (never their value):
 * - "accessToken", "clientId/clientSecret": the options of an IscClient built directly;
 * - "isc:accessToken", "isc:clientId/isc:clientSecret": the stack configuration (the provider and the lookups);
 * - "SAIL_ACCESS_TOKEN", "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET": the environment.
 */
export type CredentialSource =
    | "accessToken"
    | "clientId/clientSecret"
    | "isc:accessToken"
    | "isc:clientId/isc:clientSecret"
    | "isc:clientId/SAIL_CLIENT_SECRET"
    | "SAIL_ACCESS_TOKEN"
    | "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET";

export const CREDENTIAL_SOURCES: readonly CredentialSource[] = [
    "accessToken",
    "clientId/clientSecret",
    "isc:accessToken",
    "isc:clientId/isc:clientSecret",
    "isc:clientId/SAIL_CLIENT_SECRET",
    "SAIL_ACCESS_TOKEN",
    "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET",
];

export function isCredentialSource(value: unknown): value is CredentialSource {
    return typeof value === "string" && (CREDENTIAL_SOURCES as readonly string[]).includes(value);
}

/** The credentials were refused, or a ready access token was rejected and cannot be renewed. */
export class IscAuthError extends IscError {
    override readonly name = "IscAuthError" as const;
    constructor(
        message: string,
        readonly status?: number,
        /** Which setting held the refused credentials, so a hint can name it (see provider/hints.ts). */
        readonly credentialSource?: CredentialSource,
    ) {
        super(message);
    }
}

/**
 * A request that is not safe to repeat (POST, PATCH) was sent, and no answer says whether it took effect:
 * the connection dropped, it timed out, or the server failed with a 5xx. The caller must look before it acts.
 */
export class IscOutcomeUnknownError extends IscError {
    override readonly name = "IscOutcomeUnknownError" as const;
    constructor(
        readonly method: string,
        readonly path: string,
        readonly reason: string,
        /** `cause`: the transport failure (IscTransportError), or the 5xx answer as an IscApiError. */
        options: IscErrorOptions = {},
    ) {
        super(`${method} ${path}: the request may or may not have taken effect (${reason})`, options);
    }
}

/** The tenant could not be reached (after any retries the client was allowed to make). */
export class IscNetworkError extends IscError {
    override readonly name = "IscNetworkError" as const;
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
 * One HTTP exchange failed without an answer (a refused or dropped connection, a timeout). The client retries it or
 * reports it as the `cause` of an IscNetworkError or IscOutcomeUnknownError. `sent` is false only when the request
 * surely never left.
 */
export class IscTransportError extends IscError {
    override readonly name = "IscTransportError" as const;
    constructor(
        readonly reason: string,
        readonly sent: boolean,
        /** The server's TLS certificate was refused: nothing was sent, and a repeat would be refused the same way. */
        readonly tls = false,
    ) {
        super(reason);
    }
}

/** The settings are missing or invalid (the client's, the provider's or a lookup's); nothing was sent. */
export class IscConfigError extends IscError {
    override readonly name = "IscConfigError" as const;
}

export const isIscApiError = guardOf<IscApiError>("IscApiError");
export const isIscAuthError = guardOf<IscAuthError>("IscAuthError");
export const isIscOutcomeUnknownError = guardOf<IscOutcomeUnknownError>("IscOutcomeUnknownError");
export const isIscNetworkError = guardOf<IscNetworkError>("IscNetworkError");
export const isIscTransportError = guardOf<IscTransportError>("IscTransportError");
export const isIscConfigError = guardOf<IscConfigError>("IscConfigError");

/** Reads ErrorResponseDto, `{error, error_description}`, `{message}`, or plain text. */
export function parseErrorBody(body: unknown): ServerErrorDetails {
    if (typeof body === "string") {
        const text = body.trim();
        return { messages: text ? [text.slice(0, 500)] : [] };
    }
    if (typeof body !== "object" || body === null) return { messages: [] };
    const b = body as Record<string, unknown>;
    const messages: string[] = [];
    const collect = (list: unknown) => {
        if (!Array.isArray(list)) return;
        for (const m of list) {
            if (m && typeof m === "object" && typeof (m as { text?: unknown }).text === "string") messages.push((m as { text: string }).text);
        }
    };
    collect(b.messages);
    collect(b.causes);
    for (const key of ["error_description", "error", "message"]) {
        if (messages.length === 0 && typeof b[key] === "string" && (b[key] as string).trim()) messages.push((b[key] as string).trim());
    }
    return {
        ...(typeof b.detailCode === "string" ? { detailCode: b.detailCode } : {}),
        ...(typeof b.trackingId === "string" ? { trackingId: b.trackingId } : {}),
        messages,
    };
}
