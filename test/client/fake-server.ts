/**
 * Scripted HTTP servers for the client's tests: real sockets on 127.0.0.1, one handler per request in order
 * (the last one repeats), every request recorded. A fake clock whose sleep advances time at once.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface Seen {
    method: string;
    url: string;
    headers: http.IncomingHttpHeaders;
    body: string;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

export interface FakeServer {
    url: string;
    seen: Seen[];
    /** Requests to paths other than /oauth/token. */
    api(): Seen[];
    tokens(): Seen[];
    close(): Promise<void>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
    return (_req, res) => {
        res.writeHead(status, { "Content-Type": "application/json", ...headers });
        res.end(JSON.stringify(body));
    };
}

export const drop: Handler = (req) => req.socket.destroy();
export const hang: Handler = () => undefined;

let tokenCounter = 0;
/** A token endpoint answer with a fresh token each call. */
export const tokenOk =
    (expiresIn = 749): Handler =>
    (_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ access_token: `tok-${++tokenCounter}`, token_type: "bearer", expires_in: expiresIn }));
    };

/**
 * `api` handlers answer API requests in order (the last repeats); `token` handlers answer /oauth/token the same way.
 */
export async function fakeServer(api: Handler[], token: Handler[] = [tokenOk()]): Promise<FakeServer> {
    const seen: Seen[] = [];
    let apiIndex = 0;
    let tokenIndex = 0;
    const server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
            seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
            const isToken = (req.url ?? "").startsWith("/oauth/token");
            const list = isToken ? token : api;
            const i = isToken ? tokenIndex++ : apiIndex++;
            list[Math.min(i, list.length - 1)](req, res, body);
        });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    return {
        url: `http://127.0.0.1:${port}`,
        seen,
        api: () => seen.filter((s) => !s.url.startsWith("/oauth/token")),
        tokens: () => seen.filter((s) => s.url.startsWith("/oauth/token")),
        close: () =>
            new Promise<void>((r) => {
                server.closeAllConnections();
                server.close(() => r());
            }),
    };
}

/** A clock for the client: `sleep` records the wait and moves time forward at once. */
export class FakeClock {
    t = 1_700_000_000_000;
    readonly sleeps: number[] = [];
    now = (): number => this.t;
    sleep = (ms: number): Promise<void> => {
        this.sleeps.push(ms);
        // Time moves in a later microtask, after whatever was already queued (as with a real timer).
        return Promise.resolve().then(() => {
            this.t += ms;
        });
    };
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function failure(p: Promise<unknown>): Promise<Error> {
    try {
        await p;
    } catch (e) {
        return e as Error;
    }
    throw new Error("expected a failure");
}
