/**
 * The benchmark program: `count` resources, half segments and half access profiles (each profile scoped to one
 * segment). `revision: 2` changes one field of every resource (its description). The owner, the source and the
 * entitlement are named in the stack config and looked up by name.
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const config = new pulumi.Config();
const count = config.requireNumber("count");
const revision = config.getNumber("revision") ?? 1;
// The tenant's objects by name, looked up in every run (preview included): three calls.
const owner = isc.getIdentityOutput({ alias: config.require("ownerAlias") }).id;
const sourceRef = isc.getSourceOutput({ name: config.require("sourceName") });
const source = sourceRef.id;
const entitlement = isc.getEntitlementOutput({ source: sourceRef, name: config.require("entitlementName") }).id;

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
