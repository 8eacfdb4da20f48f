/**
 * The tenant's read-only reference objects (identities, sources, entitlements, governance groups) in the shapes
 * SailPoint's specs give them, and the small seeded tenant every emulator starts with. Ids derive from the seed;
 * timestamps are fixed, so the same seed always gives the same bytes.
 */
import { hexId, Random } from "./random";

export interface Ref<T extends string> {
    type: T;
    id: string;
    name: string;
}

/** IdentityDto (idn/v2025/schemas/Identity.yaml), as `GET /{beta,v2024,v2025}/identities` answers it. */
export interface Identity {
    id: string;
    /** The display name, which ISC also returns as `owner.name`. */
    name: string;
    created: string;
    modified: string;
    alias: string;
    emailAddress: string | null;
    processingState: "ERROR" | "OK" | null;
    identityStatus: string;
    managerRef: Ref<"IDENTITY"> | null;
    isManager: boolean;
    lastRefresh: string;
    /** firstname, lastname, email, uid, displayName, cloudStatus, department, location. */
    attributes: Record<string, string | null>;
    lifecycleState: { stateName: string; manuallyUpdated: boolean } | null;
}

/** Source (idn/v3/schemas/Source.yaml); the same shape under every version prefix. */
export interface Source {
    id: string;
    name: string;
    description: string;
    owner: Ref<"IDENTITY">;
    cluster: Ref<"CLUSTER"> | null;
    accountCorrelationConfig: Ref<"ACCOUNT_CORRELATION_CONFIG"> | null;
    accountCorrelationRule: Ref<"RULE"> | null;
    managerCorrelationMapping: null;
    managerCorrelationRule: Ref<"RULE"> | null;
    beforeProvisioningRule: Ref<"RULE"> | null;
    schemas: Array<Ref<"CONNECTOR_SCHEMA">>;
    passwordPolicies: null;
    features: string[];
    type: string;
    connector: string;
    connectorClass: string;
    connectorAttributes: Record<string, string | number | boolean>;
    deleteThreshold: number;
    authoritative: boolean;
    managementWorkgroup: Ref<"GOVERNANCE_GROUP"> | null;
    healthy: boolean;
    status: string;
    since: string;
    connectorId: string;
    connectorName: string;
    connectionType: string;
    connectorImplementationId: string;
    created: string;
    modified: string;
    credentialProviderEnabled: boolean;
    category: string | null;
}

/** Entitlement (idn/v2025/schemas/Entitlement.yaml). */
export interface Entitlement {
    id: string;
    name: string;
    attribute: string;
    value: string;
    sourceSchemaObjectType: string;
    description: string | null;
    privileged: boolean;
    cloudGoverned: boolean;
    requestable: boolean;
    owner: Ref<"IDENTITY"> | null;
    manuallyUpdatedFields: null;
    accessModelMetadata: { attributes: [] };
    created: string;
    modified: string;
    source: Ref<"SOURCE">;
    attributes: Record<string, string>;
    segments: string[];
    directPermissions: [];
}

/**
 * WorkgroupDto (idn/beta/schemas/workgroups/WorkgroupDto.yaml). The owner's `emailAddress` is a string, not
 * nullable: left out for an owner without an email address.
 */
export interface GovernanceGroup {
    id: string;
    name: string;
    description: string;
    owner: Ref<"IDENTITY"> & { displayName: string; emailAddress?: string };
    memberCount: number;
    connectionCount: number;
    created: string;
    modified: string;
}

/** What ISC filters on but these answers do not show. */
export interface HiddenFacts {
    /** Identities not correlated: `GET /identities` leaves them out unless `defaultFilter=NONE`. */
    uncorrelated: Set<string>;
    /** Protected identities (filter `protected eq true`). */
    protectedIds: Set<string>;
    /** Governance group id -> its members' identity ids (filter `memberships.identityId`). */
    members: Map<string, string[]>;
}

