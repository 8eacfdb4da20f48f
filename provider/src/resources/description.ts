/**
 * A resource's description beyond its fields: where ISC keeps its objects and how to find one by name. The dynamic
 * provider (provider/registry.ts) turns each description into the definition its lifecycle runs on; nothing here
 * knows the provider.
 */
import type { ApiVersion } from "../client";
import type { Failure, Props, ResourceSchema } from "../engine";

/** An object as ISC returns it: its fields, and a string id. */
export type ServerObject = Record<string, unknown> & { id: string };

/** What finding objects by name needs of a collection: its list, filtered (ISC's `filters`) or whole. */
export interface CollectionListing {
    list(query?: Record<string, string>): Promise<ServerObject[]>;
}

/** e.g. `{ route: "bulk-delete", idsField: "accessProfileIds" }`: POST {basePath}/{route} with `{[idsField]: ids, bestEffortOnly: true}`. */
export interface BulkDeleteRoute {
    route: string;
    idsField: string;
}

export interface ResourceDescription {
    /** Its fields and their rules; `schema.collection` names the ISC collection, `schema.label` the type users see. */
    schema: ResourceSchema;
    /** The API version the schema was modelled on: the default of the resource's version setting. */
    defaultVersion: ApiVersion;
    /**
     * Objects that may be the one a POST with an unknown outcome created: the same name, exactly. A server-side filter
     * where ISC has one; the provider narrows them down further.
     */
    findByName(api: CollectionListing, name: string): Promise<ServerObject[]>;
    /** The collection's bulk-delete route, where ISC has one: concurrent deletes share its calls. */
    bulkDelete?: BulkDeleteRoute;
    /**
     * Rules about a change rather than a value: the program's inputs (`news`, called only once they passed every
     * other rule, in the program's order) against the previous inputs (`olds`, as Pulumi's check passes them: the last
     * inputs the state holds, `{}` for a new resource). Pure, like the rest of check.
     */
    checkChange?(olds: Props, news: Props): Failure[];
}
