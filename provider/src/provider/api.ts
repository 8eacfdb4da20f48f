/**
 * The ISC calls one resource collection needs, on top of the shared client. Paths come from the collection
 * name and the configured API version, e.g. `/v2025/segments/{id}`.
 */
import type { Operation } from "fast-json-patch";
import { IscClient, isIscApiError } from "../client";
import type { ProviderSettings } from "./settings";

export type ServerObject = Record<string, unknown> & { id: string };

/** Clients are cheap: the token cache and the rate limiter behind them are shared per (base URL, client id). */
export function clientFor(settings: ProviderSettings): IscClient {
    return new IscClient({
        baseUrl: settings.baseUrl,
        ...(settings.accessToken ? { accessToken: settings.accessToken } : {}),
        ...(settings.clientId ? { clientId: settings.clientId } : {}),
        ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
    });
}

export class CollectionApi {
    constructor(
        private readonly client: IscClient,
        /** e.g. "/v2025/segments" */
        readonly basePath: string,
    ) {}

    async get(id: string): Promise<ServerObject | undefined> {
        try {
            return (await this.client.request<ServerObject>("GET", this.itemPath(id))).body;
        } catch (e) {
            if (isIscApiError(e) && e.status === 404) return undefined;
            throw e;
        }
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

    /** Resolves false when the server says the object does not exist. */
    async delete(id: string): Promise<boolean> {
        try {
            await this.client.request("DELETE", this.itemPath(id));
            return true;
        } catch (e) {
            if (isIscApiError(e) && e.status === 404) return false;
            throw e;
        }
    }

    list(query: Record<string, string> = {}): Promise<ServerObject[]> {
        return this.client.paginate<ServerObject>(this.basePath, query);
    }

    private itemPath(id: string): string {
        return `${this.basePath}/${encodeURIComponent(id)}`;
    }
}
