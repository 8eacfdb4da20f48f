/**
 * The ISC emulator's HTTP server: OAuth, segments and access profiles under every version prefix, the
 * seeded tenant's reference objects, rate limits, eventual consistency, fault injection, and an admin API
 * under /__emulator/ kept apart from the ISC routes.
 */
import * as crypto from "crypto";
import * as http from "http";
import { applyPatch, type Operation } from "fast-json-patch";
import { CODES, errorBody, HttpError, show, trackingId } from "./errors";
import {
    ACCESS_PROFILE_ENTITLEMENT_FILTERS,
    ACCESS_PROFILE_ENTITLEMENT_SORTERS,
    ACCESS_PROFILE_FILTERS,
    ACCESS_PROFILE_SORTERS,
    query,
    readReference,
    REFERENCE_COLLECTIONS,
    unpublished,
} from "./collections";
import { page } from "./paging";
import { populate, PopulatedObject, populateSettings, PopulateSettings } from "./populate";
import { hexId, Random, seeded } from "./random";
import { AccessProfileUser, Kind, KINDS, Store } from "./store";
import { ReferenceData, seedTenant } from "./tenant";
import {
    ACCESS_PROFILE_FIELDS,
    isObject,
    Json,
    JsonObject,
    normalizeAccessProfile,
    normalizeSegment,
    SEGMENT_FIELDS,
    validateAccessProfile,
    validateSegment,
} from "./validation";

export interface Faults {
    /** Share of API requests answered 500 (0..1). */
    serverErrorRate: number;
    /** Share of API requests whose connection is dropped without an answer. */
    dropRate: number;
    /** Share of API requests answered 429 although under the limit (Retry-After: 1). */
    rateLimitRate: number;
    /** Added to every API request. */
    latencyMs: number;
    /** Share of faulted writes that are applied before the fault (the client cannot tell). */
    applyBeforeFaultShare: number;
}

/**
 * What one budget covers: "client" (SailPoint's documented limit) counts every API request of a client id
 * together, whatever its version prefix or collection; "client-version" gives each (client id, version prefix)
 * its own budget, as SailPoint's older docs described.
 */
export type RateLimitScope = "client" | "client-version";
export const RATE_LIMIT_SCOPES: readonly RateLimitScope[] = ["client", "client-version"];

export interface RateLimitConfig {
    limit: number;
    windowMs: number;
    scope: RateLimitScope;
}

export interface EmulatorConfig {
    tokenLifetimeSeconds: number;
    /** Per client id (or per client id and API version, by `scope`); null: no limit. */
    rateLimit: RateLimitConfig | null;
    /** Reads may reflect the state of up to this many ms ago. */
    consistencyLagMs: number;
    faults: Faults;
}

export interface ClientCredentials {
    id: string;
    secret: string;
}

export interface RequestLogEntry {
    seq: number;
    time: string;
    method: string;
    path: string;
    query: Record<string, string>;
    /** 0 when the connection was dropped without an answer. */
    status: number;
    clientId: string | null;
    /** Parsed JSON, or text, or null; the token endpoint's client_secret is replaced by "REDACTED". */
    requestBody: unknown;
    fault: null | "error" | "drop" | "rate-limit";
    /** Whether the request changed the tenant. */
    applied: boolean;
}

export const NO_FAULTS: Faults = { serverErrorRate: 0, dropRate: 0, rateLimitRate: 0, latencyMs: 0, applyBeforeFaultShare: 0 };
export const DEFAULT_CONFIG: EmulatorConfig = {
    tokenLifetimeSeconds: 749,
    rateLimit: { limit: 100, windowMs: 10_000, scope: "client" },
    consistencyLagMs: 0,
    faults: NO_FAULTS,
};
export const DEMO_CLIENT: ClientCredentials = { id: "demo-client", secret: "demo-secret" };

const VERSIONS = ["v3", "beta", "v2024", "v2025", "v2026"];
/** At most this many ids in one bulk delete (ISC's documented limit). */
const BULK_DELETE_MAX = 50;
/** `taskId` of a bulk delete that started no task (nothing deleted); ISC's spec leaves it undefined there. */
export const NO_TASK_ID = "";
const MAX_BODY = 10 * 1024 * 1024;
const LOG_LIMIT = 200_000;

interface Route {
    version: string;
    collection: string;
    id?: string;
    sub?: string;
}

interface Answer {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    applied?: boolean;
}

export class EmulatorServer {
    readonly server: http.Server;
    private config: EmulatorConfig;
    private data!: ReferenceData;
    private readonly store = new Store();
    private readonly tokens = new Map<string, { clientId: string; expiresAt: number }>();
    /**
     * Accepted API requests per client id, oldest first, with their version prefix: the scope is applied when
     * counting, so changing it at run time keeps the requests already made.
     */
    private readonly windows = new Map<string, Array<{ at: number; version: string }>>();
    private log: RequestLogEntry[] = [];
    private seq = 0;
    private lastStamp = 0;
    /** Object ids: reset with the tenant, so the n-th object created after a reset always gets the same id. */
    private ids!: Random;
    /** Lag and fault draws. */
    private chance!: Random;
    /** Tokens and task ids: never reset (a token issued after a reset must not equal one issued before). */
    private readonly misc: Random;

