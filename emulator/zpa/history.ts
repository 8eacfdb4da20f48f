/**
 * The ZPA emulator's objects with their recent history, so a read can be served from the past: a read sees the
 * state of `consistencyLagMs` ago (a new group may 404, a change may read stale), writes apply to the latest state.
 */
import type { JsonObject } from "../validation";

interface Version {
    at: number;
    /** null: deleted at `at`. */
    value: JsonObject | null;
}

export class History {
    private readonly objects = new Map<string, Version[]>();

    current(id: string): JsonObject | undefined {
        const h = this.objects.get(id);
        return h?.[h.length - 1]?.value ?? undefined;
    }

    /** The version a read at time `at` sees. */
    at(id: string, at: number): JsonObject | undefined {
        const h = this.objects.get(id);
        if (!h) return undefined;
        for (let i = h.length - 1; i >= 0; i--) if (h[i].at <= at) return h[i].value ?? undefined;
        return undefined;
    }

    /** Every object a read at time `at` sees, in creation order. */
    listAt(at: number): JsonObject[] {
        const out: JsonObject[] = [];
        for (const id of this.objects.keys()) {
            const v = this.at(id, at);
            if (v) out.push(v);
        }
        return out;
    }

    /** Every current object, in creation order. */
    list(): JsonObject[] {
        return this.listAt(Number.POSITIVE_INFINITY);
    }

    /** A new version (null: deleted) from `at` on; versions no read can see any more are dropped. */
    put(id: string, value: JsonObject | null, at: number, keepMs: number): void {
        const h = this.objects.get(id) ?? [];
        h.push({ at, value: value === null ? null : structuredClone(value) });
        let firstVisible = 0;
        for (let i = 0; i < h.length; i++) if (h[i].at <= at - keepMs) firstVisible = i;
        this.objects.set(id, h.slice(firstVisible));
    }

    /** Replaces the whole history with one version every read sees, lagging or not (changes made "long ago"). */
    putEverywhere(id: string, value: JsonObject | null): void {
        this.objects.set(id, [{ at: Number.NEGATIVE_INFINITY, value: value === null ? null : structuredClone(value) }]);
    }

    clear(): void {
        this.objects.clear();
    }
}
