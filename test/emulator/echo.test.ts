/**
 * Echo variation (emulator/echo.ts): every answer for a segment or an access profile takes one of the forms the
 * specs allow, chosen per field and per answer from a seed; the stored objects never change; the same seed and
 * the same requests give the same bytes.
 */
import { parseArgs } from "../../emulator/cli";
import { microseconds, uuidShaped } from "../../emulator/echo";
import { startEmulator } from "../../emulator";
import { expectIscError, ids, tenant, type Tenant } from "./helpers";

type Obj = Record<string, unknown>;
const HEX = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const KNOWN_SEGMENT = ["id", "name", "created", "modified", "description", "owner", "visibilityCriteria", "active"];
const KNOWN_PROFILE = [
    "id",
    "name",
    "created",
    "modified",
    "description",
    "enabled",
    "owner",
    "source",
    "entitlements",
    "requestable",
    "accessRequestConfig",
    "revocationRequestConfig",
    "segments",
    "provisioningCriteria",
    "additionalOwners",
];

/** A set element's identity: an id, or a reference's type and id. */
const keyOf = (e: unknown) => (typeof e === "string" ? e : `${String((e as Obj).type)}:${String((e as Obj).id)}`);

/** An empty form: absent, null or []. */
const isEmpty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/**
 * What an answer means, independently of the provider: empty forms and default flags collapsed, reference names
 * and unknown fields dropped, sets sorted, stamps cut to milliseconds. Two answers mean the same when these are equal.
 */
function meaning(value: unknown, key = "", known?: string[]): unknown {
    if (typeof value === "string" && (key === "created" || key === "modified")) return value.replace(/\.(\d{3})\d*Z$/, ".$1Z");
    if (Array.isArray(value)) {
        const list = value.map((v) => meaning(v, "[]"));
        return ["entitlements", "segments", "additionalOwners"].includes(key) ? list.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1)) : list;
    }
    if (value === null || typeof value !== "object") return value;
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) {
        if (known && !known.includes(k)) continue;
        if (k === "name" && "id" in (value as Obj) && key !== "") continue; // a reference's name (not the object's own)
        const m = meaning(v, k);
        const defaultFlag =
            (["active", "enabled", "commentsRequired", "denialCommentsRequired", "reauthorizationRequired", "requireEndDate"].includes(k) && m === false) ||
            (k === "requestable" && m === true);
        if (!isEmpty(m) && !defaultFlag) out[k] = m;
    }
    return out;
}

async function populated(t: Tenant): Promise<{ segmentId: string; profileId: string; ids: string[] }> {
    const x = ids(t);
    const seg = await t.api<Obj>("POST", "/v2025/segments", { name: "Echo Segment", owner: { type: "IDENTITY", id: x.alice } });
    const ap = await t.api<Obj>("POST", "/v3/access-profiles", {
        name: "Echo Profile",
        owner: { type: "IDENTITY", id: x.alice },
        source: { type: "SOURCE", id: x.ad },
        entitlements: x.adEnts.slice(0, 4).map((id) => ({ type: "ENTITLEMENT", id })),
        accessRequestConfig: {
            approvalSchemes: [{ approverType: "MANAGER" }, { approverType: "GOVERNANCE_GROUP", approverId: x.group }, { approverType: "OWNER" }],
        },
    });
    expect([seg.status, ap.status]).toEqual([201, 201]);
    const more: string[] = [];
    for (let i = 0; i < 12; i++) more.push((await t.api<Obj>("POST", "/v2025/segments", { name: `Extra ${i}` })).body.id as string);
    return { segmentId: seg.body.id as string, profileId: ap.body.id as string, ids: [seg.body.id as string, ap.body.id as string, ...more] };
}

