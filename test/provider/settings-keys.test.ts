/**
 * Settings errors name the real problem before any request: a misspelt `isc:` key is named with the setting it
 * most likely meant, and a base URL with a path (a version such as /v3 or /beta) is named as such.
 */
import { Config } from "@pulumi/pulumi/cmd/dynamic-provider/config";
import { clearTokenCache, IscClient, isIscConfigError } from "../../provider/src/client";
import { IscDynamicProvider } from "../../provider/src/provider/dynamic-provider";
import { resolveProviderSettings, unknownKeysError } from "../../provider/src/provider/settings";
import { failure, fakeServer, FakeServer, json } from "../client/fake-server";

const BASE = "https://acme.api.identitynow.com";

describe("a misspelt isc: key", () => {
    test.each([
        ["isc:clientID", "isc:clientId"],
        ["isc:baseURL", "isc:baseUrl"],
        ["isc:propagationTimeout", "isc:propagationTimeoutSeconds"],
        ["isc:clientSecert", "isc:clientSecret"],
        ["isc:adoptOnCreat", "isc:adoptOnCreate"],
    ])("%s is named with %s", (key, meant) => {
        const e = unknownKeysError(["isc:baseUrl", key, "other:thing"]);
        expect(isIscConfigError(e)).toBe(true);
        expect(e!.message).toContain(`${key} is not a setting: did you mean ${meant}?`);
    });

    test("a key like no setting is named, with the list of settings", () => {
        const e = unknownKeysError(["isc:tenantColour"]);
        expect(e!.message).toMatch(/^isc:tenantColour is not a setting\. The settings are isc:baseUrl, /);
    });

    test("known keys and other namespaces pass", () => {
        expect(unknownKeysError(["isc:baseUrl", "isc:clientId", "isc:clientSecret", "aws:region", "isc-demo:name"])).toBeUndefined();
    });

    test("the provider's configure fails with it (through the host's own config bag), and so does every step after", async () => {
        const provider = new IscDynamicProvider("segment");
        const config = new Config({ "isc:baseUrl": BASE, "isc:clientID": "my-id", "isc:clientSecret": "never-shown-secret" }, "isc-demo");
        const e = await failure(provider.configure({ config }));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toContain("isc:clientID is not a setting: did you mean isc:clientId?");
        expect(e.message).not.toContain("never-shown-secret");
        const later = await failure(provider.create({ name: "x" } as never));
        expect(later.message).toContain("isc:clientID is not a setting: did you mean isc:clientId?");
    });
});

describe("a base URL with a path", () => {
    test.each(["/v3", "/beta", "/v2025/", "/v3?x=1"])("isc:baseUrl %s is named as the problem", (suffix) => {
        let thrown: unknown;
        try {
            resolveProviderSettings({ baseUrl: `${BASE}${suffix}`, accessToken: "a-token" }, {});
        } catch (e) {
            thrown = e;
        }
        expect(isIscConfigError(thrown)).toBe(true);
        expect((thrown as Error).message).toBe(
            `isc:baseUrl must be the tenant's API root without a version path; got ${BASE}${suffix}; use ${BASE} (the API version comes from the resource or its version setting)`,
        );
    });

    test("SAIL_BASE_URL is named when it holds the URL", () => {
        expect(() => resolveProviderSettings({ accessToken: "a-token" }, { SAIL_BASE_URL: `${BASE}/beta` })).toThrow(
            /^SAIL_BASE_URL must be the tenant's API root/,
        );
    });

    test("the API root, with or without a trailing slash, is accepted", () => {
        expect(resolveProviderSettings({ baseUrl: `${BASE}/`, accessToken: "a-token" }, {}).baseUrl).toBe(BASE);
    });

    describe("the client", () => {
        let server: FakeServer | undefined;
        beforeEach(() => clearTokenCache());
        afterEach(async () => {
            await server?.close();
            server = undefined;
        });

        test("refuses it before any request, not blaming the credentials", async () => {
            server = await fakeServer([json(200, [])]);
            const e = await failure(
                new IscClient({ baseUrl: `${server.url}/v3`, clientId: "cid", clientSecret: "never-shown-secret" }).request("GET", "v2025/segments"),
            );
            expect(isIscConfigError(e)).toBe(true);
            expect(e.message).toBe(
                `baseUrl must be the tenant's API root without a version path; got ${server.url}/v3; use ${server.url} (the API version comes from the resource or its version setting)`,
            );
            expect(server.seen).toEqual([]);
        });
    });
});
