/**
 * A ZPA client secret set with `pulumi config set` without `--secret` is refused in the program, as for ISC (issue 14
 * §2 applied to the second family): through Pulumi's own runtime config store, naming the key and both environment
 * names, never the value.
 */
import * as pulumi from "@pulumi/pulumi";
import { isZpaConfigError } from "../../../provider/src/zpa/client";
import { refuseZpaPlaintextCredentials, zpaRuntimeConfig } from "../../../provider/src/zpa/provider";

const VALUE = "a-plain-zpa-value-never-shown";

afterEach(() => pulumi.runtime.setAllConfig({}));

function refusal(): unknown {
    try {
        refuseZpaPlaintextCredentials();
    } catch (e) {
        return e;
    }
    return undefined;
}

test("zpa:clientSecret set without --secret is refused, naming the key, the fix and the environment names, never the value", () => {
    pulumi.runtime.setAllConfig({ "zpa:customerId": "1", "zpa:clientId": "id", "zpa:clientSecret": VALUE }, []);
    const e = refusal();
    expect(isZpaConfigError(e)).toBe(true);
    const message = (e as Error).message;
    expect(message).toMatch(/^zpa:clientSecret is in the stack configuration in plain text \(set without --secret\)/);
    expect(message).toContain("`pulumi config set --secret zpa:clientSecret <value>`");
    expect(message).toContain("ZPA_CLIENT_SECRET (or ZSCALER_CLIENT_SECRET for OneAPI)");
    expect(JSON.stringify(e)).not.toContain(VALUE);
    expect(String((e as Error).stack)).not.toContain(VALUE);
    expect(String((e as Error).stack)).not.toMatch(/\n\s+at /);
});

test.each<[string, Record<string, string>, string[]]>([
    ["the secret set with --secret", { "zpa:clientId": "id", "zpa:clientSecret": VALUE }, ["zpa:clientSecret"]],
    ["no secret in the stack (CI: the environment)", { "zpa:clientId": "id", "zpa:customerId": "1" }, []],
    ["an isc: secret is the ISC entry's business", { "isc:clientSecret": VALUE }, []],
    ["outside a program: no configuration", {}, []],
])("nothing is refused: %s", (_name, config, secretKeys) => {
    pulumi.runtime.setAllConfig(config, secretKeys);
    expect(refusal()).toBeUndefined();
});

test("a runtime that cannot say which keys are secret refuses nothing", () => {
    expect(() => refuseZpaPlaintextCredentials({ get: () => VALUE, isSecret: undefined })).not.toThrow();
    expect(zpaRuntimeConfig().get("zpa:clientSecret")).toBeUndefined();
});
