/**
 * Builders of the tenant's read-only reference objects (shapes in tenant-types.ts) and the small seeded tenant every
 * emulator starts with. Ids derive from the seed; timestamps are fixed, so the same seed always gives the same bytes.
 */
import { ConnectorKind, CONNECTORS } from "./connectors";
import { hexId, Random } from "./random";
import type { Entitlement, GovernanceGroup, Identity, Ref, ReferenceData, Source } from "./tenant-types";

/** A moment `minutes` after a fixed instant: reference objects have fixed, seed-independent timestamps. */
export function fixedTime(base: string, minutes: number): string {
    return new Date(Date.parse(base) + Math.round(minutes * 60_000)).toISOString();
}

export const ref = <T extends string>(type: T, o: { id: string; name: string }): Ref<T> => ({ type, id: o.id, name: o.name });

export interface IdentityFacts {
    id: string;
    name: string;
    alias: string;
    firstname: string;
    lastname: string;
    email: string | null;
    department: string;
    location: string;
    created: string;
    manager?: Identity | null;
    status?: "ACTIVE" | "UNREGISTERED";
}

export function makeIdentity(f: IdentityFacts): Identity {
    const active = f.status !== "UNREGISTERED";
    return {
        id: f.id,
        name: f.name,
        created: f.created,
        modified: f.created,
        alias: f.alias,
        emailAddress: f.email,
        processingState: null,
        identityStatus: active ? "ACTIVE" : "UNREGISTERED",
        managerRef: f.manager ? ref("IDENTITY", f.manager) : null,
        isManager: false,
        lastRefresh: f.created,
        attributes: {
            uid: f.alias,
            firstname: f.firstname,
            lastname: f.lastname,
            displayName: f.name,
            email: f.email,
            cloudStatus: active ? "REGISTERED" : "UNREGISTERED",
            department: f.department,
            location: f.location,
        },
        lifecycleState: active ? { stateName: "active", manuallyUpdated: false } : null,
    };
}

export function makeGroup(f: { id: string; name: string; description: string; owner: Identity; memberCount: number; created: string }): GovernanceGroup {
    return {
        id: f.id,
        name: f.name,
        description: f.description,
        owner: { ...ref("IDENTITY", f.owner), displayName: f.owner.name, ...(f.owner.emailAddress !== null ? { emailAddress: f.owner.emailAddress } : {}) },
        memberCount: f.memberCount,
        connectionCount: 0,
        created: f.created,
        modified: f.created,
    };
}

export function makeSource(f: {
    id: string;
    name: string;
    description: string;
    kind: ConnectorKind;
    owner: Identity;
    workgroup: GovernanceGroup | null;
    created: string;
    schemaIds: [string, string];
    authoritative?: boolean;
}): Source {
    const direct = f.kind.connectionType === "direct";
    return {
        id: f.id,
        name: f.name,
        description: f.description,
        owner: ref("IDENTITY", f.owner),
        cluster: direct ? { type: "CLUSTER", id: "c1a5e2d0c1a5e2d0c1a5e2d0c1a5e2d0", name: "ACME Virtual Appliances" } : null,
        accountCorrelationConfig: null,
        accountCorrelationRule: null,
        managerCorrelationMapping: null,
        managerCorrelationRule: null,
        beforeProvisioningRule: null,
        schemas: [
            { type: "CONNECTOR_SCHEMA", id: f.schemaIds[0], name: "account" },
            { type: "CONNECTOR_SCHEMA", id: f.schemaIds[1], name: f.kind.schemaObjectType },
        ],
        passwordPolicies: null,
        features: [...f.kind.features],
        type: f.kind.type,
        connector: f.kind.connector,
        connectorClass: f.kind.connectorClass,
        connectorAttributes: { healthCheckTimeout: 30 },
        deleteThreshold: 10,
        authoritative: f.authoritative === true,
        managementWorkgroup: f.workgroup ? ref("GOVERNANCE_GROUP", f.workgroup) : null,
        healthy: true,
        status: "SOURCE_STATE_HEALTHY",
        since: f.created,
        connectorId: f.kind.connector,
        connectorName: f.kind.connectorName,
        connectionType: f.kind.connectionType,
        connectorImplementationId: f.kind.connector,
        created: f.created,
        modified: f.created,
        credentialProviderEnabled: false,
        category: null,
    };
}