export interface ReferenceData {
    identities: Identity[];
    sources: Source[];
    entitlements: Entitlement[];
    governanceGroups: GovernanceGroup[];
    hidden: HiddenFacts;
}

/** Connector families: how a source of that kind looks and what its entitlements' values look like. */
export interface ConnectorKind {
    type: string;
    connector: string;
    connectorClass: string;
    connectorName: string;
    connectionType: "direct" | "file";
    attribute: string;
    schemaObjectType: string;
    features: string[];
    /** The entitlement's value on the source, from its name. */
    value(name: string): string;
    directory: boolean;
}

/** An LDAP distinguished-name attribute value escaped as RFC 4514 says (`,+"\<>;=` and edge spaces). */
export function dnValue(name: string): string {
    let out = name.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`);
    if (out.startsWith(" ") || out.startsWith("#")) out = `\\${out}`;
    if (out.endsWith(" ")) out = `${out.slice(0, -1)}\\ `;
    return out;
}

const slug = (name: string, sep = "_") =>
    name
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[^A-Za-z0-9]+/g, sep)
        .replace(new RegExp(`^${sep}+|${sep}+$`, "g"), "");

export const CONNECTORS: Record<string, ConnectorKind> = {
    ad: {
        type: "Active Directory - Direct",
        connector: "active-directory",
        connectorClass: "sailpoint.connector.ADLDAPConnector",
        connectorName: "Active Directory",
        connectionType: "direct",
        attribute: "memberOf",
        schemaObjectType: "group",
        features: ["AUTHENTICATE", "DIRECT_PERMISSIONS", "ENABLE", "MANAGER_LOOKUP", "PASSWORD", "PROVISIONING", "SEARCH", "UNLOCK", "GROUPS_HAVE_MEMBERS"],
        value: (name) => `CN=${dnValue(name)},OU=Groups,DC=acme,DC=com`,
        directory: true,
    },
    ldap: {
        type: "LDAP - Direct",
        connector: "ldap",
        connectorClass: "sailpoint.connector.LDAPConnector",
        connectorName: "LDAP",
        connectionType: "direct",
        attribute: "groups",
        schemaObjectType: "group",
        features: ["AUTHENTICATE", "ENABLE", "PROVISIONING", "SEARCH", "PASSWORD"],
        value: (name) => `cn=${dnValue(name)},ou=groups,o=acme`,
        directory: true,
    },
    workday: {
        type: "Workday",
        connector: "workday",
        connectorClass: "sailpoint.connector.WorkdayConnector",
        connectorName: "Workday",
        connectionType: "direct",
        attribute: "securityGroup",
        schemaObjectType: "group",
        features: ["SEARCH", "NO_RANDOM_ACCESS"],
        value: (name) => `WD_SG_${slug(name).toUpperCase()}`,
        directory: false,
    },
    salesforce: {
        type: "Salesforce",
        connector: "salesforce",
        connectorClass: "openconnector.connector.salesforce.SalesforceConnector",
        connectorName: "Salesforce",
        connectionType: "direct",
        attribute: "profile",
        schemaObjectType: "profile",
        features: ["ENABLE", "PROVISIONING", "SEARCH"],
        value: (name) => name,
        directory: false,
    },
    servicenow: {
        type: "ServiceNow",
        connector: "servicenow",
        connectorClass: "sailpoint.connector.ServiceNowConnector",
        connectorName: "ServiceNow",
        connectionType: "direct",
        attribute: "roles",
        schemaObjectType: "role",
        features: ["ENABLE", "PROVISIONING", "SEARCH"],
        value: (name) => `x_acme.${slug(name).toLowerCase()}`,
        directory: false,
    },
    file: {
        type: "DelimitedFile",
        connector: "delimited-file",
        connectorClass: "sailpoint.connector.DelimitedFileConnector",
        connectorName: "Delimited File",
        connectionType: "file",
        attribute: "groups",
        schemaObjectType: "group",
        features: ["NO_RANDOM_ACCESS", "DIRECT_PERMISSIONS"],
        value: (name) => name,
        directory: false,
    },
};

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
