/**
 * The reference collections a lookup by name reads (identities, public identities, sources, entitlements,
 * governance groups) and the filter language, against a populated tenant with awkward names: where each is
 * published, its shape, every documented filter and sorter, escapes, `+`, case, paging past 250, and the 400s.
 */
import { type Answer, expectIscError, tenant, Tenant } from "./helpers";

let t: Tenant;
beforeAll(async () => {
    t = await tenant({
        seed: 5,
        rateLimit: null,
        populate: {
            seed: 9,
            identities: 320,
            uncorrelatedIdentities: 4,
            sources: 12,
            entitlementsPerSource: 30,
            governanceGroups: 12,
            segments: 20,
            accessProfiles: 60,
        },
    });
    t.state = await t.admin.state();
});
afterAll(() => t.close());

/** A filter string literal: double quotes and backslashes escaped, as SailPoint documents. */
const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const f = (expr: string) => `filters=${encodeURIComponent(expr)}`;

interface Named {
    id: string;
    name: string;
}
async function list<T = Named>(path: string, query = ""): Promise<Answer<T[]>> {
    const answer = await t.api<T[]>("GET", `${path}${query ? `?${query}` : ""}`);
    if (answer.status !== 200) throw new Error(`GET ${path}?${query} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer;
}
const names = async (path: string, query = "") => (await list(path, query)).body.map((o) => o.name);

describe("where each collection is published (sailpoint-oss/api-specs idn/sailpoint-api.{v3,beta,v2024,v2025}.yaml)", () => {
    const published: Array<[string, string[], string[]]> = [
        ["sources", ["v3", "beta", "v2024", "v2025"], []],
        ["entitlements", ["beta", "v2024", "v2025"], ["v3"]],
        ["identities", ["beta", "v2024", "v2025"], ["v3"]],
        ["public-identities", ["v3", "v2024", "v2025"], ["beta"]],
        ["workgroups", ["beta", "v2024", "v2025"], ["v3"]],
    ];
    test.each(published)("%s: listed under %j, a 404 naming where it is under %j", async (collection, yes, no) => {
        for (const v of yes) expect((await t.api("GET", `/${v}/${collection}?limit=1`)).status).toBe(200);
        for (const v of no) expectIscError(await t.api("GET", `/${v}/${collection}`), 404, "404 Not found", new RegExp(`published under /${yes[0]}`));
    });

    test("items by id where the spec has GET /{id}; public identities have none; other methods are 405", async () => {
        const ent = t.state.entitlements[0];
        expect((await t.api<Named>("GET", `/v2024/entitlements/${ent.id}`)).body.name).toBe(ent.name);
        expect((await t.api<Named>("GET", `/beta/workgroups/${t.state.governanceGroups[0].id}`)).body.name).toBe("Security Reviewers");
        expect((await t.api<Named>("GET", `/v3/sources/${t.state.sources[3].id}`)).body.name).toBe('SAP "Prod"');
        expectIscError(await t.api("GET", `/v2025/identities/${"0".repeat(32)}`), 404, "404 Not found", /not found/);
        expectIscError(await t.api("GET", `/v2025/public-identities/${t.state.identities[0].id}`), 404, "404 Not found", /no item route/);
        expectIscError(await t.api("GET", `/v3/entitlements/${ent.id}`), 404, "404 Not found", /\/beta, \/v2024, \/v2025/);
        expectIscError(await t.api("POST", "/beta/entitlements", { name: "x" }), 405, "405 Method not allowed");
        expectIscError(await t.api("GET", `/beta/sources/${t.state.sources[0].id}/schemas`), 404, "404 Not found");
    });
});

describe("shapes, field for field as the specs define them", () => {
    test("IdentityDto, PublicIdentity, Entitlement, Source, WorkgroupDto", async () => {
        const keys = (o: unknown) => Object.keys(o as object).sort();
        const [identity] = (await list("/v2025/identities", f('alias eq "jose.muller"'))).body;
        expect(keys(identity)).toEqual(
            [
                "alias",
                "attributes",
                "created",
                "emailAddress",
                "id",
                "identityStatus",
                "isManager",
                "lastRefresh",
                "lifecycleState",
                "managerRef",
                "modified",
                "name",
                "processingState",
            ].sort(),
        );
        expect(identity).toMatchObject({
            name: "José Müller",
            emailAddress: "jose.muller@acme.com",
            attributes: { firstname: "José", lastname: "Müller", uid: "jose.muller" },
        });
        const [pub] = (await list("/v3/public-identities", f('alias eq "jose.muller"'))).body;
        expect(keys(pub)).toEqual(["alias", "attributes", "email", "id", "identityState", "manager", "name", "status"]);
        expect(pub).toMatchObject({ id: identity.id, name: "José Müller", email: "jose.muller@acme.com", status: "Active" });
        const cpp = t.state.entitlements.find((e) => e.name === "C++ Developers")!;
        const ent = (await t.api<Named>("GET", `/v2025/entitlements/${cpp.id}`)).body;
        expect(keys(ent)).toEqual(
            [
                "accessModelMetadata",
                "attribute",
                "attributes",
                "cloudGoverned",
                "created",
                "description",
                "directPermissions",
                "id",
                "manuallyUpdatedFields",
                "modified",
                "name",
                "owner",
                "privileged",
                "requestable",
                "segments",
                "source",
                "sourceSchemaObjectType",
                "value",
            ].sort(),
        );
        expect(ent).toMatchObject({
            name: "C++ Developers",
            value: "CN=C\\+\\+ Developers,OU=Groups,DC=acme,DC=com",
            source: { type: "SOURCE", id: cpp.source.id, name: cpp.source.name },
        });
        const [source] = (await list("/v3/sources", "limit=1")).body;
        expect(source).toMatchObject({
            name: "Active Directory",
            owner: { type: "IDENTITY", name: "Alice Admin" },
            connectorName: "Active Directory",
            features: expect.arrayContaining(["PROVISIONING"]),
        });
        const [group] = (await list("/beta/workgroups", "limit=1")).body;
        expect(keys(group)).toEqual(["connectionCount", "created", "description", "id", "memberCount", "modified", "name", "owner"]);
        expect(group).toMatchObject({ memberCount: 2, owner: { type: "IDENTITY", name: "Alice Admin", displayName: "Alice Admin" } });
    });
});

describe("identities: GET /{beta,v2024,v2025}/identities", () => {
    test("name eq|sw, alias eq|sw, email eq|sw, firstname, lastname, id eq|in; names compare without case", async () => {
        const path = "/v2024/identities";
        // Display names are not unique: the awkward pair, and any generated "Anna Schmidt".
        const annas = t.state.identities.filter((i) => i.name.toLowerCase() === "anna schmidt").map((i) => i.name);
        expect(annas).toEqual(expect.arrayContaining(["Anna Schmidt", "anna schmidt"]));
        expect(await names(path, f('name eq "Anna Schmidt"'))).toEqual(annas);
        expect(await names(path, f('name eq "ANNA SCHMIDT"'))).toEqual(annas);
        expect(await names(path, f(`name eq ${quote("José Müller")}`))).toEqual(["José Müller"]);
        expect(await names(path, f(`name eq ${quote("josé müller")}`))).toEqual(["José Müller"]);
        expect(await names(path, f(`name eq ${quote("山田 太郎")}`))).toEqual(["山田 太郎"]);
        const jurgens = t.state.identities.filter((i) => i.name.toLowerCase().startsWith("jürgen w")).map((i) => i.name);
        expect(jurgens).toContain("Jürgen Weiß");
        expect(await names(path, f('name sw "JÜRGEN W"'))).toEqual(jurgens);
        expect(await names(path, f('alias eq "TARO.YAMADA"'))).toEqual(["山田 太郎"]);
        expect(await names(path, f('alias sw "anna.schmidt"'))).toEqual(annas);
        expect(await names(path, f('email eq "renee.obrien@acme.com"'))).toEqual(["Renée O'Brien"]);
        expect(await names(path, f('email sw "jose.m"'))).toEqual(["José Müller"]);
        expect(await names(path, f('firstname eq "Zoë" and lastname eq "Ångström"'))).toEqual(["Zoë Ångström"]);
        const [a, b] = t.state.identities;
        expect(await names(path, f(`id eq "${a.id}"`))).toEqual([a.name]);
        expect(await names(path, f(`id in ("${b.id}", "${a.id}")`))).toEqual([a.name, b.name]);
    });

    test('escapes: \\" and \\\\ inside a value; spaces inside the quotes count; + matches nothing', async () => {
        const path = "/v2025/identities";
        expect(await names(path, f('name eq "Robert \\"Bobby\\" Tables"'))).toEqual(['Robert "Bobby" Tables']);
        expect(await names(path, f('name eq "ACME\\\\svc-backup"'))).toEqual(["ACME\\svc-backup"]);
        expect(await names(path, f('name eq " Padded Name "'))).toEqual([" Padded Name "]);
        expect(await names(path, f('name eq "Padded Name"'))).toEqual([]);
        // SailPoint: filtering by a name with "+" answers an empty list. The identity exists; sw without the + finds it.
        expect(await names(path, f('name eq "QA Tester+1"'))).toEqual([]);
        expect(await names(path, f('email eq "qa.tester+1@acme.com"'))).toEqual([]);
        expect(await names(path, f('name sw "QA Tester"'))).toEqual(["QA Tester+1"]);
    });

    test("and, or, not and parentheses, with not binding tighter than and, and and than or", async () => {
        const path = "/v2025/identities";
        expect(await names(path, f('name eq "Alice Admin" or name eq "Bob Owner" and alias eq "nobody"'))).toEqual(["Alice Admin"]);
        expect(await names(path, f('(name eq "Alice Admin" or name eq "Bob Owner") and alias eq "bob.owner"'))).toEqual(["Bob Owner"]);
        expect(await names(path, f('name sw "anna s" and not name eq "Anna Schmidt"'))).toEqual([]);
        expect(await names(path, f('not (name sw "a" or name sw "b") and name sw "Car"'))).toEqual(["Carol Manager"]);
    });

    test("defaultFilter: uncorrelated identities are left out unless NONE; correlated and protected filter", async () => {
        const path = "/v2025/identities";
        const all = t.state.identities.length;
        const count = async (q: string) => Number((await list(path, `count=true&limit=1&${q}`)).headers.get("x-total-count"));
        expect(await count("")).toBe(all - 4);
        expect(await count("defaultFilter=CORRELATED_ONLY")).toBe(all - 4);
        expect(await count("defaultFilter=NONE")).toBe(all);
        expect(await count(`defaultFilter=NONE&${f("correlated eq false")}`)).toBe(4);
        expect(await names(path, f("protected eq true"))).toEqual(["ACME\\svc-backup"]);
        expectIscError(await t.api("GET", `${path}?defaultFilter=ALL`), 400, "400.1 Bad Request Content", /defaultFilter/);
    });

    test("sorters name, alias, cloudStatus; others are a 400", async () => {
        const sorted = await names("/beta/identities", `sorters=name&${f('name sw "an"')}`);
        expect(sorted.length).toBeGreaterThan(3);
        expect(sorted).toEqual([...sorted].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
        const byAlias = (await list<{ alias: string }>("/beta/identities", `sorters=-alias&limit=3&${f('alias sw "a"')}`)).body.map((i) => i.alias);
        expect(byAlias).toEqual([...byAlias].sort().reverse());
        expectIscError(
            await t.api("GET", "/beta/identities?sorters=email"),
            400,
            "400.1 Bad Request Content",
            /sorting on "email" is not supported; supported: name, alias, cloudStatus/,
        );
    });
});

describe("public identities: GET /{v3,v2024,v2025}/public-identities", () => {
    test("id eq|in, alias eq|sw, email eq|sw, firstname, lastname; name is not a filter field here", async () => {
        const path = "/v3/public-identities";
        const annas = t.state.identities.filter((i) => i.alias.startsWith("anna.sch")).map((i) => i.name);
        expect(annas).toEqual(expect.arrayContaining(["Anna Schmidt", "anna schmidt"]));
        expect(await names(path, f('alias sw "anna.sch"'))).toEqual(annas);
        expect(await names(path, f('email eq "JUERGEN.WEISS@ACME.COM"'))).toEqual(["Jürgen Weiß"]);
        expect(await names(path, f('firstname eq "太郎"'))).toEqual(["山田 太郎"]);
        expect(await names(path, f(`id in ("${t.state.identities[1].id}")`))).toEqual(["Bob Owner"]);
        expectIscError(
            await t.api("GET", `${path}?${f('name eq "Alice Admin"')}`),
            400,
            "400.1 Bad Request Content",
            /filtering on "name" is not supported; supported fields: id, alias, email, firstname, lastname/,
        );
        expect((await names(path, "sorters=-name&limit=2")).length).toBe(2);
    });

    test("every identity by default; add-core-filters=true leaves out the uncorrelated", async () => {
        const count = async (q: string) => Number((await list("/v2025/public-identities", `count=true&limit=1&${q}`)).headers.get("x-total-count"));
        const withEmail = t.state.identities.filter((i) => i.emailAddress !== null).length;
        expect(await count("")).toBe(t.state.identities.length);
        expect(await count("add-core-filters=true")).toBe(withEmail - t.state.identities.slice(-4).filter((i) => i.emailAddress !== null).length);
        expectIscError(await t.api("GET", "/v2025/public-identities?add-core-filters=yes"), 400, "400.1 Bad Request Content", /add-core-filters/);
    });
});

describe("sources: GET /{v3,beta,v2024,v2025}/sources", () => {
    test("name eq|in|sw|co, id eq|in, without case; escapes; + matches nothing", async () => {
        const path = "/v3/sources";
        expect(await names(path, f('name eq "workday"'))).toEqual(["Workday"]);
        expect(await names(path, f('name in ("Salesforce", "WORKDAY")'))).toEqual(["Workday", "Salesforce"]);
        expect(await names(path, f('name sw "active directory"'))).toEqual(expect.arrayContaining(["Active Directory"]));
        expect(await names(path, f('name co "büro"'))).toEqual(["Zürich Büro LDAP"]);
        expect(await names(path, f('name eq "SAP \\"Prod\\""'))).toEqual(['SAP "Prod"']);
        expect(await names(path, f('name eq "ACME\\\\Legacy HR"'))).toEqual(["ACME\\Legacy HR"]);
        expect(await names(path, f(`name eq ${quote("日本 Salesforce")}`))).toEqual(["日本 Salesforce"]);
        expect(await names(path, f('name eq " Trailing Source "'))).toEqual([" Trailing Source "]);
        expect(await names(path, f('name eq "Oracle EBS + Payroll"'))).toEqual([]);
        expect(await names(path, f('name in ("Oracle EBS + Payroll", "Workday")'))).toEqual(["Workday"]);
        const [ad, wd] = t.state.sources;
        expect(await names(path, f(`id in ("${wd.id}","${ad.id}")`))).toEqual(["Active Directory", "Workday"]);
    });

    test("the other documented fields: type, owner.id, features ca|co, authoritative, ne, isnull, description, dates", async () => {
        const path = "/v2025/sources";
        const ad = t.state.sources[0];
        expect(await names(path, f('type eq "Workday" and authoritative eq true'))).toEqual(expect.arrayContaining(["Workday"]));
        expect((await names(path, f(`owner.id eq "${ad.owner.id}"`))).length).toBeGreaterThanOrEqual(3);
        expect(await names(path, f('features ca ("PROVISIONING", "UNLOCK") and name eq "Active Directory"'))).toEqual(["Active Directory"]);
        expect(await names(path, f('features co "NO_RANDOM_ACCESS" and name eq "Workday"'))).toEqual(["Workday"]);
        expect(await names(path, f("healthy isnull"))).toEqual([]);
        expect(await names(path, f('connectionType eq "file"'))).toEqual(expect.arrayContaining(['SAP "Prod"']));
        expect((await names(path, f('connectionType ne "direct"'))).every((n) => t.state.sources.find((s) => s.name === n)!.connectionType === "file")).toBe(
            true,
        );
        expect(await names(path, f('description sw "the workday"'))).toEqual(["Workday"]);
        expect(await names(path, f(`created le ${ad.created}`))).toEqual(["Active Directory"]);
        expect(await names(path, f(`created eq "${ad.created}"`))).toEqual(["Active Directory"]);
        // beta documents only eq on the dates.
        expectIscError(
            await t.api("GET", `/beta/sources?${f(`created le "${ad.created}"`)}`),
            400,
            "400.1 Bad Request Content",
            /operator "le" is not supported for "created"; supported: eq/,
        );
    });

    test("sorters by name (stable), and the other documented ones", async () => {
        const all = (await names("/v2024/sources", "sorters=name")).map((n) => n.toLowerCase());
        expect(all).toEqual([...all].sort());
        expect((await names("/v2024/sources", "sorters=-created&limit=1"))[0]).toBe(t.state.sources[t.state.sources.length - 1].name);
        expect((await list("/v2024/sources", "sorters=owner.name,-id")).status).toBe(200);
        expectIscError(await t.api("GET", "/v2024/sources?sorters=cluster"), 400, "400.1 Bad Request Content", /cluster/);
    });
});

describe("entitlements: GET /{beta,v2024,v2025}/entitlements", () => {
    test("name eq|in|sw and value eq|in|sw with DN escapes, combined with source.id eq|in", async () => {
        const path = "/v2025/entitlements";
        const domainUsers = t.state.entitlements.find((e) => e.name === "ACME\\Domain Users")!;
        expect(domainUsers.value).toBe("CN=ACME\\\\Domain Users,OU=Groups,DC=acme,DC=com");
        expect(await names(path, f(`value eq ${quote(domainUsers.value)}`))).toEqual(["ACME\\Domain Users"]);
        expect(await names(path, f('name eq "ACME\\\\Domain Users"'))).toEqual(["ACME\\Domain Users"]);
        expect(await names(path, f('name eq "Finance \\"Core\\" Users"'))).toEqual(['Finance "Core" Users']);
        expect(await names(path, f('value sw "cn=smith\\\\, john"'))).toEqual(["Smith, John (Admin)"]);
        expect(await names(path, f('name eq "payroll admins"'))).toEqual(["Payroll Admins", "payroll admins"]);
        expect(await names(path, f(`name in ("Straße Verwaltung", ${quote("日本 営業")})`))).toEqual(["Straße Verwaltung", "日本 営業"]);
        // The same name on several sources: one per directory source, told apart by source.id.
        const vpn = t.state.entitlements.filter((e) => e.name === "VPN Users");
        expect(vpn.length).toBeGreaterThan(1);
        expect(await names(path, f('name eq "VPN Users"'))).toEqual(vpn.map((e) => e.name));
        const [first, second] = vpn;
        expect((await list<{ id: string }>(path, f(`name eq "VPN Users" and source.id eq "${second.source.id}"`))).body.map((e) => e.id)).toEqual([second.id]);
        expect(
            (await list<{ id: string }>(path, f(`name sw "vpn" and source.id in ("${first.source.id}", "${second.source.id}")`))).body.map((e) => e.id),
        ).toEqual([first.id, second.id]);
        // "+" in a name or a value matches nothing.
        expect(await names(path, f('name eq "C++ Developers"'))).toEqual([]);
        expect(await names(path, f('value sw "CN=C\\\\+"'))).toEqual([]);
    });

    test("attribute, type (the schema object type), requestable, owner.id, id, dates; and sorters", async () => {
        const path = "/beta/entitlements";
        const [ad] = t.state.sources;
        expect(await names(path, f(`source.id eq "${ad.id}" and attribute eq "memberOf" and type eq "group"`))).toHaveLength(6);
        expect(await names(path, f(`source.id eq "${ad.id}" and attribute in ("profile")`))).toEqual([]);
        const requestable = t.state.entitlements.filter((e) => e.requestable).length;
        expect(Number((await list(path, `count=true&limit=1&${f("requestable eq true")}`)).headers.get("x-total-count"))).toBe(requestable);
        const owned = t.state.entitlements.find((e) => e.owner !== null)!;
        expect((await list<{ id: string }>(path, f(`owner.id eq "${owned.owner!.id}" and id eq "${owned.id}"`))).body.map((e) => e.id)).toEqual([owned.id]);
        const last = t.state.entitlements[t.state.entitlements.length - 1];
        expect((await list<{ id: string }>(path, f(`created ge "${last.created}"`))).body.map((e) => e.id)).toEqual([last.id]);
        const byValue = (await list<{ value: string }>(path, `sorters=-value&limit=5&${f(`source.id eq "${ad.id}"`)}`)).body.map((e) => e.value.toLowerCase());
        expect(byValue).toEqual([...byValue].sort().reverse());
        expectIscError(
            await t.api("GET", `${path}?${f('name co "Payroll"')}`),
            400,
            "400.1 Bad Request Content",
            /operator "co" is not supported for "name"; supported: eq, in, sw/,
        );
        expectIscError(await t.api("GET", `${path}?account-id=abc`), 400, "400.1 Bad Request Content", /account-id/);
    });
});

describe("governance groups: GET /{beta,v2024,v2025}/workgroups", () => {
    test("id eq|in|sw, name eq|in|sw, memberships.identityId eq|in; escapes; case", async () => {
        const path = "/beta/workgroups";
        const [security, finance] = t.state.governanceGroups;
        expect(await names(path, f('name eq "payroll approvers"'))).toEqual(["Payroll Approvers", "payroll approvers"]);
        expect(await names(path, f('name eq "\\"Tier 1\\" Support"'))).toEqual(['"Tier 1" Support']);
        expect(await names(path, f('name eq "R&D\\\\Reviewers"'))).toEqual(["R&D\\Reviewers"]);
        expect(await names(path, f('name in ("Contrôle Interne", " Padded Reviewers ")'))).toEqual(["Contrôle Interne", " Padded Reviewers "]);
        expect(await names(path, f('name sw "日本"'))).toEqual(["日本 承認者"]);
        expect(await names(path, f('name eq "Audit + Compliance"'))).toEqual([]);
        expect(await names(path, f(`id sw "${finance.id.slice(0, 12)}"`))).toEqual(["Finance Approvers"]);
        expect(await names(path, f(`id in ("${finance.id}", "${security.id}")`))).toEqual(["Security Reviewers", "Finance Approvers"]);
        const alice = t.state.identities[0].id;
        expect(await names(path, f(`memberships.identityId eq "${alice}"`))).toEqual(expect.arrayContaining(["Security Reviewers"]));
        expect(await names(path, f(`memberships.identityId in ("${t.state.identities[2].id}") and name sw "Finance"`))).toEqual(["Finance Approvers"]);
        expect(await names("/v2025/workgroups", `sorters=-name&limit=1&${f('name sw "payroll"')}`)).toEqual(["Payroll Approvers"]);
        expectIscError(await t.api("GET", `${path}?${f('description eq "x"')}`), 400, "400.1 Bad Request Content", /"description" is not supported/);
    });
});

describe("access profiles: the filters and sorters the spec lists, and the same language", () => {
    test("name eq|sw without case, + matches nothing, created has no lt, sorters name|created|modified only", async () => {
        const path = "/v3/access-profiles";
        expect(await names(path, f('name eq "PAYROLL ADMINS"'))).toEqual(["Payroll Admins", "payroll admins"]);
        expect(await names(path, f('name eq "Finance \\"Core\\" Access"'))).toEqual(['Finance "Core" Access']);
        expect(await names(path, f('name eq "ACME\\\\Domain Users Access"'))).toEqual(["ACME\\Domain Users Access"]);
        expect(await names(path, f('name eq "C++ Developers"'))).toEqual([]);
        expect(await names(path, f('name sw "C++"'))).toEqual([]);
        expect(await names(path, `sorters=name&${f('name sw "payroll admins"')}`)).toEqual(["Payroll Admins", "payroll admins"]);
        expectIscError(
            await t.api("GET", `${path}?${f('created lt "2030-01-01T00:00:00Z"')}`),
            400,
            "400.1 Bad Request Content",
            /operator "lt" is not supported for "created"; supported: gt, ge, le/,
        );
        expectIscError(await t.api("GET", `${path}?sorters=id`), 400, "400.1 Bad Request Content", /supported: name, created, modified/);
    });

    test("GET /access-profiles/{id}/entitlements: filters and sorters of its own spec", async () => {
        const entitlementsOf = (p: Record<string, unknown>) =>
            ((p.entitlements as Array<{ id: string }> | null) ?? []).map((e) => t.state.entitlements.find((x) => x.id === e.id)!);
        const ap = t.state.accessProfiles.find(
            (p) => entitlementsOf(p).length >= 2 && entitlementsOf(p).every((e) => !e.name.includes("+") && !e.value.includes("+")),
        )!;
        const ents = entitlementsOf(ap);
        const path = `/v2025/access-profiles/${ap.id}/entitlements`;
        const sorted = ents.map((e) => e.name).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
        expect(await names(path, "sorters=name")).toEqual(sorted);
        expect(await names(path, f(`id eq "${ents[1].id}"`))).toEqual([ents[1].name]);
        expect((await names(path, f(`value eq ${quote(ents[0].value)} or name eq ${quote(ents[1].name)}`))).sort()).toEqual(
            [ents[0].name, ents[1].name].sort(),
        );
        expectIscError(await t.api("GET", `${path}?${f("requestable eq true")}`), 400, "400.1 Bad Request Content", /requestable/);
    });
});

describe("paging past 250", () => {
    test("identities sorted by name, 250 a page: every one once, X-Total-Count the total", async () => {
        const total = t.state.identities.length - 4; // the uncorrelated are left out by default
        expect(total).toBeGreaterThan(300);
        const seen: string[] = [];
        for (let offset = 0; ; offset += 250) {
            const page = await list<{ id: string; name: string }>("/v2025/identities", `sorters=name&limit=250&offset=${offset}&count=true`);
            expect(page.headers.get("x-total-count")).toBe(String(total));
            seen.push(...page.body.map((i) => i.id));
            if (page.body.length < 250) break;
        }
        expect(seen).toHaveLength(total);
        expect(new Set(seen).size).toBe(total);
        expectIscError(await t.api("GET", "/v2025/identities?limit=251"), 400, "400.1.4 Limit violation", /250/);
    });

    test("a filtered list pages the same way: the entitlements of fourteen sources, 250 a page", async () => {
        const ids = t.state.sources.slice(0, 14).map((s) => `"${s.id}"`);
        const filter = f(`source.id in (${ids.join(",")})`);
        const expected = t.state.entitlements.filter((e) => t.state.sources.slice(0, 14).some((s) => s.id === e.source.id));
        expect(expected.length).toBeGreaterThan(250);
        const first = await list<{ id: string }>("/v2024/entitlements", `${filter}&sorters=name,id&count=true`);
        const second = await list<{ id: string }>("/v2024/entitlements", `${filter}&sorters=name,id&offset=250`);
        expect(first.headers.get("x-total-count")).toBe(String(expected.length));
        expect(first.body).toHaveLength(250);
        expect([...first.body, ...second.body].map((e) => e.id).sort()).toEqual(expected.map((e) => e.id).sort());
    });
});

describe("malformed filters are 400 ErrorResponseDto naming what is wrong", () => {
    const cases: Array<[string, string, RegExp]> = [
        ["/v2025/identities", 'nickname eq "x"', /filtering on "nickname" is not supported; supported fields: id, name, alias/],
        ["/v2025/identities", 'name EQ "x"', /"EQ" is not an operator \(operators are lowercase\)/],
        ["/v2025/identities", 'name eq "x" AND alias eq "y"', /unexpected "AND"/],
        ["/v2025/identities", "name eq Alice", /Alice is not a value for "name": strings are double-quoted/],
        ["/v2025/identities", 'name eq "Alice', /unterminated string/],
        ["/v2025/identities", 'name eq "Alice\\nAdmin"', /"\\n" is not an escape/],
        ["/v2025/identities", 'name eq "a" and', /found the end/],
        ["/v2025/identities", '(name eq "a"', /missing \)/],
        ["/v2025/identities", 'id in ("a", "b"', /missing \) after the "in" list/],
        ["/v2025/identities", 'id in "a"', /"in" takes a list in parentheses/],
        ["/v2025/identities", 'correlated eq "true"', /"correlated" takes true or false/],
        ["/v2025/identities", "name sw", /a value is missing after "name"/],
        ["/v2025/identities", "pr name", /operator "pr" is not supported for "name"/],
        ["/beta/entitlements", 'created gt "yesterday"', /"created" takes an ISO-8601 date-time/],
        ["/beta/entitlements", 'source.id ne "x"', /operator "ne" is not supported for "source.id"; supported: eq, in/],
        ["/v3/sources", 'name eq "x" "y"', /unexpected "y"/],
    ];
    test.each(cases)("%s %s", async (path, filter, text) => {
        const answer = await t.api("GET", `${path}?${f(filter)}`);
        expectIscError(answer, 400, "400.1 Bad Request Content", text);
        expect((answer.body as { messages: Array<{ text: string }> }).messages[0].text).toContain(`Invalid filter "${filter}"`);
    });

    test("an unencoded # cuts the URL (SailPoint's example): the filter left is unterminated", async () => {
        const res = await fetch(`${t.emu.url}/v3/sources?filters=name eq "#Employees"`, { headers: { Authorization: `Bearer ${t.token}` } });
        expect(res.status).toBe(400);
        expect(await res.text()).toMatch(/unterminated string/);
        expect(await names("/v3/sources", f('name eq "#Employees"'))).toEqual([]);
    });
});
