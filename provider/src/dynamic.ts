/**
 * The stable entry that Pulumi's state refers to: `pulumi-sailpoint-isc/dynamic`.
 *
 * Every resource's `__provider` (the provider Pulumi serializes into the state, and runs again for refresh and
 * destroy long after the program that wrote it) is an object `{ kind }` whose prototype is this module, which
 * Pulumi's closure serializer writes as `require("pulumi-sailpoint-isc/dynamic")`: about 300 bytes, and no
 * internal file of the package named. Future versions keep this entry and these exported names, so a state
 * written by any version refreshes, updates and destroys with any later one.
 *
 * Each function runs with `this` bound to that object (the host calls `provider.check(...)`, etc.).
 */
import type * as pulumi from "@pulumi/pulumi";
import { IscDynamicProvider, isResourceKind, type InputsOf, type OutputsOf, type Props, type ResourceKind } from "./provider";

/** Whatever the kind: the host passes each function the inputs and outputs of the handle's own kind. */
type Inputs = InputsOf<ResourceKind>;
type Outputs = OutputsOf<ResourceKind>;

/** What the state holds: the resource kind, nothing else. */
export interface ProviderHandle {
    readonly kind: ResourceKind;
}

const implementations = new WeakMap<ProviderHandle, IscDynamicProvider>();

function impl(handle: ProviderHandle): IscDynamicProvider {
    let provider = implementations.get(handle);
    if (!provider) {
        if (!isResourceKind(handle?.kind)) {
            throw new Error(`pulumi-sailpoint-isc: this state names a resource kind "${String(handle?.kind)}" that this version does not know`);
        }
        provider = new IscDynamicProvider(handle.kind);
        implementations.set(handle, provider);
    }
    return provider;
}

export function configure(this: ProviderHandle, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return impl(this).configure(req);
}

export function check(this: ProviderHandle, olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult<Inputs>> {
    return impl(this).check(olds, news);
}

export function diff(this: ProviderHandle, id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
    return impl(this).diff(id, olds, news);
}

export function create(this: ProviderHandle, inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    return impl(this).create(inputs);
}

export function read(this: ProviderHandle, id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    return impl(this).read(id, props);
}

export function update(this: ProviderHandle, id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    return impl(this).update(id, olds, news);
}

function remove(this: ProviderHandle, id: string, props: Outputs): Promise<void> {
    return impl(this).delete(id, props);
}
export { remove as delete };
