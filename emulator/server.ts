/**
 * The ISC emulator's HTTP server: OAuth, segments and access profiles under every version prefix, the
 * seeded tenant's reference objects, rate limits, eventual consistency, fault injection, and an admin API
 * under /__emulator/ kept apart from the ISC routes. Which handler a request reaches is dispatch.ts's.
 */
import * as http from "http";
import { CODES, errorBody, HttpError, show } from "./errors";
import { dispatch, type IscOperations } from "./dispatch";
import { readBody, send, tryJson } from "./http-io";
import { listObjects } from "./lists";
import { applyOperations, checkSourceChange, patchOperations, writableFields } from "./patching";
import { populate } from "./populate";
import type { PopulatedObject } from "./populate-access";
import type { PopulateSettings } from "./populate-settings";
import { serveAdmin } from "./admin";
import type { Answer } from "./answer";
import { bulkDelete } from "./bulk-delete";
import { ClientCredentials, EmulatorConfig, mergeConfig, RequestLogEntry } from "./config";
import { EchoVariation, echoedBody } from "./echo";
import { FaultInjector } from "./faults";
import { TokenIssuer } from "./oauth";
import { presented } from "./present";
import { RateWindows } from "./rate-limit";
import { hexId, Random, seeded } from "./random";
import { label, parseRoute } from "./routes";
import { forbidden } from "./scopes";
import { Kind, Store } from "./store";
import { seedTenant } from "./tenant";
import type { ReferenceData } from "./tenant-types";
import { createViolations, patchViolations } from "./write-rules";
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

const LOG_LIMIT = 200_000;

export class EmulatorServer {
    readonly server: http.Server;
    private config: EmulatorConfig;
    private data!: ReferenceData;
    readonly store = new Store();
    private readonly tokens: TokenIssuer;
    private readonly windows = new RateWindows();
    private log: RequestLogEntry[] = [];
    private seq = 0;
    private lastStamp = 0;
    /** Object ids: reset with the tenant, so the n-th object created after a reset always gets the same id. */
    private ids!: Random;
    /** Lag draws, and fault draws in the arrival sequence. */
    private chance!: Random;
    private readonly faults = new FaultInjector();
    /** Tokens and task ids: never reset (a token issued after a reset must not equal one issued before). */
    private readonly misc: Random;
    /** What dispatch.ts routes a request to. */
    private readonly operations: IscOperations = {
        data: () => this.data,
        bulkDelete: (body) => bulkDelete(body, this.store, this.keepMs(), this.misc),
        read: (kind, id) => this.readView(kind, id),
        list: (kind, url) => this.list(kind, url),
        create: (kind, body) => this.create(kind, body),
        patch: (kind, id, body) => this.patch(kind, id, body),
        remove: (kind, id) => this.remove(kind, id),
    };
    /** Echo variation's generators; null when off, and again after a reset or a change of its config (a restart). */
    private echo: EchoVariation | null = null;

