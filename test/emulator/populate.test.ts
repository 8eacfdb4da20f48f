/**
 * A populated tenant: counts, byte-for-byte determinism (ids included), validity against the emulator's own rules
 * (every access profile and segment reads back, can be patched, references only what exists), the awkward names,
 * speed at 5,000 objects, and the option checks (admin API, startEmulator, CLI).
 */
import { startEmulator, type TenantState } from "../../emulator";
import { EmulatorAdmin } from "../../emulator/admin-client";
import { parseArgs } from "../../emulator/cli";
import { presentSegment } from "../../emulator/present";
import type { JsonObject } from "../../emulator/validation";
import { AWKWARD_ACCESS_PROFILES, AWKWARD_ENTITLEMENTS, AWKWARD_GROUPS, AWKWARD_IDENTITIES, AWKWARD_SEGMENTS, AWKWARD_SOURCES } from "../../emulator/names";
import { expectIscError, tenant, type Tenant } from "./helpers";

const OPTIONS = { seed: 42, identities: 150, governanceGroups: 12, sources: 14, entitlementsPerSource: 20, segments: 40, accessProfiles: 260 };
/** The seeded tenant every emulator starts with. */
const BASE = { identities: 5, sources: 3, entitlements: 13, governanceGroups: 2 };

let t: Tenant;
beforeAll(async () => {
    t = await tenant({ seed: 7, rateLimit: null });
});
afterAll(() => t.close());

async function populated(options = OPTIONS): Promise<TenantState> {
    await t.admin.reset();
    await t.admin.populate(options);
    return t.admin.state();
}

