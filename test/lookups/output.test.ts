/**
 * The Output forms inside a Pulumi program, under Pulumi's mock runtime: settings from the stack configuration
 * (`isc:*`, the secret marked secret) ahead of the environment, Inputs chained from one lookup into another and
 * into a resource's inputs, results that are not secret, and lookups that run during a preview.
 */
import * as pulumi from "@pulumi/pulumi";
import { getEntitlementOutput, getIdentityOutput, getSource, getSourceOutput } from "../../provider/src";
import { CLIENT_SECRET, lookupTenant, type LookupTenant } from "./support";

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}
const registered: Registered[] = [];

function mocks(preview: boolean): Promise<void> {
    return pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: (args) => args.inputs,
        },
        "lookups",
        "test",
        preview,
    );
}

/** A resource that takes a lookup's output as an input (mocks never run dynamic providers, so a plain custom resource). */
class Thing extends pulumi.CustomResource {
    constructor(name: string, props: pulumi.Inputs) {
        super("isc:test:Thing", name, props);
    }
}

/** An Output's value (its apply runs once the value is known). */
const valueOf = <T>(o: pulumi.Output<T>): Promise<T> => new Promise((resolve) => o.apply((v) => resolve(v)));

let t: LookupTenant;
const savedEnv = { ...process.env };
beforeAll(async () => {
    t = await lookupTenant();
    // The environment points nowhere, with a token: the stack configuration must win (an environment token comes after
    // the stack's credentials; environment client credentials would come first, see provider/settings.ts).
    process.env.SAIL_BASE_URL = "http://127.0.0.1:9";
    process.env.SAIL_ACCESS_TOKEN = "env-token";
    delete process.env.SAIL_CLIENT_ID;
    delete process.env.SAIL_CLIENT_SECRET;
});
afterAll(async () => {
    process.env = savedEnv;
    pulumi.runtime.setAllConfig({});
    await t.close();
});
beforeEach(async () => {
    registered.length = 0;
    pulumi.runtime.setAllConfig({ "isc:baseUrl": t.emu.url, "isc:clientId": "demo-client", "isc:clientSecret": CLIENT_SECRET }, ["isc:clientSecret"]);
    await t.clear();
});

test("an Output lookup reads the stack configuration (not the environment), and its result is not secret", async () => {
    await mocks(false);
    const src = getSourceOutput({ name: pulumi.output(t.state.sources[0].name) });
    expect(await valueOf(src)).toEqual({ id: t.state.sources[0].id, name: t.state.sources[0].name, type: expect.anything() });
    expect(await pulumi.isSecret(src)).toBe(false);
    // The Promise form in a program reads the same configuration.
    expect((await getSource({ name: t.state.sources[0].name })).id).toBe(t.state.sources[0].id);
});

test("lookups chain through Inputs and feed a resource's inputs", async () => {
    await mocks(false);
    const ent = t.state.entitlements[0] as unknown as { id: string; value: string; source: { id: string; name: string } };
    const src = getSourceOutput({ name: ent.source.name });
    const payroll = getEntitlementOutput({ source: src.id, value: ent.value });
    expect((await valueOf(payroll)).id).toBe(ent.id);
    // A whole result works as the source too.
    expect((await valueOf(getEntitlementOutput({ source: src, value: ent.value }))).id).toBe(ent.id);

    const owner = getIdentityOutput({ name: t.state.identities[0].name });
    const seg = new Thing("london", { name: "London", owner: { id: owner.id } });
    await valueOf(seg.urn);
    const inputs = registered.find((r) => r.name === "london")!.inputs;
    expect(inputs.owner).toEqual({ id: t.state.identities[0].id });
    expect(JSON.stringify(inputs)).not.toContain(CLIENT_SECRET);
});

test("a secret given as an option does not make the result secret; secret arguments do", async () => {
    await mocks(false);
    pulumi.runtime.setAllConfig({ "isc:baseUrl": t.emu.url });
    const name = t.state.sources[1].name;
    const viaOption = getSourceOutput({ name }, { clientId: "demo-client", clientSecret: pulumi.secret(CLIENT_SECRET) });
    expect((await valueOf(viaOption)).id).toBe(t.state.sources[1].id);
    expect(await pulumi.isSecret(viaOption)).toBe(false);
    const secretArgs = getSourceOutput({ name: pulumi.secret(name) }, { clientId: "demo-client", clientSecret: CLIENT_SECRET });
    expect(await pulumi.isSecret(secretArgs)).toBe(true);
});

test("lookups run during a preview: they are reads", async () => {
    await mocks(true);
    expect(pulumi.runtime.isDryRun()).toBe(true);
    const src = getSourceOutput({ name: t.state.sources[2].name });
    expect((await valueOf(src)).id).toBe(t.state.sources[2].id);
    expect((await t.calls()).map((c) => c.path)).toEqual(["/v3/sources"]);
});
