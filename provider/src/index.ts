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
