/**
 * Rules of a segment's visibility criteria, as ISC enforces them: `EQUALS` compares one attribute with one
 * string value; `AND` combines `EQUALS` tests; nothing nests deeper than that. Messages describe a bad
 * value, never repeat it: attributes and values may be secrets (see engine/messages.ts).
 */
import {
    at,
    atIndex,
    choices,
    describe,
    expectArray,
    expectEnum,
    expectObject,
    expectString,
    failure,
    isAbsent,
    isGiven,
    isPlainObject,
    isUnknown,
    notOneOf,
    quoteAllowed,
    shapeKeys,
    type Failure,
} from "../../engine";
import {
    SEGMENT_OPERATORS as OPERATORS,
    SEGMENT_VALUE_TYPES,
    segmentExpressionShape,
    segmentExpressionValueShape,
    segmentVisibilityCriteriaShape,
} from "./shapes";

const CRITERIA_KEYS = shapeKeys(segmentVisibilityCriteriaShape);
const EXPRESSION_KEYS = shapeKeys(segmentExpressionShape);
const VALUE_KEYS = shapeKeys(segmentExpressionValueShape);

export function validateVisibilityCriteria(criteria: unknown, path: string): Failure[] {
    const shape = expectObject(criteria, path, CRITERIA_KEYS);
    if (!isPlainObject(criteria)) return shape;
    if (isAbsent(criteria.expression)) {
        return [
            ...shape,
            failure(at(path, "expression"), "expression is required: use equals(...) or and(...), or set visibilityCriteria to null for no criteria"),
        ];
    }
    return [...shape, ...validateExpression(criteria.expression, at(path, "expression"), false)];
}

/** `underAnd`: the node is a child of an AND, so it must be a plain EQUALS test. */
export function validateExpression(expression: unknown, path: string, underAnd: boolean): Failure[] {
    const shape = expectObject(expression, path, EXPRESSION_KEYS);
    if (!isPlainObject(expression)) return shape;
    const { operator } = expression;
    const opPath = at(path, "operator");
    // Which rules apply depends on the operator: with the operator unknown, only the shape can be checked.
    if (isUnknown(operator)) return shape;
    if (operator === undefined || operator === null)
        return [...shape, failure(opPath, `operator is required: use ${choices(underAnd ? ["EQUALS"] : OPERATORS)}`)];
    if (underAnd && operator !== "EQUALS") {
        const nested = OPERATORS.some((o) => o === operator)
            ? `operator ${quoteAllowed(operator, OPERATORS)} is not allowed in a child of AND: use "EQUALS"`
            : notOneOf("operator", operator, ["EQUALS"]);
        return [...shape, failure(opPath, `${nested}: a child of AND must be an EQUALS test (expressions nest at most two levels)`)];
    }
    const opFailures = expectEnum(operator, opPath, OPERATORS);
    if (opFailures.length > 0) return [...shape, ...opFailures];
    return [...shape, ...(operator === "EQUALS" ? validateEqualsParts(expression, path) : validateAndParts(expression, path))];
}

function validateEqualsParts(e: Record<string, unknown>, path: string): Failure[] {
    const failures: Failure[] = [];
    if (isAbsent(e.attribute))
        failures.push(failure(at(path, "attribute"), 'attribute is required with operator "EQUALS": name the identity attribute to compare, e.g. "location"'));
    else failures.push(...expectString(e.attribute, at(path, "attribute"), { nonBlank: true }));
    failures.push(...validateValue(e.value, at(path, "value")));
    if (isGiven(e.children) && !(Array.isArray(e.children) && e.children.length === 0)) {
        failures.push(
            failure(
                at(path, "children"),
                `children is not allowed with operator "EQUALS" (got ${describe(e.children)}): an EQUALS test has attribute and value only (expressions nest at most two levels)`,
            ),
        );
    }
    return failures;
}

function validateValue(value: unknown, path: string): Failure[] {
    if (isUnknown(value)) return [];
    if (isAbsent(value)) return [failure(path, 'value is required with operator "EQUALS": use {type: "STRING", value: "..."}')];
    if (typeof value === "string") {
        return [
            failure(
                path,
                `value must be an object {type: "STRING", value: "..."}, got ${describe(value)}: put the string in its value (or use the equals() helper)`,
            ),
        ];
    }
    const shape = expectObject(value, path, VALUE_KEYS);
    if (!isPlainObject(value)) return shape;
    const failures = [...shape];
    if (!isAbsent(value.type)) failures.push(...expectEnum(value.type, at(path, "type"), SEGMENT_VALUE_TYPES));
    if (isAbsent(value.value)) failures.push(failure(at(path, "value"), "value is required: the string the attribute must equal"));
    else failures.push(...expectString(value.value, at(path, "value")));
    return failures;
}

function validateAndParts(e: Record<string, unknown>, path: string): Failure[] {
    const failures: Failure[] = [];
    for (const key of ["attribute", "value"] as const) {
        if (isGiven(e[key]))
            failures.push(
                failure(at(path, key), `${key} is not allowed with operator "AND" (got ${describe(e[key])}): put attribute and value in its EQUALS children`),
            );
    }
    const children = e.children;
    if (isAbsent(children) || (Array.isArray(children) && children.length === 0)) {
        const problem = isAbsent(children) ? "is required" : "must not be empty";
        failures.push(failure(at(path, "children"), `children ${problem} with operator "AND": list at least one EQUALS test`));
        return failures;
    }
    failures.push(...expectArray(children, at(path, "children"), "EQUALS expressions"));
    if (Array.isArray(children)) children.forEach((child, i) => failures.push(...validateExpression(child, atIndex(at(path, "children"), i), true)));
    return failures;
}
