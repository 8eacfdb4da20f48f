/**
 * The package's errors are one hierarchy: every error class the package index exports is an IscError, has a
 * guard `is<Name>` beside it, and the guards work where `instanceof` does not: on a second copy of the package
 * (Pulumi may load two) and on an error that went through JSON. Only these errors lose their stack frames in
 * what Pulumi prints. The same holds for the ZPA entry (`pulumi-sailpoint-isc/zpa`) and its Zpa...Errors.
 */
import * as pkg from "../../provider/src";
import { explain } from "../../provider/src/provider/hints";
import * as zpa from "../../provider/src/zpa";
import { explainZpa } from "../../provider/src/zpa/provider";

type Exports = typeof pkg;

/** One instance of each exported error class, as the package makes them. */
function samples(p: Exports): Record<string, Error> {
    const transport = new p.IscTransportError("ECONNRESET: socket hang up", true);
    const api = new p.IscApiError(404, "GET", "/v2025/segments/x", { detailCode: "404 Not found", trackingId: "t1", messages: ["no such object"] });
    return {
        IscError: new p.IscError("something the package says"),
        IscApiError: api,
        IscAuthError: new p.IscAuthError("the credentials were refused", 401, "isc:clientId/isc:clientSecret"),
        IscConfigError: new p.IscConfigError("No ISC tenant URL"),
        IscNetworkError: new p.IscNetworkError("GET", "/v3/sources", "ECONNREFUSED", "https://t.example", { cause: transport }),
        IscOutcomeUnknownError: new p.IscOutcomeUnknownError("POST", "/v2025/segments", "socket hang up", { cause: transport }),
        IscTransportError: transport,
        IscLookupError: new p.IscLookupError("getSource", [{ kind: "invalid", what: "name", reason: "must not be empty" }]),
        IscResourceError: new p.IscResourceError("Segment", "S", "id1", "read", api),
        IscPartialCreateError: new p.IscPartialCreateError("Segment", "S", "id1", { name: "S" }, "adopt", api),
        IscDeletedOutsidePulumiError: new p.IscDeletedOutsidePulumiError(api),
        IscAdoptConflictError: new p.IscAdoptConflictError("id1", 'Segment "a"', 'Segment "b"'),
        IscInUseError: new p.IscInUseError("ap1", [{ type: "ROLE", id: "r1", name: "Role" }]),
    };
}

const all = samples(pkg);
const exported = Object.entries(pkg)
    .filter(([name, v]) => /^Isc[A-Za-z]*Error$/.test(name) && typeof v === "function")
    .map(([name]) => name);
const guard = (p: Exports, name: string) => (p as unknown as Record<string, (e: unknown) => boolean>)[`is${name}`];

test("every error class the package exports is sampled here (a new one must be added)", () => {
    expect(exported.sort()).toEqual(Object.keys(all).sort());
});

describe.each(Object.entries(all))("%s", (name, error) => {
    test("is an IscError and an Error, named after its class", () => {
        expect(error).toBeInstanceOf(pkg.IscError);
        expect(error).toBeInstanceOf(Error);
        expect(error.name).toBe(name);
        expect(pkg.isIscError(error)).toBe(true);
    });

    test("its guard is exported and takes it, and no other error (IscError's takes them all)", () => {
        const is = guard(pkg, name);
        expect(typeof is).toBe("function");
        expect(is(error)).toBe(true);
        const others = Object.entries(all).filter(([n]) => n !== name);
        expect(others.filter(([, e]) => is(e)).map(([n]) => n)).toEqual(name === "IscError" ? others.map(([n]) => n) : []);
        for (const foreign of [new Error("x"), new TypeError("x"), Object.assign(new Error("x"), { name: "MyError" }), null, undefined, "IscApiError", 42]) {
            expect(is(foreign)).toBe(false);
            expect(pkg.isIscError(foreign)).toBe(false);
        }
    });

    test("its guard and isIscError take it from a second copy of the package, where instanceof does not", () => {
        let copy: Exports | undefined;
        jest.isolateModules(() => {
            copy = jest.requireActual<Exports>("../../provider/src");
        });
        const theirs = samples(copy!)[name];
        expect(theirs).not.toBeInstanceOf(pkg.IscError);
        expect(guard(pkg, name)(theirs)).toBe(true);
        expect(pkg.isIscError(theirs)).toBe(true);
        expect(guard(copy!, name)(error)).toBe(true);
    });

    test("its guard and isIscError take it after JSON, which keeps its name and fields but not its cause", () => {
        const parsed: unknown = JSON.parse(JSON.stringify(error));
        expect(guard(pkg, name)(parsed)).toBe(true);
        expect(pkg.isIscError(parsed)).toBe(true);
        expect(parsed).not.toHaveProperty("cause");
    });

    test("Pulumi prints it without stack frames", () => {
        // A fresh one: explain() changes the error (and its causes) in place.
        const fresh = samples(pkg)[name];
        expect(fresh.stack).toMatch(/\n\s+at /);
        expect(explain(fresh, undefined).stack).toBe(`${name}: ${fresh.message}`);
    });
});

