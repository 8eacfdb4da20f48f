/** The API version prefixes ISC serves segments and access profiles under (v2026: idn/v2026/paths/segments.yaml, access-profiles.yaml). */
export const API_VERSIONS = ["v3", "beta", "v2024", "v2025", "v2026"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export function isApiVersion(value: unknown): value is ApiVersion {
    return typeof value === "string" && (API_VERSIONS as readonly string[]).includes(value);
}

/** The versions of the source documents each resource was modelled on. */
export const DEFAULT_VERSIONS: Readonly<Record<"segments" | "accessProfiles", ApiVersion>> = {
    segments: "v2025",
    accessProfiles: "v3",
};