    constructor(
        private readonly seed: number,
        private readonly clients: ClientCredentials[],
        private readonly initialConfig: EmulatorConfig,
        /** Objects added to the seeded tenant at start-up and after every reset; null: the small tenant only. */
        private readonly initialPopulation: PopulateSettings | null = null,
    ) {
        this.config = structuredClone(initialConfig);
        this.misc = seeded(seed * 15485863 + 11);
        this.reseed();
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((e: unknown) => {
                // Never crash: whatever went wrong becomes a 500 with a body.
                if (!res.headersSent) this.send(res, 500, errorBody(CODES.internal, [`Emulator error: ${e instanceof Error ? e.message : String(e)}`]));
            });
        });
        this.server.keepAliveTimeout = 5_000;
    }

    private reseed(): void {
        this.chance = seeded(this.seed * 104729 + 3);
        this.fill(this.initialPopulation);
        this.windows.clear();
        this.log = [];
        this.seq = 0;
    }

    /**
     * The seeded tenant, plus `population`'s objects when given; no other segments or access profiles. Object ids
     * restart, so the n-th object created afterwards always gets the same id.
     */
    private fill(population: PopulateSettings | null): { segments: number; accessProfiles: number } {
        const base = seedTenant(seeded(this.seed));
        const made = population ? populate(base, population) : { data: base, segments: [], accessProfiles: [] };
        this.data = made.data;
        this.ids = seeded(this.seed * 7919 + 1);
        this.store.clear();
        for (const o of made.segments) this.insertPopulated("segments", o);
        for (const o of made.accessProfiles) this.insertPopulated("access-profiles", o);
        return { segments: made.segments.length, accessProfiles: made.accessProfiles.length };
    }

    /** A populated object, checked by the same validation as a POST (a failure is a bug in the generator). */
    private insertPopulated(kind: Kind, o: PopulatedObject): void {
        const violations = kind === "segments" ? validateSegment(o.fields, this.data) : validateAccessProfile(o.fields, this.data);
        if (violations.length) throw new Error(`populated ${kind} ${o.id} is invalid: ${violations.map((v) => v.text).join("; ")}`);
        this.store.putEverywhere(kind, o.id, { id: o.id, ...this.normalize(kind, o.fields), created: o.created, modified: o.modified });
    }

    // ---- plumbing -------------------------------------------------------------------------------------

    private send(res: http.ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
        const text = body === undefined ? "" : JSON.stringify(body);
        res.writeHead(status, { ...(text ? { "Content-Type": "application/json;charset=utf-8" } : {}), ...headers });
        res.end(text);
    }

    private stamp(): string {
        this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
        return new Date(this.lastStamp).toISOString();
    }

    private readBody(req: http.IncomingMessage): Promise<string> {
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

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        // Prefixing the origin keeps a path like "//v3/segments" a path (new URL would read "v3" as a host).
        const target = req.url ?? "/";
        const url = new URL(target.startsWith("/") ? `http://emulator${target}` : target, "http://emulator");
        if (url.pathname.startsWith("/__emulator/")) return this.admin(req, res, url);
        return this.isc(req, res, url);
    }

    // ---- ISC routes ------------------------------------------------------------------------------------

    private async isc(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
        const method = (req.method ?? "GET").toUpperCase();
        const entry: RequestLogEntry = {
            seq: ++this.seq,
            time: new Date().toISOString(),
            method,
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            status: 0,
            clientId: null,
            requestBody: null,
            fault: null,
            applied: false,
        };
        this.log.push(entry);
        if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
        const reply = (status: number, body?: unknown, headers?: Record<string, string>) => {
            entry.status = status;
            this.send(res, status, body, headers);
        };

        let raw: string;
        try {
            raw = await this.readBody(req);
        } catch (e) {
            if (e instanceof HttpError) return reply(e.status, errorBody(e.code, e.texts));
            throw e;
        }
        entry.requestBody = raw === "" ? null : tryJson(raw);

        if (url.pathname === "/oauth/token") {
            const { status, body } = this.oauth(method, raw, req.headers["content-type"], url, entry);
            return reply(status, body);
        }

        // Authentication.
        const auth = req.headers.authorization ?? "";
        const match = /^Bearer\s+(.+)$/i.exec(auth);
        if (!match) return reply(401, { error: "JWT validation failed: JWT is missing" });
        const token = this.tokens.get(match[1].trim());
        if (!token) return reply(401, { error: "JWT validation failed: JWT is invalid" });
        if (Date.now() >= token.expiresAt) return reply(401, { error: "JWT validation failed: JWT is expired" });
        entry.clientId = token.clientId;

        const route = parseRoute(url.pathname);
        if (!route) return reply(404, errorBody(CODES.notFound, [`No route for ${method} ${url.pathname}.`]));

        // Rate limit: a sliding window of accepted requests, counted at arrival, per client id (scope "client",
        // every version prefix and collection together) or per client id and version prefix ("client-version").
        const rl = this.config.rateLimit;
        if (rl) {
            const now = Date.now();
            const w = (this.windows.get(token.clientId) ?? []).filter((r) => r.at > now - rl.windowMs);
            this.windows.set(token.clientId, w);
            const counted = rl.scope === "client" ? w : w.filter((r) => r.version === route.version);
            if (counted.length >= rl.limit) {
                // Whole seconds until the oldest counted request leaves the window and frees a slot.
                const retryAfter = Math.max(1, Math.ceil((counted[0].at + rl.windowMs - now) / 1000));
                return reply(429, { message: " Rate Limit Exceeded " }, { "Retry-After": String(retryAfter) });
            }
            w.push({ at: now, version: route.version });
        }

        const f = this.config.faults;
        if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));

        // Faults, decided by the seeded generator.
        const roll = this.chance();
        let fault: RequestLogEntry["fault"] = null;
        if (roll < f.rateLimitRate) fault = "rate-limit";
        else if (roll < f.rateLimitRate + f.serverErrorRate) fault = "error";
        else if (roll < f.rateLimitRate + f.serverErrorRate + f.dropRate) fault = "drop";
        entry.fault = fault;
        if (fault === "rate-limit") return reply(429, { message: " Rate Limit Exceeded " }, { "Retry-After": "1" });
        const isWrite = method !== "GET";
        const applyFirst = fault !== null && isWrite && this.chance() < f.applyBeforeFaultShare;

        let answer: Answer | undefined;
        if (fault === null || applyFirst) {
            try {
                answer = this.dispatch(method, route, url, raw, req.headers["content-type"]);
            } catch (e) {
                // A bug in the emulator is a 500 answer that the request log shows, never a crash.
                answer =
                    e instanceof HttpError
                        ? { status: e.status, body: errorBody(e.code, e.texts) }
                        : { status: 500, body: errorBody(CODES.internal, [`Emulator error: ${e instanceof Error ? e.message : String(e)}`]) };
            }
            entry.applied = answer.applied === true;
        }
        if (fault === "error") return reply(500, errorBody(CODES.internal, ["An internal fault occurred."]));
        if (fault === "drop") {
            req.socket.destroy();
            return;
        }
        reply(answer!.status, answer!.body, answer!.headers);
    }

    private oauth(method: string, raw: string, contentType: string | undefined, url: URL, entry: RequestLogEntry): { status: number; body: unknown } {
        if (method !== "POST") return { status: 405, body: errorBody(CODES.methodNotAllowed, ["Use POST for /oauth/token."]) };
        const form = new URLSearchParams(contentType?.includes("application/x-www-form-urlencoded") ? raw : "");
        if (contentType?.includes("multipart/form-data")) for (const [k, v] of parseMultipart(raw, contentType)) form.set(k, v);
        for (const [k, v] of url.searchParams) if (!form.has(k)) form.set(k, v);
        const redacted = Object.fromEntries(form);
        if ("client_secret" in redacted) redacted.client_secret = "REDACTED";
        entry.requestBody = redacted;
        entry.query = Object.fromEntries([...url.searchParams].map(([k, v]) => [k, k === "client_secret" ? "REDACTED" : v]));
        if (form.get("grant_type") !== "client_credentials") {
            return { status: 400, body: { error: "unsupported_grant_type", error_description: `Unsupported grant type: ${form.get("grant_type") ?? "(none)"}` } };
        }
        const client = this.clients.find((c) => c.id === form.get("client_id") && c.secret === form.get("client_secret"));
        if (!client) return { status: 401, body: { error: "invalid_client", error_description: "Bad credentials" } };
        entry.clientId = client.id;
        const access = hexId(this.misc) + hexId(this.misc);
        const lifetime = this.config.tokenLifetimeSeconds;
        this.tokens.set(access, { clientId: client.id, expiresAt: Date.now() + lifetime * 1000 });
        return {
            status: 200,
            body: { access_token: access, token_type: "bearer", expires_in: lifetime, scope: "sp:scopes:all", tenant_id: "emulator", pod: "local", jti: trackingId() },
        };
    }

    private dispatch(method: string, route: Route, url: URL, raw: string, contentType: string | undefined): Answer {
        const kind = route.collection === "segments" ? "segments" : route.collection === "access-profiles" ? "access-profiles" : undefined;
        const parse = (): Json => {
            if (raw.trim() === "") throw new HttpError(400, CODES.badContent, ["The request body is empty; a JSON body is required."]);
            try {
                return JSON.parse(raw) as Json;
            } catch (e) {
                throw new HttpError(400, CODES.badContent, [`The request body is not valid JSON: ${(e as Error).message}`]);
            }
        };
        const notAllowed = (): never => {
            throw new HttpError(405, CODES.methodNotAllowed, [`${method} is not allowed on ${url.pathname}.`]);
        };

        if (!kind) {
            const elsewhere = route.sub === undefined ? unpublished(route.version, route.collection, route.id !== undefined) : "";
            if (elsewhere !== undefined) throw new HttpError(404, CODES.notFound, [`No route for ${method} ${url.pathname}.${elsewhere ? ` ${elsewhere}` : ""}`]);
            if (method !== "GET") notAllowed();
            return readReference(this.data, route.version, route.collection, route.id, url.searchParams);
        }
        if (kind === "access-profiles" && route.id === "bulk-delete" && !route.sub) {
            if (method !== "POST") notAllowed();
            return this.bulkDelete(parse());
        }
        if (route.sub !== undefined) {
            if (kind !== "access-profiles" || route.sub !== "entitlements") throw new HttpError(404, CODES.notFound, [`No route for ${method} ${url.pathname}.`]);
            if (method !== "GET") notAllowed();
            const ap = this.readView(kind, route.id!);
            if (!ap) throw new HttpError(404, CODES.notFound, [`Access profile "${route.id}" was not found.`]);
            const ids = new Set(((ap.entitlements as JsonObject[] | null) ?? []).map((e) => e.id));
            const ents = this.data.entitlements.filter((e) => ids.has(e.id));
            return { status: 200, ...query(ents, url.searchParams, ACCESS_PROFILE_ENTITLEMENT_FILTERS, ACCESS_PROFILE_ENTITLEMENT_SORTERS) };
        }
        if (route.id === undefined) {
            if (method === "GET") return this.list(kind, url);
            if (method === "POST") return this.create(kind, parse());
            return notAllowed();
        }
        if (method === "GET") {
            const obj = this.readView(kind, route.id);
            if (!obj) throw new HttpError(404, CODES.notFound, [`${label(kind)} "${route.id}" was not found.`]);
            return { status: 200, body: obj };
        }
        if (method === "PATCH") {
            const ct = (contentType ?? "").split(";")[0].trim().toLowerCase();
            if (ct !== "application/json-patch+json") {
                throw new HttpError(415, CODES.unsupportedMediaType, [`PATCH needs Content-Type application/json-patch+json, not ${show(contentType ?? null)}.`]);
            }
            return this.patch(kind, route.id, parse());
        }
        if (method === "DELETE") return this.remove(kind, route.id);
        return notAllowed();
    }

    /** What a read sees: the state of up to `consistencyLagMs` ago. */
    private readTime(): number {
        const lag = this.config.consistencyLagMs;
        return lag > 0 ? Date.now() - Math.floor(this.chance() * lag) : Date.now();
    }

    private readView(kind: Kind, id: string): JsonObject | undefined {
        return this.store.at(kind, id, this.readTime());
    }

    private keepMs(): number {
        return this.config.consistencyLagMs + 1000;
    }

    private list(kind: Kind, url: URL): Answer {
        const q = url.searchParams;
        let all = this.store.listAt(kind, this.readTime());
        if (kind === "segments") {
            if (q.get("filters")) throw new HttpError(400, CODES.badContent, ["Segments cannot be filtered: the filters parameter is not supported here."]);
            return { status: 200, ...page(all, q) };
        }
        if (q.has("for-subadmin")) throw new HttpError(400, CODES.badContent, ['The query parameter "for-subadmin" is not supported by the ISC emulator.']);
        const forSegments = q.get("for-segment-ids");
        if (forSegments) {
            const wanted = forSegments.split(",").map((s) => s.trim());
            const unsegmented = q.get("include-unsegmented") !== "false";
            all = all.filter((p) => {
                const segs = (p.segments as string[] | null) ?? [];
                return segs.some((s) => wanted.includes(s)) || (unsegmented && segs.length === 0);
            });
        }
        return { status: 200, ...query(all, q, ACCESS_PROFILE_FILTERS, ACCESS_PROFILE_SORTERS) };
    }

    private validate(kind: Kind, obj: JsonObject): void {
        const violations = kind === "segments" ? validateSegment(obj, this.data) : validateAccessProfile(obj, this.data);
        if (violations.length) throw HttpError.of(violations);
    }

    private normalize(kind: Kind, obj: JsonObject): JsonObject {
        return kind === "segments" ? normalizeSegment(obj, this.data) : normalizeAccessProfile(obj, this.data);
    }

    private create(kind: Kind, body: Json): Answer {
        if (!isObject(body)) throw new HttpError(400, CODES.badContent, [`The ${label(kind).toLowerCase()} must be a JSON object, not ${show(body)}.`]);
        const fields = { ...body };
        delete fields.id;
        delete fields.created;
        delete fields.modified;
        this.validate(kind, fields);
        return { status: 201, body: this.insert(kind, fields), applied: true };
    }

    /**
     * Stores a valid object as new; returns it as the server shows it. `everywhere`: every read sees it at once,
     * however much lag is configured (the admin API's objects, made "before" the provider looks).
     */
    private insert(kind: Kind, fields: JsonObject, everywhere = false): JsonObject {
        const id = hexId(this.ids);
        const at = this.stamp();
        const obj: JsonObject = { id, ...this.normalize(kind, fields), created: at, modified: at };
        if (everywhere) this.store.putEverywhere(kind, id, obj);
        else this.store.put(kind, id, obj, Date.now(), this.keepMs());
        return obj;
    }

    private patch(kind: Kind, id: string, body: Json): Answer {
        const current = this.store.current(kind, id);
        if (!current) throw new HttpError(404, CODES.notFound, [`${label(kind)} "${id}" was not found.`]);
        if (!Array.isArray(body)) throw new HttpError(400, CODES.badContent, ["A JSON Patch body must be an array of operations."]);
        const patchable: readonly string[] = kind === "segments" ? SEGMENT_FIELDS : ACCESS_PROFILE_FIELDS;
        const ops: Operation[] = [];
        for (const [i, op] of body.entries()) {
            if (!isObject(op) || typeof op.op !== "string" || typeof op.path !== "string") {
                throw new HttpError(400, CODES.badContent, [`Operation ${i} is not a JSON Patch operation {op, path, ...}: ${show(op)}.`]);
            }
            if (!["add", "remove", "replace", "move", "copy", "test"].includes(op.op)) {
                throw new HttpError(400, CODES.badContent, [`Operation ${i} has an unknown op ${show(op.op)}; allowed: add, remove, replace, move, copy, test.`]);
            }
            for (const p of [op.path, ...(typeof op.from === "string" && op.op !== "copy" ? [op.from] : [])]) {
                const top = topField(p);
                if (op.op !== "test" && (top === undefined || !patchable.includes(top))) {
                    throw new HttpError(400, CODES.badContent, [`Path ${show(p)} in operation ${i} is not patchable; patchable fields: ${patchable.join(", ")}.`]);
                }
            }
            ops.push(op as unknown as Operation);
        }
        const doc = structuredClone(current);
        let result: JsonObject;
        try {
            result = applyPatch(doc, ops, true, true).newDocument as JsonObject;
        } catch (e) {
            const err = e as { name?: string; message?: string; index?: number };
            const which = err.index !== undefined ? `operation ${err.index}` : "the patch";
            const text = err.name === "TEST_OPERATION_FAILED" ? `The test in ${which} failed: the object does not hold the tested value.` : `${which} cannot be applied: ${(err.message ?? "").split("\n")[0]}`;
            throw new HttpError(400, CODES.badContent, [text]);
        }
        if (!isObject(result)) throw new HttpError(400, CODES.badContent, ["The patch does not leave an object."]);
        if (kind === "access-profiles") {
            const before = (current.source as JsonObject | null)?.id;
            const after = isObject(result.source) ? result.source.id : undefined;
            const touchesEntitlements = ops.some((o) => o.op !== "test" && topField(o.path) === "entitlements");
            if (before !== after && !touchesEntitlements) {
                throw new HttpError(400, CODES.illegalValue, [
                    `The source may change only together with the entitlements, in the same request: replace /entitlements with entitlements of source ${show(after)}.`,
                ]);
            }
        }
        const fields = { ...result };
        delete fields.id;
        delete fields.created;
        delete fields.modified;
        this.validate(kind, fields);
        const updated: JsonObject = { id, ...this.normalize(kind, fields), created: current.created, modified: this.stamp() };
        this.store.put(kind, id, updated, Date.now(), this.keepMs());
        return { status: 200, body: updated, applied: true };
    }

    private remove(kind: Kind, id: string): Answer {
        const current = this.store.current(kind, id);
        if (!current) throw new HttpError(404, CODES.notFound, [`${label(kind)} "${id}" was not found.`]);
        const users = kind === "access-profiles" ? this.store.inUse.get(id) : undefined;
        if (users) {
            const by = users.map((u) => `${u.type} ${show(u.name)} (${u.id})`).join(", ");
            throw new HttpError(400, CODES.inUse, [`The access profile ${show(current.name)} (${id}) is in use by ${by} and cannot be deleted.`]);
        }
        this.store.remove(kind, id, Date.now(), this.keepMs());
        return { status: 204, applied: true };
    }

    /**
     * `POST /access-profiles/bulk-delete` as SailPoint's spec documents it (AccessProfileBulkDeleteRequest ->
     * AccessProfileBulkDeleteResponse). Ids that do not exist are skipped: neither pending nor in use. When a profile
     * is in use and `bestEffortOnly` is not true, nothing is deleted (200); otherwise the others are deleted as a
     * single DELETE deletes them (same lag) and the answer is 202 with a task id. Nothing to delete at all is a 200
     * with `taskId` "" (no task started).
     */
    private bulkDelete(body: Json): Answer {
        const refuse = (code: string, text: string): never => {
            throw new HttpError(400, code, [text]);
        };
        const shape = `{"accessProfileIds": [1 to ${BULK_DELETE_MAX} ids], "bestEffortOnly": true|false}`;
        if (!isObject(body)) return refuse(CODES.badContent, `The body must be a JSON object ${shape}; got ${show(body)}.`);
        const fields = ["accessProfileIds", "bestEffortOnly"];
        for (const key of Object.keys(body)) if (!fields.includes(key)) refuse(CODES.badContent, `Unknown field "${key}" in the bulk delete request; allowed: ${fields.join(", ")}.`);
        const list = body.accessProfileIds;
        if (!Array.isArray(list)) return refuse(CODES.badContent, `accessProfileIds must be an array of 1 to ${BULK_DELETE_MAX} access profile ids; got ${show(list ?? null)}.`);
        if (list.length === 0 || list.length > BULK_DELETE_MAX) {
            refuse(CODES.limit, `accessProfileIds has ${list.length} ids; send 1 to ${BULK_DELETE_MAX}.`);
        }
        const ids: string[] = [];
        for (const [i, id] of list.entries()) {
            if (typeof id !== "string") return refuse(CODES.badContent, `accessProfileIds[${i}] must be a string id; got ${show(id)}.`);
            if (!ids.includes(id)) ids.push(id);
        }
        const best = body.bestEffortOnly;
        if (best !== undefined && best !== null && typeof best !== "boolean") refuse(CODES.badContent, `bestEffortOnly must be true or false; got ${show(best)}.`);

        const existing = ids.filter((id) => this.store.current("access-profiles", id) !== undefined);
        const inUse: Array<{ accessProfileId: string; usedBy: AccessProfileUser[] }> = [];
        const deletable: string[] = [];
        for (const id of existing) {
            const users = this.store.inUse.get(id);
            if (users) inUse.push({ accessProfileId: id, usedBy: structuredClone(users) });
            else deletable.push(id);
        }
        if ((inUse.length > 0 && best !== true) || deletable.length === 0) {
            return { status: 200, body: { taskId: NO_TASK_ID, pending: [], inUse } };
        }
        for (const id of deletable) this.store.remove("access-profiles", id, Date.now(), this.keepMs());
        return { status: 202, body: { taskId: hexId(this.misc), pending: deletable, inUse }, applied: true };
    }

    // ---- admin API -------------------------------------------------------------------------------------

    private async admin(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
        const method = (req.method ?? "GET").toUpperCase();
        const parts = url.pathname.split("/").filter(Boolean).slice(1); // after "__emulator"
        let body: Json = null;
        try {
            const raw = await this.readBody(req);
            body = raw.trim() === "" ? null : (JSON.parse(raw) as Json);
        } catch (e) {
            return this.send(res, 400, { error: `invalid JSON body: ${(e as Error).message}` });
        }
        try {
            const answer = this.adminRoute(method, parts, body);
            this.send(res, answer.status, answer.body);
        } catch (e) {
            if (e instanceof HttpError) return this.send(res, e.status, errorBody(e.code, e.texts));
            throw e;
        }
    }

    private adminRoute(method: string, parts: string[], body: Json): Answer {
        const [head, a, b, c] = parts;
        if (head === "reset" && method === "POST") {
            this.config = structuredClone(this.initialConfig);
            this.reseed();
            return { status: 200, body: { ok: true } };
        }
        if (head === "state" && method === "GET") return { status: 200, body: this.state() };
        if ((head === "populate" || head === "seed") && !a && method === "POST") {
            const settings = populateSettings(body);
            const objects = this.fill(settings);
            const d = this.data;
            const counts = { identities: d.identities.length, sources: d.sources.length, entitlements: d.entitlements.length, governanceGroups: d.governanceGroups.length, ...objects };
            return { status: 200, body: { settings, counts } };
        }
        if (head === "requests" && !a) {
            if (method === "GET") return { status: 200, body: this.log };
            if (method === "DELETE") {
                this.log = [];
                return { status: 204 };
            }
        }
        if (head === "config" && !a) {
            if (method === "GET") return { status: 200, body: this.config };
            if (method === "PATCH") {
                this.config = mergeConfig(this.config, body);
                return { status: 200, body: this.config };
            }
        }
        if (head === "tokens" && a === "expire" && method === "POST") {
            for (const t of this.tokens.values()) t.expiresAt = 0;
            return { status: 200, body: { expired: this.tokens.size } };
        }
        if (head === "access-profiles" && a && b === "in-use" && method === "PUT" && !c) {
            const profile = this.store.current("access-profiles", a);
            if (!profile) throw new HttpError(404, CODES.notFound, [`Access profile "${a}" was not found.`]);
            const usedBy = inUseChange(body, profile);
            if (usedBy) this.store.inUse.set(a, usedBy);
            else this.store.inUse.delete(a);
            return { status: 200, body: { id: a, inUse: usedBy !== null, usedBy: usedBy ?? [] } };
        }
        if (head === "objects" && (a === "segments" || a === "access-profiles")) {
            const kind = a as Kind;
            if (!b && method === "POST") {
                if (!isObject(body)) throw new HttpError(400, CODES.badContent, ["Send the object as JSON."]);
                const fields = { ...body };
                delete fields.id;
                this.validate(kind, fields);
                return { status: 201, body: this.insert(kind, fields, true) };
            }
            if (b && !c) {
                const current = this.store.current(kind, b);
                if (!current) throw new HttpError(404, CODES.notFound, [`${label(kind)} "${b}" was not found.`]);
                if (method === "GET") return { status: 200, body: current };
                if (method === "DELETE") {
                    this.store.putEverywhere(kind, b, null);
                    return { status: 204 };
                }
                if (method === "PATCH" && isObject(body)) {
                    // Drift: a change behind the provider's back, as the ISC UI would make it. No validation, and
                    // every read sees it at once (it happened "long ago" as far as replicas are concerned).
                    const drifted: JsonObject = { ...current, ...body, id: b, created: current.created, modified: this.stamp() };
                    this.store.putEverywhere(kind, b, drifted);
                    return { status: 200, body: drifted };
                }
            }
        }
        throw new HttpError(404, CODES.notFound, [`No admin route for ${method} /__emulator/${parts.join("/")}.`]);
    }

    /** The whole tenant now (no lag). */
    state(): Record<string, unknown> {
        return {
            segments: this.store.list("segments"),
            accessProfiles: this.store.list("access-profiles"),
            identities: this.data.identities,
            sources: this.data.sources,
            entitlements: this.data.entitlements,
            governanceGroups: this.data.governanceGroups,
            inUse: [...this.store.inUse.keys()],
        };
    }
}

