/**
 * The live suite's safety rules, on the live tenant: the sweep removes leftovers of runs that started more than an
 * hour ago and leaves a run still going on alone; nothing is created, changed or deleted unless its name carries
 * the suite's prefix. Opt-in: see support.ts and the README.
 */
import { assertOurs, describeLive, eventually, isStale, PREFIX, runPrefix, stampOf, TenantApi } from "./support";

const LONG = 10 * 60_000;
const HOUR = 60 * 60 * 1000;

describeLive("the live suite cleans up after itself and touches nothing else", (tenant) => {
    const now = Date.now();
    /** Stand-ins for two earlier runs: one crashed two hours ago, one started ten minutes ago and still going. */
    const crashed = runPrefix(new Date(now - 2 * HOUR));
    const running = runPrefix(new Date(now - 10 * 60 * 1000));
    let apis: TenantApi[] = [];

    afterAll(async () => {
        for (const api of apis) await api.removeRun();
    }, LONG);

    test("names: only the suite's own, with their run's stamp, ever count as the suite's", () => {
        expect(stampOf(`${crashed}-x`)).toBe(Math.floor((now - 2 * HOUR) / 1000) * 1000);
        expect(isStale(`${crashed}-segment`, now)).toBe(true);
        expect(isStale(`${running}-segment`, now)).toBe(false);
        for (const name of ["Payroll Admins", `x-${crashed}-segment`, `${PREFIX}not-a-stamp-segment`, `${PREFIX}`, null]) {
            expect(isStale(name, now)).toBe(false);
        }
        expect(() => assertOurs("segments", { id: "1", name: "Payroll Admins" })).toThrow(/lacks the live suite's prefix/);
        expect(() => assertOurs("segments", { id: "1", name: `${running}-segment` })).not.toThrow();
    });

    test("creates are refused before any request for a name outside the run's prefix", async () => {
        const api = new TenantApi(tenant(), running);
        await expect(api.create("segments", { name: "Payroll Admins" })).rejects.toThrow(/lacks this run's prefix/);
        await expect(api.create("segments", { name: `${crashed}-segment` })).rejects.toThrow(/lacks this run's prefix/);
        expect(api.client.stats().requests).toBe(0);
    });

    test(
        "the sweep removes a crashed run's leftovers and leaves a running one's",
        async () => {
            const old = new TenantApi(tenant(), crashed);
            const live = new TenantApi(tenant(), running);
            apis = [old, live];
            const leftover = await old.create("segments", { name: `${crashed}-leftover`, description: "A crashed live-suite run's leftover", active: false });
            const current = await live.create("segments", { name: `${running}-in-use`, description: "A running live-suite run's object", active: false });
            // The sweep finds objects in the list.
            await eventually(
                "both in the segments list",
                () => old.list("segments"),
                (all) => [leftover.id, current.id].every((id) => all.some((o) => o.id === id)),
            );

            // A list read may still be an older replica's: sweep until one has seen the leftover.
            const sweeper = new TenantApi(tenant(), runPrefix());
            const swept: string[] = [];
            await eventually(
                "the leftover swept",
                async () => swept.push(...(await sweeper.sweep())),
                () => swept.includes(`segments/${crashed}-leftover`),
            );
            expect(swept.every((s) => isStale(s.replace(/^[a-z-]+\//, ""), Date.now()))).toBe(true);
            await old.gone("segments", leftover.id);
            expect(await live.get("segments", current.id)).toMatchObject({ name: `${running}-in-use` });
            expect(await live.removeRun()).toEqual([`segments/${running}-in-use`]);
        },
        LONG,
    );
});
