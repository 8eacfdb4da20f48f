import { outputNames } from "../engine";
import { descriptionOf, type ResourceKind } from "../resources";

/**
 * Every output a resource exposes, set to `undefined`, for the props passed to `pulumi.dynamic.Resource`:
 * Pulumi only resolves the outputs it was told about at registration. Derived from the resource's
 * description so the list is written once.
 */
export function outputSlots(kind: ResourceKind): Record<string, undefined> {
    return Object.fromEntries(outputNames(descriptionOf(kind).schema).map((n) => [n, undefined]));
}
