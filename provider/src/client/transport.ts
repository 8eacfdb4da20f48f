/**
 * One HTTP exchange on node-fetch 2 (CommonJS, so the serialized provider can `require` it): timeout,
 * JSON in and out, and a failure that says whether the request may have reached the server.
 */
import fetch, { FetchError } from "node-fetch";
import { IscTransportError } from "./errors";

export interface HttpRequest {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    timeoutMs: number;
    /** The fetch to use (tests inject one): node-fetch 2 by default, or anything shaped like it, such as Node's global fetch. */
    fetchImpl?: FetchLike;
}

/** The part of a fetch function `send` uses: node-fetch 2 and Node's global fetch both fit. */
export type FetchLike = (
    url: string,
    init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: "manual" },
) => Promise<{ status: number; text(): Promise<string>; headers: { forEach(callback: (value: string, key: string) => void): void } }>;

export interface HttpResponse {
    status: number;
    headers: Record<string, string>;
    /** Parsed JSON when the body is JSON, the text otherwise, undefined when empty. */
    body: unknown;
}

/**
 * Error codes that mean no byte of the request reached a server: they arise while resolving the name or
 * connecting. Anything else (ECONNRESET, "socket hang up", EPIPE, ...) may have happened after the request
 * was on the wire.
 */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * Whether a failure code is a refused TLS certificate (OpenSSL's verify codes as Node names them, and the host-name
 * check): it fails the handshake, before any byte of the request, and repeating it gives the same answer.
 */
export function isTlsCertificateCode(code: string): boolean {
    return (
        code === "ERR_TLS_CERT_ALTNAME_INVALID" ||
        /^(UNABLE_TO_|CERT_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|INVALID_CA$|PATH_LENGTH_EXCEEDED$|INVALID_PURPOSE$|HOSTNAME_MISMATCH$)/.test(
            code,
        )
    );
}

export async function send(req: HttpRequest): Promise<HttpResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), req.timeoutMs);
    try {
        const init = { method: req.method, headers: req.headers, body: req.body, signal: controller.signal, redirect: "manual" as const };
        const res = req.fetchImpl
            ? await req.fetchImpl(req.url, init)
            : // node-fetch 2 types its own AbortSignal; Node's is compatible at run time.
              await fetch(req.url, { ...init, signal: controller.signal as unknown as import("node-fetch").RequestInit["signal"] });
        const text = await res.text();
        const headers: Record<string, string> = {};
        res.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
        let body: unknown = undefined;
        if (text !== "") {
            try {
                body = JSON.parse(text);
            } catch {
                body = text;
            }
        }
        return { status: res.status, headers, body };
    } catch (e) {
        if (controller.signal.aborted) throw new IscTransportError(`no answer within ${req.timeoutMs} ms`, true);
        // node-fetch puts the code on the error; Node's global fetch on its cause.
        const cause = (e as { cause?: { code?: unknown } }).cause;
        const code = (e as FetchError).code ?? (e as { errno?: string }).errno ?? (typeof cause?.code === "string" ? cause.code : undefined);
        const own = e instanceof Error ? e.message : String(e);
        // Node's global fetch says only "fetch failed"; what failed is its cause's message.
        const message = cause instanceof Error && cause.message ? `${own}: ${cause.message}` : own;
        if (code && isTlsCertificateCode(code)) {
            const where = new URL(req.url).origin;
            throw new IscTransportError(
                `TLS certificate of ${where} refused (${code}: ${message}); not retried: check that the URL names the tenant's host, or trust a private CA with NODE_EXTRA_CA_CERTS`,
                false,
                true,
            );
        }
        throw new IscTransportError(code ? `${code}: ${message}` : message, !(code && NOT_SENT.has(code)));
    } finally {
        clearTimeout(timer);
    }
}
