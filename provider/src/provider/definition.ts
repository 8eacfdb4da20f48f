/**
 * What the generic lifecycle needs to know about one resource type. Each resource builds its definition
 * from its description (provider/src/resources/<kind>/, see registry.ts), so the lifecycle code never names a field.
 */
import type { Operation } from "fast-json-patch";
import type { ApiVersion } from "../client";
import type { BulkDeleteRoute, ServerObject } from "../resources";
import type { CollectionApi } from "./api";
import type { ProviderSettings } from "./settings";

export type Props = Record<string, unknown>;

export interface CheckFailure {
    property: string;
    reason: string;
}

export interface ResourceDefinition {
    /** The resource's type name as users see it, e.g. "Segment". */
    label: string;
    /** The ISC collection, e.g. "segments" in `/v2025/segments`. */
    collection: string;
    /** The collection's bulk-delete route, where ISC has one: concurrent deletes share its calls. */
    bulkDelete?: BulkDeleteRoute;
    /** Every output property name (declared fields and server-computed ones, never `id`). */
    outputNames: readonly string[];
    /** The API version configured for this collection. */
    version(settings: ProviderSettings): ApiVersion;
    /**
     * Validates `news` and applies defaults; once they are valid, the description's rules about a change
     * (`checkChange`) compare them with `olds`, the previous inputs (`{}` for a new resource). States written by 0.1.0
     * call `check(olds, news)` too (see dynamic.ts).
     */
    check(olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] };
    /** Pure: the top-level fields whose declared value differs from the state. Every field is patched, none replaced. */
    diff(oldOutputs: Props, newInputs: Props): { changedFields: string[] };
    /** The POST body for checked inputs (provider-only fields removed). */
    createBody(inputs: Props): Props;
    /**
     * The minimal RFC 6902 patch from what the server holds to the checked inputs. `guardRemovals` (default true):
     * each removal of a set element by index is preceded by `test`s of the element there.
     */
    plan(current: Props, desired: Props, options?: { guardRemovals?: boolean }): Operation[];
    /** State outputs for a server object; `inputs` carries provider-only fields (such as adoptId) across. */
    outputs(server: ServerObject, inputs: Props): Props;
    /** The declared-input shape of what the tenant holds, so a refresh shows real drift. */
    inputsFromServer(server: ServerObject, inputs: Props): Props;
    /**
     * Objects that may be the one a POST with an unknown outcome created: same name. The caller narrows
     * them down further (see lifecycle.ts, recoverCreate).
     */
    findByName(api: CollectionApi, name: string): Promise<ServerObject[]>;
}
