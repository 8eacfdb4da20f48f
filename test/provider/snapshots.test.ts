/** Refresh reads from list snapshots: how many pages a run fetches, and that a snapshot never decides an object is gone. */
import { FetchPage, Snapshot } from "../../provider/src/client";
import type { ServerObject } from "../../provider/src/provider/api";

const PAGE = 250;
const hex = (n: number) => n.toString(16).padStart(32, "0");

/** A collection of `total` objects served in pages of 250; records the offsets asked for. */
function collection(total: number, opts: { announceTotal?: boolean; fail?: boolean } = {}) {
    const objects: ServerObject[] = Array.from({ length: total }, (_, i) => ({ id: hex(i), name: `o${i}` }));
    const offsets: number[] = [];
    const fetchPage: FetchPage = async (offset) => {
        offsets.push(offset);
        await new Promise((r) => setImmediate(r));
        if (opts.fail) throw new Error("list failed");
        return { items: objects.slice(offset, offset + PAGE), total: opts.announceTotal === false ? undefined : total };
    };
    return { objects, offsets, fetchPage };
}

test("1,000 concurrent reads of a 1,000-object collection: 4 pages, every read served", async () => {
    const c = collection(1000);
    const snapshot = new Snapshot(c.fetchPage, Date.now());
    const found = await Promise.all(c.objects.map((o) => snapshot.lookup(o.id)));
    expect(found.every((f, i) => f?.id === c.objects[i].id)).toBe(true);
    expect(c.offsets.sort((a, b) => a - b)).toEqual([0, 250, 500, 750]);
});

test("a few reads in a large collection: one page, and the rest left to GETs (never more pages than reads)", async () => {
    const c = collection(10_000);
    const snapshot = new Snapshot(c.fetchPage, Date.now());
    const ids = [hex(5), hex(4000), hex(9000), hex(9999)];
    const found = await Promise.all(ids.map((id) => snapshot.lookup(id)));
    expect(found.map((f) => f?.id)).toEqual([hex(5), undefined, undefined, undefined]);
    expect(c.offsets).toEqual([0]);
});

test("the remaining pages are fetched once as many reads missed as pages remain", async () => {
    const c = collection(1000); // 3 pages after the first
    const snapshot = new Snapshot(c.fetchPage, Date.now());
    // Sequential reads: the first two misses are left to GETs, the third fetches the rest and is served.
    expect(await snapshot.lookup(hex(300))).toBeUndefined();
    expect(await snapshot.lookup(hex(600))).toBeUndefined();
    expect((await snapshot.lookup(hex(900)))?.id).toBe(hex(900));
    expect(c.offsets.sort((a, b) => a - b)).toEqual([0, 250, 500, 750]);
    // Now complete: everything listed is served, and the rest is left to GETs without another page.
    expect((await snapshot.lookup(hex(300)))?.id).toBe(hex(300));
    expect(await snapshot.lookup("not-listed")).toBeUndefined();
    expect(c.offsets).toHaveLength(4);
});

test("an object missing from a complete snapshot is left to a GET, not reported gone", async () => {
    const c = collection(10);
    const snapshot = new Snapshot(c.fetchPage, Date.now());
    expect(await snapshot.lookup("created-after-the-list")).toBeUndefined();
    expect(c.offsets).toEqual([0]);
});

test("without X-Total-Count, pages are walked until a short one", async () => {
    const c = collection(600, { announceTotal: false });
    const snapshot = new Snapshot(c.fetchPage, Date.now());
    expect((await snapshot.lookup(hex(550)))?.id).toBe(hex(550));
    expect(c.offsets).toEqual([0, 250, 500]);
});

test("a snapshot that cannot be listed serves nothing: every read falls back to GET", async () => {
    const c = collection(10, { fail: true });
    const snapshot = new Snapshot(c.fetchPage, Date.now());
    expect(await snapshot.lookup(hex(1))).toBeUndefined();
    expect(await snapshot.lookup(hex(2))).toBeUndefined();
    expect(c.offsets).toEqual([0]);
});
