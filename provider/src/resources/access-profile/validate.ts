/** Rules of an access profile that involve more than one field. */
import type { Failure, Props } from "../../engine";
import { failure, isAbsent } from "../../engine/validators";
import { containsUnknown } from "../../engine/unknown";

export function validateAccessProfile(inputs: Props): Failure[] {
    const { enabled, entitlements } = inputs;
    if (enabled !== true || containsUnknown(entitlements)) return [];
    const none = isAbsent(entitlements) || (Array.isArray(entitlements) && entitlements.length === 0);
    if (!none) return [];
    return [failure("enabled", "enabled true is not allowed without entitlements: list at least one entitlement, or set enabled to false")];
}
