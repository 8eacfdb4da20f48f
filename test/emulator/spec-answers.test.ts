/**
 * What the emulator answers, against SailPoint's published schemas (sailpoint-oss/api-specs): never `null` where a
 * schema types a field as a plain value, on every version prefix and in every collection; `accessModelMetadata` on
 * every access profile as the AttributeDTOList object the specs publish; SailPoint's TypeScript SDK reads the answers.
 *
 * The nullable paths below are the ones the specs mark `nullable: true` (checked in `idn/{v3,beta,v2024,v2025,v2026}`
 * and `idn/apis/{segments,access-profiles}`); `[]` stands for any element of a list.
 */
import { AccessProfilesApi, Configuration, SegmentsApi } from "sailpoint-api-client";
import { makeGroup, makeIdentity } from "../../emulator/tenant";
import { ids, tenant, type Tenant } from "./helpers";

const VERSIONS = ["v3", "beta", "v2024", "v2025", "v2026", "v1"] as const;
const path = (version: string, kind: "segments" | "access-profiles") => (version === "v1" ? `/${kind}/v1` : `/${version}/${kind}`);

const expression = (at: string) => [`${at}.attribute`, `${at}.value`, `${at}.children`];
const SEGMENT_NULLABLE = [
    "owner",
    "visibilityCriteria",
    ...expression("visibilityCriteria.expression"),
    ...expression("visibilityCriteria.expression.children[]"),
];
const schemes = (at: string) => [at, `${at}.approvalSchemes`, `${at}.approvalSchemes[].approverId`];
const criteria = (at: string) => [`${at}.attribute`, `${at}.value`, `${at}.children`];
const ACCESS_PROFILE_NULLABLE = [
    "description",
    "entitlements",
    "entitlements[].name",
    ...schemes("accessRequestConfig"),
    ...["commentsRequired", "denialCommentsRequired", "reauthorizationRequired", "requireEndDate", "maxPermittedAccessDuration"].map(
        (f) => `accessRequestConfig.${f}`,
    ),
    ...schemes("revocationRequestConfig"),
    "segments",
    "accessModelMetadata.attributes",
    "provisioningCriteria",
    ...criteria("provisioningCriteria"),
    ...criteria("provisioningCriteria.children[]"),
    ...criteria("provisioningCriteria.children[].children[]"),
    "additionalOwners",
    "additionalOwners[].name",
];
const REFERENCE_NULLABLE: Record<string, string[]> = {
    sources: [
        "owner",
        "cluster",
        "accountCorrelationConfig",
        "accountCorrelationRule",
        "managerCorrelationMapping",
        "managerCorrelationRule",
        "beforeProvisioningRule",
        "passwordPolicies",
        "managementWorkgroup",
        "category",
    ],
    entitlements: ["description", "owner", "additionalOwners", "manuallyUpdatedFields", "segments"],
    // `attributes` is a free map of the identity's attributes: its values may be anything, null included.
    identities: ["emailAddress", "processingState", "managerRef", "lifecycleState", "attributes.*"],
    "public-identities": ["email", "status", "identityState", "manager", "attributes[].value"],
    workgroups: [],
};

/** Every place a null occurs in `value`, list indexes written `[]`, a free map's keys as `*` when `maps` names it. */
function nullPaths(value: unknown, at = "", maps: string[] = []): string[] {
    if (value === null) return [at];
    if (Array.isArray(value)) return value.flatMap((v) => nullPaths(v, `${at}[]`, maps));
    if (typeof value !== "object" || value === undefined) return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
        const key = maps.includes(at) ? "*" : k;
        return nullPaths(v, at ? `${at}.${key}` : key, maps);
    });
}
/** The paths of `body`'s nulls that `allowed` does not list. */
const strayNulls = (body: unknown, allowed: string[], maps: string[] = []) => [...new Set(nullPaths(body, "", maps))].filter((p) => !allowed.includes(p));

