import type * as pulumi from "@pulumi/pulumi";
import * as dynamic from "../dynamic";
import type { ResourceKind } from "../resources";

/**
 * The provider a resource class hands to `pulumi.dynamic.Resource`: an object holding only its kind, whose
 * prototype is the package's stable `dynamic` entry. Pulumi serializes it as that `require` and the kind, so
 * the state never names an internal file (see dynamic.ts).
 */
export function providerHandle(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
    const handle: dynamic.ProviderHandle = Object.create(dynamic, { kind: { value: kind, enumerable: true } });
    return handle as unknown as pulumi.dynamic.ResourceProvider;
}
