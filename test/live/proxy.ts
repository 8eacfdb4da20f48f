/**
 * A recording pass-through in front of the tenant, so the live suite can see the requests the provider sends
 * (the JSON Patch operations of an update, the absence of writes in an export) on a tenant whose request log it
 * cannot read. It listens on loopback (the provider accepts http there), forwards every request unchanged to the
 * tenant and its answer back, and records the method, path, status and JSON body of API requests. Token requests
 * are forwarded but never recorded, and no header is recorded: neither the secret nor a token is kept.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface Recorded {
    method: string;
    path: string;
    status: number;
    /** The request's JSON body, when it had one. */
    body?: unknown;
}

const HOP_BY_HOP = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "accept-encoding", "upgrade", "proxy-connection"]);

export class RecordingProxy {
    private log: Recorded[] = [];
    private history: Recorded[] = [];

    private constructor(
        private readonly server: http.Server,
        readonly url: string,
    ) {}

    /** Starts a proxy to `target` (the tenant's base URL) on a free loopback port. */
    static async start(target: string): Promise<RecordingProxy> {
        const base = target.replace(/\/+$/, "");
        // Requests arrive only once the proxy below exists.
        const server = http.createServer((req, res) => void proxy.forward(base, req, res));
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const proxy = new RecordingProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
        return proxy;
    }

    /** The API requests recorded since the last clear(), oldest first. */
    requests(): Recorded[] {
        return [...this.log];
    }

    /** Every API request recorded since the proxy started, clear() or not. */
    all(): Recorded[] {
        return [...this.history];
    }

    /** The recorded requests other than GET. */
    writes(): Recorded[] {
        return this.log.filter((r) => r.method !== "GET");
    }

    clear(): void {
        this.log = [];
    }

    async close(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise((r) => this.server.close(r));
    }

    private async forward(base: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const body = Buffer.concat(chunks);
        const method = req.method ?? "GET";
        const path = (req.url ?? "/").split("?")[0];
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
            if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
        }
        const entry: Recorded = { method, path, status: 0 };
        if (path !== "/oauth/token") {
            this.log.push(entry);
            this.history.push(entry);
            if (body.length > 0 && /json/.test(String(req.headers["content-type"]))) {
                try {
                    entry.body = JSON.parse(body.toString("utf8"));
                } catch {
                    entry.body = "(not JSON)";
                }
            }
        }
        try {
            const answer = await fetch(base + (req.url ?? "/"), { method, headers, body: body.length > 0 ? body : undefined, redirect: "manual" });
            const payload = Buffer.from(await answer.arrayBuffer());
            entry.status = answer.status;
            const out: Record<string, string> = {};
            answer.headers.forEach((value, name) => {
                // fetch has decoded the body: its encoding and length headers no longer hold.
                if (!HOP_BY_HOP.has(name) && name !== "content-encoding") out[name] = value;
            });
            if (answer.status !== 204 && answer.status !== 304) out["content-length"] = String(payload.length);
            res.writeHead(answer.status, out);
            res.end(payload);
        } catch (e) {
            entry.status = 502;
            if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
            res.end(JSON.stringify({ messages: [{ text: `live-suite proxy: the tenant did not answer (${(e as Error).message})` }] }));
        }
    }
}
