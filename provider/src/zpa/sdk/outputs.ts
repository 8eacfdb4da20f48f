import { outputNames } from "../../engine";
import { zpaDescriptionOf, type ZpaResourceKind } from "../resources";

/**
 * Every output a ZPA resource exposes, set to `undefined`, for the props passed to `pulumi.dynamic.Resource`:
 * Pulumi only resolves the outputs it was told about at registration. Derived from the resource's description.
 */
export function outputSlots(kind: ZpaResourceKind): Record<string, undefined> {
    return Object.fromEntries(outputNames(zpaDescriptionOf(kind).schema).map((n) => [n, undefined]));
}
