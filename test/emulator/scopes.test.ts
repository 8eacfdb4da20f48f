/**
 * OAuth scopes as SailPoint's specs list them per operation, and ISC's documented 403 (ErrorResponseDto, detail
 * code "403 Forbidden") for a token whose scopes do not cover the call. `demo-client` may do everything
 * (`sp:scopes:all`); `demo-reader` only reads.
 */
import { AccessProfilesApi, Configuration, SegmentsApi } from "sailpoint-api-client";
import { READER_SCOPES } from "../../emulator";
import { expectIscError, getToken, ids, tenant, type Tenant } from "./helpers";

let t: Tenant;
let x: ReturnType<typeof ids>;
let reader: string;
beforeAll(async () => {
    t = await tenant({ rateLimit: null });
    x = ids(t);
    reader = (await getToken(t.emu.url, "demo-reader", "demo-reader-secret")).body.access_token as string;
});
afterAll(() => t.close());

type Body = Record<string, unknown>;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const profile = () => ({ name: "p", owner: { type: "IDENTITY", id: x.alice }, source: { type: "SOURCE", id: x.ad } });

function expectForbidden(answer: { status: number; headers: Headers; body: unknown }, needs: RegExp): void {
    expectIscError(answer, 403, "403 Forbidden", /^The server understood the request but refuses to authorize it\.$/);
    const causes = (answer.body as { causes: Array<{ text: string }> }).causes;
    expect(causes.map((c) => c.text).join("\n")).toMatch(needs);
}

describe("the token endpoint says which scopes a token has", () => {
    test("demo-client: sp:scopes:all; demo-reader: the read scopes, space-separated", async () => {
        expect((await getToken(t.emu.url)).body.scope).toBe("sp:scopes:all");
        const r = await getToken(t.emu.url, "demo-reader", "demo-reader-secret");
        expect(r.status).toBe(200);
        expect(r.body.scope).toBe(READER_SCOPES.join(" "));
        expect(READER_SCOPES).toEqual(expect.arrayContaining(["idn:segment:read", "idn:access-profile:read"]));
    });
});

describe("demo-reader reads and cannot write", () => {
    const reads = [
        ...["v3", "v2024", "v2025", "v2026"].map((v) => `/${v}/segments`),
        "/segments/v1",
        ...["v3", "beta", "v2024", "v2025", "v2026"].map((v) => `/${v}/access-profiles`),
        "/access-profiles/v1",
        "/v3/sources",
        "/v2025/entitlements",
        "/beta/identities",
        "/v3/public-identities",
        "/v2025/workgroups",
    ];
    test.each(reads)("GET %s is allowed", async (path) => {
        expect((await t.api("GET", path, undefined, as(reader))).status).toBe(200);
    });

    test("beta's segment routes list no scope of their own: the spec's global sp:scopes:all applies, so a read scope is refused", async () => {
        expectForbidden(await t.api("GET", "/beta/segments", undefined, as(reader)), /needs one of the scopes sp:scopes:all;/);
        expect((await t.api("GET", "/beta/segments")).status).toBe(200);
    });

    test("every write on segments and access profiles is a 403 naming the scope needed, and changes nothing", async () => {
        const seg = (await t.api<Body>("POST", "/v2025/segments", { name: "kept" })).body.id as string;
        const ap = (await t.api<Body>("POST", "/v2025/access-profiles", profile())).body.id as string;
        const before = await t.admin.state();
        const writes: Array<[string, string, unknown, RegExp]> = [
            ["POST", "/v3/segments", { name: "no" }, /idn:segment:manage/],
            ["PATCH", `/v2025/segments/${seg}`, [{ op: "replace", path: "/name", value: "no" }], /idn:segment:manage/],
            ["DELETE", `/segments/v1/${seg}`, undefined, /DELETE on \/segments\/v1 needs one of the scopes idn:segment:manage/],
            [
                "POST",
                "/v2025/access-profiles",
                profile(),
                /^POST on \/v2025\/access-profiles needs one of the scopes idn:access-profile:manage \(or sp:scopes:all\); the token has idn:segment:read/,
            ],
            ["PATCH", `/v3/access-profiles/${ap}`, [{ op: "replace", path: "/name", value: "no" }], /idn:access-profile:manage/],
            ["DELETE", `/v2026/access-profiles/${ap}`, undefined, /idn:access-profile:manage/],
            ["POST", "/v2024/access-profiles/bulk-delete", { accessProfileIds: [ap] }, /idn:access-profile:manage/],
        ];
        for (const [method, path, body, needs] of writes) expectForbidden(await t.api(method, path, body, as(reader)), needs);
        const after = await t.admin.state();
        expect(after.segments).toEqual(before.segments);
        expect(after.accessProfiles).toEqual(before.accessProfiles);
        const log = await t.admin.requests();
        expect(log.filter((r) => r.clientId === "demo-reader" && r.method !== "GET" && r.path !== "/oauth/token").map((r) => r.status)).toEqual(
            writes.map(() => 403),
        );
    });
});

