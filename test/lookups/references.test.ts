/**
 * getSource, getGovernanceGroup, getIdentity (by name) and getEntitlement against the emulator's seeded tenant,
 * over HTTP (`name eq|sw`, `source.id eq`, `value eq`). Names come from the tenant's own state, so the tests hold
 * whichever seeded names it carries; documented-filters.test.ts covers the other filters and a populated tenant.
 */
import { getEntitlement, getGovernanceGroup, getIdentity, getSource, getSourceOutput, isIscLookupError } from "../../provider/src/lookups";
import { CLIENT_SECRET, lookupTenant, rejection, type LookupTenant } from "./support";

interface Named {
    id: string;
    name: string;
}
interface EntitlementState extends Named {
    value: string;
    attribute: string;
    source: { id: string; name: string };
}

let t: LookupTenant;
let sources: Named[];
let groups: Named[];
let identities: Array<Named & { alias: string }>;
let entitlements: EntitlementState[];
beforeAll(async () => {
    t = await lookupTenant();
    sources = t.state.sources;
    groups = t.state.governanceGroups;
    identities = t.state.identities;
    entitlements = t.state.entitlements as unknown as EntitlementState[];
});
afterAll(() => t.close());
beforeEach(() => t.clear());

/** Another object whose name equals this one's ignoring case: then a case-changed lookup must be ambiguous, not found. */
const unique = <T extends Named>(list: T[], o: T) => list.filter((x) => x.name.toLowerCase() === o.name.toLowerCase()).length === 1;

test("getSource: exact name, one call to /v3/sources with name eq", async () => {
    const src = sources[1];
    const found = await getSource({ name: src.name }, t.opts);
    expect(found).toMatchObject({ id: src.id, name: src.name });
    expect(Object.keys(found).sort()).toEqual(["id", "name", "type"]);
    expect(await t.calls()).toEqual([expect.objectContaining({ path: "/v3/sources", filters: `name eq "${src.name}"`, status: 200 })]);
});

test("getSource: the name in upper case finds the one source it names", async () => {
    const src = sources.find((s) => unique(sources, s))!;
    expect((await getSource({ name: src.name.toUpperCase() }, t.opts)).id).toBe(src.id);
    const calls = await t.calls();
    expect(calls[0].filters).toBe(`name eq "${src.name.toUpperCase()}"`);
    expect(calls.length).toBeLessThanOrEqual(2); // eq (when it ignores case), else eq then sw
});

test("getSource: no match names what, where, how, and the closest names", async () => {
    const src = sources[0];
    const typo = src.name.slice(0, -1) + "x";
    const e = await rejection(getSource({ name: typo }, t.opts));
    if (!isIscLookupError(e)) throw e;
    const p = e.problems[0];
    expect(p).toMatchObject({ kind: "not-found", what: `source named "${typo}"`, where: `${t.emu.url}/v3/sources` });
    if (p.kind !== "not-found") return;
    expect(p.closest[0]).toBe(src.name);
    expect(p.closest.length).toBeLessThanOrEqual(5);
    expect(e.message).toContain(`filter name eq "${typo}" answered 0`);
    expect((await t.calls()).map((c) => c.filters)).toEqual([`name eq "${typo}"`, `name sw "${typo}"`, undefined]);
});

test("getGovernanceGroup: /beta/workgroups, name eq, one call", async () => {
    const g = groups[0];
    expect(await getGovernanceGroup({ name: g.name }, t.opts)).toMatchObject({ id: g.id, name: g.name });
    expect(await t.calls()).toEqual([expect.objectContaining({ path: "/beta/workgroups", filters: `name eq "${g.name}"` })]);
});

test("getIdentity by name: /v2025/identities, name eq, defaultFilter=NONE, one call; alias and email in the result", async () => {
    const who = identities[0];
    const found = await getIdentity({ name: who.name }, t.opts);
    expect(found).toMatchObject({ id: who.id, name: who.name, alias: who.alias });
    expect(found.email).toMatch(/@/);
    expect(await t.calls()).toEqual([
        expect.objectContaining({ path: "/v2025/identities", filters: `name eq "${who.name}"`, query: expect.objectContaining({ defaultFilter: "NONE" }) }),
    ]);
});

test("getEntitlement by value: source.id eq and value eq, one call; the result names its source", async () => {
    const ent = entitlements[2];
    const found = await getEntitlement({ source: ent.source.id, value: ent.value }, t.opts);
    expect(found).toEqual({ id: ent.id, name: ent.name, value: ent.value, attribute: ent.attribute, source: { id: ent.source.id, name: ent.source.name } });
    expect(await t.calls()).toEqual([
        expect.objectContaining({ path: "/v2025/entitlements", filters: `source.id eq "${ent.source.id}" and value eq "${ent.value}"` }),
    ]);
});