/**
 * The users a `PUT /__emulator/access-profiles/{id}/in-use` body sets: `{inUse: true, usedBy?: [{type?: "ROLE", id,
 * name}]}`, by default one role named after the profile (a stable id derived from the profile's); null for
 * `{inUse: false}`. Anything else is a 400.
 */
function inUseChange(body: Json, profile: JsonObject): AccessProfileUser[] | null {
    const refuse = (text: string): never => {
        throw new HttpError(400, CODES.badContent, [text]);
    };
    const shape = '{"inUse": true|false, "usedBy": [{"type": "ROLE", "id": "...", "name": "..."}] (optional)}';
    if (!isObject(body)) return refuse(`Send ${shape}; got ${show(body)}.`);
    for (const key of Object.keys(body)) if (key !== "inUse" && key !== "usedBy") refuse(`Unknown field "${key}"; send ${shape}.`);
    if (typeof body.inUse !== "boolean") return refuse(`inUse must be true or false; got ${show(body.inUse ?? null)}.`);
    const given = body.usedBy;
    if (!body.inUse) {
        if (given !== undefined && given !== null) refuse("usedBy is only for inUse: true.");
        return null;
    }
    if (given === undefined || given === null) {
        const id = crypto.createHash("sha256").update(`role:${String(profile.id)}`).digest("hex").slice(0, 32);
        return [{ type: "ROLE", id, name: `${String(profile.name)} Role` }];
    }
    if (!Array.isArray(given) || given.length === 0) return refuse(`usedBy must be a non-empty array of {type: "ROLE", id, name}; got ${show(given)}.`);
    return given.map((u, i): AccessProfileUser => {
        if (!isObject(u)) return refuse(`usedBy[${i}] must be {type: "ROLE", id, name}; got ${show(u)}.`);
        for (const key of Object.keys(u)) if (!["type", "id", "name"].includes(key)) refuse(`Unknown field "${key}" in usedBy[${i}]; allowed: type, id, name.`);
        if (u.type !== undefined && u.type !== "ROLE") refuse(`usedBy[${i}].type must be "ROLE" (the only type ISC documents); got ${show(u.type)}.`);
        if (typeof u.id !== "string" || u.id === "") return refuse(`usedBy[${i}].id must be a non-empty string; got ${show(u.id ?? null)}.`);
        if (typeof u.name !== "string") return refuse(`usedBy[${i}].name must be a string; got ${show(u.name ?? null)}.`);
        return { type: "ROLE", id: u.id, name: u.name };
    });
}

