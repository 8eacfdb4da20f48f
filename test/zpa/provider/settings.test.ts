/** ZPA settings: stack `zpa:*` first, then the Zscaler environment names (client credentials: the environment's pair first); both auth modes; misspelt keys; no secret in any message. */
import { ZpaDynamicProvider, resolveZpaSettings, type ZpaStackConfig } from "../../../provider/src/zpa/provider";

const SECRET = "s3cr3t-value-never-shown";
const resolve = (stack: ZpaStackConfig, env: Record<string, string> = {}) => resolveZpaSettings(stack, env);
const failure = (stack: ZpaStackConfig, env: Record<string, string> = {}): string => {
    try {
        resolve(stack, env);
    } catch (e) {
        expect((e as Error).name).toBe("ZpaConfigError");
        expect((e as Error).message).not.toContain(SECRET);
        return (e as Error).message;
    }
    throw new Error("resolved");
};

describe("legacy ZPA API keys", () => {
    test("from ZPA_* variables: the production cloud, the default pace and propagation wait", () => {
        const s = resolve({}, { ZPA_CLIENT_ID: "id-env", ZPA_CLIENT_SECRET: SECRET, ZPA_CUSTOMER_ID: "216196257331281920" });
        expect(s).toEqual({
            client: {
                baseUrl: "https://config.private.zscaler.com",
                customerId: "216196257331281920",
                auth: { mode: "legacy", clientId: "id-env", clientSecret: SECRET },
                credentialSource: "ZPA_CLIENT_ID/ZPA_CLIENT_SECRET",
                readsPer10Seconds: 20,
                writesPer10Seconds: 10,
            },
            propagationTimeoutMs: 30_000,
        });
    });

    test("the environment's client credentials win over the stack's (a saved stack copy may be stale after a rotation)", () => {
        const s = resolve({ clientId: "id-stack", clientSecret: "stack-secret", customerId: "42" }, { ZPA_CLIENT_ID: "id-env", ZPA_CLIENT_SECRET: SECRET });
        expect(s.client.auth).toEqual({ mode: "legacy", clientId: "id-env", clientSecret: SECRET });
        expect(s.client.credentialSource).toBe("ZPA_CLIENT_ID/ZPA_CLIENT_SECRET");
    });

    test("the stack wins over the environment key by key, and its credentials as a set when the environment has no pair", () => {
        const s = resolve(
            {
                clientId: "id-stack",
                clientSecret: "stack-secret",
                customerId: "42",
                cloud: "zpatwo",
                microtenantId: "77",
                propagationTimeoutSeconds: "5",
                readsPer10Seconds: "8",
            },
            { ZPA_CLIENT_ID: "id-env", ZPA_CUSTOMER_ID: "216196257331281920", ZPA_CLOUD: "BETA", ZPA_MICROTENANT_ID: "88" },
        );
        expect(s.client.auth).toEqual({ mode: "legacy", clientId: "id-stack", clientSecret: "stack-secret" });
        expect(s.client.credentialSource).toBe("zpa:clientId/zpa:clientSecret");
        expect(s.client.customerId).toBe("42");
        expect(s.client.baseUrl).toBe("https://config.zpatwo.net");
        expect(s.microtenantId).toBe("77");
        expect(s.propagationTimeoutMs).toBe(5000);
        expect(s.client.readsPer10Seconds).toBe(8);
    });

    test("a stack client id takes its secret from ZPA_CLIENT_SECRET; a whole environment pair is taken whole", () => {
        expect(resolve({ clientId: "id-stack", customerId: "1" }, { ZPA_CLIENT_SECRET: SECRET }).client.credentialSource).toBe(
            "zpa:clientId/ZPA_CLIENT_SECRET",
        );
        expect(resolve({ clientId: "id-stack", customerId: "1" }, { ZPA_CLIENT_ID: "other", ZPA_CLIENT_SECRET: SECRET }).client.auth).toEqual({
            mode: "legacy",
            clientId: "other",
            clientSecret: SECRET,
        });
        expect(failure({ clientId: "id-stack", customerId: "1" }, { ZPA_CLIENT_ID: "other" })).toMatch(/^zpa:clientId is set but zpa:clientSecret is not/);
    });

    test("zpa:baseUrl overrides the cloud (the emulator); a path, plain http off loopback, an unknown cloud are refused naming the setting", () => {
        const base = { clientId: "i", clientSecret: SECRET, customerId: "1" };
        expect(resolve({ ...base, baseUrl: "http://127.0.0.1:4010/", cloud: "BETA" }).client.baseUrl).toBe("http://127.0.0.1:4010");
        expect(failure(base, { ZPA_BASE_URL: "https://config.private.zscaler.com/mgmtconfig/v1" })).toMatch(
            /^ZPA_BASE_URL must be the API host without a path/,
        );
        expect(failure({ ...base, baseUrl: "http://zpa.example.com" })).toMatch(/^zpa:baseUrl "http:\/\/zpa.example.com" must use https/);
        expect(failure(base, { ZPA_CLOUD: "MARS" })).toBe(
            'ZPA_CLOUD is "MARS": use one of PRODUCTION, ZPATWO, BETA, GOV, GOVUS, PREVIEW (or zpa:baseUrl for another host).',
        );
    });

    test("missing or half credentials, a missing or non-numeric customer id", () => {
        expect(failure({ customerId: "1" })).toMatch(/^No ZPA credentials for legacy ZPA API keys: set zpa:clientId and zpa:clientSecret/);
        expect(failure({ customerId: "1" }, { ZPA_CLIENT_SECRET: SECRET })).toMatch(/^ZPA_CLIENT_SECRET is set but ZPA_CLIENT_ID is not/);
        expect(failure({ customerId: "1" }, { ZSCALER_CLIENT_ID: "x", ZSCALER_CLIENT_SECRET: SECRET })).toMatch(
            /ZSCALER_CLIENT_ID is set, but legacy ZPA API keys is in force: set zpa:vanityDomain/,
        );
        expect(failure({ clientId: "i", clientSecret: SECRET })).toMatch(
            /^No ZPA customer id: set it with `pulumi config set zpa:customerId <id>` or the ZPA_CUSTOMER_ID/,
        );
        expect(failure({ clientId: "i", clientSecret: SECRET, customerId: "acme" })).toBe('zpa:customerId is "acme": use the customer\'s numeric id.');
    });
});

