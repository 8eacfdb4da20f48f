/**
 * A source change that keeps the previous source's entitlements. An access profile's entitlements all come from its
 * source, and ISC takes a new source only together with entitlements of that source (schema.ts, `replacesWith`). An
 * entitlement belongs to one source for good, and the previous inputs' entitlements were accepted with the previous
 * source: so when `source` changes, an entitlement id that the previous inputs also listed is one of the previous
 * source's, and the update can only fail at `up` (ISC's 400), after the resources before it were written. Caught
 * here, in check, from the previous inputs Pulumi passes: no lookup, no API call.
 *
 * Ids are compared in one form (lower case, no dashes): ISC may show an id as 32 hex digits or as a UUID. The
 * message names the entitlements by position and never repeats an id (inputs may be secrets, see engine/messages.ts).
 */
import { atIndex, failure, isPlainObject, isUnknown, type Failure, type Props } from "../../engine";

export function keepsPreviousSourceEntitlements(olds: Props, news: Props): Failure[] {
    const before = referenceId(olds.source);
    const after = referenceId(news.source);
    if (before === undefined || after === undefined || before === after) return [];
    const previous = new Set(listedIds(olds.entitlements));
    const kept = (Array.isArray(news.entitlements) ? news.entitlements : [])
        .map((element, i) => ({ i, id: referenceId(element) }))
        .filter(({ id }) => id !== undefined && previous.has(id));
    if (kept.length === 0) return [];
    const positions = kept.map(({ i }) => atIndex("entitlements", i));
    const which = positions.length === 1 ? `${positions[0]} is an entitlement` : `${positions.join(", ")} are entitlements`;
    return [
        failure(
            "entitlements",
            `source.id changed, but ${which} of the previous source (the previous inputs list ${kept.length === 1 ? "it" : "them"} with that source): an access profile's entitlements all come from its source, and ISC takes a new source only with entitlements of that source. List the new source's entitlements in the same change, e.g. getEntitlements({ source, values }), or keep the previous source`,
        ),
    ];
}

/** The id of a reference, in one form, or undefined when it is not known (absent, preview's unknown, not a string). */
function referenceId(value: unknown): string | undefined {
    const id = isPlainObject(value) ? value.id : undefined;
    return typeof id === "string" && !isUnknown(id) && id.trim() !== "" ? id.toLowerCase().replace(/-/g, "") : undefined;
}

function listedIds(list: unknown): string[] {
    return Array.isArray(list) ? list.map(referenceId).filter((id): id is string => id !== undefined) : [];
}
