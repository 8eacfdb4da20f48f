// The smallest program that exercises the whole chain the project depends on: the engine starts the
// Node.js language host, the program registers one dynamic resource, and the engine starts the
// `pulumi-resource-pulumi-nodejs` plugin to create, diff and delete it. No network, no tenant.
import * as pulumi from "@pulumi/pulumi";

const provider: pulumi.dynamic.ResourceProvider = {
    async create(inputs: Record<string, unknown>) {
        return { id: "x", outs: { ...inputs, createdBy: "smoke" } };
    },
    async diff() {
        return { changes: false };
    },
    async delete() {},
};

class Thing extends pulumi.dynamic.Resource {
    declare public readonly greeting: pulumi.Output<string>;
    declare public readonly createdBy: pulumi.Output<string>;

    constructor(name: string, args: { greeting: string }, opts?: pulumi.CustomResourceOptions) {
        super(provider, name, { createdBy: undefined, ...args }, opts, "smoke", "Thing");
    }
}

const thing = new Thing("thing", { greeting: "hello" });

export const thingId = thing.id;
export const createdBy = thing.createdBy;
