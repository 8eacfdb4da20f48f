/** Example programs and what ISC returns for them, shared by the engine tests. */
import { and, equals } from "../../provider/src/sdk/expressions";

export const segmentProgram = {
    name: "London Office",
    description: "Everyone in London",
    owner: { id: "2c91808a000000003263393138303861" },
    active: true,
    visibilityCriteria: { expression: and(equals("location", "London"), equals("department", "Sales")) },
};

/** ISC's answer to creating `segmentProgram`: owner name filled, unused expression keys null, keys in its own order. */
export const segmentEcho = {
    id: "2c91808a000000007365672d30303031",
    created: "2026-01-05T10:00:00.000Z",
    modified: "2026-01-05T10:00:00.000Z",
    name: "London Office",
    description: "Everyone in London",
    owner: { type: "IDENTITY", id: "2c91808a000000003263393138303861", name: "Ann Owner" },
    active: true,
    visibilityCriteria: {
        expression: {
            children: [
                { children: null, value: { value: "London", type: "STRING" }, attribute: "location", operator: "EQUALS" },
                { operator: "EQUALS", attribute: "department", value: { type: "STRING", value: "Sales" }, children: null },
            ],
            value: null,
            attribute: null,
            operator: "AND",
        },
    },
};

export const accessProfileProgram = {
    name: "Payroll Admins",
    description: "Payroll administration",
    enabled: true,
    owner: { id: "2c91808a00000000006f776e65722d31" },
    source: { id: "2c91808a000000000000007372632d31" },
    entitlements: [{ id: "2c91808a00000000000000656e742d32" }, { id: "2c91808a00000000000000656e742d31", type: "ENTITLEMENT" }],
    requestable: true,
    accessRequestConfig: {
        commentsRequired: true,
        maxPermittedAccessDuration: { value: 3, timeUnit: "MONTHS" },
        approvalSchemes: [{ approverType: "MANAGER" }, { approverType: "GOVERNANCE_GROUP", approverId: "2c91808a000000000000000067672d31" }],
    },
    revocationRequestConfig: { approvalSchemes: [{ approverType: "OWNER" }] },
    segments: ["2c91808a000000000000007365672d32", "2c91808a000000000000007365672d31"],
    provisioningCriteria: {
        operation: "OR",
        children: [
            {
                operation: "AND",
                children: [
                    { operation: "EQUALS", attribute: "type", value: "admin" },
                    { operation: "HAS", attribute: "email" },
                ],
            },
            { operation: "CONTAINS", attribute: "dn", value: "OU=Payroll" },
        ],
    },
    additionalOwners: [
        { type: "GOVERNANCE_GROUP", id: "2c91808a000000000000000067672d31" },
        { type: "IDENTITY", id: "2c91808a00000000006f776e65722d32" },
    ],
};

/** ISC's answer to creating `accessProfileProgram`: names filled, defaults explicit, sets in its own order. */
export const accessProfileEcho = {
    id: "2c91808a000000000061702d30303031",
    created: "2026-01-05T10:00:00.000Z",
    modified: "2026-01-05T10:00:00.000Z",
    name: "Payroll Admins",
    description: "Payroll administration",
    enabled: true,
    owner: { type: "IDENTITY", id: "2c91808a00000000006f776e65722d31", name: "Olivia Owner" },
    source: { type: "SOURCE", id: "2c91808a000000000000007372632d31", name: "Workday" },
    entitlements: [
        { type: "ENTITLEMENT", id: "2c91808a00000000000000656e742d31", name: "Payroll Admin" },
        { type: "ENTITLEMENT", id: "2c91808a00000000000000656e742d32", name: "Payroll Viewer" },
    ],
    requestable: true,
    accessRequestConfig: {
        commentsRequired: true,
        denialCommentsRequired: false,
        reauthorizationRequired: false,
        requireEndDate: false,
        maxPermittedAccessDuration: { timeUnit: "MONTHS", value: 3 },
        approvalSchemes: [
            { approverType: "MANAGER", approverId: null },
            { approverType: "GOVERNANCE_GROUP", approverId: "2c91808a000000000000000067672d31" },
        ],
    },
    revocationRequestConfig: { approvalSchemes: [{ approverId: null, approverType: "OWNER" }] },
    segments: ["2c91808a000000000000007365672d31", "2c91808a000000000000007365672d32"],
    provisioningCriteria: {
        operation: "OR",
        attribute: null,
        value: null,
        children: [
            {
                operation: "AND",
                attribute: null,
                value: null,
                children: [
                    { operation: "EQUALS", attribute: "type", value: "admin", children: null },
                    { operation: "HAS", attribute: "email", value: null, children: null },
                ],
            },
            { operation: "CONTAINS", attribute: "dn", value: "OU=Payroll", children: [] },
        ],
    },
    additionalOwners: [
        { type: "IDENTITY", id: "2c91808a00000000006f776e65722d32", name: "Oscar Owner" },
        { type: "GOVERNANCE_GROUP", id: "2c91808a000000000000000067672d31", name: "Payroll Approvers" },
    ],
};

/** ISC's answer to the smallest access profile program: every optional field in one of its "none" spellings. */
export const minimalAccessProfileEcho = {
    id: "2c91808a000000000061702d30303032",
    created: "2026-01-05T10:00:00.000Z",
    modified: "2026-01-05T10:00:00.000Z",
    name: "Minimal",
    description: null,
    enabled: false,
    owner: { type: "IDENTITY", id: "2c91808a00000000006f776e65722d31", name: "Olivia Owner" },
    source: { type: "SOURCE", id: "2c91808a000000000000007372632d31", name: "Workday" },
    entitlements: [],
    requestable: true,
    accessRequestConfig: {
        commentsRequired: false,
        denialCommentsRequired: false,
        reauthorizationRequired: false,
        requireEndDate: false,
        maxPermittedAccessDuration: null,
        approvalSchemes: [],
    },
    revocationRequestConfig: { approvalSchemes: [] },
    segments: null,
    provisioningCriteria: null,
    additionalOwners: [],
};
