/** The API families whose SDK classes scripts/lib/resource-types.ts writes: ISC's and ZPA's. */

/**
 * An API family's SDK folder: where its generated class goes, the Pulumi type token's module, the service its docs
 * name, and whether its plain types are generated too (into the resources layer, re-exported by the SDK file).
 */
export interface SdkFamily {
    /** The SDK folder from the repository's root: provider/src/sdk, provider/src/zpa/sdk. */
    sdkDir: string;
    /** Its resources folder, for the header: provider/src/resources, provider/src/zpa/resources. */
    resourcesDir: string;
    /** The engine's index from the SDK folder. */
    engine: string;
    /** The type token's module: `pulumi-nodejs:dynamic/<module>:<label>`. */
    module: string;
    /** "ISC", "ZPA": whose field names the `*Args` carry. */
    service: string;
    /**
     * Whether `resources/<folder>/generated.ts` (the plain `*Inputs`, `*Outputs`, nested types) is written and the SDK
     * re-exports it. Without it the resource may use no nested object, reference or union (the SDK would need them).
     */
    plainTypes: boolean;
}

export const ISC_FAMILY: SdkFamily = {
    sdkDir: "provider/src/sdk",
    resourcesDir: "provider/src/resources",
    engine: "../engine",
    module: "isc",
    service: "ISC",
    plainTypes: true,
};

export const ZPA_FAMILY: SdkFamily = {
    sdkDir: "provider/src/zpa/sdk",
    resourcesDir: "provider/src/zpa/resources",
    engine: "../../engine",
    module: "zpa",
    service: "ZPA",
    plainTypes: true,
};