describe("echo variation", () => {
    test("over many answers every allowed form occurs, each meaning what the stored object means, which never changes", async () => {
        const t = await tenant({ seed: 3, echoVariation: { seed: 5 } });
        try {
            const { segmentId, profileId, ids: created } = await populated(t);
            expect(created.some((id) => HEX.test(id)) && created.some((id) => UUID.test(id))).toBe(true);
            for (const id of created) expect(id).toMatch(id.includes("-") ? UUID : HEX);
            const storedSegment = await t.admin.getObject("segments", segmentId);
            const storedProfile = await t.admin.getObject("access-profiles", profileId);
            const seen = new Set<string>();
            const note = (what: string, yes: boolean) => yes && seen.add(what);
            for (let i = 0; i < 40; i++) {
                const seg = (await t.api<Obj>("GET", `/v2025/segments/${segmentId}`)).body;
                const page = (await t.api<Obj[]>("GET", "/v3/access-profiles")).body;
                const ap = page.find((p) => p.id === profileId)!;
                expect(meaning(seg, "", KNOWN_SEGMENT)).toEqual(meaning(storedSegment, "", KNOWN_SEGMENT));
                expect(meaning(ap, "", KNOWN_PROFILE)).toEqual(meaning(storedProfile, "", KNOWN_PROFILE));
                expect(seg.description).not.toBeNull(); // a plain string in every version's Segment
                note("description absent", !("description" in seg));
                note("visibilityCriteria null", seg.visibilityCriteria === null);
                note("visibilityCriteria absent", !("visibilityCriteria" in seg));
                note("owner name absent", !("name" in (seg.owner as Obj)));
                note("owner name filled", typeof (seg.owner as Obj).name === "string");
                note("active absent", !("active" in seg));
                note("segments []", Array.isArray(ap.segments) && (ap.segments as unknown[]).length === 0);
                note("segments null", ap.segments === null);
                note("segments absent", !("segments" in ap));
                note("additionalOwners absent", !("additionalOwners" in ap));
                note("accessModelMetadata", "accessModelMetadata" in ap);
                note(
                    "invented field",
                    Object.keys(ap).some((k) => !KNOWN_PROFILE.includes(k) && k !== "accessModelMetadata"),
                );
                note("microseconds", /\.\d{6}Z$/.test(ap.modified as string));
                note("milliseconds", /\.\d{3}Z$/.test(ap.modified as string));
                const order = (ap.entitlements as Obj[]).map((e) => e.id).join();
                note(`entitlement order ${order}`, true);
                const schemes = (ap.accessRequestConfig as Obj).approvalSchemes as Obj[];
                expect(schemes.map((s) => s.approverType)).toEqual(["MANAGER", "GOVERNANCE_GROUP", "OWNER"]); // ordered: kept
                note("approverId null", schemes[0].approverId === null);
                note("approverId absent", !("approverId" in schemes[0]));
            }
            const orders = [...seen].filter((s) => s.startsWith("entitlement order")).length;
            expect(orders).toBeGreaterThan(5);
            for (const form of [
                "description absent",
                "visibilityCriteria null",
                "visibilityCriteria absent",
                "owner name absent",
                "owner name filled",
                "active absent",
                "segments []",
                "segments null",
                "segments absent",
                "additionalOwners absent",
                "accessModelMetadata",
                "invented field",
                "microseconds",
                "milliseconds",
                "approverId null",
                "approverId absent",
            ]) {
                expect([form, seen.has(form)]).toEqual([form, true]);
            }
            expect(await t.admin.getObject("segments", segmentId)).toEqual(storedSegment);
            expect(await t.admin.getObject("access-profiles", profileId)).toEqual(storedProfile);
        } finally {
            await t.close();
        }
    }, 60_000);

    test("POST and PATCH answers vary too; the patch applies to the stored order; beta segments never show null criteria", async () => {
        const t = await tenant({ echoVariation: { seed: 2 } });
        try {
            const x = ids(t);
            const ap = await t.api<Obj>("POST", "/v2025/access-profiles", {
                name: "P",
                owner: { id: x.alice, type: "IDENTITY" },
                source: { id: x.ad, type: "SOURCE" },
                entitlements: x.adEnts.slice(0, 3).map((id) => ({ id, type: "ENTITLEMENT" })),
            });
            const stored = await t.admin.getObject("access-profiles", ap.body.id as string);
            const last = (stored.entitlements as Obj[])[2].id;
            const patched = await t.api<Obj>("PATCH", `/v2025/access-profiles/${ap.body.id as string}`, [
                { op: "test", path: "/entitlements/2/id", value: last },
                { op: "remove", path: "/entitlements/2" },
            ]);
            expect(patched.status).toBe(200);
            expect(meaning(patched.body, "", KNOWN_PROFILE)).toEqual(
                meaning(await t.admin.getObject("access-profiles", ap.body.id as string), "", KNOWN_PROFILE),
            );
            const beta = (await t.api<Obj>("POST", "/beta/segments", { name: "B" })).body.id as string;
            for (let i = 0; i < 20; i++) expect((await t.api<Obj>("GET", `/beta/segments/${beta}`)).body.visibilityCriteria).not.toBeNull();
        } finally {
            await t.close();
        }
    }, 60_000);

    test("the same seed and requests give the same bytes; another seed other bytes; off by default and after PATCH null", async () => {
        const run = async (echoVariation?: { seed: number }) => {
            const t = await tenant({ seed: 4, ...(echoVariation ? { echoVariation } : {}) });
            try {
                const { profileId } = await populated(t);
                const texts: string[] = [];
                // The stamps come from the clock: compared by their form only.
                const text = (body: unknown) =>
                    JSON.stringify(body).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(\d+)Z/g, (_, f: string) => `<stamp .${f.length}>`);
                for (let i = 0; i < 5; i++) texts.push(text((await t.api("GET", `/v3/access-profiles/${profileId}`)).body));
                texts.push(text((await t.api("GET", "/v2025/segments")).body));
                return { texts, stored: text(await t.admin.getObject("access-profiles", profileId)) };
            } finally {
                await t.close();
            }
        };
        const a = await run({ seed: 9 });
        expect((await run({ seed: 9 })).texts).toEqual(a.texts);
        expect((await run({ seed: 10 })).texts).not.toEqual(a.texts);
        const off = await run();
        expect(off.texts[0]).toBe(off.stored);

        const t = await tenant({ seed: 4 });
        try {
            expect((await t.admin.config()).echoVariation).toBeNull();
            expect((await t.admin.setConfig({ echoVariation: { seed: 9 } })).echoVariation).toEqual({ seed: 9 });
            const { profileId } = await populated(t);
            const varied = JSON.stringify((await t.api("GET", `/v3/access-profiles/${profileId}`)).body);
            expect(varied).not.toBe(JSON.stringify(await t.admin.getObject("access-profiles", profileId)));
            await t.admin.setConfig({ echoVariation: null });
            expect(JSON.stringify((await t.api("GET", `/v3/access-profiles/${profileId}`)).body)).toBe(
                JSON.stringify(await t.admin.getObject("access-profiles", profileId)),
            );
            const bad = await fetch(`${t.emu.url}/__emulator/config`, { method: "PATCH", body: JSON.stringify({ echoVariation: { seed: "x" } }) });
            expectIscError(
                { status: bad.status, headers: bad.headers, body: await bad.json() },
                400,
                "400.1 Bad Request Content",
                /echoVariation must be null \(off\) or \{"seed": <whole number>\}/,
            );
            expect((await t.admin.config()).echoVariation).toBeNull();
        } finally {
            await t.close();
        }
        await expect(startEmulator({ echoVariation: { seed: 1.5 } })).rejects.toThrow(/startEmulator: echoVariation must be/);
    }, 60_000);

    test("the flag and the variable", () => {
        expect(parseArgs([], {})).not.toHaveProperty("echoVariation");
        expect(parseArgs(["--echo-variation"], {})).toMatchObject({ echoVariation: true });
        expect(parseArgs(["--echo-variation=7"], {})).toMatchObject({ echoVariation: { seed: 7 } });
        expect(parseArgs(["--echo-variation", "8", "--port", "0"], {})).toMatchObject({ port: 0, echoVariation: { seed: 8 } });
        expect(parseArgs([], { ISC_EMULATOR_ECHO_VARIATION: "on" })).toMatchObject({ echoVariation: true });
        expect(parseArgs([], { ISC_EMULATOR_ECHO_VARIATION: "12" })).toMatchObject({ echoVariation: { seed: 12 } });
        expect(parseArgs(["--echo-variation=off"], { ISC_EMULATOR_ECHO_VARIATION: "12" })).not.toHaveProperty("echoVariation");
        expect(() => parseArgs(["--echo-variation=maybe"], {})).toThrow(/--echo-variation needs a seed \(a whole number\), on or off, not "maybe"/);
    });

    test("ids and stamps: the same digits as a UUID; microseconds fixed per stamp and the same millisecond", () => {
        expect(uuidShaped("0123456789abcdef0123456789abcdef")).toBe("01234567-89ab-4def-8123-456789abcdef");
        const stamp = "2026-01-05T10:00:00.123Z";
        expect(microseconds(stamp)).toMatch(/^2026-01-05T10:00:00\.123\d{3}Z$/);
        expect(microseconds(stamp)).toBe(microseconds(stamp));
        expect(Date.parse(microseconds(stamp))).toBe(Date.parse(stamp));
    });
});
