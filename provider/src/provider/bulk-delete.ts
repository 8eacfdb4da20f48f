/**
 * Access-profile deletes coalesced into `POST /access-profiles/bulk-delete` (at most 50 ids a call). A destroy
 * deletes many profiles at once; each resource's delete joins a batch that leaves when it holds 50 ids or when
 * LINGER_MS have passed since its first id, and learns its own outcome from the answer:
 *  - listed in `pending`: ISC queued it for deletion: done;
 *  - listed in `inUse`: refused, with the objects that use it named (an InUse error for that resource alone);
 *  - neither (e.g. an id ISC did not find), or the whole call failed or its outcome is unknown: a plain DELETE of
 *    that id, which is idempotent and reports 404 and every other answer in its usual way.
 * `bestEffortOnly` is true, so one profile in use never holds back the others of its batch.
 */
import { isIscApiError, isIscAuthError } from "../client";
import { IscInUseError, type UsedBy } from "./errors";

export const MAX_IDS = 50;
/** Long enough for the engine's concurrent deletes to meet, short enough not to be noticed on one delete. */
export const LINGER_MS = 100;

/** The documented answer: `{taskId, pending: [ids], inUse: [{accessProfileId, usedBy: [{type, id, name}]}]}`. */
export interface BulkDeleteAnswer {
    pending: string[];
    inUse: Array<{ accessProfileId: string; usedBy: UsedBy[] }>;
}

/** Reads the answer in its documented shape, tolerating what a tenant may omit. */
export function parseBulkDeleteAnswer(body: unknown): BulkDeleteAnswer {
    const o = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const pending = Array.isArray(o.pending) ? o.pending.filter((x): x is string => typeof x === "string") : [];
    const inUse = (Array.isArray(o.inUse) ? o.inUse : []).flatMap((entry: unknown) => {
        const e = (entry && typeof entry === "object" ? entry : {}) as Record<string, unknown>;
        if (typeof e.accessProfileId !== "string") return [];
        const users = Array.isArray(e.usedBy) ? e.usedBy : [];
        return [{ accessProfileId: e.accessProfileId, usedBy: users.filter((u): u is UsedBy => !!u && typeof u === "object") }];
    });
    return { pending, inUse };
}

interface Waiter {
    id: string;
    resolve: (deleted: boolean) => void;
    reject: (e: unknown) => void;
}

export interface BulkDeleteCalls {
    /** One bulk-delete request; resolves with its parsed answer. */
    bulk(ids: string[]): Promise<BulkDeleteAnswer>;
    /** A plain DELETE: true when deleted, false on 404. */
    single(id: string): Promise<boolean>;
}

export class DeleteBatcher {
    private queue: Waiter[] = [];
    private timer: ReturnType<typeof setTimeout> | undefined;

    constructor(
        private readonly calls: BulkDeleteCalls,
        private readonly lingerMs: number = LINGER_MS,
    ) {}

    /** Resolves true when the object was deleted (or queued for deletion by ISC), false when it was not found. */
    delete(id: string): Promise<boolean> {
        return new Promise((resolve, reject) => {
            this.queue.push({ id, resolve, reject });
            if (this.queue.length >= MAX_IDS) this.flush();
            else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
        });
    }

    private flush(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
        const batch = this.queue.splice(0, MAX_IDS);
        if (this.queue.length) this.timer = setTimeout(() => this.flush(), 0);
        if (batch.length) void this.send(batch);
    }

    private async send(batch: Waiter[]): Promise<void> {
        let answer: BulkDeleteAnswer | undefined;
        if (batch.length > 1) {
            try {
                answer = await this.calls.bulk([...new Set(batch.map((w) => w.id))]);
            } catch (e) {
                // Refused credentials would fail the single DELETEs the same way; anything else (a version without
                // the route, a refused id, an unknown outcome) is settled id by id below.
                if (isIscAuthError(e) || (isIscApiError(e) && (e.status === 401 || e.status === 403))) {
                    for (const w of batch) w.reject(e);
                    return;
                }
            }
        }
        const pending = new Set(answer?.pending ?? []);
        const inUse = new Map((answer?.inUse ?? []).map((u) => [u.accessProfileId, u.usedBy]));
        await Promise.all(
            batch.map(async (w) => {
                try {
                    if (pending.has(w.id)) return w.resolve(true);
                    const users = inUse.get(w.id);
                    if (users) return w.reject(new IscInUseError(w.id, users));
                    w.resolve(await this.calls.single(w.id));
                } catch (e) {
                    w.reject(e);
                }
            }),
        );
    }
}

const batchers = new Map<string, DeleteBatcher>();

/** The batcher of one collection (key: tenant, credentials, collection path), shared by every delete of the run. */
export function batcherFor(key: string, calls: BulkDeleteCalls): DeleteBatcher {
    let batcher = batchers.get(key);
    if (!batcher) {
        batcher = new DeleteBatcher(calls);
        batchers.set(key, batcher);
    }
    return batcher;
}