describe("OneAPI (Zidentity)", () => {
    test("ZSCALER_VANITY_DOMAIN selects it: ZSCALER_* credentials, the token URL from the vanity domain, api.zsapi.net", () => {
        const s = resolve(
            {},
            { ZSCALER_VANITY_DOMAIN: "acme", ZSCALER_CLIENT_ID: "one", ZSCALER_CLIENT_SECRET: SECRET, ZPA_CUSTOMER_ID: "9", ZPA_CLIENT_ID: "legacy" },
        );
        expect(s.client.auth).toEqual({ mode: "oneapi", clientId: "one", clientSecret: SECRET, tokenUrl: "https://acme.zslogin.net/oauth2/v1/token" });
        expect(s.client.baseUrl).toBe("https://api.zsapi.net");
        expect(s.client.credentialSource).toBe("ZSCALER_CLIENT_ID/ZSCALER_CLIENT_SECRET");
    });

    test("another cloud: zslogin<cloud>.net and api.<cloud>.zsapi.net; ZPA_CLOUD is the legacy name and does not apply", () => {
        const s = resolve(
            { vanityDomain: "acme" },
            { ZSCALER_CLOUD: "beta", ZPA_CLOUD: "GOV", ZSCALER_CLIENT_ID: "one", ZSCALER_CLIENT_SECRET: SECRET, ZPA_CUSTOMER_ID: "9" },
        );
        expect(s.client.auth).toMatchObject({ tokenUrl: "https://acme.zsloginbeta.net/oauth2/v1/token" });
        expect(s.client.baseUrl).toBe("https://api.beta.zsapi.net");
    });

    test("zpa:tokenUrl and zpa:baseUrl (the emulator) select it too; stack credentials serve when the environment has no pair", () => {
        const s = resolve(
            { tokenUrl: "http://127.0.0.1:4010/oauth2/v1/token", baseUrl: "http://127.0.0.1:4010", clientId: "c", clientSecret: SECRET, customerId: "9" },
            { ZSCALER_CLIENT_ID: "env" },
        );
        expect(s.client).toMatchObject({
            baseUrl: "http://127.0.0.1:4010",
            auth: { mode: "oneapi", clientId: "c", clientSecret: SECRET, tokenUrl: "http://127.0.0.1:4010/oauth2/v1/token" },
            credentialSource: "zpa:clientId/zpa:clientSecret",
        });
    });

    test("OneAPI reads ZSCALER_* credentials only, and says so when only ZPA_* are set; a vanity domain that is a URL is refused", () => {
        expect(failure({ vanityDomain: "acme", customerId: "9" }, { ZPA_CLIENT_ID: "legacy", ZPA_CLIENT_SECRET: SECRET })).toMatch(
            /^No ZPA credentials for OneAPI .* ZPA_CLIENT_ID is set, but OneAPI .* reads ZSCALER_CLIENT_ID\/ZSCALER_CLIENT_SECRET/,
        );
        expect(failure({ vanityDomain: "https://acme.zslogin.net", customerId: "9", clientId: "c", clientSecret: SECRET })).toMatch(
            /^zpa:vanityDomain is "https:\/\/acme.zslogin.net": use the vanity domain alone/,
        );
    });
});

describe("configure", () => {
    const configure = (raw: Record<string, string>) =>
        new ZpaDynamicProvider("segmentGroup").configure({ config: { get: (k: string) => raw[k], rawConfig: raw } as never });

    test("a misspelt zpa: key fails naming the setting it most likely meant; isc: keys are not its business", async () => {
        await expect(configure({ "zpa:custmerId": "1", "zpa:clientSecret": SECRET, "isc:baseUrl": "https://x" })).rejects.toThrow(
            /^zpa:custmerId is not a setting: did you mean zpa:customerId\?/,
        );
        await expect(configure({ "zpa:ClientID": "i" })).rejects.toThrow(/^zpa:ClientID is not a setting: did you mean zpa:clientId\?/);
        await expect(configure({ "zpa:customerId": "1", "isc:whatever": "x" })).resolves.toBeUndefined();
    });

    test("the secret given in configure reaches no error", async () => {
        const provider = new ZpaDynamicProvider("segmentGroup");
        const raw = { "zpa:clientId": "i", "zpa:clientSecret": SECRET, "zpa:customerId": "acme" };
        await provider.configure({ config: { get: (k: string) => raw[k as keyof typeof raw], rawConfig: raw } as never });
        const error = await provider.read("1").catch((e: Error) => e);
        expect(String((error as Error).message)).toMatch(/zpa:customerId is "acme"/);
        expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(SECRET);
        expect(JSON.stringify(provider)).not.toContain(SECRET);
    });
});
