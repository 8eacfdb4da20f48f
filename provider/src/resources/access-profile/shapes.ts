/**
 * What an access profile's nested values hold: its request configs and provisioning criteria, and the lists
 * of allowed strings. Their TypeScript types (generated.ts) are generated from these shapes; request-config.ts
 * and provisioning-criteria.ts accept their keys and enforce the rules beyond them.
 */
import { arrayShape, booleanShape, enumShape, integerShape, lazyShape, objectShape, stringShape, type ObjectShape } from "../../engine";

export const APPROVER_TYPES = [
    "APP_OWNER",
    "OWNER",
    "SOURCE_OWNER",
    "MANAGER",
    "GOVERNANCE_GROUP",
    "WORKFLOW",
    "ALL_OWNERS",
    "ADDITIONAL_OWNER",
    "ADDITIONAL_GOVERNANCE_GROUP",
] as const;
export const TIME_UNITS = ["HOURS", "DAYS", "WEEKS", "MONTHS"] as const;
export const OPERATIONS = ["EQUALS", "NOT_EQUALS", "CONTAINS", "HAS", "AND", "OR"] as const;
/** What an additional owner may be. */
export const ADDITIONAL_OWNER_TYPES = ["IDENTITY", "GOVERNANCE_GROUP"] as const;

export const approvalSchemeShape = objectShape(
    "ApprovalScheme",
    "One approval step. `approverId` names the governance group or workflow, and is only used with those types.",
    {
        approverType: { shape: enumShape(APPROVER_TYPES, "ApproverType"), required: true, doc: "Who approves this step." },
        approverId: {
            shape: stringShape,
            nullable: true,
            doc: 'The id of the governance group (types "GOVERNANCE_GROUP", "ADDITIONAL_GOVERNANCE_GROUP") or workflow ("WORKFLOW") that approves; required with those types, not allowed with the others.',
        },
    },
);

const approvalSchemes = {
    shape: arrayShape(approvalSchemeShape),
    nullable: true,
    doc: "The approval steps, in the order approvals happen. A WORKFLOW scheme must be the only one. Default: none.",
};

export const accessDurationShape = objectShape("AccessDuration", "How long granted access lasts at most.", {
    value: { shape: integerShape, required: true, doc: "A whole number greater than 0." },
    timeUnit: { shape: enumShape(TIME_UNITS, "TimeUnit"), required: true, doc: "The unit of `value`." },
});

export const accessRequestConfigShape = objectShape("AccessRequestConfig", "How access requests for an access profile are handled.", {
    commentsRequired: { shape: booleanShape, nullable: true, doc: "Whether a requester must write a comment. Default: false." },
    denialCommentsRequired: { shape: booleanShape, nullable: true, doc: "Whether an approver must write a comment to deny. Default: false." },
    reauthorizationRequired: { shape: booleanShape, nullable: true, doc: "Whether an approver must authenticate again to approve. Default: false." },
    requireEndDate: { shape: booleanShape, nullable: true, doc: "Whether a request must name an end date for the access. Default: false." },
    maxPermittedAccessDuration: { shape: accessDurationShape, nullable: true, doc: "The longest access a request may ask for. Default: no limit." },
    approvalSchemes,
});

export const revocationRequestConfigShape = objectShape("RevocationRequestConfig", "How revocation requests for an access profile are approved.", {
    approvalSchemes,
});

export const provisioningCriteriaShape: ObjectShape = objectShape(
    "ProvisioningCriteria",
    "Up to three levels: AND/OR combine children; the tests name an `attribute` (and a `value`, except HAS).",
    {
        operation: {
            shape: enumShape(OPERATIONS, "ProvisioningOperation"),
            required: true,
            doc: "A test (EQUALS, NOT_EQUALS, CONTAINS, HAS) or a combination (AND, OR).",
        },
        attribute: { shape: stringShape, nullable: true, doc: "The account attribute a test reads. Only for tests." },
        value: { shape: stringShape, nullable: true, doc: "The string a test compares the attribute with. Only for EQUALS, NOT_EQUALS and CONTAINS." },
        children: {
            shape: arrayShape(lazyShape(() => provisioningCriteriaShape)),
            nullable: true,
            doc: "The criteria an AND or OR combines. Only for AND and OR.",
        },
    },
);
