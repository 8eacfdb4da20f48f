/**
 * The ZPA tenant's segment groups and application segments, and what the API does to them. Writes apply to the
 * latest state; reads see the state of `lagMs()` ago. Ids are numeric strings handed out in order from the
 * customer id, so the n-th group created after a reset always gets the same id.
 */
import type { JsonObject } from "../validation";
import { ZpaError, invalid, notFound, shown } from "./errors";
import { History } from "./history";
import { comparable, changedFields, page, presentApplication, presentGroup, searchFilter, type ApplicationSeed, type GroupWrite } from "./model";

/** The admin id that API writes show in `modifiedBy`, and the one for changes "made in the UI" (drift). */
const API_ADMIN = "72057594037928115";
export const UI_ADMIN = "72057594037928116";

export interface PolicyRuleUse {
    id: string;
    name: string;
}

export class ZpaTenant {
    readonly groups = new History();
    readonly apps = new History();
    /** Segment groups used by policy rules, by group id. */
    readonly inUse = new Map<string, PolicyRuleUse[]>();
    private nextGroup = 1;
    private nextApp = 1;

    constructor(
        private readonly customerId: string,
        private readonly lagMs: () => number,
        /** Called with each new group's id and creation name (fault keys name groups by it). */
        private readonly created: (id: string, name: string) => void,
    ) {}

    /** Empties the tenant and seeds the application segments (none in a group). */
    reset(seeds: readonly ApplicationSeed[]): void {
        this.groups.clear();
        this.apps.clear();
        this.inUse.clear();
        this.nextGroup = 1;
        this.nextApp = 1;
        const at = epoch();
        for (const s of seeds) {
            const id = s.id ?? this.newId(200_000, this.nextApp++);
            const app: JsonObject = {
                id,
                name: s.name,
                description: s.description ?? "",
                enabled: s.enabled ?? true,
                domainNames: s.domainNames ?? [],
                tcpPortRanges: ["443", "443"],
                microtenantId: s.microtenantId ?? null,
                segmentGroupId: null,
                creationTime: at,
                modifiedTime: at,
                modifiedBy: API_ADMIN,
            };
            this.apps.putEverywhere(id, app);
        }
    }

    private newId(offset: number, n: number): string {
        const base = /^\d+$/.test(this.customerId) ? BigInt(this.customerId) : 216196257331281920n;
        return String(base + BigInt(offset + n));
    }

    private readAt(): number {
        return Date.now() - this.lagMs();
    }

    private keepMs(): number {
        return this.lagMs() + 1000;
    }

    /** The application ids in a group, at time `at`. */
    private memberIds(groupId: string, at: number): string[] {
        return this.apps
            .listAt(at)
            .filter((a) => a.segmentGroupId === groupId)
            .map((a) => String(a.id));
    }

    /** A group as a read at `at` shows it. */
    private show(group: JsonObject, at: number): JsonObject {
        return presentGroup(
            group,
            this.apps.listAt(at).filter((a) => a.segmentGroupId === group.id),
        );
    }

    /** Whether a group is visible under a request's `microtenantId` (absent: every group; "0": the default microtenant's). */
    private inScope(o: JsonObject, query: URLSearchParams): boolean {
        const want = query.get("microtenantId");
        if (want === null || want === "") return true;
        return want === "0" ? o.microtenantId === null : o.microtenantId === want;
    }

    listGroups(query: URLSearchParams): JsonObject {
        const at = this.readAt();
        const match = searchFilter(query.get("search"));
        const groups = this.groups.listAt(at).filter((g) => this.inScope(g, query) && match(g));
        return page(
            groups.map((g) => this.show(g, at)),
            query,
        );
    }

    getGroup(id: string, query: URLSearchParams): JsonObject {
        const at = this.readAt();
        const g = this.groups.at(id, at);
        if (!g || !this.inScope(g, query)) throw notFound("Segment group", id);
        return this.show(g, at);
    }

    /** The group now (no lag), as shown; undefined when there is none. */
    currentGroup(id: string): JsonObject | undefined {
        const g = this.groups.current(id);
        return g ? this.show(g, Number.POSITIVE_INFINITY) : undefined;
    }

