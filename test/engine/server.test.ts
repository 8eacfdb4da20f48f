import fc from "fast-check";
import { check, diff, inputsFromServer, outputsFromServer } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { serverAccessProfile, serverSegment } from "./arbitraries";
import { accessProfileEcho, minimalAccessProfileEcho, segmentEcho } from "./examples";
import { clone, deepFreeze } from "./helpers";

describe("outputsFromServer", () => {
    test("is the whole server object, unmodelled fields included, without undefined", () => {
        const server = {
            ...clone(segmentEcho),
            tenantOnlyField: { x: 1 },
            description: undefined,
            owner: { type: "IDENTITY", id: "2c91808a00000000000000000000006f", name: undefined },
        };
        const outputs = outputsFromServer(segmentSchema, deepFreeze(server));
        const { description: _dropped, ...rest } = clone(segmentEcho);
        expect(outputs).toEqual({ ...rest, tenantOnlyField: { x: 1 }, owner: { type: "IDENTITY", id: "2c91808a00000000000000000000006f" } });
        expect(Object.keys(outputs)).not.toContain("description");
        expect(outputs).not.toBe(server);
    });
});

describe("inputsFromServer", () => {
    test("is what a program declares: no names, no server-computed fields, sets sorted, none-values left out", () => {
        expect(inputsFromServer(accessProfileSchema, minimalAccessProfileEcho)).toEqual({
            name: "Minimal",
            enabled: false,
            owner: { type: "IDENTITY", id: "2c91808a00000000006f776e65722d31" },
            source: { type: "SOURCE", id: "2c91808a000000000000007372632d31" },
            requestable: true,
        });
        const full = inputsFromServer(accessProfileSchema, accessProfileEcho);
        expect(full.additionalOwners).toEqual([
            { type: "GOVERNANCE_GROUP", id: "2c91808a000000000000000067672d31" },
            { type: "IDENTITY", id: "2c91808a00000000006f776e65722d32" },
        ]);
        expect(full.accessRequestConfig).toEqual({
            commentsRequired: true,
            maxPermittedAccessDuration: { value: 3, timeUnit: "MONTHS" },
            approvalSchemes: [{ approverType: "MANAGER" }, { approverType: "GOVERNANCE_GROUP", approverId: "2c91808a000000000000000067672d31" }],
        });
        expect(Object.keys(full)).not.toEqual(expect.arrayContaining(["id"]));
        expect(inputsFromServer(segmentSchema, segmentEcho)).toEqual({
            name: "London Office",
            description: "Everyone in London",
            owner: { type: "IDENTITY", id: "2c91808a000000003263393138303861" },
            active: true,
            visibilityCriteria: {
                expression: {
                    operator: "AND",
                    children: [
                        { operator: "EQUALS", attribute: "location", value: { type: "STRING", value: "London" } },
                        { operator: "EQUALS", attribute: "department", value: { type: "STRING", value: "Sales" } },
                    ],
                },
            },
        });
    });

    const roundTrips = [
        ["Segment", segmentSchema, serverSegment],
        ["AccessProfile", accessProfileSchema, serverAccessProfile],
    ] as const;

    test.each(roundTrips)("%s: check(inputsFromServer(x)) passes, is a fixed point of check, and diffs as no change against x", (_label, schema, server) => {
        fc.assert(
            fc.property(server, (x) => {
                const inputs = inputsFromServer(schema, x);
                const result = check(schema, inputs);
                expect(result.failures).toEqual([]);
                expect(result.inputs).toEqual(inputs);
                expect(diff(schema, outputsFromServer(schema, x), result.inputs).changedFields).toEqual([]);
            }),
            { numRuns: 1000 },
        );
    });
});
