/**
 * The benchmark program: `count` resources, half segments and half access profiles (each profile scoped to one
 * segment). `revision: 2` changes one field of every resource (its description).
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const revision = config.getNumber("revision") ?? 1;
const owner = config.require("owner");
const source = config.require("source");
const entitlement = config.require("entitlement");

const segments: isc.Segment[] = [];
for (let i = 0; i < Math.ceil(count / 2); i++) {
    segments.push(
        new isc.Segment(`segment-${i}`, {
            name: `Bench segment ${i}`,
            description: `revision ${revision}`,
            owner: { id: owner },
            active: true,
            visibilityCriteria: { expression: isc.equals("department", `Dept ${i}`) },
        }),
    );
}
for (let i = 0; i < Math.floor(count / 2); i++) {
    new isc.AccessProfile(`profile-${i}`, {
        name: `Bench profile ${i}`,
        description: `revision ${revision}`,
        owner: { id: owner },
        source: { id: source },
        entitlements: [{ id: entitlement }],
        enabled: true,
        segments: [segments[i % segments.length].id],
    });
}
