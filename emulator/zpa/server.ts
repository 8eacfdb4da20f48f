/**
 * The ZPA emulator's HTTP server: both token endpoints, segment groups and application segments under the legacy
 * (`/mgmtconfig/...`) and OneAPI (`/zpa/mgmtconfig/...`) paths, per-client rate limits for reads and writes,
 * consistency lag, seeded faults, and the admin API under `/__admin` (admin.ts).
 */
import * as http from "http";
import { readBody, send, tryJson } from "../http-io";
import { seeded, type Random } from "../random";
import { isObject, type Json } from "../validation";
import { serveZpaAdmin } from "./admin";
import { ZpaRateWindows, ZpaTokens, type AuthMode } from "./auth";
import type { ZpaClientCredentials, ZpaConfig, ZpaFaultKind, ZpaRequestLogEntry } from "./config";
import { ZpaError, zpaBody, type ZpaErrorBody } from "./errors";
import { ZpaFaultInjector } from "./faults";
import { groupWrite, type ApplicationSeed } from "./model";
import { ZpaTenant } from "./tenant";

const LOG_LIMIT = 100_000;
const ROUTE = /^(\/zpa)?\/mgmtconfig\/(v1|v2)\/admin\/customers\/([^/]+)\/(segmentGroup|application)(?:\/([^/]+))?\/?$/;

interface Answer {
    status: number;
    body?: unknown;
    applied?: boolean;
    changedFields?: string[];
}

/** The answer to a fault: 429, 500, 503, 401 SESSION_NOT_VALID, 409 or 412 EDIT_LOCK_NOT_AVAILABLE (a drop has none). */
function faultAnswer(kind: Exclude<ZpaFaultKind, "drop">): { status: number; body: ZpaErrorBody } {
    const coded = (id: string, reason: string) => ({ ...zpaBody(id, reason), code: id });
    switch (kind) {
        case "throttle":
            return { status: 429, body: zpaBody("too.many.requests", "Rate limit exceeded; retry after the Retry-After seconds.") };
        case "serverError":
            return { status: 500, body: zpaBody("internal.server.error", "An internal error occurred.") };
        case "unavailable":
            return { status: 503, body: zpaBody("service.unavailable", "The service is temporarily unavailable.") };
        case "sessionNotValid":
            return { status: 401, body: coded("SESSION_NOT_VALID", "Resource Access Blocked: the session is not valid.") };
        case "editLock409":
            return { status: 409, body: coded("EDIT_LOCK_NOT_AVAILABLE", "Another change holds the edit lock; retry shortly.") };
        case "editLock412":
            return { status: 412, body: coded("EDIT_LOCK_NOT_AVAILABLE", "Another change holds the edit lock; retry shortly.") };
    }
}

export class ZpaServer {
    readonly server: http.Server;
    config: ZpaConfig;
    readonly tenant: ZpaTenant;
    readonly tokens: ZpaTokens;
    private readonly windows = new ZpaRateWindows();
    readonly faults = new ZpaFaultInjector();
    private arrival!: Random;
    log: ZpaRequestLogEntry[] = [];
    private seq = 0;

