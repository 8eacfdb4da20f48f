/**
 * A small ISC stand-in for the branches the emulator cannot show at will: a server whose `eq`/`in` compare case
 * exactly or not, whose `sw` does or does not ignore case, and reference collections filled by the test. It follows
 * SailPoint's standard collection parameters (limit at most 250, offset, count=true -> X-Total-Count; `filters` with
 * `and`, `eq`, `in`, `sw`, double-quoted values with `\` escapes, a 400 for a field or operator the collection does
 * not document) and SailPoint's note that a filter value with `+` matches nothing.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export type Op = "eq" | "in" | "sw";

export interface FakeCollection {
    /** The documented filter fields and operators. */
    filters: Record<string, readonly Op[]>;
    items: Array<Record<string, unknown>>;
    /** Filter fields read from another path (identities: `email` is `emailAddress`). */
    paths?: Record<string, string>;
}

export interface FakeOptions {
    eqIgnoresCase: boolean;
    swIgnoresCase: boolean;
}

export interface FakeRequest {
    method: string;
    path: string;
    query: Record<string, string>;
    status: number;
    authorization?: string;
}

export interface FakeIsc {
    url: string;
    collections: Record<string, FakeCollection>;
    options: FakeOptions;
    requests: FakeRequest[];
    /** The API requests (not the token endpoint). */
    api(): FakeRequest[];
    issuedTokens: string[];
    close(): Promise<void>;
}

type Cond = { field: string; op: Op; values: string[] };

class BadFilter extends Error {}

function tokenize(s: string): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
        const c = s[i];
        if (/\s/.test(c)) i++;
        else if (c === "(" || c === ")" || c === ",") out.push(s[i++]);
        else if (c === '"') {
            let v = "";
            i++;
            while (i < s.length && s[i] !== '"') {
                if (s[i] === "\\") i++;
                v += s[i++];
            }
            if (i >= s.length) throw new BadFilter("unterminated string");
            i++;
            out.push(`"${v}`);
        } else {
            let j = i;
            while (j < s.length && !/[\s(),"]/.test(s[j])) j++;
            out.push(s.slice(i, j));
            i = j;
        }
    }
    return out;
}

function parse(filter: string, allowed: Record<string, readonly Op[]>): Cond[] {
    const t = tokenize(filter);
    let p = 0;
    const value = (): string => {
        const v = t[p++];
        if (!v?.startsWith('"')) throw new BadFilter(`expected a string at ${p}`);
        return v.slice(1);
    };
    const conds: Cond[] = [];
    for (;;) {
        const field = t[p++];
        const op = t[p++] as Op;
        if (!field || !allowed[field]?.includes(op)) throw new BadFilter(`${field} ${op} is not supported`);
        if (op === "in") {
            if (t[p++] !== "(") throw new BadFilter("in needs (");
            const values = [value()];
            while (t[p] === ",") {
                p++;
                values.push(value());
            }
            if (t[p++] !== ")") throw new BadFilter("in needs )");
            conds.push({ field, op, values });
        } else conds.push({ field, op, values: [value()] });
        if (p >= t.length) return conds;
        if (t[p++] !== "and") throw new BadFilter(`unexpected ${t[p - 1]}`);
    }
}

function read(obj: Record<string, unknown>, field: string): unknown {
    let v: unknown = obj;
    for (const part of field.split(".")) v = typeof v === "object" && v !== null ? (v as Record<string, unknown>)[part] : undefined;
    return v;
}

function holds(obj: Record<string, unknown>, c: Cond, o: FakeOptions, paths: Record<string, string>): boolean {
    const have = read(obj, paths[c.field] ?? c.field);
    if (typeof have !== "string") return false;
    return c.values.some((want) => {
        if (want.includes("+")) return false; // SailPoint: filtering on a value with '+' answers nothing
        if (c.op === "sw") return o.swIgnoresCase ? have.toLowerCase().startsWith(want.toLowerCase()) : have.startsWith(want);
        return o.eqIgnoresCase ? have.toLowerCase() === want.toLowerCase() : have === want;
    });
}

export async function fakeIsc(collections: Record<string, FakeCollection>, options: FakeOptions): Promise<FakeIsc> {
    const requests: FakeRequest[] = [];
    const issuedTokens: string[] = [];
    const server = http.createServer((req, res) => {
        req.resume();
        req.on("end", () => {
            const url = new URL(req.url ?? "/", "http://fake");
            const entry: FakeRequest = { method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams), status: 0 };
            if (typeof req.headers.authorization === "string") entry.authorization = req.headers.authorization;
            requests.push(entry);
            const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
                entry.status = status;
                res.writeHead(status, { "Content-Type": "application/json", ...headers });
                res.end(JSON.stringify(body));
            };
            const error = (status: number, text: string) =>
                send(status, { detailCode: `${status}`, trackingId: "0".repeat(32), messages: [{ locale: "en-US", localeOrigin: "DEFAULT", text }] });
            if (url.pathname === "/oauth/token") {
                const token = `fake-token-${issuedTokens.length + 1}-${Math.random().toString(16).slice(2)}`;
                issuedTokens.push(token);
                return send(200, { access_token: token, token_type: "bearer", expires_in: 749 });
            }
            if (!issuedTokens.some((tok) => req.headers.authorization === `Bearer ${tok}`))
                return send(401, { error: "JWT validation failed: JWT is missing" });
            const c = collections[url.pathname];
            if (!c || req.method !== "GET") return error(404, `No route for ${req.method} ${url.pathname}`);
            let items = c.items;
            const filters = url.searchParams.get("filters");
            if (filters) {
                let conds: Cond[];
                try {
                    conds = parse(filters, c.filters);
                } catch (e) {
                    return error(400, `Invalid filter ${filters}: ${(e as Error).message}`);
                }
                items = items.filter((o) => conds.every((cond) => holds(o, cond, options, c.paths ?? {})));
            }
            const limit = Number(url.searchParams.get("limit") ?? 250);
            const offset = Number(url.searchParams.get("offset") ?? 0);
            if (limit > 250) return error(400, "limit is at most 250");
            const headers: Record<string, string> = url.searchParams.get("count") === "true" ? { "X-Total-Count": String(items.length) } : {};
            send(200, items.slice(offset, offset + limit), headers);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    return {
        url: `http://127.0.0.1:${port}`,
        collections,
        options,
        requests,
        api: () => requests.filter((r) => r.path !== "/oauth/token"),
        issuedTokens,
        close: () =>
            new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}

/** The documented filters of the collections the lookups use (sailpoint-oss/api-specs). */
export const DOCUMENTED: Record<string, Record<string, readonly Op[]>> = {
    "/v2025/identities": { id: ["eq", "in"], name: ["eq", "sw"], alias: ["eq", "sw"], email: ["eq", "sw"] },
    "/v3/sources": { id: ["eq", "in"], name: ["eq", "in", "sw"] },
    "/v2025/entitlements": { id: ["eq", "in"], name: ["eq", "in", "sw"], value: ["eq", "in", "sw"], "source.id": ["eq", "in"] },
    "/beta/workgroups": { id: ["eq", "in", "sw"], name: ["eq", "sw", "in"] },
    "/v3/access-profiles": { id: ["eq", "in"], name: ["eq", "sw"], "source.id": ["eq", "in"] },
};
