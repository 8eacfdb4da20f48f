/**
 * Segment visibility expressions, pleasant to write:
 *
 *     visibilityCriteria: { expression: and(equals("location", "London"), equals("department", "Sales")) }
 */
import type { SegmentExpression } from "../resources";

/** Identities whose `attribute` equals `value`. */
export function equals(attribute: string, value: string): SegmentExpression {
    return { operator: "EQUALS", attribute, value: { type: "STRING", value } };
}

/** Identities matching every test. An `and()` given to `and()` is merged into it: ISC allows one level of AND. */
export function and(...children: SegmentExpression[]): SegmentExpression {
    return { operator: "AND", children: children.flatMap((c) => (c.operator === "AND" && c.children ? c.children : [c])) };
}