    constructor(
        private readonly seed: number,
        readonly customerId: string,
        clients: ZpaClientCredentials[],
        private readonly initialConfig: ZpaConfig,
        private readonly seeds: readonly ApplicationSeed[],
    ) {
        this.config = structuredClone(initialConfig);
        this.tokens = new ZpaTokens(clients, seeded(seed * 15485863 + 29));
        this.tenant = new ZpaTenant(
            customerId,
            () => this.config.consistencyLagMs,
            (id, name) => this.faults.noteObject("segmentGroup", id, name),
        );
        this.resetAll();
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((e: unknown) => {
                if (!res.headersSent) send(res, 500, zpaBody("internal.server.error", `Emulator error: ${e instanceof Error ? e.message : String(e)}`));
            });
        });
        this.server.keepAliveTimeout = 5_000;
    }

    /** Back to the start: the seeded applications, no groups, the initial config, fault sequences and log restarted. */
    resetAll(): void {
        this.config = structuredClone(this.initialConfig);
        this.arrival = seeded(this.seed * 104729 + 17);
        this.faults.restart();
        this.faults.forgetObjects();
        this.tenant.reset(this.seeds);
        this.windows.clear();
        this.log = [];
        this.seq = 0;
    }

    changeConfig(next: ZpaConfig, change: Json): void {
        this.config = next;
        if (isObject(change) && "faults" in change) {
            this.faults.restart();
            this.arrival = seeded(this.seed * 104729 + 17);
        }
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const target = req.url ?? "/";
        const url = new URL(target.startsWith("/") ? `http://emulator${target}` : target, "http://emulator");
        if (url.pathname === "/__admin" || url.pathname.startsWith("/__admin/")) return serveZpaAdmin(this, req, res, url);
        const method = (req.method ?? "GET").toUpperCase();
        const entry: ZpaRequestLogEntry = {
            seq: ++this.seq,
            time: new Date().toISOString(),
            method,
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            status: 0,
            clientId: null,
            authMode: null,
            requestBody: null,
            fault: null,
            applied: false,
        };
        this.log.push(entry);
        if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
        const reply = (status: number, body?: unknown, headers?: Record<string, string>) => {
            entry.status = status;
            send(res, status, body, headers);
        };
        let raw: string;
        try {
            raw = await readBody(req);
        } catch {
            return reply(413, zpaBody("payload.size.exceeded", "The request body is too large."));
        }
        if (url.pathname === "/signin" || url.pathname === "/oauth2/v1/token") {
            const mode: AuthMode = url.pathname === "/signin" ? "legacy" : "oneapi";
            const t = this.tokens.issue(mode, method, raw, this.config.tokenTtlSeconds);
            Object.assign(entry, { requestBody: t.logged, clientId: t.clientId, authMode: mode });
            return reply(t.status, t.body);
        }
        entry.requestBody = raw === "" ? null : tryJson(raw);

        const m = ROUTE.exec(url.pathname);
        const auth = this.tokens.authenticate(req.headers.authorization, url.pathname.startsWith("/zpa/") ? "oneapi" : "legacy");
        if ("status" in auth) return reply(auth.status, auth.body);
        Object.assign(entry, { clientId: auth.clientId, authMode: auth.mode });
        if (!m) return reply(404, zpaBody("resource.not.found", `No API at ${method} ${url.pathname}.`));
        const [, , version, customer, collection, id] = m;
        if (customer !== this.customerId) {
            return reply(401, zpaBody("non.restricted.entity.authorization.failed", `The client is not authorized for customer ${customer}.`));
        }

        const rl = this.config.rateLimit;
        let headers: Record<string, string> = {};
        if (rl) {
            const reads = method === "GET";
            const limit = reads ? rl.reads : rl.writes;
            const w = this.windows.admit(`${auth.clientId}\n${reads ? "reads" : "writes"}`, limit, rl.windowMs);
            headers = { "X-Ratelimit-Limit": String(limit), "X-Ratelimit-Remaining": String(w.remaining), "X-Ratelimit-Reset": String(w.resetSeconds) };
            if (!w.admitted) {
                return reply(429, zpaBody("too.many.requests", `More than ${limit} ${reads ? "reads" : "writes"} in ${rl.windowMs} ms.`), {
                    ...headers,
                    "Retry-After": String(w.resetSeconds),
                });
            }
        }

        const f = this.config.faults;
        const parsed = entry.requestBody;
        const d = this.faults.draw(f, this.seed, this.arrival, { method, version, collection, id, query: url.searchParams, body: parsed });
        Object.assign(entry, { fault: d.fault, faultKey: d.key, faultOccurrence: d.occurrence });
        if (d.fault === "throttle") return reply(429, faultAnswer("throttle").body, { ...headers, "Retry-After": "1" });

        let answer: Answer | undefined;
        if (d.fault === null || d.applyFirst) {
            try {
                answer = this.dispatch(method, version, collection, id, url.searchParams, raw);
            } catch (e) {
                if (!(e instanceof ZpaError)) throw e;
                answer = { status: e.status, body: e.body() };
            }
            entry.applied = answer.applied === true;
            if (answer.changedFields) entry.changedFields = answer.changedFields;
        }
        if (d.fault === "drop") {
            entry.status = 0;
            req.socket.destroy();
            return;
        }
        if (d.fault !== null) {
            const fa = faultAnswer(d.fault);
            return reply(fa.status, fa.body, headers);
        }
        reply(answer!.status, answer!.body, headers);
    }

    /** The answer to one authenticated, admitted, unfaulted request. */
    private dispatch(method: string, version: string, collection: string, id: string | undefined, query: URLSearchParams, raw: string): Answer {
        const t = this.tenant;
        const parse = (): Json => {
            if (raw.trim() === "") throw new ZpaError(400, "bad.request", "The request body is empty; a JSON object is required.");
            try {
                return JSON.parse(raw) as Json;
            } catch (e) {
                throw new ZpaError(400, "bad.request", `The request body is not valid JSON: ${(e as Error).message}`);
            }
        };
        const notAllowed = (): never => {
            throw new ZpaError(405, "method.not.allowed", `${method} is not allowed here.`);
        };
        if (version === "v2" && !(collection === "segmentGroup" && id !== undefined && method === "PUT")) {
            throw new ZpaError(404, "resource.not.found", `The v2 API has only PUT /segmentGroup/{id}, not ${method} /${collection}${id ? "/{id}" : ""}.`);
        }
        if (collection === "segmentGroup") {
            if (id === undefined) {
                if (method === "GET") return { status: 200, body: t.listGroups(query) };
                if (method === "POST") return { status: 200, body: t.createGroup(groupWrite(parse()), query), applied: true };
                return notAllowed();
            }
            if (method === "GET") return { status: 200, body: t.getGroup(id, query) };
            if (method === "PUT") {
                const changed = t.replaceGroup(id, groupWrite(parse()), version === "v1" ? this.config.v1MaxApplications : null);
                return { status: 204, applied: true, changedFields: changed };
            }
            if (method === "DELETE") {
                t.deleteGroup(id);
                return { status: 204, applied: true };
            }
            return notAllowed();
        }
        if (id === undefined) return method === "GET" ? { status: 200, body: t.listApplications(query) } : notAllowed();
        if (method === "GET") return { status: 200, body: t.getApplication(id, query) };
        if (method === "PUT") {
            const body = parse();
            if (!isObject(body)) throw new ZpaError(400, "invalid.resource.argument", "The application segment must be a JSON object.", ["body"]);
            return { status: 204, applied: true, changedFields: t.replaceApplication(id, body) };
        }
        return notAllowed();
    }
}
