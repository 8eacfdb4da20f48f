/**
 * The package's errors are one hierarchy: every error class the package index exports is an IscError, has a
 * guard `is<Name>` beside it, and the guards work where `instanceof` does not: on a second copy of the package
 * (Pulumi may load two) and on an error that went through JSON. Only these errors lose their stack frames in
 * what Pulumi prints.
 */
import * as pkg from "../../provider/src";
import { explain } from "../../provider/src/provider/hints";

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
