/**
 * The canonical form of a segment's visibility criteria, and check's completion of them. The helpers a program
 * writes them with, `equals()` and `and()`, are the SDK's (sdk/expressions.ts).
 */
import { canonicalJson, isAbsent, isPlainObject, type JsonObject, type JsonValue } from "../../engine";

/** Check's completion: `value.type` is filled with "STRING", the only type ISC has. */
export function completeVisibilityCriteria(criteria: JsonObject): JsonObject {
    return isPlainObject(criteria.expression) ? { ...criteria, expression: completeExpression(criteria.expression) } : criteria;
}

function completeExpression(e: JsonObject): JsonObject {
    const out: JsonObject = { ...e };
    if (isPlainObject(e.value) && isAbsent(e.value.type)) out.value = { ...e.value, type: "STRING" };
    if (Array.isArray(e.children)) out.children = e.children.map((c) => (isPlainObject(c) ? completeExpression(c) : c));
    return out;
}

/**
 * The canonical form: null attribute/value/children dropped (ISC returns them as null where a
 * program omits them), `[]` children dropped, a missing `value.type` read as "STRING", criteria without an
 * expression read as no criteria. The order of an AND's children is kept here (it is what reading the
 * segment back into inputs shows); diff compares them in any order (`comparableVisibilityCriteria`).
 */
export function normalizeVisibilityCriteria(criteria: JsonObject): JsonValue {
    return isAbsent(criteria.expression) ? null : { expression: normalizeExpression(criteria.expression) };
}

function normalizeExpression(e: JsonValue): JsonValue {
    if (!isPlainObject(e)) return e;
    const out: JsonObject = { operator: e.operator ?? null };
    if (!isAbsent(e.attribute)) out.attribute = e.attribute;
    if (isPlainObject(e.value)) out.value = { type: e.value.type ?? "STRING", value: e.value.value ?? null };
    else if (!isAbsent(e.value)) out.value = e.value;
    if (Array.isArray(e.children) && e.children.length > 0) out.children = e.children.map(normalizeExpression);
    return out;
}

/**
 * What diff compares: the normalised criteria with an AND's children sorted (by their canonical JSON), since
 * an AND of the same tests in another order means the same, whether the program or the server reordered them.
 */
export function comparableVisibilityCriteria(normalized: JsonValue): JsonValue {
    if (!isPlainObject(normalized) || !isPlainObject(normalized.expression)) return normalized;
    const e = normalized.expression;
    if (e.operator !== "AND" || !Array.isArray(e.children)) return normalized;
    return { ...normalized, expression: { ...e, children: sortedByCanonicalJson(e.children) } };
}

function sortedByCanonicalJson(values: JsonValue[]): JsonValue[] {
    const keyed = values.map((v) => ({ v, key: canonicalJson(v) }));
    return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ v }) => v);
}
