/**
 * The AccessProfile resource, described once: its fields and their rules. Check, diff, patch planning,
 * normalisation, outputs, documentation and the public TypeScript types (generated.ts, by `npm run docs`) are
 * all derived from `accessProfileSchema`. Adding a field is an entry here, then `npm run docs`.
 */
import type { ResourceSchema } from "../../engine";
import { idField, idSetField, LOOKUPS, referenceIdField, referenceSetIdField } from "../ids";
import { normalizeProvisioningCriteria, validateProvisioningCriteria } from "./provisioning-criteria";
import { normalizeAccessRequestConfig, normalizeRevocationRequestConfig, validateAccessRequestConfig, validateRevocationRequestConfig } from "./request-config";
import { accessRequestConfigShape, ADDITIONAL_OWNER_TYPES, provisioningCriteriaShape, revocationRequestConfigShape } from "./shapes";
import { validateAccessProfile } from "./validate";

const computed = { computed: true, required: false, nullable: false, patchable: false } as const;
/** ISC stores these lists as nullable arrays: null and `[]` both mean "none". */
const optionalSet = { emptyIsNull: true, required: false, nullable: true, patchable: true } as const;

export const accessProfileSchema: ResourceSchema = {
    label: "AccessProfile",
    doc: "A SailPoint ISC access profile: a bundle of entitlements from one source, with its request and approval rules. Entitlements and segments are sets, patched element by element.",
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
            validate: referenceIdField(LOOKUPS.identity),
            required: true,
            nullable: false,
            patchable: true,
            doc: 'The identity that owns the access profile: `{id}`; `type` is "IDENTITY" and may be omitted.',
        },
        source: {
            kind: "reference",
            refTypes: ["SOURCE"],
            defaultRefType: "SOURCE",
            validate: referenceIdField(LOOKUPS.source),
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
            validate: referenceSetIdField(LOOKUPS.entitlement),
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
            shape: accessRequestConfigShape,
            validate: validateAccessRequestConfig,
            normalize: normalizeAccessRequestConfig,
            required: false,
            nullable: true,
            patchable: true,
            doc: "How access requests are handled: comments, end dates, the longest access and the approval steps. A config that sets nothing (false settings, no approval steps) is the same as none. Default: none.",
        },
        revocationRequestConfig: {
            kind: "object",
            shape: revocationRequestConfigShape,
            validate: validateRevocationRequestConfig,
            normalize: normalizeRevocationRequestConfig,
            required: false,
            nullable: true,
            patchable: true,
            doc: "How revocation requests are approved. A config with no approval steps is the same as none. Default: none.",
        },
        segments: {
            kind: "stringSet",
            validate: idSetField(LOOKUPS.segment),
            ...optionalSet,
            doc: "Ids of the segments the access profile is visible in, each once, in any order. Default: none.",
        },
        provisioningCriteria: {
            kind: "object",
            shape: provisioningCriteriaShape,
            validate: validateProvisioningCriteria,
            normalize: normalizeProvisioningCriteria,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Which account the access is provisioned to when an identity has several on the source: tests of account attributes, up to three levels. Default: none.",
        },
        additionalOwners: {
            kind: "referenceSet",
            refTypes: ADDITIONAL_OWNER_TYPES,
            refTypeName: "AdditionalOwnerType",
            validate: referenceSetIdField((type) => (type === "GOVERNANCE_GROUP" ? LOOKUPS.governanceGroup : LOOKUPS.identity)),
            identity: "typeAndId",
            ...optionalSet,
            doc: 'Further owners: `[{type, id}]` with type "IDENTITY" or "GOVERNANCE_GROUP", each once, in any order. Default: none.',
        },
        created: { kind: "string", ...computed, doc: "When ISC created the access profile (ISO 8601)." },
        modified: { kind: "string", ...computed, doc: "When ISC last changed the access profile (ISO 8601)." },
        adoptId: {
            kind: "string",
            nonBlank: true,
            validate: idField(LOOKUPS.accessProfileToAdopt),
            providerOnly: true,
            required: false,
            nullable: false,
            patchable: false,
            doc: "The id of an existing access profile to take over instead of creating one (Pulumi's `import` does not work for dynamic resources); the first `up` patches it to the declared state. Later changes have no effect.",
        },
    },
};
