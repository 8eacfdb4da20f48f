/**
 * What an export reads from the tenant: the objects to export, and just enough about the objects they refer to
 * (identities, sources, entitlements, governance groups) to write each reference as a lookup by name where the
 * name is unique, or as an id otherwise.
 *
 * Calls, for S segments, P access profiles and R distinct referenced objects: ceil(S/250) + ceil(P/250) pages, the
 * sources' and governance groups' lists (a page each in most tenants), referenced identities and entitlements by id
 * in batches of 50, and one uniqueness check per 50 entitlement values per source.
 */
import { allOf, canFilter, quote, type IscClient } from "../client";

export interface Ref {
    type?: string;
    id: string;
    name?: string;
}
export type Json = Record<string, unknown>;

export interface TenantObjects {
    segments: Json[];
    accessProfiles: Json[];
    /** Referenced identities by id: display name and alias (the alias is unique in ISC). */
    identities: Map<string, { name: string; alias: string | null }>;
    /** Every source, by id. */
    sources: Map<string, { name: string }>;
    /** Referenced entitlements by id: their source, value and whether that value is unique on the source. */
    entitlements: Map<string, { sourceId: string; value: string | null; name: string; uniqueValue: boolean }>;
    /** Every governance group, by id. */
    governanceGroups: Map<string, { name: string }>;
}

export interface ExportOptions {
    kinds: ReadonlyArray<"segments" | "access-profiles">;
    /** Only objects whose name matches. */
    nameFilter?: RegExp;
    segmentsPath: string;
    accessProfilesPath: string;
    /** Called with a line of progress (stderr in the CLI). */
    progress?: (line: string) => void;
}

const IN_BATCH = 50;

async function listAll(client: IscClient, path: string, what: string, progress: (line: string) => void, query: Json = {}): Promise<Json[]> {
    const items: Json[] = [];
    let total: number | undefined;
    for (;;) {
        const res = await client.request<unknown>("GET", path, {
            query: { ...(query as Record<string, string>), limit: 250, offset: items.length, ...(items.length === 0 ? { count: true } : {}) },
        });
        const page = Array.isArray(res.body) ? (res.body as Json[]) : [];
        if (items.length === 0 && /^\d+$/.test(res.headers["x-total-count"] ?? "")) total = Number(res.headers["x-total-count"]);
        items.push(...page);
        if (total !== undefined && total > 250) progress(`  ${what}: ${items.length} / ${total}`);
        if (page.length === 0 || (total !== undefined ? items.length >= total : page.length < 250)) return items;
    }
}

async function byIds(client: IscClient, path: string, ids: string[], what: string, progress: (line: string) => void): Promise<Json[]> {
    const out: Json[] = [];
    for (let i = 0; i < ids.length; i += IN_BATCH) {
        const batch = ids.slice(i, i + IN_BATCH);
        out.push(...(await listAll(client, path, what, () => undefined, { filters: `id in (${batch.map(quote).join(",")})` })));
        if (ids.length > IN_BATCH) progress(`  ${what}: ${Math.min(i + IN_BATCH, ids.length)} / ${ids.length}`);
    }
    return out;
}

const refs = (value: unknown): Ref[] =>
    Array.isArray(value) ? value.filter((r): r is Ref => !!r && typeof r === "object" && typeof (r as Ref).id === "string") : [];
const ref = (value: unknown): Ref[] => refs(value === null || value === undefined ? [] : [value]);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** Governance-group ids an access profile refers to: approvers and additional owners. */
export function groupIdsOf(profile: Json): string[] {
    const ids: string[] = [];
    for (const config of [profile.accessRequestConfig, profile.revocationRequestConfig]) {
        const schemes = (config as { approvalSchemes?: unknown } | null)?.approvalSchemes;
        for (const s of Array.isArray(schemes) ? schemes : []) {
            const scheme = s as { approverType?: unknown; approverId?: unknown };
            if ((scheme.approverType === "GOVERNANCE_GROUP" || scheme.approverType === "ADDITIONAL_GOVERNANCE_GROUP") && typeof scheme.approverId === "string")
                ids.push(scheme.approverId);
        }
    }
    for (const owner of refs(profile.additionalOwners)) if (owner.type === "GOVERNANCE_GROUP") ids.push(owner.id);
    return ids;
}