    private checkName(name: string, except?: string): void {
        const clash = this.groups.list().find((g) => g.id !== except && String(g.name).toLowerCase() === name.trim().toLowerCase());
        if (clash)
            throw new ZpaError(400, "resource.already.exist", `A segment group named ${shown(clash.name)} already exists (id ${String(clash.id)}).`, ["name"]);
    }

    private checkApplications(ids: string[]): void {
        const unknown = ids.filter((id) => !this.apps.current(id));
        if (unknown.length) throw invalid(`applications: no application segment with id ${unknown.map((i) => shown(i)).join(", ")}.`, "applications");
    }

    /** Makes `ids` the group's applications (moving them from other groups), detaching the group's others. */
    private setMembers(groupId: string | null, ids: string[], wasIds: string[], stamp: string, everywhere: boolean): void {
        const write = (app: JsonObject) =>
            everywhere ? this.apps.putEverywhere(String(app.id), app) : this.apps.put(String(app.id), app, Date.now(), this.keepMs());
        for (const id of wasIds) if (!ids.includes(id)) write({ ...this.apps.current(id)!, segmentGroupId: null, modifiedTime: stamp });
        for (const id of ids) {
            const app = this.apps.current(id)!;
            if (app.segmentGroupId !== groupId) write({ ...app, segmentGroupId: groupId, modifiedTime: stamp });
        }
    }

    /** POST: a new group (only `name` required; `enabled` false unless sent). `everywhere`: every read sees it at once. */
    createGroup(w: GroupWrite, query: URLSearchParams, everywhere = false): JsonObject {
        this.checkName(w.name);
        this.checkApplications(w.applicationIds);
        const id = this.newId(100_000, this.nextGroup++);
        const at = epoch();
        const microtenantId = w.microtenantId ?? (query.get("microtenantId") || null);
        const group: JsonObject = {
            id,
            name: w.name,
            description: w.description,
            enabled: w.enabled,
            microtenantId: microtenantId === "0" ? null : microtenantId,
        };
        Object.assign(group, { creationTime: at, modifiedTime: at, modifiedBy: everywhere ? UI_ADMIN : API_ADMIN });
        if (everywhere) this.groups.putEverywhere(id, group);
        else this.groups.put(id, group, Date.now(), this.keepMs());
        this.setMembers(id, w.applicationIds, [], at, everywhere);
        this.created(id, w.name);
        return this.show(group, Number.POSITIVE_INFINITY);
    }

    /**
     * PUT: replaces the group's writable fields with the body's (what is not sent is reset: description empty,
     * enabled false, no applications). Returns the fields it changed. `v1Max`: a v1 PUT's application limit.
     */
    replaceGroup(id: string, w: GroupWrite, v1Max: number | null): string[] {
        const current = this.groups.current(id);
        if (!current) throw notFound("Segment group", id);
        if (v1Max !== null && w.applicationIds.length > v1Max) {
            throw new ZpaError(
                400,
                "payload.size.exceeded",
                `The request sends ${w.applicationIds.length} applications; a v1 PUT takes at most ${v1Max}. Use the v2 endpoint.`,
            );
        }
        if (w.microtenantId !== null && w.microtenantId !== (current.microtenantId ?? "0")) {
            throw invalid(`microtenantId cannot change (${shown(current.microtenantId)} to ${shown(w.microtenantId)}).`, "microtenantId");
        }
        this.checkName(w.name, id);
        this.checkApplications(w.applicationIds);
        const wasIds = this.memberIds(id, Number.POSITIVE_INFINITY);
        const before = comparable(current, wasIds);
        const stamp = epoch();
        const next: JsonObject = { ...current, name: w.name, description: w.description, enabled: w.enabled, modifiedTime: stamp, modifiedBy: API_ADMIN };
        this.groups.put(id, next, Date.now(), this.keepMs());
        this.setMembers(id, w.applicationIds, wasIds, stamp, false);
        return changedFields(before, comparable(next, w.applicationIds));
    }