test("an error that is not the package's keeps its stack frames", () => {
    const fault = new TypeError("Cannot read properties of undefined (reading 'id')");
    const mine = Object.assign(new Error("a program's own"), { name: "MyError" });
    for (const e of [fault, mine]) {
        const stack = e.stack;
        expect(explain(e, undefined).stack).toBe(stack);
    }
});

test("a cause is kept, and not enumerable", () => {
    const { IscResourceError: e } = all;
    expect(e.cause).toBe(all.IscApiError);
    expect(Object.keys(e)).not.toContain("cause");
    expect(new pkg.IscError("no cause")).not.toHaveProperty("cause");
    expect(new pkg.IscError("with", { cause: 1 }).cause).toBe(1);
});

describe("the ZPA entry, pulumi-sailpoint-isc/zpa", () => {
    type ZpaExports = typeof zpa;

    /** One instance of each error class the ZPA entry exports, as the package makes them. */
    function zpaSamples(p: ZpaExports): Record<string, Error> {
        const transport = new p.IscTransportError("ECONNRESET: socket hang up", true);
        const api = new p.ZpaApiError(404, "GET", "/segmentGroup/72", { errorId: "resource.not.found", reason: "no such group" });
        return {
            IscError: new p.IscError("something the package says"),
            IscTransportError: transport,
            ZpaApiError: api,
            ZpaAuthError: new p.ZpaAuthError("the credentials were refused", 401, "zpa:clientId/zpa:clientSecret"),
            ZpaConfigError: new p.ZpaConfigError("No ZPA customer id"),
            ZpaNetworkError: new p.ZpaNetworkError("GET", "/segmentGroup", "ECONNREFUSED", "https://zpa.example", { cause: transport }),
            ZpaOutcomeUnknownError: new p.ZpaOutcomeUnknownError("POST", "/segmentGroup", "socket hang up", { cause: transport }),
            ZpaLookupError: new p.ZpaLookupError("getSegmentGroup", { kind: "invalid", what: "name", reason: "must not be empty" }),
            ZpaResourceError: new p.ZpaResourceError("SegmentGroup", "G", "72", "read", api),
            ZpaPartialCreateError: new p.ZpaPartialCreateError("SegmentGroup", "G", "72", { name: "G" }, "adopt", api),
            ZpaDeletedOutsidePulumiError: new p.ZpaDeletedOutsidePulumiError(api),
            ZpaAdoptConflictError: new p.ZpaAdoptConflictError("72", 'SegmentGroup "a"', 'SegmentGroup "b"'),
            ZpaInUseError: new p.ZpaInUseError("72", "used by policy rule Allow", api),
        };
    }

    const zpaAll = zpaSamples(zpa);
    const zpaGuard = (p: ZpaExports, name: string) => (p as unknown as Record<string, (e: unknown) => boolean>)[`is${name}`];

    test("every error class the entry exports is sampled here (a new one must be added), and the ISC entry exports none of the Zpa ones", () => {
        const exportedHere = Object.entries(zpa)
            .filter(([name, v]) => /^(Isc|Zpa)[A-Za-z]*Error$/.test(name) && typeof v === "function")
            .map(([name]) => name);
        expect(exportedHere.sort()).toEqual(Object.keys(zpaAll).sort());
        expect(Object.keys(pkg).filter((n) => n.startsWith("Zpa") || n.startsWith("isZpa"))).toEqual([]);
    });

    describe.each(Object.entries(zpaAll))("%s", (name, error) => {
        test("is an IscError, named after its class; its guard takes it and no other (isIscError takes them all)", () => {
            expect(error).toBeInstanceOf(zpa.IscError);
            expect(error.name).toBe(name);
            expect(zpa.isIscError(error)).toBe(true);
            const is = zpaGuard(zpa, name);
            expect(typeof is).toBe("function");
            expect(is(error)).toBe(true);
            const others = Object.entries(zpaAll).filter(([n]) => n !== name);
            expect(others.filter(([, e]) => is(e)).map(([n]) => n)).toEqual(name === "IscError" ? others.map(([n]) => n) : []);
            for (const foreign of [new Error("x"), Object.assign(new Error("x"), { name: "ZpaThing" }), null, "ZpaApiError"]) expect(is(foreign)).toBe(false);
        });

        test("its guard takes it from a second copy of the entry and after JSON, where instanceof does not", () => {
            let copy: ZpaExports | undefined;
            jest.isolateModules(() => {
                copy = jest.requireActual<ZpaExports>("../../provider/src/zpa");
            });
            const theirs = zpaSamples(copy!)[name];
            expect(theirs).not.toBeInstanceOf(zpa.IscError);
            expect(zpaGuard(zpa, name)(theirs)).toBe(true);
            expect(zpa.isIscError(theirs)).toBe(true);
            const parsed: unknown = JSON.parse(JSON.stringify(error));
            expect(zpaGuard(zpa, name)(parsed)).toBe(true);
            expect(pkg.isIscError(parsed)).toBe(true);
        });

        test("Pulumi prints it without stack frames", () => {
            const fresh = zpaSamples(zpa)[name];
            expect(fresh.stack).toMatch(/\n\s+at /);
            expect(explainZpa(fresh, undefined).stack).toBe(`${name}: ${fresh.message}`);
        });
    });
});