let t: Tenant;
let x: ReturnType<typeof ids>;
beforeAll(async () => {
    t = await tenant({
        rateLimit: null,
        populate: { identities: 120, governanceGroups: 12, sources: 6, entitlementsPerSource: 8, segments: 30, accessProfiles: 60 },
    });
    x = ids(t);
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
const eq = (attribute: string, value: string) => ({ operator: "EQUALS", attribute, value: { type: "STRING", value } });

describe("no null where SailPoint's schemas type a plain value", () => {
    test.each(VERSIONS)("segments and access profiles created, read, listed and patched on %s", async (v) => {
        const segments = [
            { name: `bare ${v}` },
            {
                name: `full ${v}`,
                description: "d",
                owner: { id: x.alice },
                active: true,
                visibilityCriteria: { expression: { operator: "AND", children: [eq("location", "Austin")] } },
            },
            { name: `empty criteria ${v}`, description: null, visibilityCriteria: {} },
        ];
        const profiles = [
            { name: `bare ${v}`, owner: { id: x.alice }, source: { type: "SOURCE", id: x.ad } },
            {
                name: `full ${v}`,
                owner: { type: "IDENTITY", id: x.alice },
                source: { type: "SOURCE", id: x.ad },
                entitlements: [{ type: "ENTITLEMENT", id: x.adEnts[0] }],
                accessRequestConfig: { approvalSchemes: [{ approverType: "MANAGER" }, { approverType: "GOVERNANCE_GROUP", approverId: x.group }] },
                revocationRequestConfig: { approvalSchemes: [] },
                provisioningCriteria: {
                    operation: "OR",
                    children: [
                        { operation: "HAS", attribute: "dn" },
                        { operation: "AND", children: [{ operation: "EQUALS", attribute: "a", value: "b" }] },
                    ],
                },
                additionalOwners: [{ type: "GOVERNANCE_GROUP", id: x.group }],
                accessModelMetadata: { attributes: null },
            },
        ];
        const answers: Array<[string, unknown, string[]]> = [];
        for (const [kind, bodies, allowed] of [
            ["segments", segments, SEGMENT_NULLABLE],
            ["access-profiles", profiles, ACCESS_PROFILE_NULLABLE],
        ] as const) {
            for (const body of bodies) {
                const created = await t.api<Body>("POST", path(v, kind), body);
                expect(created.status).toBe(201);
                const id = created.body.id as string;
                const patched = await t.api("PATCH", `${path(v, kind)}/${id}`, [{ op: "replace", path: "/name", value: `${body.name} renamed` }]);
                expect(patched.status).toBe(200);
                answers.push(
                    [`POST ${kind}`, created.body, allowed],
                    [`GET ${kind}`, (await t.api("GET", `${path(v, kind)}/${id}`)).body, allowed],
                    [`PATCH ${kind}`, patched.body, allowed],
                );
            }
            answers.push([`list ${kind}`, (await t.api("GET", `${path(v, kind)}?limit=250`)).body, allowed.map((p) => `[].${p}`)]);
        }
        for (const [what, body, allowed] of answers) expect({ what, nulls: strayNulls(body, allowed) }).toEqual({ what, nulls: [] });
        // Checked on something: the full objects have nulls where the specs allow them.
        expect(answers.some(([, body]) => nullPaths(body).length > 0)).toBe(true);
    });

    test("a segment without description leaves the field out, as stored or after drift to null; patching one in works", async () => {
        const created = await t.api<Body>("POST", "/v2025/segments", { name: "no description" });
        expect(created.body).not.toHaveProperty("description");
        const id = created.body.id as string;
        await t.admin.drift("segments", id, { description: null, owner: { type: "IDENTITY", id: x.alice, name: null } });
        const drifted = (await t.api<Body>("GET", `/v3/segments/${id}`)).body;
        expect(drifted).not.toHaveProperty("description");
        expect(drifted.owner).toEqual({ type: "IDENTITY", id: x.alice }); // a name is a string: absent, not null
        // JSON Patch applies to the stored object, where the field exists: replace works as on a described segment.
        const patched = await t.api<Body>("PATCH", `/v2025/segments/${id}`, [{ op: "replace", path: "/description", value: "now described" }]);
        expect(patched.status).toBe(200);
        expect(patched.body.description).toBe("now described");
    });

    test.each(Object.keys(REFERENCE_NULLABLE))("reference collection %s, every page and every version it is published under", async (collection) => {
        const versions = { sources: ["v3", "beta", "v2024", "v2025"], "public-identities": ["v3", "v2024", "v2025"] }[collection] ?? ["beta", "v2024", "v2025"];
        const allowed = REFERENCE_NULLABLE[collection].map((p) => `[].${p}`);
        for (const v of versions) {
            const all: unknown[] = [];
            for (let offset = 0; ; offset += 250) {
                const page = await t.api<unknown[]>(
                    "GET",
                    `/${v}/${collection}?limit=250&offset=${offset}${collection === "identities" ? "&defaultFilter=NONE" : ""}`,
                );
                expect(page.status).toBe(200);
                all.push(...page.body);
                if (page.body.length < 250) break;
            }
            expect(all.length).toBeGreaterThan(5);
            const maps = collection === "identities" ? ["[].attributes"] : [];
            expect({ v, nulls: strayNulls(all, allowed, maps) }).toEqual({ v, nulls: [] });
        }
    });

    test("a governance group whose owner has no email address leaves owner.emailAddress out (a plain string in WorkgroupDto)", () => {
        const facts = {
            id: "1".repeat(32),
            alias: "x",
            firstname: "X",
            lastname: "Y",
            department: "IT",
            location: "Austin",
            created: "2024-01-01T00:00:00.000Z",
        };
        const group = (email: string | null) =>
            makeGroup({
                id: "2".repeat(32),
                name: "G",
                description: "",
                owner: makeIdentity({ ...facts, name: "X Y", email }),
                memberCount: 0,
                created: facts.created,
            });
        expect(group(null).owner).not.toHaveProperty("emailAddress");
        expect(group("x@acme.com").owner.emailAddress).toBe("x@acme.com");
    });
});

describe("accessModelMetadata on every access profile", () => {
    test.each(VERSIONS)("created on %s without it, with null or empty: every version reads {attributes: []}", async (v) => {
        const made: string[] = [];
        for (const metadata of [undefined, null, {}, { attributes: null }, { attributes: [] }]) {
            const r = await t.api<Body>("POST", path(v, "access-profiles"), {
                name: `amm ${v}`,
                owner: { id: x.alice },
                source: { type: "SOURCE", id: x.ad },
                ...(metadata !== undefined ? { accessModelMetadata: metadata } : {}),
            });
            expect(r.status).toBe(201);
            expect(r.body.accessModelMetadata).toEqual({ attributes: [] });
            made.push(r.body.id as string);
        }
        for (const read of VERSIONS)
            for (const id of made)
                expect((await t.api<Body>("GET", `${path(read, "access-profiles")}/${id}`)).body.accessModelMetadata).toEqual({ attributes: [] });
    });

    test('metadata given to a profile "in the UI" (admin API) is returned on every version and kept by patches', async () => {
        const metadata = {
            attributes: [
                {
                    key: "iscPrivacy",
                    name: "Privacy",
                    multiselect: false,
                    status: "active",
                    type: "governance",
                    objectTypes: ["all"],
                    description: "Privacy level",
                    values: [{ value: "public", name: "Public", status: "active" }],
                },
            ],
        };
        const made = await t.admin.createObject("access-profiles", {
            name: "classified",
            owner: { type: "IDENTITY", id: x.alice },
            source: { type: "SOURCE", id: x.ad },
            accessModelMetadata: metadata,
        });
        for (const v of VERSIONS) expect((await t.api<Body>("GET", `${path(v, "access-profiles")}/${made.id}`)).body.accessModelMetadata).toEqual(metadata);
        const patched = await t.api<Body>("PATCH", `/v2025/access-profiles/${made.id}`, [{ op: "replace", path: "/description", value: "kept" }]);
        expect(patched.body.accessModelMetadata).toEqual(metadata);
        // A `test` of it is allowed (it changes nothing) and is checked.
        expect(
            (await t.api("PATCH", `/v2025/access-profiles/${made.id}`, [{ op: "test", path: "/accessModelMetadata/attributes/0/key", value: "iscPrivacy" }]))
                .status,
        ).toBe(200);
        expect(
            (await t.api("PATCH", `/v2025/access-profiles/${made.id}`, [{ op: "test", path: "/accessModelMetadata/attributes/0/key", value: "other" }])).status,
        ).toBe(400);
    });
});

describe("SailPoint's TypeScript SDK reads the emulator's answers", () => {
    test("v3 segments and access profiles, with and without optional parts, read back unchanged", async () => {
        const config = new Configuration({ baseurl: t.emu.url, clientId: "demo-client", clientSecret: "demo-secret", tokenUrl: `${t.emu.url}/oauth/token` });
        const segments = new SegmentsApi(config);
        const profiles = new AccessProfilesApi(config);
        const seg = await segments.createSegment({ segment: { name: "sdk segment" } });
        expect(seg.status).toBe(201);
        expect(seg.data.description).toBeUndefined();
        const read = await segments.getSegment({ id: seg.data.id! });
        expect(read.data).toEqual((await t.api("GET", `/v3/segments/${seg.data.id}`)).body);
        const ap = await profiles.createAccessProfile({
            accessProfile: {
                name: "sdk profile",
                owner: { type: "IDENTITY", id: x.alice },
                source: { type: "SOURCE", id: x.ad },
                provisioningCriteria: { operation: "HAS", attribute: "dn" },
            },
        });
        expect(ap.status).toBe(201);
        const got = await profiles.getAccessProfile({ id: ap.data.id! });
        expect(got.data).toEqual((await t.api("GET", `/v3/access-profiles/${ap.data.id}`)).body);
        expect((got.data as unknown as Body).accessModelMetadata).toEqual({ attributes: [] });
        const listed = await profiles.listAccessProfiles({ filters: `id eq "${ap.data.id}"` });
        expect(listed.data).toEqual([got.data]);
    });
});
