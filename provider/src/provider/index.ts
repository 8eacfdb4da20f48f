/**
 * The dynamic provider: what runs behind each resource in Pulumi's dynamic-provider host. `IscDynamicProvider`
 * serves one resource kind (dynamic-provider.ts); the lifecycle (lifecycle.ts, update.ts) runs create, read, update
 * and delete on a definition the registry builds from the kind's description; settings.ts resolves the
 * connection (stack config, then `SAIL_*`), hints.ts turns its failures into advice. The SDK, the lookups and the
 * export use it through this file.
 *
 * Five files keep their paths and exported names for states written by 0.1.0, which `require` them by path
 * (`dist/provider/{api,hints,lifecycle,registry,settings}.js`): see dynamic.ts at the package root.
 */
export { IscDynamicProvider } from "./dynamic-provider";
export { definitionOf, isResourceKind } from "./registry";
export type { InputsOf, OutputsOf, ResourceKind } from "./registry";
export type { CheckFailure, Props, ResourceDefinition } from "./definition";
export { CONFIG_KEYS, DEFAULT_VERSIONS, readStackConfig, resolveCredentials, resolveProviderSettings } from "./settings";
export type { Credentials, ProviderCredentialSource, ProviderSettings, SettingName, StackConfig } from "./settings";
export { CollectionApi, clientFor, collectionKey } from "./api";
export { explain, hintFor } from "./hints";
export type { ExplainOptions } from "./hints";
export { plaintextCredentialsError, refusePlaintextCredentials, runtimeConfig, SECRET_SETTINGS } from "./plaintext-credentials";
export type { ProgramConfig } from "./plaintext-credentials";
export {
    IscAdoptConflictError,
    IscDeletedOutsidePulumiError,
    IscInUseError,
    IscPartialCreateError,
    IscResourceError,
    isIscAdoptConflictError,
    isIscDeletedOutsidePulumiError,
    isIscInUseError,
    isIscPartialCreateError,
    isIscResourceError,
} from "./errors";
export type { UsedBy } from "./errors";
