/**
 * A tenant baseline: segments by location and by department, and access profiles that bundle entitlements
 * from two sources, each visible in the segments it is meant for.
 *
 * The tenant's own objects (the owning identity, the sources and their entitlements, an approving governance
 * group) are referenced by id from the stack configuration, so the same program runs against any tenant:
 *
 *   pulumi config set --path tenant.owner <identity id>
 *   pulumi config set --path tenant.approvers <governance group id>
 *   pulumi config set --path tenant.directory.id <source id>
 *   pulumi config set --path 'tenant.directory.entitlements[0]' <entitlement id>   # four of them
 *   pulumi config set --path tenant.hr.id <source id>
 *   pulumi config set --path 'tenant.hr.entitlements[0]' <entitlement id>          # two of them
 *
 * `revision: 2` is the next version of this program (a reworded segment and one more entitlement), which the
 * demo applies to show the JSON Patch an edit sends.
 */
import * as pulumi from "@pulumi/pulumi";
import * as isc from "pulumi-sailpoint-isc";

interface SourceConfig {
    id: string;
    entitlements: string[];
}
interface TenantConfig {
    owner: string;
    approvers: string;
    directory: SourceConfig;
    hr: SourceConfig;
}

const config = new pulumi.Config();
const tenant = config.requireObject<TenantConfig>("tenant");
const revision = config.getNumber("revision") ?? 1;
const owner = { id: tenant.owner };

function entitlements(source: SourceConfig, ...indexes: number[]): Array<{ id: string }> {
    return indexes.map((i) => {
        const id = source.entitlements[i];
        if (!id) throw new Error(`tenant config: source ${source.id} needs at least ${i + 1} entitlements`);
        return { id };
    });
}

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
    source: { id: tenant.directory.id },
    entitlements: revision >= 2 ? entitlements(tenant.directory, 0, 1, 2) : entitlements(tenant.directory, 0, 1),
    enabled: true,
    requestable: true,
    segments: [finance.id, london.id],
    accessRequestConfig: {
        commentsRequired: true,
        denialCommentsRequired: true,
        approvalSchemes: [{ approverType: "MANAGER" }, { approverType: "GOVERNANCE_GROUP", approverId: tenant.approvers }],
    },
});
const engineeringVpn = new isc.AccessProfile("engineering-vpn", {
    name: "Engineering VPN",
    description: "VPN access for engineers",
    owner,
    source: { id: tenant.directory.id },
    entitlements: entitlements(tenant.directory, 3),
    enabled: true,
    segments: [londonEngineering.id, newYork.id],
    accessRequestConfig: { approvalSchemes: [{ approverType: "MANAGER" }] },
});
const hrSelfService = new isc.AccessProfile("hr-self-service", {
    name: "HR Self-Service",
    description: "Time off and expenses in the HR system",
    owner,
    source: { id: tenant.hr.id },
    entitlements: entitlements(tenant.hr, 0, 1),
    enabled: true,
    segments: [london.id, newYork.id],
});

export const segmentIds = { london: london.id, newYork: newYork.id, finance: finance.id, londonEngineering: londonEngineering.id };
export const accessProfileIds = { financeShares: financeShares.id, engineeringVpn: engineeringVpn.id, hrSelfService: hrSelfService.id };
