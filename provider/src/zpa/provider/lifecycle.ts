/**
 * create / read / update / delete for any ZPA resource, given its description (zpa/resources). Every step tolerates
 * ZPA's eventual consistency and never leaves an object the state does not know about.
 */
import type { Props } from "../../engine";
import type { ZpaLifecycleContext } from "./context";
import { create, releaseClaim } from "./create";
import { deleteObject } from "./update";

export type { ZpaApi, ZpaLifecycleContext } from "./context";
export { create };
export { putToDesired, read, update } from "./update";

export async function remove(ctx: ZpaLifecycleContext, id: string, props: Props): Promise<void> {
    await deleteObject(ctx, id, props);
    releaseClaim(ctx, id);
}
