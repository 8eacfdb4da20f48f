/**
 * The ISC calls one resource collection needs, on top of the shared client. Paths come from the collection
 * name and the configured API version, e.g. `/v2025/segments/{id}`.
 */
import type { Operation } from "fast-json-patch";
import { IscClient, isIscApiError, pageQuery, snapshotFor, totalCount, type ListPage } from "../client";
import type { BulkDeleteRoute, ServerObject } from "../resources";
import { batcherFor, parseBulkDeleteAnswer } from "./bulk-delete";
import { lastOwnWrite } from "./propagation";
import type { ProviderSettings } from "./settings";

export type { BulkDeleteRoute, ServerObject };

/**
 * Clients are cheap: the token cache and the rate limiter behind them are shared per (base URL, client id).
 * The client gets exactly the credential set the settings resolved (a token, or a client id and secret), and
 * where it came from, so it never falls back to the SAIL_* variables itself and its errors name that setting.
 */
export function clientFor(settings: ProviderSettings): IscClient {
    return new IscClient({
        baseUrl: settings.baseUrl,
        ...(settings.accessToken !== undefined ? { accessToken: settings.accessToken } : { clientId: settings.clientId, clientSecret: settings.clientSecret }),
        credentialSource: settings.credentialSource,
        rateLimit: { limit: settings.maxRequestsPer10Seconds, windowMs: 10_000 },
    });
}

/** What identifies one collection of one tenant as seen with one set of credentials (never the secret itself). */
export function collectionKey(settings: ProviderSettings, basePath: string): string {
    return `${settings.baseUrl}|${settings.clientId ?? "access-token"}|${basePath}`;
}

export interface CollectionOptions {
    /** Shares snapshots and delete batches between the steps of a run: see collectionKey. */
    key: string;
    /** The collection's bulk-delete route, when ISC has one. */
    bulkDelete?: BulkDeleteRoute;
}

export class CollectionApi {
    constructor(
        private readonly client: IscClient,
        /** e.g. "/v2025/segments" */
        readonly basePath: string,
        private readonly options: CollectionOptions = { key: basePath },
    ) {}

    /** A fresh read of one object: undefined when ISC answers 404. */
    async get(id: string): Promise<ServerObject | undefined> {
        try {
            return (await this.client.request<ServerObject>("GET", this.itemPath(id))).body;
        } catch (e) {
            if (isIscApiError(e) && e.status === 404) return undefined;
            throw e;
        }
    }

    /**
     * A refresh read: from the run's list snapshot of the collection when that is cheaper and cannot hide a
     * change, otherwise a GET (see client/snapshots.ts). An object missing from the snapshot is always read by GET.
     */
    async read(id: string): Promise<ServerObject | undefined> {
        const snapshot = snapshotFor(this.options.key, (offset) => this.listPage(offset));
        const wrote = lastOwnWrite(id);
        const listed = wrote !== undefined && wrote >= snapshot.startedAt ? undefined : await snapshot.lookup(id);
        return listed ?? this.get(id);
    }

    async create(body: Record<string, unknown>): Promise<ServerObject> {
        return (await this.client.request<ServerObject>("POST", this.basePath, { body })).body;
    }

    async patch(id: string, ops: Operation[]): Promise<ServerObject> {
        return (
            await this.client.request<ServerObject>("PATCH", this.itemPath(id), {
                body: ops,
                contentType: "application/json-patch+json",
            })
        ).body;
    }

    /**
     * Resolves false when the server says the object does not exist. Where the collection has a bulk-delete
     * route, concurrent deletes share its calls (see bulk-delete.ts).
     */
    delete(id: string): Promise<boolean> {
        const bulk = this.options.bulkDelete;
        if (!bulk) return this.deleteOne(id);
        return batcherFor(this.options.key, {
            bulk: async (ids) =>
                parseBulkDeleteAnswer(
                    (await this.client.request("POST", `${this.basePath}/${bulk.route}`, { body: { [bulk.idsField]: ids, bestEffortOnly: true } })).body,
                ),
            single: (one) => this.deleteOne(one),
        }).delete(id);
    }

    /** The whole collection as listed by the run's snapshot (see client/snapshots.ts): shared by every caller for its life. */
    listAll(): Promise<ServerObject[]> {
        return snapshotFor(this.options.key, (offset) => this.listPage(offset)).all();
    }

    list(query: Record<string, string> = {}): Promise<ServerObject[]> {
        return this.client.paginate<ServerObject>(this.basePath, query);
    }

    private async deleteOne(id: string): Promise<boolean> {
        try {
            await this.client.request("DELETE", this.itemPath(id));
            return true;
        } catch (e) {
            if (isIscApiError(e) && e.status === 404) return false;
            throw e;
        }
    }

    private async listPage(offset: number): Promise<ListPage> {
        const res = await this.client.request<unknown>("GET", this.basePath, { query: pageQuery({}, offset) });
        return { items: Array.isArray(res.body) ? (res.body as ServerObject[]) : [], total: totalCount(res.headers) };
    }

    private itemPath(id: string): string {
        return `${this.basePath}/${encodeURIComponent(id)}`;
    }
}
