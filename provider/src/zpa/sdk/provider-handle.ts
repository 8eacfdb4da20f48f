import type * as pulumi from "@pulumi/pulumi";
import * as dynamic from "../dynamic";
import type { ZpaResourceKind } from "../resources";

/**
 * The provider a ZPA resource class hands to `pulumi.dynamic.Resource`: an object holding only its kind, whose
 * prototype is the package's stable `zpa/dynamic` entry. Pulumi serializes it as an object created from the module
 * `pulumi-sailpoint-isc/zpa/dynamic` (required by that name) and the kind, so the state never names an internal file
 * (see ../dynamic.ts), exactly as the ISC resources' handles do with `pulumi-sailpoint-isc/dynamic`.
 */
export function providerHandle(kind: ZpaResourceKind): pulumi.dynamic.ResourceProvider {
    const handle: object = Object.create(dynamic, { kind: { value: kind, enumerable: true } });
    return handle as pulumi.dynamic.ResourceProvider;
}
