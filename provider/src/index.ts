/** Pulumi resources for SailPoint Identity Security Cloud. */
import { refusePlaintextCredentials } from "./provider";

// Each resource's class, its `*Args`, `*Inputs`, `*Outputs` and the types of its nested values, all generated from
// its description (see scripts/docs.ts), and the helpers that build its values.
export * from "./sdk";
export type { Reference, ServerReference } from "./engine";
export type { TypedReference } from "./resources";
export { CONFIG_KEYS } from "./provider";
// The package's errors: one hierarchy under IscError, each with a guard that checks its name (see errors/index.ts).
export { IscError, isIscError } from "./errors";
export type { IscErrorOptions } from "./errors";
export {
    IscApiError,
    IscAuthError,
    IscConfigError,
    IscNetworkError,
    IscOutcomeUnknownError,
    IscTransportError,
    isIscApiError,
    isIscAuthError,
    isIscConfigError,
    isIscNetworkError,
    isIscOutcomeUnknownError,
    isIscTransportError,
} from "./client";
export type { CredentialSource, ServerErrorDetails } from "./client";
export {
    IscAdoptConflictError,
    IscDeletedOutsidePulumiError,
    IscInUseError,
    IscPartialCreateError,
    IscResourceError,
    isIscAdoptConflictError,
    isIscDeletedOutsidePulumiError,
    isIscInUseError,
    isIscPartialCreateError,
    isIscResourceError,
} from "./provider";
export type { UsedBy } from "./provider";
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

// In a program, a credential kept in plain text in the stack configuration (set without --secret) is refused before
// anything is registered: Pulumi would copy it unencrypted into the state and its logs (provider/plaintext-credentials.ts).
refusePlaintextCredentials();
