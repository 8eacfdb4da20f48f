/**
 * Access request and revocation request configs: their rules and their canonical form. Messages describe a
 * bad value, never repeat it: ids may be secrets (see engine/messages.ts).
 */
import {
    at,
    atIndex,
    choices,
    describe,
    expectArray,
    expectBoolean,
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
    shapeKeysOf,
    type Failure,
    type JsonObject,
    type JsonValue,
} from "../../engine";
import { idFailures, LOOKUPS } from "../ids";
import { accessDurationShape, accessRequestConfigShape, approvalSchemeShape, APPROVER_TYPES, revocationRequestConfigShape, TIME_UNITS } from "./shapes";

/** Approver types that name a particular approver (a governance group or a workflow) by `approverId`. */
export const APPROVER_TYPES_WITH_ID = ["GOVERNANCE_GROUP", "WORKFLOW", "ADDITIONAL_GOVERNANCE_GROUP"] as const satisfies ReadonlyArray<
    (typeof APPROVER_TYPES)[number]
>;
/** The config's true-or-false settings: false means the same as leaving them out. */
const FLAGS = shapeKeysOf(accessRequestConfigShape, "boolean");
const ACCESS_REQUEST_KEYS = shapeKeys(accessRequestConfigShape);
const REVOCATION_KEYS = shapeKeys(revocationRequestConfigShape);
const DURATION_KEYS = shapeKeys(accessDurationShape);
const SCHEME_KEYS = shapeKeys(approvalSchemeShape);

export function validateAccessRequestConfig(config: unknown, path: string): Failure[] {
    const failures = expectObject(config, path, ACCESS_REQUEST_KEYS);
    if (!isPlainObject(config)) return failures;
    for (const flag of FLAGS) if (!isAbsent(config[flag])) failures.push(...expectBoolean(config[flag], at(path, flag)));
    const duration = config.maxPermittedAccessDuration;
    if (!isAbsent(duration)) failures.push(...validateDuration(duration, at(path, "maxPermittedAccessDuration")));
    if (!isAbsent(config.approvalSchemes)) failures.push(...validateApprovalSchemes(config.approvalSchemes, at(path, "approvalSchemes")));
    return failures;
}

export function validateRevocationRequestConfig(config: unknown, path: string): Failure[] {
    const failures = expectObject(config, path, REVOCATION_KEYS);
    if (!isPlainObject(config) || isAbsent(config.approvalSchemes)) return failures;
    return [...failures, ...validateApprovalSchemes(config.approvalSchemes, at(path, "approvalSchemes"))];
}

function validateDuration(duration: unknown, path: string): Failure[] {
    const failures = expectObject(duration, path, DURATION_KEYS);
    if (!isPlainObject(duration)) return failures;
    const { value, timeUnit } = duration;
    if (isAbsent(value)) failures.push(failure(at(path, "value"), "value is required: use a whole number greater than 0"));
    else if (!isUnknown(value) && !(typeof value === "number" && Number.isInteger(value) && value > 0)) {
        failures.push(failure(at(path, "value"), `value must be a whole number greater than 0, got ${describeCount(value)}`));
    }
    if (isAbsent(timeUnit)) failures.push(failure(at(path, "timeUnit"), `timeUnit is required: use ${choices(TIME_UNITS)}`));
    else failures.push(...expectEnum(timeUnit, at(path, "timeUnit"), TIME_UNITS));
    return failures;
}

/** What is wrong with a number of units, without the number. */
function describeCount(value: unknown): string {
    if (typeof value !== "number") return describe(value);
    if (!Number.isFinite(value)) return "a number that is not finite";
    return Number.isInteger(value) ? "a number less than 1" : "a number with a fractional part";
}

