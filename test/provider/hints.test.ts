/**
 * What `explain` adds to a failure: a hint that names the setting actually in use when credentials are refused,
 * and no JavaScript stack for the package's own errors, while a programming error keeps its stack.
 */
import {
    clearTokenCache,
    IscApiError,
    IscAuthError,
    IscConfigError,
    IscNetworkError,
    IscOutcomeUnknownError,
    IscTransportError,
} from "../../provider/src/client";
import { IscLookupError } from "../../provider/src/lookups/errors";
import { clientFor } from "../../provider/src/provider/api";
import { IscInUseError, IscPartialCreateError, IscResourceError } from "../../provider/src/provider/errors";
import { explain, hintFor } from "../../provider/src/provider/hints";
import { resolveProviderSettings } from "../../provider/src/provider/settings";
import { fakeServer, FakeServer, json } from "../client/fake-server";

const TOKEN = "token-value-never-shown";
const SECRET = "secret-value-never-shown";

describe("the hint names the credentials in use", () => {
    const refused = (source?: ConstructorParameters<typeof IscAuthError>[2]) => new IscAuthError("ISC refused the access token for GET /x (401)", 401, source);

    test.each([
        [
            "isc:accessToken",
            "the access token from isc:accessToken was refused: renew it (`pulumi config set --secret isc:accessToken <token>`), or remove it (`pulumi config rm isc:accessToken`) and set isc:clientId/isc:clientSecret",
        ],
        ["SAIL_ACCESS_TOKEN", "the access token from SAIL_ACCESS_TOKEN was refused: renew it or set isc:clientId/isc:clientSecret"],
        ["accessToken", "the access token passed as accessToken was refused: renew it, or pass clientId/clientSecret instead"],
        [
            "isc:clientId/isc:clientSecret",
            "the client credentials from isc:clientId/isc:clientSecret were refused: check isc:clientId and isc:clientSecret (`pulumi config set --secret isc:clientSecret <secret>`)",
        ],
        [
            "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET",
            "the client credentials from SAIL_CLIENT_ID/SAIL_CLIENT_SECRET were refused: check SAIL_CLIENT_ID and SAIL_CLIENT_SECRET (they win over isc:clientId/isc:clientSecret; unset them to use the stack's)",
        ],
        ["clientId/clientSecret", "the client credentials passed as clientId/clientSecret were refused: check both"],
    ] as const)("%s", (source, hint) => {
        expect(hintFor(refused(source), undefined)).toBe(hint);
    });

    test("an auth error that does not say where its credentials came from gets the general hint", () => {
        expect(hintFor(refused(), undefined)).toBe("check isc:clientId and isc:clientSecret (or SAIL_CLIENT_ID and SAIL_CLIENT_SECRET; or isc:accessToken)");
    });

    test("issue 14: in a read or delete (refresh, destroy), refused stack credentials say the saved copy may be stale and what to run", () => {
        const saved =
            "if they were changed since the last successful `pulumi up`, this command used the copy of the stack configuration Pulumi saved then: " +
            "run it with `--run-program` (or PULUMI_RUN_PROGRAM=true) to use the configuration as it is now, or give the credentials in the environment " +
            "(SAIL_CLIENT_ID/SAIL_CLIENT_SECRET, which win over the stack's)";
        for (const source of ["isc:accessToken", "isc:clientId/isc:clientSecret", "isc:clientId/SAIL_CLIENT_SECRET"] as const) {
            expect(hintFor(refused(source), undefined, { savedConfig: true })).toMatch(new RegExp(`; ${saved.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`));
            expect(hintFor(refused(source), undefined)).not.toContain("--run-program");
        }
        // Credentials from the environment are this run's: no saved copy to blame.
        for (const source of ["SAIL_ACCESS_TOKEN", "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET", "clientId/clientSecret"] as const) {
            expect(hintFor(refused(source), undefined, { savedConfig: true })).not.toContain("--run-program");
        }
        const e = explain(new IscResourceError("segment", "S", "id1", "read", refused("isc:clientId/isc:clientSecret")), undefined, { savedConfig: true });
        expect(e.message).toContain("--run-program");
    });

    test("the hint is found through a wrapping error's cause", () => {
        const e = explain(new IscResourceError("segment", "S", "id1", "read", refused("SAIL_ACCESS_TOKEN")), "https://acme.api.identitynow.com");
        expect(e.message).toMatch(/\(the access token from SAIL_ACCESS_TOKEN was refused: renew it or set isc:clientId\/isc:clientSecret\)$/);
    });
});