describe("POST /__emulator/populate", () => {
    test("adds exactly the counts asked for to the seeded tenant, and answers the totals", async () => {
        await t.admin.reset();
        const result = await t.admin.populate(OPTIONS);
        expect(result.settings).toEqual({ ...OPTIONS, uncorrelatedIdentities: 0 });
        const state = await t.admin.state();
        const expected = {
            identities: BASE.identities + OPTIONS.identities,
            sources: BASE.sources + OPTIONS.sources,
            entitlements: BASE.entitlements + OPTIONS.sources * OPTIONS.entitlementsPerSource,
            governanceGroups: BASE.governanceGroups + OPTIONS.governanceGroups,
            segments: OPTIONS.segments,
            accessProfiles: OPTIONS.accessProfiles,
        };
        expect(result.counts).toEqual(expected);
        expect({
            identities: state.identities.length,
            sources: state.sources.length,
            entitlements: state.entitlements.length,
            governanceGroups: state.governanceGroups.length,
            segments: state.segments.length,
            accessProfiles: state.accessProfiles.length,
        }).toEqual(expected);
        const total = async (path: string) => Number((await t.api("GET", `${path}?count=true&limit=1`)).headers.get("x-total-count"));
        expect(await total("/v2025/access-profiles")).toBe(expected.accessProfiles);
        expect(await total("/v2025/segments")).toBe(expected.segments);
        expect(await total("/v2025/entitlements")).toBe(expected.entitlements);
        expect(await total("/beta/workgroups")).toBe(expected.governanceGroups);
        // The seeded tenant is still there, with its ids.
        expect(state.identities.slice(0, 5).map((i) => i.name)).toEqual(["Alice Admin", "Bob Owner", "Carol Manager", "Dan Developer", "Erin Auditor"]);
        expect(state.identities[0].id).toBe(t.state.identities[0].id);
        // The alias /__emulator/seed does the same.
        const again = await fetch(`${t.emu.url}/__emulator/seed`, { method: "POST", body: JSON.stringify({ ...OPTIONS, accessProfiles: 3 }) });
        expect(((await again.json()) as { counts: { accessProfiles: number } }).counts.accessProfiles).toBe(3);
    });

    test("the same options give the same tenant byte for byte, ids included; another seed another tenant", async () => {
        const one = JSON.stringify(await populated());
        const other = await tenant({ seed: 7, rateLimit: null });
        try {
            await other.admin.populate(OPTIONS);
            expect(JSON.stringify(await other.admin.state())).toBe(one);
            // The populated objects do not depend on the emulator's own seed: only the seeded five differ.
            const third = await startEmulator({ seed: 8, rateLimit: null, populate: OPTIONS });
            try {
                const s3 = await new EmulatorAdmin(third.url).state();
                const s1 = JSON.parse(one) as TenantState;
                expect(s3.accessProfiles).toEqual(s1.accessProfiles);
                expect(s3.identities.slice(5)).toEqual(s1.identities.slice(5));
                expect(s3.identities[0].id).not.toBe(s1.identities[0].id);
            } finally {
                await third.close();
            }
            await other.admin.populate({ ...OPTIONS, seed: 43 });
            const different = await other.admin.state();
            expect(different.accessProfiles.map((p) => p.id)).not.toEqual((JSON.parse(one) as TenantState).accessProfiles.map((p) => p.id));
        } finally {
            await other.close();
        }
    });

    test("the startup option populates at start and after every reset; populate keeps the config and the log", async () => {
        const emu = await startEmulator({ seed: 7, rateLimit: null, populate: OPTIONS });
        try {
            const admin = new EmulatorAdmin(emu.url);
            const first = JSON.stringify(await admin.state());
            expect(first).toBe(JSON.stringify(await populated()));
            await admin.createObject("segments", { name: "made after" });
            await admin.setConfig({ consistencyLagMs: 5 });
            await admin.reset();
            expect(JSON.stringify(await admin.state())).toBe(first);
            await admin.setConfig({ consistencyLagMs: 5 });
            await admin.populate({ ...OPTIONS, segments: 1 });
            expect((await admin.config()).consistencyLagMs).toBe(5);
            expect((await admin.state()).segments).toHaveLength(1);
        } finally {
            await emu.close();
        }
        // The request log survives a populate.
        await t.api("GET", "/v3/segments?limit=1");
        await t.admin.populate({ ...OPTIONS, accessProfiles: 1 });
        expect((await t.admin.requests()).map((r) => r.path)).toContain("/v3/segments");
        // An object created after a populate gets the same id every time.
        await populated();
        const a = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "after" });
        await populated();
        const b = await t.api<{ id: string }>("POST", "/v2025/segments", { name: "after" });
        expect(a.body.id).toBe(b.body.id);
    });

    test("5,000 objects in well under the test's time", async () => {
        await t.admin.reset();
        const started = Date.now();
        const result = await t.admin.populate({
            seed: 5,
            identities: 1000,
            governanceGroups: 50,
            sources: 50,
            entitlementsPerSource: 20,
            segments: 400,
            accessProfiles: 2550,
        });
        const c = result.counts;
        expect(c.identities - 5 + c.governanceGroups - 2 + c.sources - 3 + c.entitlements - 13 + c.segments + c.accessProfiles).toBe(5050);
        expect(Date.now() - started).toBeLessThan(5000);
        const page = await t.api<unknown[]>("GET", "/v2025/access-profiles?offset=2500&count=true");
        expect(page.headers.get("x-total-count")).toBe("2550");
        expect(page.body).toHaveLength(50);
    });
});