function validateApprovalSchemes(schemes: unknown, path: string): Failure[] {
    const failures = expectArray(schemes, path, "approval schemes {approverType, approverId?}");
    if (!Array.isArray(schemes)) return failures;
    schemes.forEach((scheme, i) => failures.push(...validateScheme(scheme, atIndex(path, i))));
    const workflowAt = schemes.findIndex((s) => isPlainObject(s) && s.approverType === "WORKFLOW");
    if (workflowAt >= 0 && schemes.length > 1) {
        failures.push(
            failure(
                at(atIndex(path, workflowAt), "approverType"),
                `approverType "WORKFLOW" is not allowed together with other approval schemes (${schemes.length} are listed): a WORKFLOW scheme must be the only one`,
            ),
        );
    }
    return failures;
}

function validateScheme(scheme: unknown, path: string): Failure[] {
    const failures = expectObject(scheme, path, SCHEME_KEYS);
    if (!isPlainObject(scheme)) return failures;
    const { approverType, approverId } = scheme;
    if (isAbsent(approverType)) return [...failures, failure(at(path, "approverType"), `approverType is required: use ${choices(APPROVER_TYPES)}`)];
    failures.push(...expectEnum(approverType, at(path, "approverType"), APPROVER_TYPES));
    if (isUnknown(approverType) || failures.length > 0) return failures;
    const needsId = (APPROVER_TYPES_WITH_ID as readonly unknown[]).includes(approverType);
    if (needsId && isAbsent(approverId)) {
        failures.push(
            failure(
                at(path, "approverId"),
                `approverId is required with approverType ${quoteAllowed(approverType, APPROVER_TYPES)}: use the id of the ${approverType === "WORKFLOW" ? "workflow" : "governance group"}`,
            ),
        );
    } else if (needsId) {
        const lookup = approverType === "WORKFLOW" ? LOOKUPS.workflow : LOOKUPS.governanceGroup;
        const shape = expectString(approverId, at(path, "approverId"), { nonBlank: true });
        failures.push(...(shape.length > 0 ? shape : idFailures(approverId, at(path, "approverId"), lookup)));
    } else if (isGiven(approverId)) {
        // ISC would drop it and leave a perpetual diff behind.
        failures.push(
            failure(
                at(path, "approverId"),
                `approverId is not allowed with approverType ${quoteAllowed(approverType, APPROVER_TYPES)}: it is only used with ${choices(APPROVER_TYPES_WITH_ID)}`,
            ),
        );
    }
    return failures;
}

/**
 * @internal The canonical form. ISC fills a config the program left out (or wrote partly) with false flags
 * and an empty list of approval schemes, and these mean the same as leaving them out: false flags and
 * `[]`/null schemes are dropped, and a config with nothing left reads as no config (null). The order of
 * approval schemes is kept: it is the order in which approvals happen.
 */
export function normalizeAccessRequestConfig(config: JsonObject): JsonValue {
    const out: JsonObject = {};
    for (const flag of FLAGS) if (!isAbsent(config[flag]) && config[flag] !== false) out[flag] = config[flag];
    const duration = config.maxPermittedAccessDuration;
    if (isPlainObject(duration)) out.maxPermittedAccessDuration = { value: duration.value ?? null, timeUnit: duration.timeUnit ?? null };
    else if (!isAbsent(duration)) out.maxPermittedAccessDuration = duration;
    const schemes = normalizeSchemes(config.approvalSchemes);
    if (schemes !== null) out.approvalSchemes = schemes;
    return Object.keys(out).length > 0 ? out : null;
}

/** @internal As normalizeAccessRequestConfig: no schemes reads as no config. */
export function normalizeRevocationRequestConfig(config: JsonObject): JsonValue {
    const schemes = normalizeSchemes(config.approvalSchemes);
    return schemes === null ? null : { approvalSchemes: schemes };
}

function normalizeSchemes(schemes: JsonValue | undefined): JsonValue {
    if (isAbsent(schemes) || (Array.isArray(schemes) && schemes.length === 0)) return null;
    if (!Array.isArray(schemes)) return schemes;
    return schemes.map((s) => {
        if (!isPlainObject(s)) return s;
        const out: JsonObject = { approverType: s.approverType ?? null };
        if (!isAbsent(s.approverId)) out.approverId = s.approverId;
        return out;
    });
}
