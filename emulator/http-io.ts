/** The emulator's HTTP plumbing: bodies in (size-capped) and JSON answers out. */
import * as http from "http";
import { CODES, HttpError } from "./errors";

const MAX_BODY = 10 * 1024 * 1024;

export function send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, { ...(text ? { "Content-Type": "application/json;charset=utf-8" } : {}), ...headers });
    res.end(text);
}

export function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        let size = 0;
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) {
                reject(new HttpError(413, CODES.limit, [`The request body is larger than ${MAX_BODY} bytes.`]));
                req.destroy();
            } else chunks.push(c);
        });
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}

/** A logged request body: parsed JSON, or the text (cut at 2,000 characters). */
export function tryJson(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw.length > 2000 ? raw.slice(0, 2000) : raw;
    }
}
