/** The shapes of the tenant's read-only reference objects (identities, sources, entitlements, governance groups), as SailPoint's specs give them. */
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
