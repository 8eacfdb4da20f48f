/**
 * The program `test/e2e/drift-edit.test.ts` runs: one segment and one access profile visible in it. The stack config
 * `revision` "2" renames both (the program edit made after someone changed other fields in the UI). The tenant's own
 * objects are given by id in the stack config, so a run makes no call but the resources' own.
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const config = new pulumi.Config();
const owner = { id: config.require("ownerId") };
const source = { id: config.require("sourceId") };
const entitlements = config.requireObject<string[]>("entitlementIds").map((id) => ({ id }));
const renamed = config.get("revision") === "2" ? " (renamed)" : "";

const segment = new isc.Segment("lisbon", {
    name: `Lisbon Office${renamed}`,
    description: "Employees based in Lisbon",
    owner,
    active: true,
    visibilityCriteria: { expression: isc.equals("location", "Lisbon") },
});

const profile = new isc.AccessProfile("lisbon-shares", {
    name: `Lisbon File Shares${renamed}`,
    description: "Read access to the Lisbon file shares",
    owner,
    source,
    entitlements,
    enabled: true,
    requestable: true,
    segments: [segment.id],
});

export const segmentId = segment.id;
export const accessProfileId = profile.id;
