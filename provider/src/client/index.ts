/** The ISC HTTP client's public surface: the client (client.ts), its options and URL checks, errors, pacing, retries, pages. */
export { IscClient } from "./client";
export { checkBaseUrl, checkUrl } from "./connection";
export type { IscClientOptions, RequestOptions, IscResponse, ClientStats, RetryInfo } from "./options";
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
    isCredentialSource,
    parseErrorBody,
} from "./errors";
export type { CredentialSource, ServerErrorDetails } from "./errors";
export { DEFAULT_RATE_LIMIT, RateLimiter, sharedLimiter } from "./limiter";
export type { RateLimit, Clock, Release } from "./limiter";
export { allOf, canFilter, quote } from "./filters";
export { PAGE_SIZE, collectPages, isLastPage, pageQuery, totalCount } from "./pagination";
export type { Page, Query } from "./pagination";
export { parseRetryAfter, backoffDelay, rateLimitDelay, nextStep, isIdempotentMethod, DEFAULT_BACKOFF } from "./retry";
export type { AttemptOutcome, BackoffOptions, RetryDecision, RetryPolicy } from "./retry";
export { redact } from "./redact";
export { clearTokenCache, renewMargin } from "./token";
export { send, isTlsCertificateCode } from "./transport";
export type { FetchLike, HttpRequest, HttpResponse } from "./transport";
export { getToken, invalidateToken, tokenKey } from "./token";
export type { CachedToken } from "./token";
export { API_VERSIONS, isApiVersion } from "./versions";
export type { ApiVersion } from "./versions";
export { MAX_AGE_MS, Snapshot, clearSnapshots, snapshotFor } from "./snapshots";
export type { FetchPage, ListPage } from "./snapshots";
