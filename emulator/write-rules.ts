/**
 * Rules that depend on the write (a create, or a patch from one state to another) or on the tenant, beside the
 * shape rules every stored object obeys (validation.ts):
 *  - `requestable: false`: AccessProfile.yaml says making an access profile non-requestable "is only supported for
 *    customers enabled with the new Request Center. Otherwise, attempting to create an access profile with a value
 *    false in this field results in a 400 error." Without the new Request Center (config `newRequestCenter: false`)
 *    a create with `requestable: false`, and a patch that turns a requestable profile non-requestable, are refused.
 *  - `accessModelMetadata` must be left null or empty on create (access-model-metadata.ts).
 * Objects made through the admin API ("in the UI") and populated ones skip these rules.
 */
import { checkMetadataOnCreate } from "./access-model-metadata";
import { CODES, type Violation } from "./errors";
import type { Kind } from "./store";
import type { JsonObject } from "./validation";

export interface TenantFeatures {
    /** The tenant has SailPoint's new Request Center, which access profiles need to be non-requestable. */
    newRequestCenter: boolean;
}

const NOT_REQUESTABLE: Violation = {
    code: CODES.illegalValue,
    text:
        'Illegal value false for field "requestable": making an access profile non-requestable is only supported for tenants ' +
        "with the new Request Center, which this tenant does not have; leave requestable true (the default).",
};

/** Violations of a create's rules (`fields`: the body, already valid in shape). */
export function createViolations(kind: Kind, fields: JsonObject, tenant: TenantFeatures): Violation[] {
    if (kind !== "access-profiles") return [];
    const out = checkMetadataOnCreate(fields.accessModelMetadata);
    if (fields.requestable === false && !tenant.newRequestCenter) out.push(NOT_REQUESTABLE);
    return out;
}

/** Violations of a patch's rules, from the stored object `before` to the patched fields `after`. */
export function patchViolations(kind: Kind, before: JsonObject, after: JsonObject, tenant: TenantFeatures): Violation[] {
    if (kind !== "access-profiles") return [];
    return before.requestable !== false && after.requestable === false && !tenant.newRequestCenter ? [NOT_REQUESTABLE] : [];
}
