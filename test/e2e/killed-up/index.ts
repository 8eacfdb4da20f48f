/**
 * The program `test/e2e/killed-up.test.ts` kills part way through `pulumi up`: four segments, and four access
 * profiles each visible in one of them (so the profiles are created after the segments). The tenant's own
 * objects are given by id in the stack config, so the run makes no call but its creates.
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const config = new pulumi.Config();
const owner = { id: config.require("ownerId") };
const source = { id: config.require("sourceId") };
const entitlement = { id: config.require("entitlementId") };

const cities = ["London", "Paris", "Berlin", "Madrid"];
const segments = cities.map(
    (city) =>
        new isc.Segment(`segment-${city.toLowerCase()}`, {
            name: `Killed run: ${city}`,
            description: `Employees based in ${city}`,
            owner,
            active: true,
            visibilityCriteria: { expression: isc.equals("location", city) },
        }),
);
const profiles = cities.map(
    (city, i) =>
        new isc.AccessProfile(`profile-${city.toLowerCase()}`, {
            name: `Killed run: ${city} access`,
            description: `Access for employees based in ${city}`,
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