export async function readTenant(client: IscClient, opts: ExportOptions): Promise<TenantObjects> {
    const progress = opts.progress ?? (() => undefined);
    const keep = (o: Json) => !opts.nameFilter || opts.nameFilter.test(String(o.name ?? ""));
    progress("reading segments and access profiles");
    const segments = opts.kinds.includes("segments") ? (await listAll(client, opts.segmentsPath, "segments", progress)).filter(keep) : [];
    const accessProfiles = opts.kinds.includes("access-profiles")
        ? (await listAll(client, opts.accessProfilesPath, "access profiles", progress)).filter(keep)
        : [];

    const identityIds = new Set<string>();
    const entitlementIds = new Set<string>();
    const groupIds = new Set<string>();
    for (const s of segments) for (const o of ref(s.owner)) identityIds.add(o.id);
    for (const p of accessProfiles) {
        for (const o of ref(p.owner)) identityIds.add(o.id);
        for (const o of refs(p.additionalOwners)) if (o.type !== "GOVERNANCE_GROUP") identityIds.add(o.id);
        for (const e of refs(p.entitlements)) entitlementIds.add(e.id);
        for (const g of groupIdsOf(p)) groupIds.add(g);
    }

    progress(`reading ${identityIds.size} identities, the sources, ${entitlementIds.size} entitlements${groupIds.size ? ", the governance groups" : ""}`);
    const identities = new Map<string, { name: string; alias: string | null }>();
    for (const i of await byIds(client, "/v2025/identities", [...identityIds].sort(), "identities", progress)) {
        identities.set(String(i.id), { name: String(i.name ?? ""), alias: str(i.alias) });
    }
    const sources = new Map<string, { name: string }>();
    for (const s of await listAll(client, "/v3/sources", "sources", progress)) sources.set(String(s.id), { name: String(s.name ?? "") });
    const governanceGroups = new Map<string, { name: string }>();
    if (groupIds.size)
        for (const g of await listAll(client, "/beta/workgroups", "governance groups", progress))
            governanceGroups.set(String(g.id), { name: String(g.name ?? "") });

    const entitlements = new Map<string, { sourceId: string; value: string | null; name: string; uniqueValue: boolean }>();
    for (const e of await byIds(client, "/v2025/entitlements", [...entitlementIds].sort(), "entitlements", progress)) {
        const source = (e.source ?? {}) as { id?: unknown };
        entitlements.set(String(e.id), { sourceId: String(source.id ?? ""), value: str(e.value), name: String(e.name ?? ""), uniqueValue: false });
    }
    // A value is written as a lookup only when the program's lookup will find exactly this entitlement: one
    // entitlement of its source holds it, and ISC's filter can carry it (otherwise the lookup would page the source).
    const bySource = new Map<string, string[]>();
    for (const e of entitlements.values()) if (e.value !== null && canFilter(e.value)) bySource.set(e.sourceId, [...(bySource.get(e.sourceId) ?? []), e.value]);
    for (const [sourceId, values] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const counts = new Map<string, number>();
        const distinct = [...new Set(values)].sort();
        for (let i = 0; i < distinct.length; i += IN_BATCH) {
            const batch = distinct.slice(i, i + IN_BATCH);
            const filters = allOf(`source.id eq ${quote(sourceId)}`, `value in (${batch.map(quote).join(",")})`)!;
            for (const hit of await listAll(client, "/v2025/entitlements", "entitlements", () => undefined, { filters })) {
                const v = str(hit.value);
                if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
            }
        }
        for (const e of entitlements.values()) if (e.sourceId === sourceId && e.value !== null && counts.get(e.value) === 1) e.uniqueValue = true;
    }
    return { segments, accessProfiles, identities, sources, entitlements, governanceGroups };
}
