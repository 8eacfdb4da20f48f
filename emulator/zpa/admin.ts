/**
 * The ZPA emulator's admin API under `/__admin` (no auth), kept apart from Zscaler's paths:
 *   GET    /__admin/requests                          the request log (PUTs with the emulator's `changedFields`)
 *   DELETE /__admin/requests                          empties it
 *   GET    /__admin/segmentGroups                     every group now (no lag), as a read shows it
 *   POST   /__admin/segmentGroups                     a group "made in the UI" (every read sees it at once)
 *   POST   /__admin/segmentGroups/{id}                drift: change fields as the UI would (only those sent)
 *   POST   /__admin/segmentGroups/{id}/policyRule     mark in use by a policy rule ({inUse: false} unmarks)
 *   GET    /__admin/applications                      every application segment now
 *   GET    /__admin/config, POST /__admin/config      the run-time config; a change of any part of it
 *   POST   /__admin/tokens/expire                     every issued token expires
 *   POST   /__admin/reset                             back to the start (config, tenant, log, fault sequences)
 */
import * as crypto from "crypto";
import type * as http from "http";
import { readBody, send } from "../http-io";
import { isObject, type Json } from "../validation";
import { mergeZpaConfig } from "./config";
import { ZpaError, invalid, notFound, shown, zpaBody } from "./errors";
import { groupWrite, type GroupWrite } from "./model";
import type { ZpaServer } from "./server";

export async function serveZpaAdmin(s: ZpaServer, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    let body: Json;
    try {
        const raw = await readBody(req);
        body = raw.trim() === "" ? null : (JSON.parse(raw) as Json);
    } catch (e) {
        return send(res, 400, zpaBody("bad.request", `The admin request body is not valid JSON: ${(e as Error).message}`));
    }
    try {
        const [status, answer] = adminRoute(s, method, url.pathname.split("/").filter(Boolean).slice(1), body);
        send(res, status, answer);
    } catch (e) {
        if (e instanceof ZpaError) return send(res, e.status, e.body());
        throw e;
    }
}

function adminRoute(s: ZpaServer, method: string, parts: string[], body: Json): [number, unknown?] {
    const [head, a, b, c] = parts;
    if (head === "reset" && !a && method === "POST") {
        s.resetAll();
        return [200, { ok: true }];
    }
    if (head === "requests" && !a) {
        if (method === "GET") return [200, s.log];
        if (method === "DELETE") {
            s.log = [];
            return [204];
        }
    }
    if (head === "config" && !a) {
        if (method === "GET") return [200, s.config];
        if (method === "POST") {
            s.changeConfig(mergeZpaConfig(s.config, body), body);
            return [200, s.config];
        }
    }
    if (head === "tokens" && a === "expire" && !b && method === "POST") return [200, { expired: s.tokens.expireAll() }];
    if (head === "applications" && !a && method === "GET") return [200, s.tenant.allApplications()];
    if (head === "segmentGroups") {
        if (!a && method === "GET") return [200, s.tenant.allGroups()];
        if (!a && method === "POST") return [200, s.tenant.createGroup(groupWrite(body), new URLSearchParams(), true)];
        if (a && !b && method === "GET") return [200, s.tenant.currentGroup(a) ?? missing(a)];
        if (a && !b && method === "POST") return [200, s.tenant.drift(a, driftChange(body))];
        if (a && b === "policyRule" && !c && method === "POST") return [200, markInUse(s, a, body)];
    }
    throw new ZpaError(404, "resource.not.found", `No admin API at ${method} /__admin/${parts.join("/")}.`);
}

function missing(id: string): never {
    throw notFound("Segment group", id);
}

/** A drift body: any of name, description, enabled, applications ([{id}] or ids), checked as the UI would. */
function driftChange(body: Json): Partial<GroupWrite> {
    if (!isObject(body)) throw invalid(`Send the fields to change as a JSON object, not ${shown(body)}.`, "body");
    const allowed = ["name", "description", "enabled", "applications"];
    for (const k of Object.keys(body)) if (!allowed.includes(k)) throw invalid(`Drift changes ${allowed.join(", ")}; not ${shown(k)}.`, k);
    const apps = Array.isArray(body.applications) ? body.applications.map((x) => (typeof x === "string" ? { id: x } : x)) : body.applications;
    // Checked as a whole group would be, then only the fields sent are kept.
    const full = groupWrite({ name: "x", ...body, applications: apps ?? null });
    const change: Partial<GroupWrite> = {};
    if ("name" in body) change.name = full.name;
    if ("description" in body) change.description = full.description;
    if ("enabled" in body) change.enabled = full.enabled;
    if ("applications" in body) change.applicationIds = full.applicationIds;
    return change;
}

/** `{inUse?: true|false, ruleName?: string}`: marks (default) or unmarks the group as used by a policy rule. */
function markInUse(s: ZpaServer, id: string, body: Json): unknown {
    const group = s.tenant.groups.current(id);
    if (!group) return missing(id);
    const b = isObject(body) ? body : {};
    if (body !== null && !isObject(body)) throw invalid(`Send {"inUse": true|false, "ruleName": "..."}, not ${shown(body)}.`, "body");
    for (const k of Object.keys(b)) if (k !== "inUse" && k !== "ruleName") throw invalid(`Unknown field ${shown(k)}; known: inUse, ruleName.`, k);
    if (b.inUse !== undefined && typeof b.inUse !== "boolean") throw invalid(`inUse must be true or false, not ${shown(b.inUse)}.`, "inUse");
    if (b.ruleName !== undefined && typeof b.ruleName !== "string") throw invalid(`ruleName must be a string, not ${shown(b.ruleName)}.`, "ruleName");
    if (b.inUse === false) s.tenant.inUse.delete(id);
    else {
        const ruleId = String(BigInt("0x" + crypto.createHash("sha256").update(`rule:${id}`).digest("hex").slice(0, 13)));
        s.tenant.inUse.set(id, [{ id: ruleId, name: typeof b.ruleName === "string" ? b.ruleName : `Access rule for ${String(group.name)}` }]);
    }
    return { id, inUse: s.tenant.inUse.has(id), policyRules: s.tenant.inUse.get(id) ?? [] };
}
