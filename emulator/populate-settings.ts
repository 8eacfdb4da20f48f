/** The populate options (counts and seed), their defaults and limits, and their checking: a bad field is a 400 naming it. */
import { CODES, HttpError, show } from "./errors";
import { isObject, type Json } from "./validation";

export interface PopulateOptions {
    /** Seeds every id and choice. Default 1. */
    seed?: number;
    /** Identities added (correlated). Default 200. */
    identities?: number;
    /** Further identities that are not correlated (hidden by `/identities` unless `defaultFilter=NONE`). Default 0. */
    uncorrelatedIdentities?: number;
    /** Default 10. */
    governanceGroups?: number;
    /** Default 20. */
    sources?: number;
    /** Default 25. */
    entitlementsPerSource?: number;
    /** Default 50. */
    segments?: number;
    /** Default 300. */
    accessProfiles?: number;
}
export type PopulateSettings = Required<PopulateOptions>;

export const POPULATE_DEFAULTS: PopulateSettings = {
    seed: 1,
    identities: 200,
    uncorrelatedIdentities: 0,
    governanceGroups: 10,
    sources: 20,
    entitlementsPerSource: 25,
    segments: 50,
    accessProfiles: 300,
};
/** The most of any one kind (and of entitlements in all) one request may add. */
export const POPULATE_MAX = 100_000;

/** The settings a `POST /__emulator/populate` body (or the startup option) asks for; a bad field is a 400 naming it. */
export function populateSettings(body: Json | PopulateOptions | undefined): PopulateSettings {
    const refuse = (text: string): never => {
        throw new HttpError(400, CODES.badContent, [text]);
    };
    const given: Record<string, unknown> =
        body === undefined || body === null
            ? {}
            : isObject(body)
              ? body
              : refuse(`Send a JSON object of counts (${Object.keys(POPULATE_DEFAULTS).join(", ")}); got ${show(body)}.`);
    const out: PopulateSettings = { ...POPULATE_DEFAULTS };
    for (const [key, v] of Object.entries(given)) {
        if (!(key in POPULATE_DEFAULTS)) refuse(`Unknown populate option "${key}"; known: ${Object.keys(POPULATE_DEFAULTS).join(", ")}.`);
        if (v === undefined) continue;
        const [min, max] = key === "seed" ? [-(2 ** 31), 2 ** 32] : [0, POPULATE_MAX];
        if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
            refuse(`Populate option "${key}" must be a whole number from ${min} to ${max}; got ${show(v)}.`);
        out[key as keyof PopulateSettings] = v as number;
    }
    if (out.sources * out.entitlementsPerSource > POPULATE_MAX)
        refuse(`sources x entitlementsPerSource is ${out.sources * out.entitlementsPerSource}; at most ${POPULATE_MAX}.`);
    return out;
}
