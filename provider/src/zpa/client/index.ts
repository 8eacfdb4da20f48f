/** The ZPA HTTP client's public surface (docs/CONTRACTS.md, "ZPA client contract"). */
export { ZpaClient } from "./client";
export type { ZpaAuth, ZpaClientOptions, ZpaClientStats, ZpaMethod, ZpaRequestOptions, ZpaResponse } from "./options";
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
    parseZpaError,
} from "./errors";
export type { ZpaErrorDetails } from "./errors";
export { ONEAPI_AUDIENCE, lifetimeSeconds } from "./token";
export { ZPA_PAGE_SIZE, collectZpaPages, pageItems, totalPages } from "./pages";