describe("how a token's scopes are read (SailPoint's authorization guide)", () => {
    let custom: Tenant;
    beforeAll(async () => {
        const clients = [["idn:access-profile:manage"], ["idn:sources:read"], ["idn:segment:manage"], ["sp:scopes:default"]].map((scopes) => ({
            id: `c-${scopes.join("-")}`,
            secret: "s",
            scopes,
        }));
        custom = await tenant({ rateLimit: null, clients: [{ id: "demo-client", secret: "demo-secret" }, ...clients] });
    });
    afterAll(() => custom.close());
    const get = (token: string, path: string) => custom.api("GET", path, undefined, as(token));
    const token = async (scopes: string[]) => (await getToken(custom.emu.url, `c-${scopes.join("-")}`, "s")).body.access_token as string;

    test("a manage scope also reads; a read scope listed beside manage on a create does not let it create", async () => {
        const manage = await token(["idn:access-profile:manage"]);
        expect((await get(manage, "/v3/access-profiles")).status).toBe(200);
        expect((await get(manage, "/v3/segments")).status).toBe(403);
        const y = ids(custom);
        const body = { name: "p", owner: { type: "IDENTITY", id: y.alice }, source: { type: "SOURCE", id: y.ad } };
        expect((await custom.api("POST", "/v3/access-profiles", body, as(manage))).status).toBe(201);
        // POST /access-profiles lists idn:sources:read among its scopes, but a read scope only retrieves.
        expectForbidden(await custom.api("POST", "/v3/access-profiles", body, as(await token(["idn:sources:read"]))), /idn:access-profile:manage/);
        expect((await get(await token(["idn:segment:manage"]), "/v2025/segments")).status).toBe(200);
    });

    test("sp:scopes:default reaches only what needs no right (public identities)", async () => {
        const none = await token(["sp:scopes:default"]);
        expect((await get(none, "/v3/public-identities")).status).toBe(200);
        expectForbidden(await get(none, "/v2025/identities"), /idn:identity:read/);
        expectForbidden(await get(none, "/v2025/segments"), /the token has sp:scopes:default/);
    });
});

describe("SailPoint's TypeScript SDK with the read-only client", () => {
    test("reads through the SDK's own token flow; a create surfaces the documented 403 body", async () => {
        const config = new Configuration({
            baseurl: t.emu.url,
            clientId: "demo-reader",
            clientSecret: "demo-reader-secret",
            tokenUrl: `${t.emu.url}/oauth/token`,
        });
        expect((await new SegmentsApi(config).listSegments()).status).toBe(200);
        const profiles = new AccessProfilesApi(config);
        expect((await profiles.listAccessProfiles()).status).toBe(200);
        const refused = await profiles.createAccessProfile({ accessProfile: profile() as never }).then(
            () => undefined,
            (e: { response?: { status: number; data: Body } }) => e.response,
        );
        expect(refused?.status).toBe(403);
        expect(refused?.data).toMatchObject({
            detailCode: "403 Forbidden",
            messages: [{ locale: "en-US", text: "The server understood the request but refuses to authorize it." }],
        });
    });
});
