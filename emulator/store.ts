/**
 * The emulator's objects, with their history, so that reads can be served from the past: ISC is eventually
 * consistent, and a read may reflect the state of up to `consistencyLagMs` ago (a new object may 404, an
 * update may read stale, a deleted object may still be returned). Writes always apply to the latest state.
 */
import type { JsonObject } from "./validation";

export type Kind = "segments" | "access-profiles";
export const KINDS: readonly Kind[] = ["segments", "access-profiles"];

/** What uses an access profile, as ISC's bulk-delete answer names it (`AccessProfileUsage.usedBy[]`). */
export interface AccessProfileUser {
    type: "ROLE";
    id: string;
    name: string;
}

interface Version {
    at: number;
    /** null: deleted at `at`. */
    value: JsonObject | null;
}

export class Store {
    private readonly objects = new Map<Kind, Map<string, Version[]>>(KINDS.map((k) => [k, new Map()]));
    /** Access profiles marked in use, by id, with what uses them. */
    readonly inUse = new Map<string, AccessProfileUser[]>();

    /** The latest version, or undefined when the object does not exist (now). */
    current(kind: Kind, id: string): JsonObject | undefined {
        const h = this.objects.get(kind)!.get(id);
        const last = h?.[h.length - 1];
        return last?.value ?? undefined;
    }

    /** The version a read at time `at` sees. */
    at(kind: Kind, id: string, at: number): JsonObject | undefined {
        const h = this.objects.get(kind)!.get(id);
        if (!h) return undefined;
        for (let i = h.length - 1; i >= 0; i--) if (h[i].at <= at) return h[i].value ?? undefined;
        return undefined;
    }

    /** Every object as a read at time `at` sees them, in creation order. */
    listAt(kind: Kind, at: number): JsonObject[] {
        const out: JsonObject[] = [];
        for (const id of this.objects.get(kind)!.keys()) {
            const v = this.at(kind, id, at);
            if (v) out.push(v);
        }
        return out;
    }

    /** Every current object, in creation order. */
    list(kind: Kind): JsonObject[] {
        const out: JsonObject[] = [];
        for (const id of this.objects.get(kind)!.keys()) {
            const v = this.current(kind, id);
            if (v) out.push(v);
        }
        return out;
    }

    put(kind: Kind, id: string, value: JsonObject, at: number, keepMs: number): void {
        const map = this.objects.get(kind)!;
        const h = map.get(id) ?? [];
        h.push({ at, value: structuredClone(value) });
        map.set(id, prune(h, at - keepMs));
    }

    /**
     * Replaces the object's whole history with one version seen by every read, lagging or not: the admin API's
     * changes "behind the provider's back" (created, drifted or deleted in the ISC UI long ago).
     */
    putEverywhere(kind: Kind, id: string, value: JsonObject | null): void {
        this.objects.get(kind)!.set(id, [{ at: Number.NEGATIVE_INFINITY, value: value === null ? null : structuredClone(value) }]);
        if (value === null) this.inUse.delete(id);
    }

    remove(kind: Kind, id: string, at: number, keepMs: number): boolean {
        if (!this.current(kind, id)) return false;
        const map = this.objects.get(kind)!;
        const h = map.get(id)!;
        h.push({ at, value: null });
        map.set(id, prune(h, at - keepMs));
        this.inUse.delete(id);
        return true;
    }

    clear(): void {
        for (const m of this.objects.values()) m.clear();
        this.inUse.clear();
    }
}

/** Drops versions no read can see any more (older than `before`, except the last one before it). */
function prune(h: Version[], before: number): Version[] {
    let firstVisible = 0;
    for (let i = 0; i < h.length; i++) if (h[i].at <= before) firstVisible = i;
    return h.slice(firstVisible);
}