    /** A change "made in the UI": only the fields given change, and every read sees it at once. */
    drift(id: string, change: Partial<GroupWrite>): JsonObject {
        const current = this.groups.current(id);
        if (!current) throw notFound("Segment group", id);
        if (change.name !== undefined) this.checkName(change.name, id);
        if (change.applicationIds) this.checkApplications(change.applicationIds);
        const stamp = epoch();
        const next: JsonObject = { ...current, modifiedTime: stamp, modifiedBy: UI_ADMIN };
        for (const k of ["name", "description", "enabled"] as const) if (change[k] !== undefined) next[k] = change[k];
        this.groups.putEverywhere(id, next);
        if (change.applicationIds) this.setMembers(id, change.applicationIds, this.memberIds(id, Number.POSITIVE_INFINITY), stamp, true);
        return this.show(next, Number.POSITIVE_INFINITY);
    }

    /** DELETE: refused while a policy rule uses the group; its applications are left without a group. */
    deleteGroup(id: string): void {
        const current = this.groups.current(id);
        if (!current) throw notFound("Segment group", id);
        const rules = this.inUse.get(id);
        if (rules?.length) {
            const names = rules.map((r) => `${shown(r.name)} (${r.id})`).join(", ");
            throw new ZpaError(400, "resource.in.use", `Segment group ${shown(current.name)} (${id}) is used by policy rule ${names}; detach it first.`, [
                "id",
            ]);
        }
        this.setMembers(null, [], this.memberIds(id, Number.POSITIVE_INFINITY), epoch(), false);
        this.groups.put(id, null, Date.now(), this.keepMs());
    }

    private groupName(groupId: unknown, at: number): string | undefined {
        return typeof groupId === "string" ? String(this.groups.at(groupId, at)?.name ?? "") : undefined;
    }

    listApplications(query: URLSearchParams): JsonObject {
        const at = this.readAt();
        const match = searchFilter(query.get("search"));
        const apps = this.apps.listAt(at).filter((a) => this.inScope(a, query) && match(a));
        return page(
            apps.map((a) => presentApplication(a, this.groupName(a.segmentGroupId, at))),
            query,
        );
    }

    getApplication(id: string, query: URLSearchParams): JsonObject {
        const at = this.readAt();
        const a = this.apps.at(id, at);
        if (!a || !this.inScope(a, query)) throw notFound("Application segment", id);
        return presentApplication(a, this.groupName(a.segmentGroupId, at));
    }

    /** PUT /application/{id}: `segmentGroupId` (required, an existing group) moves it; name, description, enabled replace. */
    replaceApplication(id: string, body: JsonObject): string[] {
        const current = this.apps.current(id);
        if (!current) throw notFound("Application segment", id);
        const groupId = body.segmentGroupId;
        if (typeof groupId !== "string" || groupId === "")
            throw invalid("segmentGroupId is required (an application segment belongs to one segment group).", "segmentGroupId");
        if (!this.groups.current(groupId)) throw invalid(`segmentGroupId: no segment group with id ${shown(groupId)}.`, "segmentGroupId");
        const name = body.name ?? current.name;
        if (typeof name !== "string" || name.trim() === "") throw invalid(`name must be a non-blank string, not ${shown(name)}.`, "name");
        const description = body.description ?? "";
        if (typeof description !== "string") throw invalid(`description must be a string, not ${shown(description)}.`, "description");
        const enabled = body.enabled ?? true;
        if (typeof enabled !== "boolean") throw invalid(`enabled must be true or false, not ${shown(enabled)}.`, "enabled");
        const next: JsonObject = { ...current, name, description, enabled, segmentGroupId: groupId, modifiedTime: epoch(), modifiedBy: API_ADMIN };
        this.apps.put(id, next, Date.now(), this.keepMs());
        return changedFields(comparable(current, []), comparable(next, []));
    }

    /** Every group now (no lag), as shown. */
    allGroups(): JsonObject[] {
        return this.groups.list().map((g) => this.show(g, Number.POSITIVE_INFINITY));
    }

    allApplications(): JsonObject[] {
        return this.apps.list().map((a) => presentApplication(a, this.groupName(a.segmentGroupId, Number.POSITIVE_INFINITY)));
    }
}

/** Now, in epoch seconds as a string (ZPA's creationTime and modifiedTime). */
function epoch(): string {
    return String(Math.floor(Date.now() / 1000));
}
