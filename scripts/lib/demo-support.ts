/** Small pieces the demo and the end-to-end tests share: call summaries. */
import type { RequestLogEntry } from "../../emulator/admin-client";

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
