/** Rules of an access profile that involve more than one field. */
import { containsUnknown, failure, isAbsent, type Failure, type Props } from "../../engine";

export function validateAccessProfile(inputs: Props): Failure[] {
    const { enabled, entitlements } = inputs;
    if (enabled !== true || containsUnknown(entitlements)) return [];
    const none = isAbsent(entitlements) || (Array.isArray(entitlements) && entitlements.length === 0);
    if (!none) return [];
    return [failure("enabled", "enabled true is not allowed without entitlements: list at least one entitlement, or set enabled to false")];
}