describe("end to end: settings, client, refusal, explain", () => {
    let server: FakeServer | undefined;
    let saved: NodeJS.ProcessEnv;
    beforeEach(() => {
        clearTokenCache();
        saved = { ...process.env };
        for (const name of ["SAIL_BASE_URL", "SAIL_CLIENT_ID", "SAIL_CLIENT_SECRET", "SAIL_ACCESS_TOKEN"]) delete process.env[name];
    });
    afterEach(async () => {
        process.env = saved;
        await server?.close();
        server = undefined;
    });

    async function explained(stack: Record<string, string>, env: Record<string, string>): Promise<Error> {
        Object.assign(process.env, env);
        const settings = resolveProviderSettings({ baseUrl: server!.url, maxRequestsPer10Seconds: "10000", ...stack });
        try {
            await clientFor(settings).request("GET", "/v3/sources");
        } catch (e) {
            return explain(e as Error, settings.baseUrl);
        }
        throw new Error("expected a failure");
    }

    function expectClean(e: Error): void {
        for (const text of [e.message, String(e.stack), JSON.stringify(e)]) {
            expect(text).not.toContain(TOKEN);
            expect(text).not.toContain(SECRET);
        }
    }

    test("an expired SAIL_ACCESS_TOKEN: the hint names SAIL_ACCESS_TOKEN", async () => {
        server = await fakeServer([json(401, { error: "JWT validation failed: JWT is expired" })]);
        const e = await explained({}, { SAIL_ACCESS_TOKEN: TOKEN });
        expect(e.name).toBe("IscAuthError");
        expect(e.message).toContain("(the access token from SAIL_ACCESS_TOKEN was refused: renew it or set isc:clientId/isc:clientSecret)");
        expectClean(e);
    });

    test("an expired isc:accessToken: the hint names isc:accessToken, not the variables also set", async () => {
        server = await fakeServer([json(401, { error: "JWT validation failed: JWT is expired" })]);
        const e = await explained({ accessToken: TOKEN }, { SAIL_ACCESS_TOKEN: "another-token", SAIL_CLIENT_SECRET: SECRET });
        expect(e.message).toContain("the access token from isc:accessToken was refused");
        expect(e.message).not.toContain("SAIL_ACCESS_TOKEN");
        expectClean(e);
    });

    test("refused stack client credentials while SAIL_ACCESS_TOKEN is set: the hint names isc:clientId/isc:clientSecret", async () => {
        server = await fakeServer([json(200, [])], [json(401, { error: "invalid_client", error_description: "Bad credentials" })]);
        const e = await explained({ clientId: "stack-id", clientSecret: SECRET }, { SAIL_ACCESS_TOKEN: TOKEN });
        expect(e.message).toContain("the client credentials from isc:clientId/isc:clientSecret were refused");
        expect(server.api()).toHaveLength(0);
        expectClean(e);
    });

    test("refused SAIL_CLIENT_ID/SAIL_CLIENT_SECRET: the hint names them", async () => {
        server = await fakeServer([json(200, [])], [json(400, { error: "invalid_client" })]);
        const e = await explained({}, { SAIL_CLIENT_ID: "env-id", SAIL_CLIENT_SECRET: SECRET });
        expect(e.message).toContain("the client credentials from SAIL_CLIENT_ID/SAIL_CLIENT_SECRET were refused");
        expectClean(e);
    });
});

