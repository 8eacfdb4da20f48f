/** Small pieces the demo and the end-to-end tests share: tenant config from the emulator, call summaries. */
import type { RequestLogEntry, TenantState } from "../../emulator/admin-client";

/** Replaces object ids in a path by `{id}`, so calls to different objects of a kind group together. */
export function pathPattern(p: string): string {
    return p.replace(/\/[0-9a-f]{32}(?=\/|$)/g, "/{id}");
}

/**
 * One line per kind of call (method, path pattern, statuses, count); PATCH calls one by one with their bodies,
 * since the patch is the point.
 */
export function describeCalls(calls: RequestLogEntry[]): string[] {
    const lines: string[] = [];
    const groups = new Map<string, { count: number; statuses: Map<number, number> }>();
    for (const c of calls) {
        if (c.method === "PATCH") {
            lines.push(`PATCH ${c.path} -> ${c.status}  ${JSON.stringify(c.requestBody)}`);
            continue;
        }
        const key = `${c.method} ${pathPattern(c.path)}`;
        const g = groups.get(key) ?? { count: 0, statuses: new Map<number, number>() };
        g.count++;
        g.statuses.set(c.status, (g.statuses.get(c.status) ?? 0) + 1);
        groups.set(key, g);
    }
    const grouped = [...groups].map(([key, g]) => {
        const statuses = [...g.statuses].map(([s, n]) => (g.statuses.size === 1 ? `${s}` : `${s} x${n}`)).join(", ");
        return `${key}${g.count > 1 ? ` x${g.count}` : ""} -> ${statuses}`;
    });
    return [...grouped, ...lines];
}

/**
 * The `tenant.*` stack config the tenant-baseline example needs, taken from the emulator's seeded tenant:
 * pairs of (`pulumi config set --path` key, value).
 */
export function tenantConfig(state: TenantState): Array<[string, string]> {
    const byName = <T extends { name: string }>(list: T[], name: string, what: string): T => {
        const found = list.find((x) => x.name === name);
        if (!found) throw new Error(`the emulator's seeded tenant has no ${what} named "${name}"`);
        return found;
    };
    const owner = byName(state.identities, "Alice Admin", "identity");
    const approvers = state.governanceGroups[0];
    if (!approvers) throw new Error("the emulator's seeded tenant has no governance group");
    const [directory, hr] = state.sources;
    if (!directory || !hr) throw new Error("the emulator's seeded tenant has fewer than two sources");
    const entitlementsOf = (sourceId: string) => state.entitlements.filter((e) => e.source.id === sourceId).map((e) => e.id);
    const pairs: Array<[string, string]> = [
        ["tenant.owner", owner.id],
        ["tenant.approvers", approvers.id],
        ["tenant.directory.id", directory.id],
        ["tenant.hr.id", hr.id],
    ];
    entitlementsOf(directory.id)
        .slice(0, 4)
        .forEach((id, i) => pairs.push([`tenant.directory.entitlements[${i}]`, id]));
    entitlementsOf(hr.id)
        .slice(0, 2)
        .forEach((id, i) => pairs.push([`tenant.hr.entitlements[${i}]`, id]));
    return pairs;
}