const FAULT_RATES = ["serverErrorRate", "dropRate", "rateLimitRate", "applyBeforeFaultShare"] as const;

/** The config after a `PATCH /__emulator/config`; a nonsensical change is a 400 and changes nothing. */
export function mergeConfig(config: EmulatorConfig, change: Json): EmulatorConfig {
    const refuse = (text: string): never => {
        throw new HttpError(400, CODES.badContent, [text]);
    };
    if (!isObject(change)) return refuse(`Send a JSON object with any of tokenLifetimeSeconds, consistencyLagMs, rateLimit, faults; got ${show(change)}.`);
    const known = ["tokenLifetimeSeconds", "consistencyLagMs", "rateLimit", "faults"];
    for (const key of Object.keys(change)) if (!known.includes(key)) refuse(`Unknown config field "${key}"; known: ${known.join(", ")}.`);
    const number = (where: string, v: Json | undefined, min: number, max = Number.POSITIVE_INFINITY): number => {
        if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
            return refuse(`${where} must be a number from ${min}${max === Number.POSITIVE_INFINITY ? " up" : ` to ${max}`}; got ${show(v ?? null)}.`);
        }
        return v;
    };
    const next: EmulatorConfig = structuredClone(config);
    if ("tokenLifetimeSeconds" in change) next.tokenLifetimeSeconds = number("tokenLifetimeSeconds", change.tokenLifetimeSeconds, 0);
    if ("consistencyLagMs" in change) next.consistencyLagMs = number("consistencyLagMs", change.consistencyLagMs, 0);
    if ("rateLimit" in change) {
        const rl = change.rateLimit;
        if (rl === null) next.rateLimit = null;
        else if (!isObject(rl)) refuse(`rateLimit must be null or {limit, windowMs, scope}; got ${show(rl)}.`);
        else {
            const fields = ["limit", "windowMs", "scope"];
            for (const key of Object.keys(rl)) if (!fields.includes(key)) refuse(`Unknown rateLimit field "${key}"; known: ${fields.join(", ")}.`);
            const base = next.rateLimit ?? DEFAULT_CONFIG.rateLimit!;
            const scope = (v: Json | undefined): RateLimitScope => {
                const found = RATE_LIMIT_SCOPES.find((s) => s === v);
                if (found === undefined) {
                    return refuse(`rateLimit.scope must be ${RATE_LIMIT_SCOPES.map((s) => `"${s}"`).join(" or ")}; got ${show(v ?? null)}.`);
                }
                return found;
            };
            next.rateLimit = {
                limit: "limit" in rl ? number("rateLimit.limit", rl.limit, 1) : base.limit,
                windowMs: "windowMs" in rl ? number("rateLimit.windowMs", rl.windowMs, 1) : base.windowMs,
                scope: "scope" in rl ? scope(rl.scope) : base.scope,
            };
        }
    }
    if ("faults" in change) {
        const f = change.faults;
        if (!isObject(f)) return refuse(`faults must be an object; got ${show(f)}.`);
        for (const key of Object.keys(f)) {
            if (key === "latencyMs") next.faults.latencyMs = number("faults.latencyMs", f.latencyMs, 0);
            else if ((FAULT_RATES as readonly string[]).includes(key)) next.faults[key as (typeof FAULT_RATES)[number]] = number(`faults.${key}`, f[key], 0, 1);
            else refuse(`Unknown fault "${key}"; known: ${[...FAULT_RATES, "latencyMs"].join(", ")}.`);
        }
    }
    return next;
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

