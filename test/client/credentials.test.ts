/**
 * The client's credentials come as one set: what its caller passed, or (only when the caller passed none) the
 * SAIL_* variables. Its errors keep their underlying cause, and say where the refused credentials came from.
 */
import {
    clearTokenCache,
    IscClient,
    IscClientOptions,
    isIscApiError,
    isIscAuthError,
    isIscConfigError,
    isIscNetworkError,
    isIscOutcomeUnknownError,
} from "../../provider/src/client";
import { drop, FakeClock, fakeServer, FakeServer, hang, json, failure } from "./fake-server";

const SECRET = "s3cr3t-value-never-shown";
const ENV_TOKEN = "env-token-never-shown";
let server: FakeServer | undefined;
let clock: FakeClock;
let saved: NodeJS.ProcessEnv;

beforeEach(() => {
    clearTokenCache();
    clock = new FakeClock();
    saved = { ...process.env };
    for (const name of ["SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "SAIL_ACCESS_TOKEN"]) delete process.env[name];
});
afterEach(async () => {
    process.env = saved;
    await server?.close();
    server = undefined;
});

function client(options: IscClientOptions): IscClient {
    return new IscClient({ baseUrl: server!.url, now: clock.now, sleep: clock.sleep, random: () => 0.5, rateLimit: null, ...options });
}

/** Every message and stack along the cause chain, and the JSON of each link. */
function chainText(e: unknown): string {
    const parts: string[] = [];
    for (let c: unknown = e; c instanceof Error; c = c.cause) parts.push(c.message, c.stack ?? "", JSON.stringify(c));
    return parts.join("\n");
}

const ok = json(200, { ok: true });
const expired = json(401, { error: "JWT validation failed: JWT is expired" });

describe("the credential set", () => {
    test("client credentials passed by the caller win over SAIL_ACCESS_TOKEN in the environment", async () => {
        server = await fakeServer([ok]);
        process.env.SAIL_ACCESS_TOKEN = ENV_TOKEN;
        await client({ clientId: "cid", clientSecret: SECRET }).request("GET", "/x");
        expect(server.tokens()).toHaveLength(1);
        expect(new URLSearchParams(server.tokens()[0].body).get("client_id")).toBe("cid");
        expect(server.api()[0].headers.authorization).not.toBe(`Bearer ${ENV_TOKEN}`);
        expect(server.api()[0].headers.authorization).toMatch(/^Bearer tok-\d+$/);
    });

    test("a token passed by the caller is used; SAIL_CLIENT_ID/SAIL_CLIENT_SECRET are not read", async () => {
        server = await fakeServer([ok]);
        process.env.SAIL_CLIENT_ID = "env-id";
        process.env.SAIL_CLIENT_SECRET = SECRET;
        await client({ accessToken: "caller-token" }).request("GET", "/x");
        expect(server.tokens()).toHaveLength(0);
        expect(server.api()[0].headers.authorization).toBe("Bearer caller-token");
    });

    test("a partial set from the caller is not completed from the environment", async () => {
        server = await fakeServer([ok]);
        process.env.SAIL_CLIENT_SECRET = SECRET;
        process.env.SAIL_ACCESS_TOKEN = ENV_TOKEN;
        const e = await failure(client({ clientId: "cid" }).request("GET", "/x"));
        expect(isIscConfigError(e)).toBe(true);
        expect(e.message).toMatch(/clientId was passed without clientSecret/);
        expect(e.message).toMatch(/SAIL_\* variables are not read/);
        expect(chainText(e)).not.toContain(SECRET);
        expect(server.seen).toHaveLength(0);
    });

    test("a caller that passes no credentials gets the environment's: SAIL_ACCESS_TOKEN before SAIL_CLIENT_ID/SAIL_CLIENT_SECRET", async () => {
        server = await fakeServer([ok]);
        process.env.SAIL_CLIENT_ID = "env-id";
        process.env.SAIL_CLIENT_SECRET = SECRET;
        process.env.SAIL_ACCESS_TOKEN = ENV_TOKEN;
        await client({}).request("GET", "/x");
        expect(server.api()[0].headers.authorization).toBe(`Bearer ${ENV_TOKEN}`);
        delete process.env.SAIL_ACCESS_TOKEN;
        await client({}).request("GET", "/x");
        expect(new URLSearchParams(server.tokens()[0].body).get("client_id")).toBe("env-id");
    });

    test.each<[string, IscClientOptions, Record<string, string>, string]>([
        ["a token passed as an option", { accessToken: "caller-token" }, {}, "accessToken"],
        ["a token from SAIL_ACCESS_TOKEN", {}, { SAIL_ACCESS_TOKEN: ENV_TOKEN }, "SAIL_ACCESS_TOKEN"],
        ["a token whose caller names its source", { accessToken: "caller-token", credentialSource: "isc:accessToken" }, {}, "isc:accessToken"],
    ])("a refused token (%s) is an IscAuthError that says where the token came from", async (_what, options, env, source) => {
        server = await fakeServer([expired]);
        Object.assign(process.env, env);
        const e = await failure(client(options).request("GET", "/x"));
        expect(isIscAuthError(e)).toBe(true);
        expect(isIscAuthError(e) && e.credentialSource).toBe(source);
        expect(chainText(e)).not.toContain(ENV_TOKEN);
        expect(chainText(e)).not.toContain("caller-token");
    });

    test.each<[string, IscClientOptions, Record<string, string>, string]>([
        ["passed as options", { clientId: "cid", clientSecret: SECRET }, {}, "clientId/clientSecret"],
        ["from SAIL_CLIENT_ID/SAIL_CLIENT_SECRET", {}, { SAIL_CLIENT_ID: "cid", SAIL_CLIENT_SECRET: SECRET }, "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET"],
        [
            "whose caller names their source",
            { clientId: "cid", clientSecret: SECRET, credentialSource: "isc:clientId/isc:clientSecret" },
            {},
            "isc:clientId/isc:clientSecret",
        ],
    ])("refused client credentials (%s) are an IscAuthError that says where they came from", async (_what, options, env, source) => {
        server = await fakeServer([ok], [json(401, { error: "invalid_client", error_description: "Bad credentials" })]);
        Object.assign(process.env, env);
        const e = await failure(client(options).request("GET", "/x"));
        expect(isIscAuthError(e)).toBe(true);
        expect(isIscAuthError(e) && e.credentialSource).toBe(source);
        expect(chainText(e)).not.toContain(SECRET);
    });

    test("a source named by the caller is ignored when the caller passed no credentials (the environment's are used)", async () => {
        server = await fakeServer([expired]);
        process.env.SAIL_ACCESS_TOKEN = ENV_TOKEN;
        const e = await failure(client({ credentialSource: "isc:accessToken" }).request("GET", "/x"));
        expect(isIscAuthError(e) && e.credentialSource).toBe("SAIL_ACCESS_TOKEN");
    });
});

describe("causes", () => {
    test("an unreachable tenant: the IscNetworkError's cause is the transport failure", async () => {
        server = await fakeServer([ok]);
        const url = server.url;
        await server.close();
        server = undefined;
        const e = await failure(new IscClient({ baseUrl: url, accessToken: "t", now: clock.now, sleep: clock.sleep, rateLimit: null }).request("GET", "/x"));
        expect(isIscNetworkError(e)).toBe(true);
        expect(e.cause).toBeInstanceOf(Error);
        expect((e.cause as Error).name).toBe("IscTransportError");
        expect((e.cause as Error).message).toMatch(/ECONNREFUSED/);
        expect(Object.keys(e)).not.toContain("cause"); // not enumerable: JSON of the error stays as it was
    });

    test("an unreachable token endpoint: the IscNetworkError's cause is the transport failure, without the secret", async () => {
        server = await fakeServer([ok]);
        const url = server.url;
        await server.close();
        server = undefined;
        const e = await failure(
            new IscClient({ baseUrl: url, clientId: "cid", clientSecret: SECRET, now: clock.now, sleep: clock.sleep, rateLimit: null }).request("GET", "/x"),
        );
        expect(isIscNetworkError(e)).toBe(true);
        expect((e.cause as Error | undefined)?.name).toBe("IscTransportError");
        expect(chainText(e)).not.toContain(SECRET);
    });

    test("a timed-out request: the cause says no answer came", async () => {
        server = await fakeServer([hang]);
        const e = await failure(client({ accessToken: "t", timeoutMs: 100, maxAttempts: 1 }).request("GET", "/x"));
        expect(isIscNetworkError(e)).toBe(true);
        expect((e.cause as Error).message).toMatch(/no answer within 100 ms/);
    });

    test("a dropped POST: the IscOutcomeUnknownError's cause is the transport failure", async () => {
        server = await fakeServer([drop]);
        const e = await failure(client({ accessToken: "t" }).request("POST", "/x", { body: {} }));
        expect(isIscOutcomeUnknownError(e)).toBe(true);
        expect((e.cause as Error | undefined)?.name).toBe("IscTransportError");
        expect(chainText(e)).not.toContain("Bearer");
    });

    test("a 5xx on a POST: the IscOutcomeUnknownError's cause is the server's answer as an IscApiError, body kept", async () => {
        const body = { detailCode: "500.0 Internal Fault", trackingId: "abc123", messages: [{ text: "boom" }] };
        server = await fakeServer([json(500, body)]);
        const e = await failure(client({ accessToken: "t" }).request("POST", "/x", { body: {} }));
        expect(isIscOutcomeUnknownError(e)).toBe(true);
        const cause = e.cause;
        expect(isIscApiError(cause)).toBe(true);
        expect(isIscApiError(cause) && [cause.status, cause.trackingId, cause.messages, cause.body]).toEqual([500, "abc123", ["boom"], body]);
    });

    test("an IscApiError still carries the parsed body", async () => {
        server = await fakeServer([json(400, { messages: [{ text: "bad" }] })]);
        const e = await failure(client({ accessToken: "t" }).request("GET", "/x"));
        expect(isIscApiError(e) && e.body).toEqual({ messages: [{ text: "bad" }] });
    });
});
