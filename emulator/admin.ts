/**
 * The admin API under /__emulator/, kept apart from the ISC routes: reset, state, populate, the request log,
 * run-time config, token expiry, in-use marks, and objects changed behind the provider's back (drift).
 */
import * as crypto from "crypto";
import type * as http from "http";
import type { Answer } from "./answer";
import type { EmulatorConfig, RequestLogEntry } from "./config";
import { CODES, errorBody, HttpError, show } from "./errors";
import { readBody, send } from "./http-io";
import { populateSettings, PopulateSettings } from "./populate-settings";
import { label } from "./routes";
import { AccessProfileUser, Kind, Store } from "./store";
import { isObject, Json, JsonObject } from "./validation";

/** What the admin API reaches of the server. */
export interface AdminTarget {
    readonly store: Store;
    resetAll(): void;
    state(): Record<string, unknown>;
    populate(settings: PopulateSettings | null): Record<string, number>;
    requests(): RequestLogEntry[];
    clearRequests(): void;
    currentConfig(): EmulatorConfig;
    changeConfig(change: Json): EmulatorConfig;
    expireTokens(): number;
    validate(kind: Kind, fields: JsonObject): void;
    insert(kind: Kind, fields: JsonObject, everywhere?: boolean): JsonObject;
    stamp(): string;
}

/** Answers one admin request. */
export async function serveAdmin(t: AdminTarget, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const parts = url.pathname.split("/").filter(Boolean).slice(1); // after "__emulator"
    let body: Json;
    try {
        const raw = await readBody(req);
        body = raw.trim() === "" ? null : (JSON.parse(raw) as Json);
    } catch (e) {
        return send(res, 400, { error: `invalid JSON body: ${(e as Error).message}` });
    }
    try {
        const answer = adminRoute(t, method, parts, body);
        send(res, answer.status, answer.body);
    } catch (e) {
        if (e instanceof HttpError) return send(res, e.status, errorBody(e.code, e.texts));
        throw e;
    }
}

export function adminRoute(t: AdminTarget, method: string, parts: string[], body: Json): Answer {
    const [head, a, b, c] = parts;
    if (head === "reset" && method === "POST") {
        t.resetAll();
        return { status: 200, body: { ok: true } };
    }
    if (head === "state" && method === "GET") return { status: 200, body: t.state() };
    if ((head === "populate" || head === "seed") && !a && method === "POST") {
        const settings = populateSettings(body);
        return { status: 200, body: { settings, counts: t.populate(settings) } };
    }
    if (head === "requests" && !a) {
        if (method === "GET") return { status: 200, body: t.requests() };
        if (method === "DELETE") {
            t.clearRequests();
            return { status: 204 };
        }
    }
    if (head === "config" && !a) {
        if (method === "GET") return { status: 200, body: t.currentConfig() };
        if (method === "PATCH") return { status: 200, body: t.changeConfig(body) };
    }
    if (head === "tokens" && a === "expire" && method === "POST") {
        return { status: 200, body: { expired: t.expireTokens() } };
    }
    if (head === "access-profiles" && a && b === "in-use" && method === "PUT" && !c) {
        const profile = t.store.current("access-profiles", a);
        if (!profile) throw new HttpError(404, CODES.notFound, [`Access profile "${a}" was not found.`]);
        const usedBy = inUseChange(body, profile);
        if (usedBy) t.store.inUse.set(a, usedBy);
        else t.store.inUse.delete(a);
        return { status: 200, body: { id: a, inUse: usedBy !== null, usedBy: usedBy ?? [] } };
    }
    if (head === "objects" && (a === "segments" || a === "access-profiles")) {
        const kind = a as Kind;
        if (!b && method === "POST") {
            if (!isObject(body)) throw new HttpError(400, CODES.badContent, ["Send the object as JSON."]);
            const fields = { ...body };
            delete fields.id;
            t.validate(kind, fields);
            return { status: 201, body: t.insert(kind, fields, true) };
        }
        if (b && !c) {
            const current = t.store.current(kind, b);
            if (!current) throw new HttpError(404, CODES.notFound, [`${label(kind)} "${b}" was not found.`]);
            if (method === "GET") return { status: 200, body: current };
            if (method === "DELETE") {
                t.store.putEverywhere(kind, b, null);
                return { status: 204 };
            }
            if (method === "PATCH" && isObject(body)) {
                // Drift: a change behind the provider's back, as the ISC UI would make it. No validation, and
                // every read sees it at once (it happened "long ago" as far as replicas are concerned).
                const drifted: JsonObject = { ...current, ...body, id: b, created: current.created, modified: t.stamp() };
                t.store.putEverywhere(kind, b, drifted);
                return { status: 200, body: drifted };
            }
        }
    }
    throw new HttpError(404, CODES.notFound, [`No admin route for ${method} /__emulator/${parts.join("/")}.`]);
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
        const id = crypto
            .createHash("sha256")
            .update(`role:${String(profile.id)}`)
            .digest("hex")
            .slice(0, 32);
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