describe("a populated tenant is valid: a provider can read, adopt and patch every object", () => {
    let state: TenantState;
    beforeAll(async () => {
        state = await populated();
    });

    test("every access profile reads back as stored; its entitlements are its source's; every reference exists", async () => {
        const identities = new Set(state.identities.map((i) => i.id));
        const groups = new Set(state.governanceGroups.map((g) => g.id));
        const segments = new Set(state.segments.map((s) => s.id));
        const sourceOf = new Map(state.entitlements.map((e) => [e.id, e.source.id]));
        const sources = new Map(state.sources.map((s) => [s.id, s.name]));
        for (const ap of state.accessProfiles) {
            const read = await t.api<Record<string, unknown>>("GET", `/v2025/access-profiles/${ap.id}`);
            expect(read.status).toBe(200);
            expect(read.body).toEqual(ap);
            const source = ap.source as { id: string; name: string };
            expect(sources.get(source.id)).toBe(source.name);
            for (const e of ap.entitlements as Array<{ id: string }>) expect(sourceOf.get(e.id)).toBe(source.id);
            expect(identities.has((ap.owner as { id: string }).id)).toBe(true);
            for (const s of ap.segments as string[]) expect(segments.has(s)).toBe(true);
            for (const o of (ap.additionalOwners as Array<{ type: string; id: string }> | null) ?? [])
                expect((o.type === "IDENTITY" ? identities : groups).has(o.id)).toBe(true);
            const schemes =
                (ap.accessRequestConfig as { approvalSchemes: Array<{ approverType: string; approverId: string | null }> } | null)?.approvalSchemes ?? [];
            for (const s of schemes) if (s.approverType === "GOVERNANCE_GROUP") expect(groups.has(s.approverId!)).toBe(true);
            if (ap.enabled) expect((ap.entitlements as unknown[]).length).toBeGreaterThan(0);
        }
        for (const seg of state.segments) {
            // As stored, but a missing description is left out (a plain string in the spec), not null.
            expect((await t.api("GET", `/v3/segments/${seg.id}`)).body).toEqual(presentSegment(seg as JsonObject));
            const owner = seg.owner as { id: string } | null;
            if (owner) expect(identities.has(owner.id)).toBe(true);
        }
        // Some of each kind of content, so an export sees more than defaults.
        expect(state.accessProfiles.some((p) => (p.segments as string[]).length > 0)).toBe(true);
        expect(state.accessProfiles.some((p) => p.accessRequestConfig !== null)).toBe(true);
        expect(state.accessProfiles.some((p) => !p.enabled)).toBe(true);
        expect(state.segments.some((s) => s.visibilityCriteria !== null)).toBe(true);
    });

    test("populated objects take patches like any other: name, entitlements of the same source, segments", async () => {
        const ap = state.accessProfiles.find((p) => p.name === "Payroll Admins")!;
        const sourceId = (ap.source as { id: string }).id;
        const other = state.entitlements.find((e) => e.source.id === sourceId && !(ap.entitlements as Array<{ id: string }>).some((x) => x.id === e.id))!;
        const patched = await t.api<{ name: string; entitlements: Array<{ id: string }>; segments: string[] }>("PATCH", `/v2025/access-profiles/${ap.id}`, [
            { op: "replace", path: "/name", value: "Payroll Admins (adopted)" },
            { op: "add", path: "/entitlements/-", value: { type: "ENTITLEMENT", id: other.id } },
            { op: "replace", path: "/segments", value: [state.segments[0].id] },
        ]);
        expect(patched.status).toBe(200);
        expect(patched.body.entitlements.map((e) => e.id)).toContain(other.id);
        const seg = state.segments.find((s) => s.name === 'EMEA "Core" Staff')!;
        expect((await t.api("PATCH", `/v2025/segments/${seg.id}`, [{ op: "replace", path: "/active", value: !seg.active }])).status).toBe(200);
        expect((await t.api("DELETE", `/v2025/access-profiles/${ap.id}`)).status).toBe(204);
    });

    test("the awkward names are all there: quotes, backslashes, +, é ß 日本, edge spaces, case pairs, duplicates", async () => {
        const has = (list: Array<{ name: string }>, wanted: readonly string[]) => expect(list.map((o) => o.name)).toEqual(expect.arrayContaining([...wanted]));
        has(
            state.identities,
            AWKWARD_IDENTITIES.map((p) => p.name),
        );
        has(state.sources, AWKWARD_SOURCES);
        has(state.entitlements, AWKWARD_ENTITLEMENTS);
        has(state.governanceGroups, AWKWARD_GROUPS);
        has(state.segments, AWKWARD_SEGMENTS);
        has(state.accessProfiles, AWKWARD_ACCESS_PROFILES);
        const all = [...state.identities, ...state.sources, ...state.entitlements, ...state.governanceGroups, ...state.segments, ...state.accessProfiles].map(
            (o) => o.name,
        );
        for (const pattern of [/"/, /\\/, /\+/, /é/, /ß/, /日本/, /^ /, / $/]) expect(all.some((n) => pattern.test(n))).toBe(true);
        for (const list of [state.identities, state.entitlements, state.governanceGroups, state.segments, state.accessProfiles] as Array<
            Array<{ name: string }>
        >) {
            const names = list.map((o) => o.name);
            expect(names.some((n) => n !== n.toLowerCase() && names.includes(n.toLowerCase()))).toBe(true);
        }
        expect(state.segments.filter((s) => s.name === "Contractors")).toHaveLength(2);
        expect(state.entitlements.filter((e) => e.name === "Domain Users").length).toBeGreaterThan(1);
        expect(state.entitlements.map((e) => e.value)).toEqual(
            expect.arrayContaining(["CN=Payroll Admins,OU=Groups,DC=acme,DC=com", "CN=C\\+\\+ Developers,OU=Groups,DC=acme,DC=com"]),
        );
        // Aliases and source names stay unique, as ISC keeps them.
        expect(new Set(state.identities.map((i) => i.alias)).size).toBe(state.identities.length);
        expect(new Set(state.sources.map((s) => s.name.toLowerCase())).size).toBe(state.sources.length);
    });

    test("uncorrelated identities: listed by /identities only with defaultFilter=NONE", async () => {
        await t.admin.populate({ ...OPTIONS, uncorrelatedIdentities: 3 });
        const count = async (q: string) => Number((await t.api("GET", `/v2025/identities?count=true&limit=1&${q}`)).headers.get("x-total-count"));
        expect(await count("")).toBe(BASE.identities + OPTIONS.identities);
        expect(await count("defaultFilter=NONE")).toBe(BASE.identities + OPTIONS.identities + 3);
    });
});

describe("populate options are checked", () => {
    test("the admin API: unknown fields, negative, fractional or too large counts are a 400 naming the field", async () => {
        const post = (body: unknown) => fetch(`${t.emu.url}/__emulator/populate`, { method: "POST", body: JSON.stringify(body) });
        const refused = async (body: unknown, text: RegExp) => {
            const res = await post(body);
            expectIscError({ status: res.status, headers: res.headers, body: await res.json() }, 400, "400.1 Bad Request Content", text);
        };
        await t.admin.reset();
        await refused({ people: 5 }, /Unknown populate option "people"; known: seed, identities/);
        await refused({ identities: -1 }, /"identities" must be a whole number from 0 to 100000; got -1/);
        await refused({ segments: 1.5 }, /"segments" must be a whole number/);
        await refused({ accessProfiles: "10" }, /"accessProfiles" must be a whole number/);
        await refused({ sources: 1000, entitlementsPerSource: 1000 }, /sources x entitlementsPerSource is 1000000/);
        await refused([1], /Send a JSON object of counts/);
        // A refused request changes nothing.
        expect((await t.admin.state()).identities).toHaveLength(BASE.identities);
        // No body: the defaults.
        const defaults = (await (await fetch(`${t.emu.url}/__emulator/populate`, { method: "POST" })).json()) as { settings: Record<string, number> };
        expect(defaults.settings).toEqual({
            seed: 1,
            identities: 200,
            uncorrelatedIdentities: 0,
            governanceGroups: 10,
            sources: 20,
            entitlementsPerSource: 25,
            segments: 50,
            accessProfiles: 300,
        });
    });

    test("startEmulator throws an Error naming the bad option; true means the defaults", async () => {
        await expect(startEmulator({ populate: { identities: -3 } })).rejects.toThrow(/startEmulator: Populate option "identities" must be a whole number/);
        const emu = await startEmulator({ populate: true });
        try {
            expect((await new EmulatorAdmin(emu.url).state()).accessProfiles).toHaveLength(300);
        } finally {
            await emu.close();
        }
    });

    test("the CLI: --populate, --populate=k=n,..., ISC_EMULATOR_POPULATE", () => {
        expect(parseArgs([], {})).not.toHaveProperty("populate");
        expect(parseArgs(["--populate"], {})).toMatchObject({ populate: { seed: 1, identities: 200, accessProfiles: 300 } });
        expect(parseArgs(["--populate=identities=5,accessProfiles=7,seed=3"], {})).toMatchObject({
            populate: { seed: 3, identities: 5, accessProfiles: 7, segments: 50 },
        });
        expect(parseArgs(["--populate", "segments=2", "--port", "0"], {})).toMatchObject({ port: 0, populate: { segments: 2 } });
        expect(parseArgs([], { ISC_EMULATOR_POPULATE: "1" })).toMatchObject({ populate: { identities: 200 } });
        expect(parseArgs([], { ISC_EMULATOR_POPULATE: "sources=4" })).toMatchObject({ populate: { sources: 4 } });
        expect(parseArgs([], { ISC_EMULATOR_POPULATE: "0" })).not.toHaveProperty("populate");
        expect(() => parseArgs(["--populate=people=3"], {})).toThrow(/--populate: Unknown populate option "people"/);
        expect(() => parseArgs([], { ISC_EMULATOR_POPULATE: "identities:3" })).toThrow(/ISC_EMULATOR_POPULATE needs key=number pairs/);
    });
});