describe("stacks: stripped from the package's own errors only", () => {
    const base = "https://acme.api.identitynow.com";
    const own: Error[] = [
        new IscApiError(400, "POST", "/v3/x", { messages: ["bad"] }),
        new IscAuthError("refused", 401),
        new IscConfigError("no base URL"),
        new IscNetworkError("GET", "/v3/x", "ECONNREFUSED", base),
        new IscOutcomeUnknownError("POST", "/v3/x", "socket hang up"),
        new IscResourceError("segment", "S", undefined, "create", new IscApiError(400, "POST", "/v3/x", { messages: ["bad"] })),
        new IscPartialCreateError("segment", "S", "id1", {}, "adopt", new Error("patch failed")),
        new IscLookupError("getSource", [{ kind: "invalid", what: "name", reason: "empty" }]),
        new IscInUseError("ap1", [{ type: "ROLE", id: "r1", name: "Role" }]),
    ];

    test.each(own.map((e) => [e.name, e] as const))("%s: the stack is the message alone", (_name, e) => {
        const out = explain(e, base);
        expect(out.stack).toBe(`${out.name}: ${out.message}`);
    });

    test.each(["IscDeletedOutsidePulumiError", "IscAdoptConflictError", "IscSomeLaterError"])("%s (any Isc...Error, by name): stripped too", (name) => {
        const e = Object.assign(new Error("a reason for the user"), { name });
        expect(explain(e, base).stack).toBe(`${name}: a reason for the user`);
    });

    test.each(["IscApiErrorX", "isc", "MyIscError", "Iscerror"])("%s is not one of the package's names: its stack stays", (name) => {
        const e = Object.assign(new Error("x"), { name });
        const before = e.stack;
        expect(explain(e, base).stack).toBe(before);
    });

    test.each([
        ["TypeError", () => new TypeError("Cannot read properties of undefined (reading 'id')")],
        ["ReferenceError", () => new ReferenceError("foo is not defined")],
        ["RangeError", () => new RangeError("Invalid array length")],
        ["Error", () => new Error("something unexpected")],
    ] as const)("%s keeps its stack, frames and all", (_name, make) => {
        const e = make();
        const before = e.stack;
        const out = explain(e, base);
        expect(out.stack).toBe(before);
        expect(out.stack).toMatch(/\n\s+at /);
    });

    test("a known error that wraps a programming error keeps that error's stack", () => {
        const bug = new TypeError("Cannot read properties of undefined (reading 'name')");
        const out = explain(new IscResourceError("segment", "S", "id1", "update", bug), base);
        expect(out.stack).toContain(`${out.name}: ${out.message}`);
        expect(out.stack).toContain(`Caused by: ${bug.stack}`);
        expect(out.stack).toMatch(/\n\s+at /);
        expect(out.cause).toBe(bug);
    });

    test("a known error whose cause is a plain Error with a reason (not a fault) is stripped", () => {
        const out = explain(new IscResourceError("segment", "S", "id1", "adopt", new Error('no segment with id "x" exists')), base);
        expect(out.stack).toBe(`${out.name}: ${out.message}`);
    });

    test("the cause survives explain, and the client's transport failure does not count as a fault", () => {
        const transport = new IscTransportError("ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1", false);
        const net = new IscNetworkError("GET", "/v3/x", "ECONNREFUSED", base, { cause: transport });
        const out = explain(new IscResourceError("segment", "S", "id1", "read", net), base);
        expect(out.cause).toBe(net);
        expect(net.cause).toBe(transport);
        expect(out.stack).toBe(`${out.name}: ${out.message}`);
        expect(out.message).toContain(`check isc:baseUrl (or SAIL_BASE_URL): ${base} could not be reached`);
    });

    test("values that are not errors pass through", () => {
        expect(explain("text", base)).toBe("text");
        expect(explain(undefined, base)).toBeUndefined();
    });
});
