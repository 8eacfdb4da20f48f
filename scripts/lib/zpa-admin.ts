/** The ZPA emulator's admin API (/__admin, see emulator/README.md "ZPA emulator") for the demo and the benchmarks. */
import type { ZpaRequestLogEntry } from "../../emulator/zpa";

export type { ZpaRequestLogEntry } from "../../emulator/zpa";

/** A segment group as a read shows it (applications as fuller objects). */
export type ZpaGroup = Record<string, unknown> & { id: string; name: string; applications?: Array<{ id: string }> };

export class ZpaAdmin {
    private readonly base: string;

    constructor(url: string) {
        this.base = url.replace(/\/+$/, "") + "/__admin";
    }

    private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        const res = await fetch(this.base + path, {
            method,
            headers: { Connection: "close", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`ZPA emulator admin ${method} ${path} answered ${res.status}: ${text}`);
        return (text ? JSON.parse(text) : undefined) as T;
    }

    requests(): Promise<ZpaRequestLogEntry[]> {
        return this.call("GET", "/requests");
    }
    clearRequests(): Promise<void> {
        return this.call("DELETE", "/requests");
    }
    groups(): Promise<ZpaGroup[]> {
        return this.call("GET", "/segmentGroups");
    }
    /** A group made "in the UI": every read sees it at once. */
    createGroup(body: Record<string, unknown>): Promise<ZpaGroup> {
        return this.call("POST", "/segmentGroups", body);
    }
    /** Changes fields of a group as the admin portal would (drift). */
    drift(id: string, change: { name?: string; description?: string; enabled?: boolean; applications?: string[] }): Promise<ZpaGroup> {
        return this.call("POST", `/segmentGroups/${id}`, change);
    }
    /** Changes the run-time config (rateLimit, faults, ...); answers the whole config. */
    setConfig(change: Record<string, unknown>): Promise<Record<string, unknown>> {
        return this.call("POST", "/config", change);
    }
    applications(): Promise<Array<{ id: string; name: string; segmentGroupId?: string }>> {
        return this.call("GET", "/applications");
    }
}

/** A legacy API token for a client of the emulator (`POST /signin`), for calls the benchmarks make themselves. */
export async function zpaSignin(url: string, clientId: string, clientSecret: string): Promise<string> {
    const res = await fetch(`${url}/signin`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Connection: "close" },
        body: new URLSearchParams({ client_id: clientId, client_secret: clientSecret }).toString(),
    });
    if (!res.ok) throw new Error(`POST /signin answered ${res.status}`);
    return ((await res.json()) as { access_token: string }).access_token;
}

/** A call to the emulator's ZPA API (v1, legacy token): `path` relative to the customer root ("/segmentGroup/1"). */
export async function zpaApi(url: string, customerId: string, token: string, method: string, path: string, body?: unknown): Promise<number> {
    const res = await fetch(`${url}/mgmtconfig/v1/admin/customers/${customerId}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, Connection: "close", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    await res.text();
    return res.status;
}

/** A log entry's path without the customer prefix, ids as `{id}` when asked: `v1 PUT /segmentGroup/{id}`. */
export function zpaCallPath(c: Pick<ZpaRequestLogEntry, "path" | "query">, options: { ids?: boolean; query?: boolean } = {}): string {
    const m = /^(?:\/zpa)?\/mgmtconfig\/(v\d)\/admin\/customers\/\d+(\/.*)$/.exec(c.path);
    let p = m ? `${m[2]}` : c.path;
    if (!options.ids) p = p.replace(/\/\d{6,}(?=\/|$)/g, "/{id}");
    const q = options.query && Object.keys(c.query).length ? "?" + new URLSearchParams(c.query).toString() : "";
    return `${m && m[1] !== "v1" ? `(${m[1]}) ` : ""}${p}${q}`;
}

/** Whether a log entry is a token request (legacy /signin or OneAPI's token URL). */
export function isTokenCall(c: Pick<ZpaRequestLogEntry, "path">): boolean {
    return c.path === "/signin" || c.path === "/oauth2/v1/token";
}

/** One line per call, in order, as the emulator logged it; a PUT with the fields it changed, as the emulator computed them. */
export function describeZpaCalls(calls: ZpaRequestLogEntry[]): string[] {
    return calls.map((c) => {
        const changed = c.method === "PUT" && c.changedFields ? `  changedFields ${JSON.stringify(c.changedFields)}` : "";
        return `${c.method} ${zpaCallPath(c, { ids: true, query: c.method === "GET" })} -> ${c.status || "dropped"}${changed}`;
    });
}
