/**
 * The engine-share benchmark's program: `count` resources of one `kind`:
 *   isc    this provider's Segment (what users run)
 *   noop   a do-nothing dynamic resource defined here (the engine's own cost per dynamic resource)
 *   none   no resource at all (start-up: the CLI, the language host, Node, the program's compilation)
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const kind = config.require("kind");

const noop: pulumi.dynamic.ResourceProvider = {
    async check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
        return { inputs: news };
    },
    async diff() {
        return { changes: false };
    },
    async create(inputs: Record<string, unknown>) {
        return { id: String(inputs.name), outs: inputs };
    },
};

class Noop extends pulumi.dynamic.Resource {
    constructor(name: string, args: { name: string; description: string }) {
        super(noop, name, args, {}, "bench", "Noop");
    }
}

for (let i = 0; i < (kind === "none" ? 0 : count); i++) {
    const args = { name: `Engine segment ${i}`, description: "revision 1" };
    if (kind === "isc") new isc.Segment(`segment-${i}`, { ...args, active: true, visibilityCriteria: { expression: isc.equals("department", `Dept ${i}`) } });
    else new Noop(`noop-${i}`, args);
}
