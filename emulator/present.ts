/**
 * A stored segment or access profile as ISC's answers show it: never `null` where SailPoint's schema types a field
 * as a plain (not nullable) value. The store keeps `null` for "none" (JSON Patch applies to that form, so
 * `replace /description` works on a segment created without one); the answer leaves such a field out instead.
 *
 * Checked against `idn/{v3,beta,v2024,v2025,v2026}/schemas/Segment.yaml`, `.../access/AccessProfile.yaml` and the
 * schemas they refer to, and `idn/apis/{segments,access-profiles}`; they agree on every point below:
 *  - Segment `description` is a string (not nullable): left out when there is none.
 *  - `owner.name` (OwnerReference, OwnerReferenceSegments) and `source.name` (AccessProfileSourceRef) are strings:
 *    left out if the referenced object is unknown (only drift through the admin API can do that).
 *  - `visibilityCriteria.expression` is an Expression (not nullable): left out when there is none; a `value`'s
 *    `type` and `value` are strings.
 *  - `accessModelMetadata` is an AttributeDTOList object (not nullable) whose `attributes` is nullable: an access
 *    profile without metadata answers `{"attributes": []}`.
 * Every other field of both kinds is nullable in every version, and is answered as stored.
 */
import type { Answer } from "./answer";
import type { Route } from "./routes";
import { isObject, Json, JsonObject } from "./validation";

/** `obj` without its keys whose value is null among `keys`. */
function dropNull(obj: JsonObject, keys: readonly string[]): JsonObject {
    const out: JsonObject = { ...obj };
    for (const k of keys) if (out[k] === null) delete out[k];
    return out;
}

const reference = (ref: Json | undefined): Json | undefined => (isObject(ref) ? dropNull(ref, ["type", "id", "name"]) : ref);

function expression(e: Json): Json {
    if (!isObject(e)) return e;
    const out = dropNull(e, ["operator"]);
    if (isObject(out.value)) out.value = dropNull(out.value, ["type", "value"]);
    if (Array.isArray(out.children)) out.children = out.children.map(expression);
    return out;
}

export function presentSegment(stored: JsonObject): JsonObject {
    const out = dropNull(stored, ["name", "description", "created", "modified", "active"]);
    if ("owner" in out) out.owner = reference(out.owner) ?? null;
    if (isObject(out.visibilityCriteria)) {
        const vc = dropNull(out.visibilityCriteria, ["expression"]);
        if ("expression" in vc) vc.expression = expression(vc.expression);
        out.visibilityCriteria = vc;
    }
    return out;
}

export function presentAccessProfile(stored: JsonObject): JsonObject {
    const out = dropNull(stored, ["name", "created", "modified", "enabled", "requestable"]);
    for (const key of ["owner", "source"]) if (key in out) out[key] = reference(out[key]) ?? null;
    if (!isObject(out.accessModelMetadata)) out.accessModelMetadata = { attributes: [] };
    return out;
}

/**
 * A segment or access-profile route's answer as ISC shows it (item, list, create, patch); any other answer as it is.
 */
export function presented(route: Route, answer: Answer): Answer {
    const kind = route.collection;
    if ((kind !== "segments" && kind !== "access-profiles") || route.sub !== undefined || route.id === "bulk-delete" || answer.status >= 300) return answer;
    const show = kind === "segments" ? presentSegment : presentAccessProfile;
    const one = (o: unknown) => (isObject(o as Json) ? show(o as JsonObject) : o);
    const body = Array.isArray(answer.body) ? answer.body.map(one) : one(answer.body);
    return { ...answer, body };
}