test("getEntitlement by name, the source given as a getSource result", async () => {
    const ent = entitlements[0];
    const src = await getSource({ name: ent.source.name }, t.opts);
    await t.clear();
    expect((await getEntitlement({ source: src, name: ent.name }, t.opts)).id).toBe(ent.id);
    expect((await t.calls()).map((c) => c.filters)).toEqual([`source.id eq "${ent.source.id}" and name eq "${ent.name}"`]);
});

test("getEntitlement by name in lower case: found when it is the only one", async () => {
    const ent = entitlements.find(
        (e) =>
            unique(
                entitlements.filter((x) => x.source.id === e.source.id),
                e,
            ) && e.name !== e.name.toLowerCase(),
    )!;
    expect((await getEntitlement({ source: ent.source.id, name: ent.name.toLowerCase() }, t.opts)).id).toBe(ent.id);
});

test("getEntitlement on the wrong source: not found there, with that source's closest values", async () => {
    const ent = entitlements.find((e) => e.source.id === sources[0].id)!;
    const other = sources.find((s) => s.id !== ent.source.id)!;
    const e = await rejection(getEntitlement({ source: other.id, value: ent.value }, t.opts));
    if (!isIscLookupError(e)) throw e;
    expect(e.problems[0]).toMatchObject({ kind: "not-found", what: `entitlement with value "${ent.value}" on source ${other.id}`, closestOf: "values" });
    const p = e.problems[0];
    const otherValues = entitlements.filter((x) => x.source.id === other.id).map((x) => x.value);
    expect(p.kind === "not-found" && p.closest.every((v) => otherValues.includes(v))).toBe(true);
});

test("wrong credentials: an auth error naming the settings to check, without the secret", async () => {
    const secret = "not-the-demo-secret-4471";
    const e = await rejection(getSource({ name: sources[0].name }, { ...t.opts, clientSecret: secret }));
    expect(e.name).toBe("IscAuthError");
    expect(e.message).toMatch(/^getSource \(name ".*"\): ISC did not issue a token for client id "demo-client"/);
    expect(e.message).toContain("check isc:clientId and isc:clientSecret");
    for (const text of [e.message, String(e.stack), JSON.stringify(e)]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(CLIENT_SECRET);
    }
});

test("a ready access token is used, and appears in no error or result", async () => {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: "demo-client", client_secret: CLIENT_SECRET });
    const res = await fetch(`${t.emu.url}/oauth/token`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: form.toString(),
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    const opts = { baseUrl: t.emu.url, accessToken: token };
    const found = await getSource({ name: sources[0].name }, opts);
    const missing = await rejection(getSource({ name: "No Such Source" }, opts));
    const refused = await rejection(getSource({ name: sources[0].name }, { baseUrl: t.emu.url, accessToken: `${token}x` }));
    expect(refused.name).toBe("IscAuthError");
    for (const text of [JSON.stringify(found), missing.message, String(missing.stack), refused.message, String(refused.stack), JSON.stringify(refused)]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(CLIENT_SECRET);
    }
});

test("settings: the SAIL_* environment alone is enough for a script (no Pulumi engine, no options)", async () => {
    const saved = { ...process.env };
    try {
        process.env.SAIL_BASE_URL = t.emu.url;
        process.env.SAIL_CLIENT_ID = "demo-client";
        process.env.SAIL_CLIENT_SECRET = CLIENT_SECRET;
        expect((await getSource({ name: sources[0].name })).id).toBe(sources[0].id);
        // Explicit options win over the environment.
        process.env.SAIL_BASE_URL = "http://127.0.0.1:9";
        process.env.SAIL_CLIENT_SECRET = "stale-secret-from-env";
        expect((await getSource({ name: sources[0].name }, t.opts)).id).toBe(sources[0].id);
    } finally {
        process.env = saved;
    }
});

test("no settings at all: a config error that says what to set, before any call", async () => {
    const saved = { ...process.env };
    try {
        for (const k of Object.keys(process.env)) if (k.startsWith("SAIL_")) delete process.env[k];
        const e = await rejection(getSource({ name: "Workday" }));
        expect(e.name).toBe("IscConfigError");
        expect(e.message).toContain("isc:baseUrl");
        expect(e.message).toContain("SAIL_BASE_URL");
    } finally {
        process.env = saved;
    }
});

test("the Output form outside a program resolves like the Promise form", async () => {
    const out = getSourceOutput({ name: sources[0].name }, t.opts);
    const id = await new Promise<string>((resolve) => out.id.apply((v) => resolve(v)));
    expect(id).toBe(sources[0].id);
});
