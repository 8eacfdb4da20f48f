/** The seeded tenant: identities, sources with entitlements, governance groups. Ids derive from the seed. */
import { hexId, Random } from "./random";

export interface Identity {
    id: string;
    /** The display name, which ISC also returns as `owner.name`. */
    name: string;
    alias: string;
    email: string;
}
export interface Source {
    id: string;
    name: string;
    type: string;
    description: string;
}
export interface Entitlement {
    id: string;
    name: string;
    attribute: string;
    value: string;
    description: string;
    source: { type: "SOURCE"; id: string; name: string };
}
export interface GovernanceGroup {
    id: string;
    name: string;
    description: string;
}

export interface ReferenceData {
    identities: Identity[];
    sources: Source[];
    entitlements: Entitlement[];
    governanceGroups: GovernanceGroup[];
}

const PEOPLE = ["Alice Admin", "Bob Owner", "Carol Manager", "Dan Developer", "Erin Auditor"];
const SOURCES: Array<{ name: string; type: string; attribute: string; entitlements: string[] }> = [
    {
        name: "Active Directory",
        type: "Active Directory - Direct",
        attribute: "memberOf",
        entitlements: ["Finance Share Read", "Finance Share Write", "Payroll Share", "VPN Users", "Engineering Share", "Domain Admins"],
    },
    { name: "Workday", type: "Workday", attribute: "securityGroup", entitlements: ["Time Off", "Expenses", "Payroll Viewer", "HR Administrator"] },
    { name: "Salesforce", type: "Salesforce", attribute: "profile", entitlements: ["Sales User", "Sales Manager", "Reports Viewer"] },
];
const GROUPS = [
    { name: "Security Reviewers", description: "Reviews access to sensitive systems" },
    { name: "Finance Approvers", description: "Approves access to finance systems" },
];

export function seedTenant(random: Random): ReferenceData {
    const identities = PEOPLE.map((name) => {
        const alias = name.toLowerCase().replace(" ", ".");
        return { id: hexId(random), name, alias, email: `${alias}@example.com` };
    });
    const sources: Source[] = [];
    const entitlements: Entitlement[] = [];
    for (const s of SOURCES) {
        const source = { id: hexId(random), name: s.name, type: s.type, description: `The ${s.name} source` };
        sources.push(source);
        for (const e of s.entitlements) {
            entitlements.push({
                id: hexId(random),
                name: e,
                attribute: s.attribute,
                value: `CN=${e},OU=Groups`,
                description: `${e} on ${s.name}`,
                source: { type: "SOURCE", id: source.id, name: source.name },
            });
        }
    }
    const governanceGroups = GROUPS.map((g) => ({ id: hexId(random), ...g }));
    return { identities, sources, entitlements, governanceGroups };
}
