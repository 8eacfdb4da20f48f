/**
 * The stable entry that Pulumi's state refers to for ZPA resources: `pulumi-sailpoint-isc/zpa/dynamic`, the same
 * pattern as `pulumi-sailpoint-isc/dynamic` (../dynamic.ts). Every ZPA resource's `__provider` is an object `{ kind }`
 * whose prototype is this module, which Pulumi's closure serializer writes as
 * `require("pulumi-sailpoint-isc/zpa/dynamic")`: no internal file of the package named, no setting, no secret. Future
 * versions keep this entry and these exported names.
 *
 * Each function runs with `this` bound to that object (the host calls `provider.check(...)`, etc.).
 */
import type * as pulumi from "@pulumi/pulumi";
import { isZpaResourceKind, ZpaDynamicProvider, type ZpaInputsOf, type ZpaOutputsOf, type ZpaResourceKind } from "./provider";

type Props = Record<string, unknown>;
type Inputs = ZpaInputsOf<ZpaResourceKind>;
type Outputs = ZpaOutputsOf<ZpaResourceKind>;

/** What the state holds: the resource kind, nothing else. */
export interface ZpaProviderHandle {
    readonly kind: ZpaResourceKind;
}

const implementations = new WeakMap<ZpaProviderHandle, ZpaDynamicProvider>();

function impl(handle: ZpaProviderHandle): ZpaDynamicProvider {
    let provider = implementations.get(handle);
    if (!provider) {
        if (!isZpaResourceKind(handle?.kind)) {
            throw new Error(`pulumi-sailpoint-isc/zpa: this state names a resource kind "${String(handle?.kind)}" that this version does not know`);
        }
        provider = new ZpaDynamicProvider(handle.kind);
        implementations.set(handle, provider);
    }
    return provider;
}

export function configure(this: ZpaProviderHandle, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
    return impl(this).configure(req);
}

export function check(this: ZpaProviderHandle, olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult<Inputs>> {
    return impl(this).check(olds, news);
}

export function diff(this: ZpaProviderHandle, id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.DiffResult> {
    return impl(this).diff(id, olds, news);
}

export function create(this: ZpaProviderHandle, inputs: Inputs): Promise<pulumi.dynamic.CreateResult<Outputs>> {
    return impl(this).create(inputs);
}

export function read(this: ZpaProviderHandle, id: string, props?: Outputs): Promise<pulumi.dynamic.ReadResult<Outputs>> {
    return impl(this).read(id, props);
}

export function update(this: ZpaProviderHandle, id: string, olds: Outputs, news: Inputs): Promise<pulumi.dynamic.UpdateResult<Outputs>> {
    return impl(this).update(id, olds, news);
}

function remove(this: ZpaProviderHandle, id: string, props: Outputs): Promise<void> {
    return impl(this).delete(id, props);
}
export { remove as delete };
