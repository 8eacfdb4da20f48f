/**
 * A tenant baseline: segments by location and by department, and access profiles that bundle entitlements
 * from two sources, each visible in the segments it is meant for.
 *
 * The tenant's own objects (the owning identity, the sources and their entitlements, an approving governance
 * group) are named, never given by id: each name is looked up in the tenant the stack points at, so the same
 * program serves a sandbox and a production tenant whose ids all differ (one stack each).
 *
 * `revision: 2` is the next version of this program (a reworded segment and one more entitlement), which the
 * demo applies to show the JSON Patch an edit sends.
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

const revision = new pulumi.Config().getNumber("revision") ?? 1;

// The tenant's objects, by name.
const owner = { id: isc.getIdentityOutput({ alias: "alice.admin" }).id };
const approvers = isc.getGovernanceGroupOutput({ name: "Finance Approvers" });
const directory = isc.getSourceOutput({ name: "Active Directory" });
const hr = isc.getSourceOutput({ name: "Workday" });

/** Entitlements of one source by name: one lookup for all of them. */
function entitlementsOf(source: pulumi.Output<isc.GetSourceResult>, names: string[]): (...wanted: string[]) => Array<{ id: pulumi.Output<string> }> {
    const found = isc.getEntitlementsOutput({ source, names });
    return (...wanted) => wanted.map((name) => ({ id: found.apply((list) => list[names.indexOf(name)].id) }));
}
const directoryGroups = entitlementsOf(directory, ["Finance Share Read", "Finance Share Write", "Payroll Share", "VPN Users"]);
const hrRoles = entitlementsOf(hr, ["Time Off", "Expenses"]);

// Segments by location.
const london = new isc.Segment("london", {
    name: "Location: London",
    description: revision >= 2 ? "Employees whose primary office is London (UK)" : "Employees based in London",
    owner,
    active: true,
    visibilityCriteria: { expression: isc.equals("location", "London") },
});
const newYork = new isc.Segment("new-york", {
    name: "Location: New York",
    description: "Employees based in New York",
    owner,
    active: true,
    visibilityCriteria: { expression: isc.equals("location", "New York") },
});

// Segments by department (and a combination of both).
const finance = new isc.Segment("finance", {
    name: "Department: Finance",
    description: "The Finance department, all locations",
    owner,
    active: true,
    visibilityCriteria: { expression: isc.equals("department", "Finance") },
});
const londonEngineering = new isc.Segment("london-engineering", {
    name: "Engineering in London",
    owner,
    active: true,
    visibilityCriteria: { expression: isc.and(isc.equals("department", "Engineering"), isc.equals("location", "London")) },
});

// Access profiles with entitlements from two sources, scoped to segments.
const financeShares = new isc.AccessProfile("finance-shares", {
    name: "Finance File Shares",
    description: "Read and write access to the Finance shares",
    owner,
    source: { id: directory.id },
    entitlements:
        revision >= 2
            ? directoryGroups("Finance Share Read", "Finance Share Write", "Payroll Share")
            : directoryGroups("Finance Share Read", "Finance Share Write"),
    enabled: true,
    requestable: true,
    segments: [finance.id, london.id],
    accessRequestConfig: approvers.id.apply((approverId): isc.AccessRequestConfig => ({
        commentsRequired: true,
        denialCommentsRequired: true,
        approvalSchemes: [{ approverType: "MANAGER" }, { approverType: "GOVERNANCE_GROUP", approverId }],
    })),
});
const engineeringVpn = new isc.AccessProfile("engineering-vpn", {
    name: "Engineering VPN",
    description: "VPN access for engineers",
    owner,
    source: { id: directory.id },
    entitlements: directoryGroups("VPN Users"),
    enabled: true,
    segments: [londonEngineering.id, newYork.id],
    accessRequestConfig: { approvalSchemes: [{ approverType: "MANAGER" }] },
});
const hrSelfService = new isc.AccessProfile("hr-self-service", {
    name: "HR Self-Service",
    description: "Time off and expenses in the HR system",
    owner,
    source: { id: hr.id },
    entitlements: hrRoles("Time Off", "Expenses"),
    enabled: true,
    segments: [london.id, newYork.id],
});

export const segmentIds = { london: london.id, newYork: newYork.id, finance: finance.id, londonEngineering: londonEngineering.id };
export const accessProfileIds = { financeShares: financeShares.id, engineeringVpn: engineeringVpn.id, hrSelfService: hrSelfService.id };