export function makeEntitlement(f: {
    id: string;
    name: string;
    source: Source;
    kind: ConnectorKind;
    description: string | null;
    created: string;
    owner?: Identity | null;
    privileged?: boolean;
    requestable?: boolean;
}): Entitlement {
    const value = f.kind.value(f.name);
    return {
        id: f.id,
        name: f.name,
        attribute: f.kind.attribute,
        value,
        sourceSchemaObjectType: f.kind.schemaObjectType,
        description: f.description,
        privileged: f.privileged === true,
        cloudGoverned: false,
        requestable: f.requestable === true,
        owner: f.owner ? ref("IDENTITY", f.owner) : null,
        manuallyUpdatedFields: null,
        accessModelMetadata: { attributes: [] },
        created: f.created,
        modified: f.created,
        source: ref("SOURCE", f.source),
        attributes: { [f.kind.attribute]: value },
        segments: [],
        directPermissions: [],
    };
}

const BASE_TIME = "2023-01-02T09:00:00.000Z";
const PEOPLE: Array<{ name: string; department: string; location: string }> = [
    { name: "Alice Admin", department: "IT", location: "Austin" },
    { name: "Bob Owner", department: "Finance", location: "London" },
    { name: "Carol Manager", department: "Finance", location: "London" },
    { name: "Dan Developer", department: "Engineering", location: "Berlin" },
    { name: "Erin Auditor", department: "Audit", location: "Austin" },
];
const SOURCES: Array<{ name: string; kind: ConnectorKind; entitlements: string[] }> = [
    {
        name: "Active Directory",
        kind: CONNECTORS.ad,
        entitlements: ["Finance Share Read", "Finance Share Write", "Payroll Share", "VPN Users", "Engineering Share", "Domain Admins"],
    },
    { name: "Workday", kind: CONNECTORS.workday, entitlements: ["Time Off", "Expenses", "Payroll Viewer", "HR Administrator"] },
    { name: "Salesforce", kind: CONNECTORS.salesforce, entitlements: ["Sales User", "Sales Manager", "Reports Viewer"] },
];
const GROUPS = [
    { name: "Security Reviewers", description: "Reviews access to sensitive systems", members: ["Alice Admin", "Erin Auditor"] },
    { name: "Finance Approvers", description: "Approves access to finance systems", members: ["Bob Owner", "Carol Manager"] },
];

/**
 * The small tenant every emulator starts with. The ids are drawn from `random` in a fixed order (identities,
 * then each source followed by its entitlements, then governance groups), which tests and saved states rely on.
 */
export function seedTenant(random: Random): ReferenceData {
    let minute = 0;
    const at = () => fixedTime(BASE_TIME, minute++);
    const identities = PEOPLE.map((p) => {
        const alias = p.name.toLowerCase().replace(" ", ".");
        const [firstname, lastname] = p.name.split(" ");
        return makeIdentity({
            id: hexId(random),
            name: p.name,
            alias,
            firstname,
            lastname,
            email: `${alias}@example.com`,
            department: p.department,
            location: p.location,
            created: at(),
        });
    });
    const byName = (name: string) => identities.find((i) => i.name === name)!;
    // Carol manages Bob and Dan.
    for (const name of ["Bob Owner", "Dan Developer"]) byName(name).managerRef = ref("IDENTITY", byName("Carol Manager"));
    byName("Carol Manager").isManager = true;

    const sources: Source[] = [];
    const entitlements: Entitlement[] = [];
    for (const s of SOURCES) {
        const id = hexId(random);
        const source = makeSource({
            id,
            name: s.name,
            description: `The ${s.name} source`,
            kind: s.kind,
            owner: byName("Alice Admin"),
            workgroup: null,
            created: at(),
            schemaIds: [`${id.slice(0, 31)}a`, `${id.slice(0, 31)}b`],
            authoritative: s.name === "Workday",
        });
        sources.push(source);
        for (const e of s.entitlements) {
            entitlements.push(
                makeEntitlement({ id: hexId(random), name: e, source, kind: s.kind, description: `${e} on ${s.name}`, created: at(), requestable: true }),
            );
        }
    }
    const members = new Map<string, string[]>();
    const governanceGroups = GROUPS.map((g) => {
        const group = makeGroup({
            id: hexId(random),
            name: g.name,
            description: g.description,
            owner: byName("Alice Admin"),
            memberCount: g.members.length,
            created: at(),
        });
        members.set(
            group.id,
            g.members.map((m) => byName(m).id),
        );
        return group;
    });
    return { identities, sources, entitlements, governanceGroups, hidden: { uncorrelated: new Set(), protectedIds: new Set(), members } };
}