    constructor(
        private readonly seed: number,
        clients: ClientCredentials[],
        private readonly initialConfig: EmulatorConfig,
        /** Objects added to the seeded tenant at start-up and after every reset; null: the small tenant only. */
        private readonly initialPopulation: PopulateSettings | null = null,
    ) {
        this.config = structuredClone(initialConfig);
        this.misc = seeded(seed * 15485863 + 11);
        this.tokens = new TokenIssuer(clients, this.misc);
        this.reseed();
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((e: unknown) => {
                // Never crash: whatever went wrong becomes a 500 with a body.
                if (!res.headersSent) send(res, 500, errorBody(CODES.internal, [`Emulator error: ${e instanceof Error ? e.message : String(e)}`]));
            });
        });
        this.server.keepAliveTimeout = 5_000;
    }

    private reseed(): void {
        this.chance = seeded(this.seed * 104729 + 3);
        this.faults.restart();
        this.echo = null;
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
        this.faults.forgetObjects();
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

    stamp(): string {
        this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
        return new Date(this.lastStamp).toISOString();
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        // Prefixing the origin keeps a path like "//v3/segments" a path (new URL would read "v3" as a host).
        const target = req.url ?? "/";
        const url = new URL(target.startsWith("/") ? `http://emulator${target}` : target, "http://emulator");
        if (url.pathname.startsWith("/__emulator/")) return serveAdmin(this, req, res, url);
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
            send(res, status, body, headers);
        };

        let raw: string;
        try {
            raw = await readBody(req);
        } catch (e) {
            if (e instanceof HttpError) return reply(e.status, errorBody(e.code, e.texts));
            throw e;
        }
        entry.requestBody = raw === "" ? null : tryJson(raw);

        if (url.pathname === "/oauth/token") {
            const { status, body } = this.tokens.token(method, raw, req.headers["content-type"], url, entry, this.config.tokenLifetimeSeconds);
            return reply(status, body);
        }

        // Authentication.
        const token = this.tokens.authenticate(req.headers.authorization);
        if ("status" in token) return reply(token.status, token.body);
        entry.clientId = token.clientId;

        const route = parseRoute(url.pathname);
        if (!route) return reply(404, errorBody(CODES.notFound, [`No route for ${method} ${url.pathname}.`]));

        const rl = this.config.rateLimit;
        const retryAfter = rl ? this.windows.admit(rl, token.clientId, route.version) : null;
        if (retryAfter !== null) return reply(429, { message: " Rate Limit Exceeded " }, { "Retry-After": String(retryAfter) });
        const denied = forbidden(method, route, token.scopes);
        if (denied) return reply(403, denied);

        const f = this.config.faults;
        if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));

        const { fault, applyFirst, key, occurrence } = this.faults.draw(f, this.seed, this.chance, {
            method,
            route,
            query: url.searchParams,
            body: entry.requestBody,
        });
        Object.assign(entry, { fault, faultKey: key, faultOccurrence: occurrence });
        if (fault === "rate-limit") return reply(429, { message: " Rate Limit Exceeded " }, { "Retry-After": "1" });

        let answer: Answer | undefined;
        if (fault === null || applyFirst) {
            try {
                answer = presented(route, dispatch(this.operations, method, route, url, raw, req.headers["content-type"]));
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
        reply(answer!.status, echoedBody(this.echoing(), route, answer!), answer!.headers);
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

    /** The echo variation in force (echo.ts), its generators restarted whenever its config is set. */
    private echoing(): EchoVariation | null {
        const want = this.config.echoVariation;
        return want ? (this.echo ??= new EchoVariation(want.seed)) : (this.echo = null);
    }

    private list(kind: Kind, url: URL): Answer {
        return listObjects(kind, this.store.listAt(kind, this.readTime()), url.searchParams);
    }

    validate(kind: Kind, obj: JsonObject): void {
        const violations = kind === "segments" ? validateSegment(obj, this.data) : validateAccessProfile(obj, this.data);
        if (violations.length) throw HttpError.of(violations);
    }

    private normalize(kind: Kind, obj: JsonObject): JsonObject {
        return kind === "segments" ? normalizeSegment(obj, this.data) : normalizeAccessProfile(obj, this.data);
    }

    private create(kind: Kind, body: Json): Answer {
        if (!isObject(body)) throw new HttpError(400, CODES.badContent, [`The ${label(kind).toLowerCase()} must be a JSON object, not ${show(body)}.`]);
        const fields = writableFields(body);
        this.validate(kind, fields);
        const refused = createViolations(kind, fields, this.config);
        if (refused.length) throw HttpError.of(refused);
        return { status: 201, body: this.insert(kind, fields), applied: true };
    }

    /**
     * Stores a valid object as new; returns it as the server shows it. `everywhere`: every read sees it at once,
     * however much lag is configured (the admin API's objects, made "before" the provider looks).
     */
    insert(kind: Kind, fields: JsonObject, everywhere = false): JsonObject {
        const hex = hexId(this.ids);
        const id = this.echoing()?.idFor(hex) ?? hex;
        this.faults.noteObject(kind, id, fields.name);
        const at = this.stamp();
        const obj: JsonObject = { id, ...this.normalize(kind, fields), created: at, modified: at };
        if (everywhere) this.store.putEverywhere(kind, id, obj);
        else this.store.put(kind, id, obj, Date.now(), this.keepMs());
        return obj;
    }

    private patch(kind: Kind, id: string, body: Json): Answer {
        const current = this.store.current(kind, id);
        if (!current) throw new HttpError(404, CODES.notFound, [`${label(kind)} "${id}" was not found.`]);
        const patchable: readonly string[] = kind === "segments" ? SEGMENT_FIELDS : ACCESS_PROFILE_FIELDS;
        const ops = patchOperations(body, patchable, { refuseTest: this.config.refuseTestOperations });
        const result = applyOperations(current, ops);
        if (!isObject(result)) throw new HttpError(400, CODES.badContent, ["The patch does not leave an object."]);
        if (kind === "access-profiles") checkSourceChange(current, result, ops);
        const fields = writableFields(result);
        this.validate(kind, fields);
        const refused = patchViolations(kind, current, fields, this.config);
        if (refused.length) throw HttpError.of(refused);
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

    // ---- admin API -------------------------------------------------------------------------------------

    // What the admin API reaches (see admin.ts).

    resetAll(): void {
        this.config = structuredClone(this.initialConfig);
        this.reseed();
    }

    populate(settings: PopulateSettings | null): Record<string, number> {
        const objects = this.fill(settings);
        const d = this.data;
        return {
            identities: d.identities.length,
            sources: d.sources.length,
            entitlements: d.entitlements.length,
            governanceGroups: d.governanceGroups.length,
            ...objects,
        };
    }

    requests = (): RequestLogEntry[] => this.log;
    clearRequests = (): void => {
        this.log = [];
    };
    currentConfig = (): EmulatorConfig => this.config;
    expireTokens = (): number => this.tokens.expireAll();

    changeConfig(change: Json): EmulatorConfig {
        this.config = mergeConfig(this.config, change);
        if (isObject(change) && "faults" in change) this.faults.restart();
        if (isObject(change) && "echoVariation" in change) this.echo = null;
        return this.config;
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
