/**
 * The program `test/e2e/killed-up.test.ts` kills part way through `pulumi up`: four segments, and four access
 * profiles each visible in one of them (so the profiles are created after the segments). The tenant's own
 * objects are given by id in the stack config, so the run makes no call but its creates. test/e2e/killed-runs.test.ts
 * kills an update of it too: the optional config `edition` is added to every description.
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const config = new pulumi.Config();
const owner = { id: config.require("ownerId") };
const source = { id: config.require("sourceId") };
const entitlement = { id: config.require("entitlementId") };
const edition = config.get("edition") ?? "";

const cities = ["London", "Paris", "Berlin", "Madrid"];
const segments = cities.map(
    (city) =>
        new isc.Segment(`segment-${city.toLowerCase()}`, {
            name: `Killed run: ${city}`,
            description: `Employees based in ${city}${edition}`,
            owner,
            active: true,
            visibilityCriteria: { expression: isc.equals("location", city) },
        }),
);
const profiles = cities.map(
    (city, i) =>
        new isc.AccessProfile(`profile-${city.toLowerCase()}`, {
            name: `Killed run: ${city} access`,
            description: `Access for employees based in ${city}${edition}`,
            owner,
            source,
            entitlements: [entitlement],
            enabled: true,
            requestable: true,
            segments: [segments[i].id],
        }),
);

export const segmentIds = segments.map((s) => s.id);
export const accessProfileIds = profiles.map((p) => p.id);
