/**
 * Lookups that fail together on one shared request (the token, here from an unreachable tenant) each report their
 * own label once, on their own copy of the error, and no stack frame of the package reaches what Node prints.
 */
import { inspect } from "util";
import { getIdentity, getSource } from "../../provider/src/lookups";

test("two lookups failing on the same token request each name only themselves, without stack frames", async () => {
    const opts = { baseUrl: "http://127.0.0.1:9", clientId: "c", clientSecret: "s" };
    const [a, b] = await Promise.allSettled([getIdentity({ alias: "alice.admin" }, opts), getSource({ name: "Workday" }, opts)]);
    const ea = (a as PromiseRejectedResult).reason as Error;
    const eb = (b as PromiseRejectedResult).reason as Error;
    expect(ea.message).toMatch(/^getIdentity \(alias "alice\.admin"\): /);
    expect(ea.message).not.toContain("getSource");
    expect(eb.message).toMatch(/^getSource \(name "Workday"\): /);
    expect(eb.message).not.toContain("getIdentity");
    for (const e of [ea, eb]) {
        expect(e.name).toBe("IscNetworkError");
        expect(e.message).toContain("isc:baseUrl");
        expect(inspect(e)).not.toMatch(/\n\s+at .*\.[jt]s:\d+/);
    }
}, 60_000);
