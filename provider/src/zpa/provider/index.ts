/**
 * The ZPA dynamic provider: `ZpaDynamicProvider` serves one resource kind (dynamic-provider.ts) on the lifecycle
 * (create.ts, update.ts: one PUT planned by put-plan.ts); settings.ts resolves the connection (`zpa:*`, then the
 * Zscaler environment names), clients.ts keeps one ZpaClient per connection, hints.ts turns connection failures into
 * advice. The SDK, the lookups and zpa/dynamic.ts use it through this file.
 */
export { ZpaDynamicProvider } from "./dynamic-provider";
export { LEGACY_CLOUDS, ZPA_CONFIG_KEYS, readZpaStackConfig, resolveZpaSettings, unknownZpaKeysError } from "./settings";
export type { ZpaProviderSettings, ZpaSettingName, ZpaStackConfig } from "./settings";
export { refuseZpaPlaintextCredentials, zpaRuntimeConfig, ZPA_SECRET_SETTINGS } from "./plaintext-credentials";
export { connectionKey, zpaClientFor } from "./clients";
export { bodyFromServer, planPut, serverView } from "./put-plan";
export type { PutPlan } from "./put-plan";
export { create, putToDesired, read, remove, update } from "./lifecycle";
export type { ZpaApi, ZpaLifecycleContext } from "./lifecycle";
export type { Clock } from "./waiting";
export { explainZpa, zpaHintFor } from "./hints";
export {
    ZpaAdoptConflictError,
    ZpaDeletedOutsidePulumiError,
    ZpaInUseError,
    ZpaPartialCreateError,
    ZpaResourceError,
    isZpaAdoptConflictError,
    isZpaDeletedOutsidePulumiError,
    isZpaInUseError,
    isZpaPartialCreateError,
    isZpaResourceError,
} from "./errors";
export { isZpaResourceKind, zpaDescriptionOf } from "../resources";
export type { SegmentGroupInputs, SegmentGroupOutputs, ZpaInputsOf, ZpaOutputsOf, ZpaResourceKind } from "../resources";

/** The kind a SegmentGroup's `__provider` holds. */
export const segmentGroupKind = "segmentGroup" as const;
