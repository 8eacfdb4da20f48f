/**
 * References to other ISC objects in a resource's checked inputs, beside the engine's `Reference` (type optional
 * where the description gives a default) and `ServerReference` (in outputs). The SDK's `*RefArgs` are their
 * program-side forms (sdk/references.ts).
 */
import type { Reference } from "../engine";

/** A checked reference whose `type` is always written: more than one type is possible. */
export interface TypedReference<T extends string> extends Reference<T> {
    type: T;
}
