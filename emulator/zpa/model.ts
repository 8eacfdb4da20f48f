/**
 * Segment groups and application segments as the ZPA emulator stores, checks and shows them.
 *
 * Stored group: `{id, name, description, enabled, microtenantId, creationTime, modifiedTime, modifiedBy}`. Which
 * applications a group has is not stored on the group: each application segment carries its `segmentGroupId`
 * (one group per application), and a read of a group shows the applications pointing at it, as fuller objects.
 */
import { isObject, type Json, type JsonObject } from "../validation";
import { invalid, shown } from "./errors";

/** What a POST or PUT body sets; a PUT replaces every one of them (what is not sent is reset). */
export interface GroupWrite {
    name: string;
    description: string;
    enabled: boolean;
    applicationIds: string[];
    microtenantId: string | null;
}

/** Reads a segment group body. Unknown and read-only fields are ignored, as ZPA does. */
export function groupWrite(body: Json): GroupWrite {
    if (!isObject(body)) throw invalid(`The segment group must be a JSON object, not ${shown(body)}.`, "body");
    const name = body.name;
    if (name === undefined || name === null) throw invalid("name is required.", "name");
    if (typeof name !== "string") throw invalid(`name must be a string, not ${shown(name)}.`, "name");
    if (name.trim() === "") throw invalid("name may not be blank.", "name");
    const description = body.description ?? "";
    if (typeof description !== "string") throw invalid(`description must be a string, not ${shown(description)}.`, "description");
    const enabled = body.enabled ?? false;
    if (typeof enabled !== "boolean") throw invalid(`enabled must be true or false, not ${shown(enabled)}.`, "enabled");
    const microtenantId = body.microtenantId ?? null;
    if (microtenantId !== null && (typeof microtenantId !== "string" || !/^\d+$/.test(microtenantId))) {
        throw invalid(`microtenantId must be a numeric string, not ${shown(microtenantId)}.`, "microtenantId");
    }
    return { name, description, enabled, applicationIds: applicationIds(body.applications), microtenantId };
}

/** `applications: [{id}]` (absent or null: none), ids deduplicated in order. */
function applicationIds(v: Json | undefined): string[] {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw invalid(`applications must be an array of {"id": "..."}, not ${shown(v)}.`, "applications");
    const ids: string[] = [];
    v.forEach((a, i) => {
        const id = isObject(a) ? a.id : undefined;
        if (typeof id !== "string" || !/^\d+$/.test(id))
            throw invalid(`applications[${i}] must be {"id": "<numeric string>"}, not ${shown(a)}.`, "applications");
        if (!ids.includes(id)) ids.push(id);
    });
    return ids;
}

/** The content a PUT may change, as compared for `changedFields`: stored fields plus the application ids, sorted. */
export function comparable(group: JsonObject, applicationIds: string[]): Record<string, Json> {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(group)) if (k !== "modifiedTime" && k !== "modifiedBy") out[k] = v;
    out.applications = [...applicationIds].sort();
    return out;
}

/** The fields whose value differs between two comparable forms, sorted. */
export function changedFields(before: Record<string, Json>, after: Record<string, Json>): string[] {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).sort();
}

function microtenant(o: JsonObject): JsonObject {
    const id = o.microtenantId;
    return typeof id === "string" ? { microtenantId: id, microtenantName: `Microtenant ${id}` } : {};
}

/** An application segment as GET /application shows it. */
export function presentApplication(app: JsonObject, groupName: string | undefined): JsonObject {
    const inGroup: JsonObject = typeof app.segmentGroupId === "string" ? { segmentGroupId: app.segmentGroupId, segmentGroupName: groupName ?? "" } : {};
    return { ...applicationBody(app), ...inGroup };
}

