/** The ISC HTTP client: see client.ts. */
export { IscClient, checkUrl, PAGE_SIZE } from "./client";
export type { IscClientOptions, RequestOptions, IscResponse, ClientStats, RetryInfo } from "./client";
export {
    IscApiError,
    IscAuthError,
    IscConfigError,
    IscNetworkError,
    IscOutcomeUnknownError,
    isIscApiError,
    isIscAuthError,
    isIscConfigError,
    isIscNetworkError,
    isIscOutcomeUnknownError,
    parseErrorBody,
} from "./errors";
export type { ServerErrorDetails } from "./errors";
export { DEFAULT_RATE_LIMIT, RateLimiter, sharedLimiter } from "./limiter";
export type { RateLimit, Clock, Release } from "./limiter";
export { parseRetryAfter, backoffDelay, rateLimitDelay, isIdempotentMethod, DEFAULT_BACKOFF } from "./retry";
export type { BackoffOptions } from "./retry";
export { clearTokenCache } from "./token";
export { API_VERSIONS, DEFAULT_VERSIONS, isApiVersion } from "./versions";
export type { ApiVersion } from "./versions";
