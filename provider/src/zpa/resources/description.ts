/**
 * A ZPA resource's description beyond its fields: where ZPA keeps its objects, and which fields the server holds in
 * another form than the inputs. The dynamic provider (zpa/provider) runs its lifecycle on this; nothing here knows
 * the provider or the client.
 */
import type { ResourceSchema } from "../../engine";

/** An object as ZPA returns it: its fields, and a string id. */
export type ZpaServerObject = Record<string, unknown> & { id: string };

export interface ZpaResourceDescription {
    /** Its fields and their rules; `schema.label` is the type users see. */
    schema: ResourceSchema;
    /** The kind a state's `__provider` holds ("segmentGroup"): never changes. */
    kind: string;
    /** The collection's path under the customer root, e.g. "/segmentGroup". */
    path: string;
    /**
     * Set fields the inputs hold as ids (`["72058..."]`) and the server as objects: `[{id, ...}]` on read (full
     * objects), `[{id}]` on write.
     */
    idObjectSets: readonly string[];
}