/** The fields of an application segment every read shows (inside a group too). */
function applicationBody(app: JsonObject): JsonObject {
    return {
        id: app.id,
        name: app.name,
        ...(app.description ? { description: app.description } : {}),
        enabled: app.enabled,
        domainNames: app.domainNames,
        bypassType: "NEVER",
        configSpace: "DEFAULT",
        creationTime: app.creationTime,
        modifiedTime: app.modifiedTime,
        modifiedBy: app.modifiedBy,
        doubleEncrypt: false,
        healthCheckType: "DEFAULT",
        ipAnchored: false,
        passiveHealthEnabled: true,
        tcpPortRanges: app.tcpPortRanges,
        ...microtenant(app),
    };
}

/**
 * A segment group as a read shows it: empty description and empty applications left out, `configSpace`, the
 * deprecated `policyMigrated` and `tcpKeepAliveEnabled` in (a client must send back what it does not know).
 */
export function presentGroup(group: JsonObject, apps: JsonObject[]): JsonObject {
    return {
        id: group.id,
        name: group.name,
        ...(group.description ? { description: group.description } : {}),
        enabled: group.enabled,
        configSpace: "DEFAULT",
        creationTime: group.creationTime,
        modifiedBy: group.modifiedBy,
        modifiedTime: group.modifiedTime,
        policyMigrated: true,
        tcpKeepAliveEnabled: "0",
        ...microtenant(group),
        ...(apps.length ? { applications: apps.map(applicationBody) } : {}),
    };
}

/** Seed for an application segment (the `applications` option). */
export interface ApplicationSeed {
    id?: string;
    name: string;
    description?: string;
    enabled?: boolean;
    domainNames?: string[];
    microtenantId?: string;
}

export const DEFAULT_APPLICATIONS: readonly ApplicationSeed[] = [
    { name: "CRM Portal", domainNames: ["crm.corp.example"] },
    { name: "HR Wiki", domainNames: ["wiki.hr.example"] },
    { name: "Build Server", domainNames: ["ci.corp.example"] },
    { name: "Git Server", domainNames: ["git.corp.example"] },
    { name: "Payroll", domainNames: ["payroll.corp.example"] },
    { name: "Ticketing", domainNames: ["tickets.corp.example"] },
];

/** A search filter: `name+EQ+value` (also with spaces, as a decoded `+` reads), or plain text: name contains it. */
export function searchFilter(search: string | null): (o: JsonObject) => boolean {
    if (search === null || search.trim() === "") return () => true;
    const m = /^(\w+)[+ ](EQ|NE|CONTAINS|STARTSWITH|ENDSWITH)[+ ](.*)$/i.exec(search.trim());
    if (!m) {
        const text = search.trim().toLowerCase();
        return (o) => String(o.name).toLowerCase().includes(text);
    }
    const [, field, op, rawValue] = m;
    if (!["name", "id", "description"].includes(field)) throw invalid(`search: unknown field ${shown(field)}; known: name, id, description.`, "search");
    const value = rawValue.toLowerCase();
    const test: Record<string, (v: string) => boolean> = {
        EQ: (v) => v === value,
        NE: (v) => v !== value,
        CONTAINS: (v) => v.includes(value),
        STARTSWITH: (v) => v.startsWith(value),
        ENDSWITH: (v) => v.endsWith(value),
    };
    const t = test[op.toUpperCase()];
    return (o) => t(String(o[field] ?? "").toLowerCase());
}

/** One page of `items`: `page` from 1, `pagesize` 1..500 (default 20); `list` left out of an empty page. */
export function page(items: JsonObject[], query: URLSearchParams): JsonObject {
    const whole = (name: string, fallback: number, max: number): number => {
        const text = query.get(name);
        if (text === null || text === "") return fallback;
        const n = Number(text);
        if (!/^\d+$/.test(text) || n < 1 || n > max) throw invalid(`${name} must be a whole number from 1 to ${max}, not ${shown(text)}.`, name);
        return n;
    };
    const pageNo = whole("page", 1, Number.MAX_SAFE_INTEGER);
    const size = whole("pagesize", 20, 500);
    const totalPages = Math.ceil(items.length / size);
    const slice = items.slice((pageNo - 1) * size, pageNo * size);
    return slice.length ? { totalPages: String(totalPages), list: slice } : { totalPages: String(totalPages) };
}
