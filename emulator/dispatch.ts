/** Which handler an ISC request reaches: method and route to the reference collections, or to segments and access profiles. */
import { CODES, HttpError, show } from "./errors";
import { ACCESS_PROFILE_ENTITLEMENT_FILTERS, ACCESS_PROFILE_ENTITLEMENT_SORTERS, query, readReference, unpublished } from "./collections";
import type { Answer } from "./answer";
import { label, Route } from "./routes";
import type { Kind } from "./store";
import type { ReferenceData } from "./tenant-types";
import type { Json, JsonObject } from "./validation";

/** What the routing needs of the server: its tenant now, and its operations on segments and access profiles. */
export interface IscOperations {
    data(): ReferenceData;
    bulkDelete(body: Json): Answer;
    /** The object as a read sees it now (consistency lag included), or undefined. */
    read(kind: Kind, id: string): JsonObject | undefined;
    list(kind: Kind, url: URL): Answer;
    create(kind: Kind, body: Json): Answer;
    patch(kind: Kind, id: string, body: Json): Answer;
    remove(kind: Kind, id: string): Answer;
}

/** The answer to one authenticated, admitted ISC request; an HttpError for a refusal. */
export function dispatch(ops: IscOperations, method: string, route: Route, url: URL, raw: string, contentType: string | undefined): Answer {
    const kind = route.collection === "segments" ? "segments" : route.collection === "access-profiles" ? "access-profiles" : undefined;
    const parse = (): Json => {
        if (raw.trim() === "") throw new HttpError(400, CODES.badContent, ["The request body is empty; a JSON body is required."]);
        try {
            return JSON.parse(raw) as Json;
        } catch (e) {
            throw new HttpError(400, CODES.badContent, [`The request body is not valid JSON: ${(e as Error).message}`]);
        }
    };
    const notAllowed = (): never => {
        throw new HttpError(405, CODES.methodNotAllowed, [`${method} is not allowed on ${url.pathname}.`]);
    };

    if (!kind) {
        const elsewhere = route.sub === undefined ? unpublished(route.version, route.collection, route.id !== undefined) : "";
        if (elsewhere !== undefined) throw new HttpError(404, CODES.notFound, [`No route for ${method} ${url.pathname}.${elsewhere ? ` ${elsewhere}` : ""}`]);
        if (method !== "GET") notAllowed();
        return readReference(ops.data(), route.version, route.collection, route.id, url.searchParams);
    }
    if (kind === "access-profiles" && route.id === "bulk-delete" && !route.sub) {
        if (method !== "POST") notAllowed();
        return ops.bulkDelete(parse());
    }
    if (route.sub !== undefined) {
        if (kind !== "access-profiles" || route.sub !== "entitlements") throw new HttpError(404, CODES.notFound, [`No route for ${method} ${url.pathname}.`]);
        if (method !== "GET") notAllowed();
        const ap = ops.read(kind, route.id!);
        if (!ap) throw new HttpError(404, CODES.notFound, [`Access profile "${route.id}" was not found.`]);
        const ids = new Set(((ap.entitlements as JsonObject[] | null) ?? []).map((e) => e.id));
        const ents = ops.data().entitlements.filter((e) => ids.has(e.id));
        return { status: 200, ...query(ents, url.searchParams, ACCESS_PROFILE_ENTITLEMENT_FILTERS, ACCESS_PROFILE_ENTITLEMENT_SORTERS) };
    }
    if (route.id === undefined) {
        if (method === "GET") return ops.list(kind, url);
        if (method === "POST") return ops.create(kind, parse());
        return notAllowed();
    }
    if (method === "GET") {
        const obj = ops.read(kind, route.id);
        if (!obj) throw new HttpError(404, CODES.notFound, [`${label(kind)} "${route.id}" was not found.`]);
        return { status: 200, body: obj };
    }
    if (method === "PATCH") {
        const ct = (contentType ?? "").split(";")[0].trim().toLowerCase();
        if (ct !== "application/json-patch+json") {
            throw new HttpError(415, CODES.unsupportedMediaType, [`PATCH needs Content-Type application/json-patch+json, not ${show(contentType ?? null)}.`]);
        }
        return ops.patch(kind, route.id, parse());
    }
    if (method === "DELETE") return ops.remove(kind, route.id);
    return notAllowed();
}