function tryJson(raw: string): unknown {
    try {
        return JSON.parse(raw);
    } catch {
        return raw.length > 2000 ? raw.slice(0, 2000) : raw;
    }
}

function label(kind: Kind): string {
    return kind === "segments" ? "Segment" : "Access profile";
}

/** The top-level field a JSON Pointer addresses ("/entitlements/3" -> "entitlements"). */
function topField(pointer: string): string | undefined {
    if (!pointer.startsWith("/")) return undefined;
    const first = pointer.slice(1).split("/")[0];
    return first === "" ? undefined : first.replace(/~1/g, "/").replace(/~0/g, "~");
}

/** `/v3/segments/abc`, `/beta/access-profiles/abc/entitlements`, `/segments/v1/abc`, `/v2025/sources`. */
export function parseRoute(pathname: string): Route | undefined {
    let parts: string[];
    try {
        parts = pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
        return undefined; // malformed percent-encoding: no such route
    }
    let version: string;
    let rest: string[];
    if (VERSIONS.includes(parts[0])) {
        version = parts[0];
        rest = parts.slice(1);
    } else if ((parts[0] === "segments" || parts[0] === "access-profiles") && parts[1] === "v1") {
        version = `${parts[0]}/v1`;
        rest = [parts[0], ...parts.slice(2)];
    } else return undefined;
    const [collection, id, sub, extra] = rest;
    if (extra !== undefined) return undefined;
    if (!(KINDS as readonly string[]).includes(collection) && !REFERENCE_COLLECTIONS.includes(collection)) return undefined;
    return { version, collection, ...(id !== undefined ? { id } : {}), ...(sub !== undefined ? { sub } : {}) };
}
