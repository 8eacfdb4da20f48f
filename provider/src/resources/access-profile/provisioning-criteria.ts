/**
 * Provisioning criteria: up to three levels of AND/OR over attribute tests. Their rules and canonical form.
 * Messages describe a bad value, never repeat it: attributes and values may be secrets (see
 * engine/messages.ts); an operation is quoted only once it is known to be one of OPERATIONS.
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
    quoteAllowed,
    shapeKeys,
    type Failure,
    type JsonObject,
    type JsonValue,
} from "../../engine";
import { OPERATIONS, provisioningCriteriaShape } from "./shapes";

type Operation = (typeof OPERATIONS)[number];
const WITH_CHILDREN = ["AND", "OR"] as const satisfies readonly Operation[];
const WITH_VALUE = ["EQUALS", "NOT_EQUALS", "CONTAINS"] as const satisfies readonly Operation[];
const TESTS = ["EQUALS", "NOT_EQUALS", "CONTAINS", "HAS"] as const satisfies readonly Operation[];
const MAX_LEVELS = 3;
const KEYS = shapeKeys(provisioningCriteriaShape);

export function validateProvisioningCriteria(criteria: unknown, path: string): Failure[] {
    return validateLevel(criteria, path, 1);
}

function validateLevel(node: unknown, path: string, level: number): Failure[] {
    const failures = expectObject(node, path, KEYS);
    if (!isPlainObject(node)) return failures;
    const { operation } = node;
    const opPath = at(path, "operation");
    if (isUnknown(operation)) return failures;
    if (isAbsent(operation)) return [...failures, failure(opPath, `operation is required: use ${choices(OPERATIONS)}`)];
    const bad = expectEnum(operation, opPath, OPERATIONS);
    if (bad.length > 0) return [...failures, ...bad];
    const combines = (WITH_CHILDREN as readonly unknown[]).includes(operation);
    if (combines && level >= MAX_LEVELS) {
        return [
            ...failures,
            failure(
                opPath,
                `operation ${quoteAllowed(operation, OPERATIONS)} is not allowed at level ${MAX_LEVELS}: use ${choices(TESTS)} (provisioning criteria nest at most ${MAX_LEVELS} levels)`,
            ),
        ];
    }
    return [...failures, ...(combines ? validateCombination(node, path, level) : validateTest(node, path, operation as string))];
}

function validateCombination(node: Record<string, unknown>, path: string, level: number): Failure[] {
    const failures: Failure[] = [];
    const operation = quoteAllowed(node.operation, OPERATIONS);
    for (const key of ["attribute", "value"] as const) {
        if (isGiven(node[key]))
            failures.push(
                failure(
                    at(path, key),
                    `${key} is not allowed with operation ${operation} (got ${describe(node[key])}): put attributes and values in its children`,
                ),
            );
    }
    const { children } = node;
    const childrenPath = at(path, "children");
    if (isAbsent(children) || (Array.isArray(children) && children.length === 0)) {
        const problem = isAbsent(children) ? "is required" : "must not be empty";
        return [...failures, failure(childrenPath, `children ${problem} with operation ${operation}: list at least one criterion`)];
    }
    failures.push(...expectArray(children, childrenPath, "provisioning criteria"));
    if (Array.isArray(children)) children.forEach((c, i) => failures.push(...validateLevel(c, atIndex(childrenPath, i), level + 1)));
    return failures;
}

function validateTest(node: Record<string, unknown>, path: string, operation: string): Failure[] {
    const failures: Failure[] = [];
    const quoted = quoteAllowed(operation, OPERATIONS);
    if (isAbsent(node.attribute))
        failures.push(failure(at(path, "attribute"), `attribute is required with operation ${quoted}: name the account attribute to test`));
    else failures.push(...expectString(node.attribute, at(path, "attribute"), { nonBlank: true }));
    if ((WITH_VALUE as readonly string[]).includes(operation)) {
        if (isAbsent(node.value))
            failures.push(failure(at(path, "value"), `value is required with operation ${quoted}: the string to compare the attribute with`));
        else failures.push(...expectString(node.value, at(path, "value")));
    } else if (isGiven(node.value)) {
        failures.push(
            failure(
                at(path, "value"),
                `value is not allowed with operation ${quoted} (got ${describe(node.value)}): HAS only tests that the attribute has a value`,
            ),
        );
    }
    if (isGiven(node.children) && !(Array.isArray(node.children) && node.children.length === 0)) {
        failures.push(
            failure(
                at(path, "children"),
                `children is not allowed with operation ${quoted} (got ${describe(node.children)}): only ${choices(WITH_CHILDREN)} have children`,
            ),
        );
    }
    return failures;
}

/**
 * @internal The canonical form: null attribute/value/children and `[]` children dropped (ISC returns the
 * unused ones as null). The order of children is kept, as ISC keeps it.
 */
export function normalizeProvisioningCriteria(node: JsonObject): JsonValue {
    const out: JsonObject = { operation: node.operation ?? null };
    if (!isAbsent(node.attribute)) out.attribute = node.attribute;
    if (!isAbsent(node.value)) out.value = node.value;
    if (Array.isArray(node.children) && node.children.length > 0) {
        out.children = node.children.map((c) => (isPlainObject(c) ? normalizeProvisioningCriteria(c as JsonObject) : c));
    }
    return out;
}
