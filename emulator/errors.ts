/** ISC's error bodies (ErrorResponseDto) and the detail codes the emulator answers with. */
import * as crypto from "crypto";

export const CODES = {
    badContent: "400.1 Bad Request Content",
    illegalValue: "400.1.3 Illegal value",
    limit: "400.1.4 Limit violation",
    notFoundRef: "400.1.404 Referenced object not found",
    inUse: "400.2.1.0 Object in use by another",
    forbidden: "403 Forbidden",
    notFound: "404 Not found",
    methodNotAllowed: "405 Method not allowed",
    unsupportedMediaType: "415 Unsupported media type",
    internal: "500.0 Internal Fault",
} as const;
export type DetailCode = (typeof CODES)[keyof typeof CODES];

/** One rule violation: the code and a message naming the field, the bad value and what is allowed. */
export interface Violation {
    code: DetailCode;
    text: string;
}

export interface ErrorResponseDto {
    detailCode: string;
    trackingId: string;
    messages: Array<{ locale: string; localeOrigin: string; text: string }>;
    causes: Array<{ locale: string; localeOrigin: string; text: string }>;
}

export function trackingId(): string {
    return crypto.randomBytes(16).toString("hex");
}

export function errorBody(code: string, texts: string[]): ErrorResponseDto {
    return {
        detailCode: code,
        trackingId: trackingId(),
        messages: texts.map((text) => ({ locale: "en-US", localeOrigin: "DEFAULT", text })),
        causes: [],
    };
}

/** An error an ISC route raises; the server turns it into an ErrorResponseDto answer. */
export class HttpError extends Error {
    constructor(
        readonly status: number,
        readonly code: string,
        readonly texts: string[],
    ) {
        super(texts.join("; "));
    }

    static of(violations: Violation[]): HttpError {
        return new HttpError(
            400,
            violations[0].code,
            violations.map((v) => v.text),
        );
    }
}

/** A value as messages show it. */
export function show(value: unknown): string {
    const s = JSON.stringify(value);
    return s === undefined ? "undefined" : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
