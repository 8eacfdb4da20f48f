/**
 * The program `test/e2e/credentials.test.ts` and `test/e2e/secret-logs.test.ts` run: one segment, its description
 * from the stack config (so a test can make `pulumi up` call ISC by changing it). The owner is given by id, so the
 * program makes no lookup: every ISC call is the provider's.
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const config = new pulumi.Config();
const segment = new isc.Segment("rotation", {
    name: `Credentials: ${pulumi.getStack()}`,
    description: config.get("description") ?? "first version",
    owner: { id: config.require("ownerId") },
    active: true,
    visibilityCriteria: { expression: isc.equals("location", "London") },
});

export const segmentId = segment.id;
