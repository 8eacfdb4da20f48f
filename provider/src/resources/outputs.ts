import { definitionOf, ResourceKind } from "../provider/registry";

/**
 * Every output a resource exposes, set to `undefined`, for the props passed to `pulumi.dynamic.Resource`:
 * Pulumi only resolves the outputs it was told about at registration. Derived from the resource's
 * definition so the list is written once.
 */
export function outputSlots(kind: ResourceKind): Record<string, undefined> {
    return Object.fromEntries(definitionOf(kind).outputNames.map((n) => [n, undefined]));
}
