/**
 * Connection settings: credentials resolve as one set from one place (SAIL_CLIENT_ID/SAIL_CLIENT_SECRET > isc:clientId
 * with SAIL_CLIENT_SECRET > stack token > stack client id and secret > SAIL_ACCESS_TOKEN), the client gets exactly that
 * set, and the lookups follow the same order with their explicit options in front. The environment's client
 * credentials come first because refresh and destroy configure the provider from a saved, possibly stale, copy of the
 * stack configuration (issue 14); an environment token stays last (issue 10).
 */
import * as pulumi from "@pulumi/pulumi";
import { clearTokenCache, isIscConfigError } from "../../provider/src/client";
import { lookupContext } from "../../provider/src/lookups/settings";
import { clientFor } from "../../provider/src/provider/api";
import { resolveProviderSettings, type StackConfig } from "../../provider/src/provider/settings";
import { fakeServer, FakeServer, json } from "../client/fake-server";

const BASE = "https://acme.api.identitynow.com";
const STACK_TOKEN = "stack-token-value-1";
const STACK_SECRET = "stack-secret-value-2";
const ENV_TOKEN = "env-token-value-3";
const ENV_SECRET = "env-secret-value-4";
const ALL_SECRETS = [STACK_TOKEN, STACK_SECRET, ENV_TOKEN, ENV_SECRET];

type Layer = "stackToken" | "stackPair" | "envToken" | "envPair";
const ORDER: Layer[] = ["envPair", "stackToken", "stackPair", "envToken"];

function configFor(layers: Layer[]): { stack: StackConfig; env: NodeJS.ProcessEnv } {
    const stack: StackConfig = { baseUrl: BASE };
    const env: NodeJS.ProcessEnv = {};
    if (layers.includes("stackToken")) stack.accessToken = STACK_TOKEN;
    if (layers.includes("stackPair")) Object.assign(stack, { clientId: "stack-id", clientSecret: STACK_SECRET });
    if (layers.includes("envToken")) env.SAIL_ACCESS_TOKEN = ENV_TOKEN;
    if (layers.includes("envPair")) Object.assign(env, { SAIL_CLIENT_ID: "env-id", SAIL_CLIENT_SECRET: ENV_SECRET });
    return { stack, env };
}

const EXPECTED: Record<Layer, { credentialSource: string; accessToken?: string; clientId?: string; clientSecret?: string }> = {
    stackToken: { credentialSource: "isc:accessToken", accessToken: STACK_TOKEN },
    stackPair: { credentialSource: "isc:clientId/isc:clientSecret", clientId: "stack-id", clientSecret: STACK_SECRET },
    envToken: { credentialSource: "SAIL_ACCESS_TOKEN", accessToken: ENV_TOKEN },
    envPair: { credentialSource: "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET", clientId: "env-id", clientSecret: ENV_SECRET },
};

/** Every non-empty combination of the four credential sets. */
const COMBINATIONS: Layer[][] = Array.from({ length: 15 }, (_, i) => ORDER.filter((_, bit) => ((i + 1) >> bit) & 1));

function thrown(f: () => unknown): Error {
    try {
        f();
    } catch (e) {
        return e as Error;
    }
    throw new Error("expected a throw");
}

function expectNoSecret(text: string): void {
    for (const s of ALL_SECRETS) expect(text).not.toContain(s);
}

