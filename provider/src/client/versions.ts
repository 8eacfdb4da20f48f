/** The API version prefixes ISC serves its collections under (`/v3/...`, `/beta/...`, `/v2024/...`, ...). */
export const API_VERSIONS = ["v3", "beta", "v2024", "v2025", "v2026"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export function isApiVersion(value: unknown): value is ApiVersion {
    return typeof value === "string" && (API_VERSIONS as readonly string[]).includes(value);
}
