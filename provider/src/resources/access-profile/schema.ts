/**
 * The AccessProfile resource, described once: its fields and their rules. Check, diff, patch planning,
 * normalisation, outputs and documentation are all derived from `accessProfileSchema`.
 */
import type { Reference, ResourceSchema, ServerReference } from "../../engine";
import { normalizeProvisioningCriteria, validateProvisioningCriteria } from "./provisioning-criteria";
import {
    normalizeAccessRequestConfig,
    normalizeRevocationRequestConfig,
    validateAccessRequestConfig,
    validateRevocationRequestConfig,
} from "./request-config";
import { validateAccessProfile } from "./validate";

export type ApproverType =
    | "APP_OWNER"
    | "OWNER"
    | "SOURCE_OWNER"
    | "MANAGER"
    | "GOVERNANCE_GROUP"
    | "WORKFLOW"
    | "ALL_OWNERS"
    | "ADDITIONAL_OWNER"
    | "ADDITIONAL_GOVERNANCE_GROUP";

/** One approval step. `approverId` names the governance group or workflow, and is only used with those types. */
export interface ApprovalScheme {
    approverType: ApproverType;
    approverId?: string | null;
}

export interface AccessDuration {
    /** A whole number greater than 0. */
    value: number;
    timeUnit: "HOURS" | "DAYS" | "WEEKS" | "MONTHS";
}

export interface AccessRequestConfig {
    commentsRequired?: boolean | null;
    denialCommentsRequired?: boolean | null;
    reauthorizationRequired?: boolean | null;
    requireEndDate?: boolean | null;
    maxPermittedAccessDuration?: AccessDuration | null;
    /** In the order approvals happen. A WORKFLOW scheme must be the only one. */
    approvalSchemes?: ApprovalScheme[] | null;
}

export interface RevocationRequestConfig {
    approvalSchemes?: ApprovalScheme[] | null;
}

export type ProvisioningOperation = "EQUALS" | "NOT_EQUALS" | "CONTAINS" | "HAS" | "AND" | "OR";

/** Up to three levels: AND/OR combine children; the tests name an `attribute` (and a `value`, except HAS). */
export interface ProvisioningCriteria {
    operation: ProvisioningOperation;
    attribute?: string | null;
    value?: string | null;
    children?: ProvisioningCriteria[] | null;
}

export type AdditionalOwnerType = "IDENTITY" | "GOVERNANCE_GROUP";

/** An access profile's checked inputs: ISC's field names, plain values. */
export interface AccessProfileInputs {
    name: string;
    description?: string | null;
    enabled?: boolean;
    owner: Reference<"IDENTITY">;
    source: Reference<"SOURCE">;
    entitlements?: Array<Reference<"ENTITLEMENT">> | null;
    requestable?: boolean;
    accessRequestConfig?: AccessRequestConfig | null;
    revocationRequestConfig?: RevocationRequestConfig | null;
    segments?: string[] | null;
    provisioningCriteria?: ProvisioningCriteria | null;
    additionalOwners?: Array<{ type: AdditionalOwnerType; id: string; name?: string }> | null;
    /** Adopt the existing access profile with this id instead of creating one. Never sent to ISC. */
    adoptId?: string;
}

/** An access profile as kept in the state: the server's object. */
export interface AccessProfileOutputs {
    id: string;
    name: string;
    created: string;
    modified: string;
    description: string | null;
    enabled: boolean;
    owner: ServerReference<"IDENTITY">;
    source: ServerReference<"SOURCE">;
    entitlements: Array<ServerReference<"ENTITLEMENT">> | null;
    requestable: boolean;
    accessRequestConfig: AccessRequestConfig | null;
    revocationRequestConfig: RevocationRequestConfig | null;
    segments: string[] | null;
    provisioningCriteria: ProvisioningCriteria | null;
    additionalOwners: Array<ServerReference<AdditionalOwnerType>> | null;
    adoptId?: string;
}

const computed = { computed: true, required: false, nullable: false, patchable: false } as const;
/** ISC stores these lists as nullable arrays: null and `[]` both mean "none". */
const optionalSet = { emptyIsNull: true, required: false, nullable: true, patchable: true } as const;

