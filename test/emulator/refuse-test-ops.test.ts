/**
 * A tenant that refuses RFC 6902 `test` operations (`refuseTestOperations`): any PATCH carrying one is a 400 in
 * ISC's error form and changes nothing; the same change without it is applied. Set at start-up, at run time through
 * the admin API, and by the CLI's flag or environment variable.
 */
import { parseArgs } from "../../emulator/cli";
import { type Answer, expectIscError, ids, tenant, type Tenant } from "./helpers";

async function profile(t: Tenant): Promise<{ id: string; entitlements: string[] }> {
    const { alice, ad, adEnts } = ids(t);
    const entitlements = adEnts.slice(0, 3);
    const made = await t.api<{ id: string }>("POST", "/v3/access-profiles", {
        name: "Refuse Test Ops",
        owner: { type: "IDENTITY", id: alice },
        source: { type: "SOURCE", id: ad },
        entitlements: entitlements.map((id) => ({ type: "ENTITLEMENT", id })),
    });
    expect(made.status).toBe(201);
    return { id: made.body.id, entitlements };
}

const entIds = (body: unknown) => ((body as { entitlements: Array<{ id: string }> | null }).entitlements ?? []).map((e) => e.id);
const guardedRemoval = (index: number, id: string) => [
    { op: "test", path: `/entitlements/${index}/id`, value: id },
    { op: "remove", path: `/entitlements/${index}` },
];

test("by default a `test` that holds is applied with its patch; refuseTestOperations makes any `test` a 400 that changes nothing", async () => {
    const t = await tenant({ rateLimit: null });
    try {
        const p = await profile(t);
        const path = `/v3/access-profiles/${p.id}`;
        expect((await t.api("PATCH", path, guardedRemoval(2, p.entitlements[2]))).status).toBe(200);

        expect((await t.admin.setConfig({ refuseTestOperations: true })).refuseTestOperations).toBe(true);
        const refused = await t.api("PATCH", path, guardedRemoval(1, p.entitlements[1]));
        expectIscError(refused, 400, "400.1 Bad Request Content", /^Unsupported operation: test \(operation 0\); allowed: add, remove, replace, move, copy\.$/);
        expect(entIds((await t.api("GET", path)).body)).toEqual(p.entitlements.slice(0, 2));
        // Wherever it is and whatever it tests.
        const late = await t.api("PATCH", path, [
            { op: "replace", path: "/description", value: "x" },
            { op: "test", path: "/name", value: "Refuse Test Ops" },
        ]);
        expectIscError(late, 400, "400.1 Bad Request Content", /^Unsupported operation: test \(operation 1\)/);
        // The same change without it goes through.
        const plain = await t.api("PATCH", path, [{ op: "remove", path: "/entitlements/1" }]);
        expect(plain.status).toBe(200);
        expect(entIds(plain.body)).toEqual([p.entitlements[0]]);
        const log = (await t.admin.requests()).filter((r) => r.method === "PATCH");
        expect(log.map((r) => [r.status, r.applied])).toEqual([
            [200, true],
            [400, false],
            [400, false],
            [200, true],
        ]);

        // Off again at run time; nonsense is refused and changes nothing.
        expect((await t.admin.setConfig({ refuseTestOperations: false })).refuseTestOperations).toBe(false);
        const raw = await fetch(`${t.emu.url}/__emulator/config`, { method: "PATCH", body: JSON.stringify({ refuseTestOperations: "yes" }) });
        const answer: Answer = { status: raw.status, headers: raw.headers, body: await raw.json() };
        expectIscError(answer, 400, "400.1 Bad Request Content", /refuseTestOperations must be true or false; got "yes"/);
        expect((await t.admin.config()).refuseTestOperations).toBe(false);
        expect((await t.api("PATCH", path, [{ op: "test", path: "/name", value: "Refuse Test Ops" }])).status).toBe(200);
    } finally {
        await t.close();
    }
});

test("startEmulator's refuseTestOperations, a reset keeps the start-up value", async () => {
    const t = await tenant({ rateLimit: null, refuseTestOperations: true });
    try {
        const p = await profile(t);
        expectIscError(
            await t.api("PATCH", `/v3/access-profiles/${p.id}`, guardedRemoval(0, p.entitlements[0])),
            400,
            "400.1 Bad Request Content",
            /Unsupported operation: test/,
        );
        await t.admin.setConfig({ refuseTestOperations: false });
        await t.admin.reset();
        expect((await t.admin.config()).refuseTestOperations).toBe(true);
    } finally {
        await t.close();
    }
});

test("CLI: --refuse-test-ops and ISC_EMULATOR_REFUSE_TEST_OPS", () => {
    expect(parseArgs([], {})).not.toHaveProperty("refuseTestOperations");
    expect(parseArgs(["--refuse-test-ops"], {})).toMatchObject({ refuseTestOperations: true });
    expect(parseArgs([], { ISC_EMULATOR_REFUSE_TEST_OPS: "1" })).toMatchObject({ refuseTestOperations: true });
    expect(parseArgs([], { ISC_EMULATOR_REFUSE_TEST_OPS: "true" })).toMatchObject({ refuseTestOperations: true });
    expect(parseArgs([], { ISC_EMULATOR_REFUSE_TEST_OPS: "0" })).not.toHaveProperty("refuseTestOperations");
});
