/**
 * Refresh reads served from list snapshots. A `pulumi refresh` of N resources asks for N objects at once; one
 * list page holds 250 of them, so reading the collection's pages once and serving every read of the run from
 * them costs ceil(total / 250) calls instead of N.
 *
 * Never more than a GET would cost, give or take one page, whatever the tenant's size: the first page (which also
 * tells the total) is fetched for the first read; the remaining pages only once as many reads have missed the
 * pages fetched so far as there are pages left. Until then each missing read is a GET by id. A tenant of 10,000
 * objects refreshed for 3 resources costs one page and at most 3 GETs, not 40 pages.
 *
 * Never hides a change:
 *  - an object this process wrote after the snapshot was started is read by GET (the snapshot predates the write);
 *  - an object missing from the snapshot is read by GET (it may be newer than the list, or the list may lag), so
 *    a snapshot never decides that an object is gone;
 *  - the caller's propagation rules still apply to what a snapshot returns (a listed version older than the state's
 *    `modified` right after a write is polled by GET: the provider's read);
 *  - a snapshot serves reads for MAX_AGE_MS; a read after that starts a new one.
 * A snapshot that fails to load (after the client's retries) serves nothing: its reads fall back to GET, which
 * reports the failure in the resource's own words if it persists.
 */
import { PAGE_SIZE } from "./pagination";

/** A listed object: whatever the server answered, with its id. */
export type ServerObject = Record<string, unknown> & { id: string };

/** One list page and, when the server announced it, the collection's total. */
export interface ListPage {
    items: ServerObject[];
    total: number | undefined;
}

export type FetchPage = (offset: number) => Promise<ListPage>;

/** How long a snapshot serves reads: a run's refresh happens at once, well within it. */
export const MAX_AGE_MS = 60_000;

export class Snapshot {
    private readonly items = new Map<string, ServerObject>();
    private readonly first: Promise<void>;
    private rest: Promise<void> | undefined;
    private total: number | undefined;
    private fetched = 0;
    private complete = false;
    private failed = false;
    private error: unknown;
    private misses = 0;

    constructor(
        private readonly fetchPage: FetchPage,
        /** When the first page was asked for: anything we wrote from then on may be missing from the snapshot. */
        readonly startedAt: number,
        /** Items per full page (ISC's 250; ZPA's 500). */
        private readonly pageSize: number = PAGE_SIZE,
    ) {
        this.first = this.guard(this.load(0));
    }

    /**
     * The object as listed, or `undefined` when the caller should GET it by id: not listed (new, deleted or not
     * yet seen by the list), or not worth fetching more pages for.
     */
    async lookup(id: string): Promise<ServerObject | undefined> {
        await this.first;
        const listed = this.items.get(id);
        if (listed || this.complete || this.failed) return listed;
        if (!this.rest) {
            this.misses++;
            // Reads that arrived together (a refresh sends them at once) count themselves before any decides.
            await new Promise((resolve) => setImmediate(resolve));
            if (!this.rest) {
                if (this.misses < this.remainingPages()) return undefined;
                this.rest = this.guard(this.loadRest());
            }
        }
        await this.rest;
        return this.items.get(id);
    }

    /**
     * Every object listed, fetching the remaining pages if need be (isc:adoptOnCreate looks through the whole
     * collection). Unlike `lookup`, a failed listing is an error here: an empty answer would be taken for the truth.
     */
    async all(): Promise<ServerObject[]> {
        await this.first;
        if (!this.complete && !this.failed) {
            this.rest ??= this.guard(this.loadRest());
            await this.rest;
        }
        if (this.failed) throw this.error;
        return [...this.items.values()];
    }

    private remainingPages(): number {
        // Without a total, at least one more page: walk on when one read missed.
        return this.total === undefined ? 1 : Math.ceil((this.total - this.fetched) / this.pageSize);
    }

    private async load(offset: number): Promise<number> {
        const page = await this.fetchPage(offset);
        for (const item of page.items) if (typeof item?.id === "string") this.items.set(item.id, item);
        this.fetched += page.items.length;
        if (offset === 0) {
            this.total = page.total;
            this.complete = page.total !== undefined ? page.items.length >= page.total : page.items.length < this.pageSize;
        }
        return page.items.length;
    }

    private async loadRest(): Promise<void> {
        if (this.total !== undefined) {
            // The offsets are known: fetch the pages together (the shared limiter paces them).
            const offsets: number[] = [];
            for (let offset = this.pageSize; offset < this.total; offset += this.pageSize) offsets.push(offset);
            await Promise.all(offsets.map((offset) => this.load(offset)));
        } else {
            for (let offset = this.pageSize; ; offset += this.pageSize) if ((await this.load(offset)) < this.pageSize) break;
        }
        this.complete = true;
    }

    private async guard(work: Promise<unknown>): Promise<void> {
        try {
            await work;
        } catch (e) {
            this.failed = true;
            this.error = e;
        }
    }
}

const snapshots = new Map<string, Snapshot>();

/**
 * The snapshot of one collection (key: tenant, credentials, collection path; ZPA's keys are apart, see
 * zpa/provider/snapshot.ts) for a read that starts now: the
 * current one, or a new one when there is none or the last is older than MAX_AGE_MS.
 */
export function snapshotFor(key: string, fetchPage: FetchPage, now: number = Date.now(), pageSize: number = PAGE_SIZE): Snapshot {
    let snapshot = snapshots.get(key);
    if (!snapshot || now - snapshot.startedAt > MAX_AGE_MS) {
        snapshot = new Snapshot(fetchPage, now, pageSize);
        snapshots.set(key, snapshot);
    }
    return snapshot;
}

/** Forget every snapshot (tests). */
export function clearSnapshots(): void {
    snapshots.clear();
}
