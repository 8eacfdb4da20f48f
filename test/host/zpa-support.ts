/**
 * What the ZPA host tests share: the ZPA emulator's admin API over HTTP, a host configured with `zpa:*` stack config
 * (legacy or OneAPI) and none of the caller's Zscaler variables, and the SegmentGroup's registration from the
 * installed package (`pulumi-sailpoint-isc/zpa`).
 */
import { ZPA_DEMO_CLIENT, type ZpaEmulator, type ZpaRequestLogEntry } from "../../emulator/zpa";
import { ProviderHost, registerResources, type Registration } from "./harness";

export const ZPA_TYPE = "pulumi-nodejs:dynamic/zpa:SegmentGroup";
export const ZPA_SECRET = ZPA_DEMO_CLIENT.secret;

export interface ZpaGroup {
    id: string;
    name: string;
    description?: string;
    enabled: boolean;
    applications?: Array<{ id: string }>;
}

/** The ZPA emulator's admin API (`/__admin`, no auth). */
export class ZpaAdmin {
    constructor(private readonly url: string) {}

    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
        const res = await fetch(`${this.url}/__admin/${path}`, {
            method,
            ...(body !== undefined ? { body: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
        });
        if (res.status >= 400) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
        return (res.status === 204 ? undefined : await res.json()) as T;
    }
    requests = () => this.call<ZpaRequestLogEntry[]>("GET", "requests");
    clearRequests = () => this.call<void>("DELETE", "requests");
    groups = () => this.call<ZpaGroup[]>("GET", "segmentGroups");
    group = (id: string) => this.call<ZpaGroup>("GET", `segmentGroups/${id}`);
    makeGroup = (fields: Record<string, unknown>) => this.call<ZpaGroup>("POST", "segmentGroups", fields);
    drift = (id: string, fields: Record<string, unknown>) => this.call<ZpaGroup>("POST", `segmentGroups/${id}`, fields);
    applications = () => this.call<Array<{ id: string; name: string; segmentGroupId?: string }>>("GET", "applications");
    setConfig = (change: Record<string, unknown>) => this.call<Record<string, unknown>>("POST", "config", change);
    reset = () => this.call<void>("POST", "reset");
    expireTokens = () => this.call<void>("POST", "tokens/expire");
}

/** The API calls in a log, token requests left out. */
export function apiCalls(log: ZpaRequestLogEntry[]): ZpaRequestLogEntry[] {
    return log.filter((r) => r.path.includes("/mgmtconfig/"));
}

/** How many groups of each name the emulator holds, only the names held more than once: {} when no duplicate. */
export function duplicates(groups: ZpaGroup[]): Record<string, number> {
    const count: Record<string, number> = {};
    for (const g of groups) count[g.name] = (count[g.name] ?? 0) + 1;
    return Object.fromEntries(Object.entries(count).filter(([, n]) => n > 1));
}

/** Legacy ZPA API keys (`/signin`) against the emulator, as `zpa:*` stack config. */
export function legacyConfig(zpa: ZpaEmulator, extra: Record<string, string> = {}): Record<string, string> {
    return {
        "zpa:baseUrl": zpa.url,
        "zpa:customerId": zpa.customerId,
        "zpa:clientId": ZPA_DEMO_CLIENT.id,
        "zpa:clientSecret": ZPA_SECRET,
        ...extra,
    };
}

/** OneAPI client credentials (selected by zpa:tokenUrl) against the emulator. */
export function oneApiConfig(zpa: ZpaEmulator, extra: Record<string, string> = {}): Record<string, string> {
    return { ...legacyConfig(zpa, extra), "zpa:tokenUrl": zpa.tokenUrl };
}

/** The pace raised for tests that are not about pacing (the emulator's limit raised to match). */
export const FAST = { "zpa:readsPer10Seconds": "1000", "zpa:writesPer10Seconds": "1000" };

/** A host configured with `config`; none of the caller's ZPA_ or ZSCALER_ variables reach it. */
export async function startZpaHost(programDir: string, config: Record<string, string>): Promise<ProviderHost> {
    const blank = Object.fromEntries(
        Object.keys(process.env)
            .filter((k) => /^(ZPA|ZSCALER)_/.test(k))
            .map((k) => [k, ""]),
    );
    const host = await ProviderHost.start(programDir, blank);
    await host.configure(config);
    return host;
}

/** Registers SegmentGroups from the installed `pulumi-sailpoint-isc/zpa` (`zpa` bound in the body). */
export function registerGroups(programDir: string, body: string, config: Record<string, string> = {}, secretKeys: string[] = []): Registration[] {
    return registerResources(programDir, `const zpa = require("pulumi-sailpoint-isc/zpa");\n${body}`, config, secretKeys);
}

/**
 * Attaches an application segment to a group from the application's side, as the admin portal or another program
 * would: the application's own PUT with its `segmentGroupId`, through the legacy API with a token of its own.
 */
export async function attachFromApplication(zpa: ZpaEmulator, applicationId: string, groupId: string): Promise<void> {
    const signin = await fetch(`${zpa.url}/signin`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ client_id: ZPA_DEMO_CLIENT.id, client_secret: ZPA_SECRET }).toString(),
    });
    const { access_token: token } = (await signin.json()) as { access_token: string };
    const res = await fetch(`${zpa.url}/mgmtconfig/v1/admin/customers/${zpa.customerId}/application/${applicationId}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ segmentGroupId: groupId }),
    });
    if (res.status !== 204) throw new Error(`PUT application ${applicationId}: ${res.status} ${await res.text()}`);
}

/** Each key's faults in request order: the request log's, and what the seeded per-key sequence gives as many requests. */
export function zpaFaultsByKey(log: ZpaRequestLogEntry[]): Record<string, Array<ZpaRequestLogEntry["fault"]>> {
    const out: Record<string, Array<ZpaRequestLogEntry["fault"]>> = {};
    for (const r of [...log].sort((a, b) => (a.faultOccurrence ?? 0) - (b.faultOccurrence ?? 0))) {
        if (r.faultKey !== undefined) (out[r.faultKey] ??= []).push(r.fault);
    }
    return out;
}
