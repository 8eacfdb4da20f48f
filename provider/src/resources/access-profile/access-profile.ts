import * as pulumi from "@pulumi/pulumi";
import { providerHandle } from "../provider-handle";
import { outputSlots } from "../outputs";
import type {
    AccessRequestConfig,
    AdditionalOwnerType,
    ProvisioningCriteria,
    RevocationRequestConfig,
} from "./schema";

/** A reference by id; `type` may be omitted where only one type is possible, and `name` is filled by ISC. */
export interface RefArgs<T extends string> {
    id: pulumi.Input<string>;
    type?: pulumi.Input<T>;
}

export interface AccessProfileArgs {
    /** The access profile's name. Required. */
    name: pulumi.Input<string>;
    /** Free text, up to 2,000 characters. Default: none. */
    description?: pulumi.Input<string | null>;
    /** Whether the profile can be granted; an enabled profile needs at least one entitlement. Default: false. */
    enabled?: pulumi.Input<boolean>;
    /** The identity that owns the profile. Required. */
    owner: pulumi.Input<RefArgs<"IDENTITY">>;
    /** The source whose entitlements the profile grants. Required. */
    source: pulumi.Input<RefArgs<"SOURCE">>;
    /** Entitlements of `source` that the profile grants: a set, order carries no meaning. Default: none. */
    entitlements?: pulumi.Input<Array<pulumi.Input<RefArgs<"ENTITLEMENT">>> | null>;
    /** Whether identities may request the profile. Default: true. */
    requestable?: pulumi.Input<boolean>;
    /** How requests are approved. Default: none. */
    accessRequestConfig?: pulumi.Input<AccessRequestConfig | null>;
    /** How revocations are approved. Default: none. */
    revocationRequestConfig?: pulumi.Input<RevocationRequestConfig | null>;
    /** Ids of the segments the profile is visible in (e.g. `segment.id`): a set. Default: none. */
    segments?: pulumi.Input<Array<pulumi.Input<string>> | null>;
    /** Which accounts of the source receive the profile (up to three levels). Default: none. */
    provisioningCriteria?: pulumi.Input<ProvisioningCriteria | null>;
    /** Further owners: identities or governance groups (`type` required). Default: none. */
    additionalOwners?: pulumi.Input<Array<pulumi.Input<{ type: pulumi.Input<AdditionalOwnerType>; id: pulumi.Input<string> }>> | null>;
    /** The id of an existing access profile to take over instead of creating one. */
    adoptId?: pulumi.Input<string>;
}

/**
 * A SailPoint ISC access profile: a bundle of entitlements from one source, with its request and approval
 * rules. Entitlements and segments are sets, patched element by element.
 */
export class AccessProfile extends pulumi.dynamic.Resource {
    declare public readonly name: pulumi.Output<string>;
    declare public readonly description: pulumi.Output<string | null>;
    declare public readonly enabled: pulumi.Output<boolean>;
    declare public readonly owner: pulumi.Output<{ type: "IDENTITY"; id: string; name?: string }>;
    declare public readonly source: pulumi.Output<{ type: "SOURCE"; id: string; name?: string }>;
    declare public readonly entitlements: pulumi.Output<Array<{ type: "ENTITLEMENT"; id: string; name?: string }> | null>;
    declare public readonly requestable: pulumi.Output<boolean>;
    declare public readonly accessRequestConfig: pulumi.Output<AccessRequestConfig | null>;
    declare public readonly revocationRequestConfig: pulumi.Output<RevocationRequestConfig | null>;
    declare public readonly segments: pulumi.Output<string[] | null>;
    declare public readonly provisioningCriteria: pulumi.Output<ProvisioningCriteria | null>;
    declare public readonly additionalOwners: pulumi.Output<Array<{ type: AdditionalOwnerType; id: string; name?: string }> | null>;
    /** When ISC created the profile (ISO 8601). */
    declare public readonly created: pulumi.Output<string>;
    /** When ISC last changed the profile (ISO 8601). */
    declare public readonly modified: pulumi.Output<string>;

    constructor(name: string, args: AccessProfileArgs, opts?: pulumi.CustomResourceOptions) {
        super(accessProfileProvider, name, { ...outputSlots("accessProfile"), ...args }, opts, "isc", "AccessProfile");
    }
}

const accessProfileProvider = providerHandle("accessProfile");
