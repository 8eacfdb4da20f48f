/**
 * Pulumi resources for Zscaler Private Access (ZPA): `pulumi-sailpoint-isc/zpa`. The segment group resource, the
 * lookups by name, the settings it reads (`ZPA_CONFIG_KEYS`) and every error it raises, each with its guard. Nothing
 * here loads the ISC half of the package (`pulumi-sailpoint-isc`), nor does that load this.
 */
import { refuseZpaPlaintextCredentials } from "./provider";

export * from "./sdk";
export { ZPA_CONFIG_KEYS } from "./provider";
// The errors: each an IscError (the package's one base, whose guard isIscError takes them all) with a guard that
// checks its name, so it works across two copies of the package and after JSON.
export { IscError, isIscError } from "../errors";
export type { IscErrorOptions } from "../errors";
// A ZpaNetworkError's or ZpaOutcomeUnknownError's cause: the one exchange that failed without an answer.
export { IscTransportError, isIscTransportError } from "../client";
export {
    ZpaApiError,
    ZpaAuthError,
    ZpaConfigError,
    ZpaNetworkError,
    ZpaOutcomeUnknownError,
    isZpaApiError,
    isZpaAuthError,
    isZpaConfigError,
    isZpaNetworkError,
    isZpaOutcomeUnknownError,
} from "./client";
export type { ZpaErrorDetails } from "./client";
export {
    ZpaAdoptConflictError,
    ZpaDeletedOutsidePulumiError,
    ZpaInUseError,
    ZpaPartialCreateError,
    ZpaResourceError,
    isZpaAdoptConflictError,
    isZpaDeletedOutsidePulumiError,
    isZpaInUseError,
    isZpaPartialCreateError,
    isZpaResourceError,
} from "./provider";

// In a program: a zpa:clientSecret set without --secret is refused before any resource is registered (Pulumi would
// copy it in clear into the state and its verbose logs).
refuseZpaPlaintextCredentials();
