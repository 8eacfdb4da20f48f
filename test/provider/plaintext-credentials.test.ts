/**
 * A credential set with `pulumi config set` without `--secret` is refused in the program (issue 14 §2): through
 * Pulumi's own runtime config store (which holds the secret keys the language host passes), never naming the value.
 * The end-to-end form (the real CLI, the state and the tenant left untouched) is in test/e2e/secret-logs.test.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { isIscConfigError } from "../../provider/src/client";
import { plaintextCredentialsError, refusePlaintextCredentials, runtimeConfig, SECRET_SETTINGS } from "../../provider/src/provider/plaintext-credentials";
import { CONFIG_KEYS } from "../../provider/src/provider/settings";

const VALUE = "a-plain-value-never-shown";

afterEach(() => pulumi.runtime.setAllConfig({}));

function program(config: Record<string, string>, secretKeys: string[]): void {
    pulumi.runtime.setAllConfig(config, secretKeys);
}

test("the credential settings are exactly the secret ones of CONFIG_KEYS", () => {
    expect(SECRET_SETTINGS.map((s) => s.key).sort()).toEqual([CONFIG_KEYS.accessToken.key, CONFIG_KEYS.clientSecret.key].sort());
});

test("a client secret set without --secret is refused, naming the key, the fix and the environment variable, never the value", () => {
    program({ "isc:baseUrl": "https://acme.api.identitynow.com", "isc:clientId": "id", "isc:clientSecret": VALUE }, []);
    const e = plaintextCredentialsError(runtimeConfig());
    expect(isIscConfigError(e)).toBe(true);
    expect(e!.message).toMatch(/^isc:clientSecret is in the stack configuration in plain text \(set without --secret\)/);
    expect(e!.message).toContain("`pulumi config set --secret isc:clientSecret <value>`");
    expect(e!.message).toContain("SAIL_CLIENT_SECRET");
    expect(e!.message).not.toContain(VALUE);
    expect(() => refusePlaintextCredentials()).toThrow(/isc:clientSecret is in the stack configuration in plain text/);
    try {
        refusePlaintextCredentials();
    } catch (thrown) {
        expect(String((thrown as Error).stack)).not.toMatch(/\n\s+at /); // Pulumi prints the stack: only the message
    }
});

test("a plain access token is refused too, and both are named together", () => {
    program({ "isc:accessToken": VALUE, "isc:clientSecret": VALUE }, []);
    const e = plaintextCredentialsError();
    expect(e!.message).toMatch(/^isc:clientSecret and isc:accessToken are in the stack configuration in plain text/);
    expect(e!.message).toContain("SAIL_CLIENT_SECRET and SAIL_ACCESS_TOKEN");
});

test.each<[string, Record<string, string>, string[]]>([
    ["the secret set with --secret", { "isc:clientId": "id", "isc:clientSecret": VALUE }, ["isc:clientSecret"]],
    ["no credential in the stack (CI: the environment)", { "isc:baseUrl": "https://acme.api.identitynow.com", "isc:clientId": "id" }, []],
    ["an empty value", { "isc:clientSecret": "" }, []],
    ["outside a program: no configuration", {}, []],
])("nothing is refused: %s", (_name, config, secretKeys) => {
    program(config, secretKeys);
    expect(plaintextCredentialsError()).toBeUndefined();
    expect(() => refusePlaintextCredentials()).not.toThrow();
});

test("a runtime that cannot say which keys are secret refuses nothing (no false alarm)", () => {
    expect(plaintextCredentialsError({ get: () => VALUE, isSecret: undefined })).toBeUndefined();
});