describe("resolveProviderSettings: the credential set", () => {
    test.each(COMBINATIONS.map((layers) => [layers.join(" + "), layers] as const))("%s: the first set in order is used, whole", (_name, layers) => {
        const { stack, env } = configFor(layers);
        const s = resolveProviderSettings(stack, env);
        const want = EXPECTED[ORDER.find((l) => layers.includes(l))!];
        expect({ credentialSource: s.credentialSource, accessToken: s.accessToken, clientId: s.clientId, clientSecret: s.clientSecret }).toEqual({
            accessToken: undefined,
            clientId: undefined,
            clientSecret: undefined,
            ...want,
        });
    });

    test("the issue: client credentials in the stack win over SAIL_ACCESS_TOKEN", () => {
        const s = resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id", clientSecret: STACK_SECRET }, { SAIL_ACCESS_TOKEN: ENV_TOKEN });
        expect(s.credentialSource).toBe("isc:clientId/isc:clientSecret");
        expect(s.accessToken).toBeUndefined();
        expect([s.clientId, s.clientSecret]).toEqual(["stack-id", STACK_SECRET]);
    });

    test("a client id in the stack takes its secret from SAIL_CLIENT_SECRET (CI keeps the secret out of the stack), never an env token", () => {
        const alone = resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id" }, { SAIL_CLIENT_SECRET: ENV_SECRET, SAIL_ACCESS_TOKEN: ENV_TOKEN });
        expect(alone).toMatchObject({ clientId: "stack-id", clientSecret: ENV_SECRET, credentialSource: "isc:clientId/SAIL_CLIENT_SECRET" });
        expect(alone.accessToken).toBeUndefined();
        const sameId = resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id" }, { SAIL_CLIENT_ID: "stack-id", SAIL_CLIENT_SECRET: ENV_SECRET });
        expect(sameId).toMatchObject({ clientId: "stack-id", clientSecret: ENV_SECRET });
    });

    test("issue 14: SAIL_CLIENT_SECRET wins over a secret the stack (or Pulumi's saved copy of it) holds, paired with the stack's client id", () => {
        const s = resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id", clientSecret: STACK_SECRET }, { SAIL_CLIENT_SECRET: ENV_SECRET });
        expect(s).toMatchObject({ clientId: "stack-id", clientSecret: ENV_SECRET, credentialSource: "isc:clientId/SAIL_CLIENT_SECRET" });
        const overToken = resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id", accessToken: STACK_TOKEN }, { SAIL_CLIENT_SECRET: ENV_SECRET });
        expect([overToken.credentialSource, overToken.accessToken]).toEqual(["isc:clientId/SAIL_CLIENT_SECRET", undefined]);
    });

    test("issue 14: SAIL_CLIENT_ID/SAIL_CLIENT_SECRET win, whole, over every credential in the stack", () => {
        const s = resolveProviderSettings(
            { baseUrl: BASE, clientId: "stack-id", clientSecret: STACK_SECRET, accessToken: STACK_TOKEN },
            { SAIL_CLIENT_ID: "env-id", SAIL_CLIENT_SECRET: ENV_SECRET, SAIL_ACCESS_TOKEN: ENV_TOKEN },
        );
        expect([s.credentialSource, s.clientId, s.clientSecret, s.accessToken]).toEqual(["SAIL_CLIENT_ID/SAIL_CLIENT_SECRET", "env-id", ENV_SECRET, undefined]);
    });

    test("a client id in the stack is never paired with the secret of another client id from the environment: that client's pair is used", () => {
        const s = resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id" }, { SAIL_CLIENT_ID: "env-id", SAIL_CLIENT_SECRET: ENV_SECRET });
        expect([s.credentialSource, s.clientId, s.clientSecret]).toEqual(["SAIL_CLIENT_ID/SAIL_CLIENT_SECRET", "env-id", ENV_SECRET]);
    });

    test("half a pair in the environment neither completes nor overrides the stack's set", () => {
        const s = resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id", clientSecret: STACK_SECRET }, { SAIL_CLIENT_ID: "env-id" });
        expect([s.credentialSource, s.clientId, s.clientSecret]).toEqual(["isc:clientId/isc:clientSecret", "stack-id", STACK_SECRET]);
        const e = thrown(() => resolveProviderSettings({ baseUrl: BASE, clientId: "stack-id" }, { SAIL_CLIENT_ID: "env-id" }));
        expect(e.message).toMatch(/^isc:clientId is set but isc:clientSecret is not: set it with `pulumi config set --secret isc:clientSecret <secret>`/);
        expect(e.message).toContain(
            "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET, isc:clientId/SAIL_CLIENT_SECRET, isc:accessToken, isc:clientId/isc:clientSecret, SAIL_ACCESS_TOKEN, in that order",
        );
    });

    test("a secret in the stack without its client id is named too", () => {
        const e = thrown(() => resolveProviderSettings({ baseUrl: BASE, clientSecret: STACK_SECRET }, { SAIL_ACCESS_TOKEN: ENV_TOKEN }));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toMatch(/^isc:clientSecret is set but isc:clientId is not/);
        expectNoSecret(e.message);
    });

    test("a token in the stack makes a half-set client id and secret there irrelevant", () => {
        const s = resolveProviderSettings({ baseUrl: BASE, accessToken: STACK_TOKEN, clientId: "stack-id" }, {});
        expect([s.credentialSource, s.accessToken, s.clientId]).toEqual(["isc:accessToken", STACK_TOKEN, undefined]);
    });

    test("half a set in the environment is named, when the stack has none", () => {
        const e = thrown(() => resolveProviderSettings({ baseUrl: BASE }, { SAIL_CLIENT_SECRET: ENV_SECRET }));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toMatch(/^SAIL_CLIENT_SECRET is set but SAIL_CLIENT_ID is not/);
        expectNoSecret(e.message);
    });

    test("no credentials anywhere: every way to give them is named", () => {
        const e = thrown(() => resolveProviderSettings({ baseUrl: BASE }, { SAIL_ACCESS_TOKEN: "" }));
        expect(isIscConfigError(e)).toBe(true);
        for (const name of ["isc:clientId", "isc:clientSecret", "isc:accessToken", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "SAIL_ACCESS_TOKEN"]) {
            expect(e.message).toContain(name);
        }
    });

    test("other settings still resolve key by key (stack first)", () => {
        const s = resolveProviderSettings(
            { clientId: "stack-id", clientSecret: STACK_SECRET },
            { SAIL_BASE_URL: `${BASE}/`, SAIL_SEGMENTS_API_VERSION: "beta" },
        );
        expect([s.baseUrl, s.versions.segments]).toEqual([BASE, "beta"]);
    });
});