export const accessProfileSchema: ResourceSchema = {
    label: "AccessProfile",
    collection: "access-profiles",
    validate: validateAccessProfile,
    fields: {
        id: { kind: "string", ...computed, doc: "The access profile's id, assigned by ISC." },
        name: { kind: "string", nonBlank: true, required: true, nullable: false, patchable: true, doc: "The access profile's name as shown in ISC." },
        description: {
            kind: "string",
            maxLength: 2000,
            emptyIsNull: true,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Free text, up to 2,000 characters. An empty description is the same as none.",
        },
        enabled: {
            kind: "boolean",
            default: false,
            required: false,
            nullable: false,
            patchable: true,
            doc: "Whether the access profile can be used. An enabled access profile needs at least one entitlement. Default: false.",
        },
        owner: {
            kind: "reference",
            refTypes: ["IDENTITY"],
            defaultRefType: "IDENTITY",
            required: true,
            nullable: false,
            patchable: true,
            doc: 'The identity that owns the access profile: `{id}`; `type` is "IDENTITY" and may be omitted.',
        },
        source: {
            kind: "reference",
            refTypes: ["SOURCE"],
            defaultRefType: "SOURCE",
            replacesWith: ["entitlements"],
            required: true,
            nullable: false,
            patchable: true,
            doc: 'The source the entitlements come from: `{id}`; `type` is "SOURCE" and may be omitted. Changing it replaces the entitlements in the same request, as ISC requires.',
        },
        entitlements: {
            kind: "referenceSet",
            refTypes: ["ENTITLEMENT"],
            defaultRefType: "ENTITLEMENT",
            identity: "id",
            ...optionalSet,
            doc: 'The entitlements granted, all from the profile\'s source: `[{id}]`, each once, in any order; `type` is "ENTITLEMENT" and may be omitted. Default: none.',
        },
        requestable: {
            kind: "boolean",
            default: true,
            required: false,
            nullable: false,
            patchable: true,
            doc: "Whether identities can request the access profile. Default: true.",
        },
        accessRequestConfig: {
            kind: "object",
            validate: validateAccessRequestConfig,
            normalize: normalizeAccessRequestConfig,
            required: false,
            nullable: true,
            patchable: true,
            doc: "How access requests are handled: `commentsRequired`, `denialCommentsRequired`, `reauthorizationRequired`, `requireEndDate` (default false), `maxPermittedAccessDuration {value, timeUnit}`, `approvalSchemes [{approverType, approverId?}]`. Default: none.",
        },
        revocationRequestConfig: {
            kind: "object",
            validate: validateRevocationRequestConfig,
            normalize: normalizeRevocationRequestConfig,
            required: false,
            nullable: true,
            patchable: true,
            doc: "How revocation requests are approved: `approvalSchemes [{approverType, approverId?}]`. Default: none.",
        },
        segments: { kind: "stringSet", ...optionalSet, doc: "Ids of the segments the access profile is visible in, each once, in any order. Default: none." },
        provisioningCriteria: {
            kind: "object",
            validate: validateProvisioningCriteria,
            normalize: normalizeProvisioningCriteria,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Which account the access is provisioned to when an identity has several on the source: `{operation, attribute?, value?, children?}`, up to three levels. Default: none.",
        },
        additionalOwners: {
            kind: "referenceSet",
            refTypes: ["IDENTITY", "GOVERNANCE_GROUP"],
            identity: "typeAndId",
            ...optionalSet,
            doc: 'Further owners: `[{type, id}]` with type "IDENTITY" or "GOVERNANCE_GROUP", each once, in any order. Default: none.',
        },
        created: { kind: "string", ...computed, doc: "When ISC created the access profile (ISO 8601)." },
        modified: { kind: "string", ...computed, doc: "When ISC last changed the access profile (ISO 8601)." },
        adoptId: {
            kind: "string",
            nonBlank: true,
            providerOnly: true,
            required: false,
            nullable: false,
            patchable: false,
            doc: "The id of an existing access profile to take over instead of creating one; the first `up` patches it to the declared state. Later changes have no effect.",
        },
    },
};
