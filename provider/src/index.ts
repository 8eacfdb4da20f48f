/** Pulumi resources for SailPoint Identity Security Cloud. */
export { Segment } from "./resources/segment/segment";
export type { SegmentArgs, IdentityRefArgs } from "./resources/segment/segment";
export { equals, and } from "./resources/segment/expressions";
export type { SegmentExpression, SegmentVisibilityCriteria, SegmentInputs, SegmentOutputs } from "./resources/segment/schema";
export { AccessProfile } from "./resources/access-profile/access-profile";
export type { AccessProfileArgs, RefArgs } from "./resources/access-profile/access-profile";
export type {
    AccessProfileInputs,
    AccessProfileOutputs,
    AccessRequestConfig,
    RevocationRequestConfig,
    ApprovalScheme,
    ApproverType,
    AccessDuration,
    ProvisioningCriteria,
    ProvisioningOperation,
    AdditionalOwnerType,
} from "./resources/access-profile/schema";
export { CONFIG_KEYS } from "./provider/settings";
export {
    getIdentity,
    getIdentityOutput,
    getSource,
    getSourceOutput,
    getEntitlement,
    getEntitlementOutput,
    getEntitlements,
    getEntitlementsOutput,
    getGovernanceGroup,
    getGovernanceGroupOutput,
    getSegment,
    getSegmentOutput,
    getAccessProfile,
    getAccessProfileOutput,
    IscLookupError,
    isIscLookupError,
    DEFAULT_MISS_SCAN_LIMIT,
} from "./lookups";
export type {
    LookupOptions,
    LookupOutputOptions,
    LookupProblem,
    Candidate,
    SourceRef,
    NamedRef,
    GetIdentityArgs,
    GetIdentityOutputArgs,
    GetIdentityResult,
    GetSourceArgs,
    GetSourceOutputArgs,
    GetSourceResult,
    GetEntitlementArgs,
    GetEntitlementOutputArgs,
    GetEntitlementResult,
    GetEntitlementsArgs,
    GetEntitlementsOutputArgs,
    GetGovernanceGroupArgs,
    GetGovernanceGroupOutputArgs,
    GetGovernanceGroupResult,
    GetSegmentArgs,
    GetSegmentOutputArgs,
    GetSegmentResult,
    GetAccessProfileArgs,
    GetAccessProfileOutputArgs,
    GetAccessProfileResult,
} from "./lookups";