describe("isc:useTestOperations / SAIL_USE_TEST_OPERATIONS", () => {
    const creds = { baseUrl: BASE, clientId: "stack-id", clientSecret: STACK_SECRET };
    test.each<[string, StackConfig, NodeJS.ProcessEnv, boolean]>([
        ["default: on", {}, {}, true],
        ["the stack turns it off", { useTestOperations: "false" }, {}, false],
        ["the environment turns it off", {}, { SAIL_USE_TEST_OPERATIONS: "false" }, false],
        ["any case, spaces around", {}, { SAIL_USE_TEST_OPERATIONS: " FALSE " }, false],
        ["the stack wins over the environment", { useTestOperations: "true" }, { SAIL_USE_TEST_OPERATIONS: "false" }, true],
        ["an empty environment value is unset", {}, { SAIL_USE_TEST_OPERATIONS: "" }, true],
    ])("%s", (_name, stack, env, expected) => {
        expect(resolveProviderSettings({ ...creds, ...stack }, env).useTestOperations).toBe(expected);
    });

    test("anything but true or false is refused, naming the setting and what is allowed", () => {
        const err = thrown(() => resolveProviderSettings(creds, { SAIL_USE_TEST_OPERATIONS: "no" }));
        expect(isIscConfigError(err)).toBe(true);
        expect(err.message).toBe('isc:useTestOperations (or SAIL_USE_TEST_OPERATIONS) is "no": use true or false.');
    });
});

describe("clientFor: the client gets exactly the resolved set", () => {
    let server: FakeServer | undefined;
    let saved: NodeJS.ProcessEnv;
    beforeEach(() => {
        clearTokenCache();
        saved = { ...process.env };
    });
    afterEach(async () => {
        process.env = saved;
        await server?.close();
        server = undefined;
    });

    test("stack client credentials are used although SAIL_ACCESS_TOKEN is set in the process", async () => {
        server = await fakeServer([json(200, [])]);
        process.env.SAIL_ACCESS_TOKEN = ENV_TOKEN;
        const settings = resolveProviderSettings({ baseUrl: server.url, clientId: "stack-id", clientSecret: STACK_SECRET, maxRequestsPer10Seconds: "10000" });
        await clientFor(settings).request("GET", "/v3/sources");
        expect(server.tokens()).toHaveLength(1);
        expect(new URLSearchParams(server.tokens()[0].body).get("client_id")).toBe("stack-id");
        expect(server.api()[0].headers.authorization).not.toBe(`Bearer ${ENV_TOKEN}`);
    });

    test("a stack token is used although SAIL_ACCESS_TOKEN is set in the process", async () => {
        server = await fakeServer([json(200, [])]);
        Object.assign(process.env, { SAIL_ACCESS_TOKEN: ENV_TOKEN });
        delete process.env.SAIL_CLIENT_ID;
        delete process.env.SAIL_CLIENT_SECRET;
        const settings = resolveProviderSettings({ baseUrl: server.url, accessToken: STACK_TOKEN, maxRequestsPer10Seconds: "10000" });
        await clientFor(settings).request("GET", "/v3/sources");
        expect(server.tokens()).toHaveLength(0);
        expect(server.api()[0].headers.authorization).toBe(`Bearer ${STACK_TOKEN}`);
    });

    test("SAIL_CLIENT_ID/SAIL_CLIENT_SECRET in the process are used although the stack holds a token", async () => {
        server = await fakeServer([json(200, [])]);
        Object.assign(process.env, { SAIL_CLIENT_ID: "env-id", SAIL_CLIENT_SECRET: ENV_SECRET, SAIL_ACCESS_TOKEN: ENV_TOKEN });
        const settings = resolveProviderSettings({ baseUrl: server.url, accessToken: STACK_TOKEN, maxRequestsPer10Seconds: "10000" });
        await clientFor(settings).request("GET", "/v3/sources");
        expect(server.tokens()).toHaveLength(1);
        expect(new URLSearchParams(server.tokens()[0].body).get("client_id")).toBe("env-id");
        expect(server.api()[0].headers.authorization).not.toBe(`Bearer ${STACK_TOKEN}`);
    });
});

