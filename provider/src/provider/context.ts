/**
 * What one lifecycle step (create, read, update, delete: lifecycle.ts, and the patch behind them: update.ts) runs
 * with: the resource's definition, its collection, and the settings that shape its waiting and guarding.
 */
import type { CollectionApi } from "./api";
import type { ResourceDefinition } from "./definition";
import { systemClock, type Clock } from "./propagation";

export interface LifecycleContext {
    def: ResourceDefinition;
    api: CollectionApi;
    propagationTimeoutMs: number;
    /** Time and waiting; the system's unless a test injects a virtual clock. */
    clock?: Clock;
    /**
     * isc:useTestOperations: set removals guarded by RFC 6902 `test` operations (default true), or, when false, by
     * a fresh read (see update.ts).
     */
    useTestOperations?: boolean;
    /** Where the process remembers whether this tenant takes `test` operations: the collection's key (default: api.basePath). */
    guardKey?: string;
    /** A warning for the user (Pulumi's log): said once, when the tenant turns out to refuse `test` operations. */
    warn?: (message: string) => void;
    /**
     * isc:adoptOnCreate: before a POST, take over an object that already has the declared name and fields and that no
     * resource of this run holds (what a killed `pulumi up` made before Pulumi could record it). Default false.
     */
    adoptOnCreate?: boolean;
}

export function clockOf(ctx: LifecycleContext): Clock {
    return ctx.clock ?? systemClock;
}