describe("lookups: the same order, with explicit options in front", () => {
    afterEach(() => pulumi.runtime.setAllConfig({}));

    test.each(COMBINATIONS.map((layers) => [layers.join(" + "), layers] as const))("program config and environment, %s", (_name, layers) => {
        const { stack, env } = configFor(layers);
        const program: Record<string, string> = {};
        for (const [k, v] of Object.entries(stack)) program[`isc:${k}`] = v;
        pulumi.runtime.setAllConfig(program);
        const { settings } = lookupContext({}, env);
        const want = EXPECTED[ORDER.find((l) => layers.includes(l))!];
        expect({
            credentialSource: settings.credentialSource,
            accessToken: settings.accessToken,
            clientId: settings.clientId,
            clientSecret: settings.clientSecret,
        }).toEqual({
            accessToken: undefined,
            clientId: undefined,
            clientSecret: undefined,
            ...want,
        });
    });

    test("explicit client credentials win, whole, over a program token and the environment's", () => {
        pulumi.runtime.setAllConfig({ "isc:baseUrl": BASE, "isc:accessToken": STACK_TOKEN });
        const env = { SAIL_ACCESS_TOKEN: ENV_TOKEN, SAIL_CLIENT_ID: "env-id", SAIL_CLIENT_SECRET: ENV_SECRET };
        const { settings, key } = lookupContext({ clientId: "opt-id", clientSecret: "opt-secret" }, env);
        expect([settings.accessToken, settings.clientId, settings.clientSecret]).toEqual([undefined, "opt-id", "opt-secret"]);
        expect(key).toBe(`${BASE}|client:opt-id`);
    });

    test("an explicit token wins over program client credentials and the environment's", () => {
        pulumi.runtime.setAllConfig({ "isc:baseUrl": BASE, "isc:clientId": "stack-id", "isc:clientSecret": STACK_SECRET });
        const { settings, key } = lookupContext({ accessToken: "opt-token" }, { SAIL_CLIENT_ID: "env-id", SAIL_CLIENT_SECRET: ENV_SECRET });
        expect([settings.accessToken, settings.clientId]).toEqual(["opt-token", undefined]);
        expect(key).not.toContain("opt-token");
    });

    test("half a set of explicit options is not completed from the program or the environment, and says so", () => {
        pulumi.runtime.setAllConfig({ "isc:baseUrl": BASE, "isc:clientSecret": STACK_SECRET });
        const e = thrown(() => lookupContext({ clientId: "opt-id" }, { SAIL_CLIENT_SECRET: ENV_SECRET, SAIL_ACCESS_TOKEN: ENV_TOKEN }));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toMatch(/the clientId option is given without clientSecret/);
        expectNoSecret(e.message);
    });

    test("the issue, in a program: isc:clientId/isc:clientSecret win over SAIL_ACCESS_TOKEN", () => {
        pulumi.runtime.setAllConfig({ "isc:baseUrl": BASE, "isc:clientId": "stack-id", "isc:clientSecret": STACK_SECRET });
        const { settings } = lookupContext({}, { SAIL_ACCESS_TOKEN: ENV_TOKEN });
        expect([settings.credentialSource, settings.accessToken, settings.clientId]).toEqual(["isc:clientId/isc:clientSecret", undefined, "stack-id"]);
    });
});
