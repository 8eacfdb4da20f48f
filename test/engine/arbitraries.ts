/**
 * fast-check arbitraries for both resources: server objects as ISC returns them (names filled, unused keys
 * null, sets in any order, keys sometimes missing) and programs as users write them (types omitted, sets in
 * any order). Value pools are small so that equal and different values both occur often. `echoOf` shows a stored
 * object as a tenant's answer may show it (the emulator's echo variation, emulator/echo.ts).
 */
import fc from "fast-check";
import { EchoVariation } from "../../emulator/echo";
import { VERSIONS } from "../../emulator/routes";
import { declaredFields, inputsFromServer } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { equals } from "../../provider/src/sdk/expressions";

/**
 * ISC ids are 32 hex digits (check refuses any other shape); realistic lengths matter, as they decide between
 * element-wise ops and a whole replace. The label, hex-encoded, ends the id: labels order their ids.
 */
export const iscId = (label: string) => {
    const hex = Buffer.from(label).toString("hex");
    return `2c91808a${"0".repeat(24)}`.slice(0, 32 - hex.length) + hex;
};
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => iscId(`${prefix}${i + 1}`));
const ENTITLEMENTS = ids("ent-", 12);
const SEGMENTS = ids("seg-", 6);
const IDENTITIES = ids("idn-", 3);
const [IDN1, IDN2, IDN3] = IDENTITIES;
const GRP1 = iscId("grp-1");
const OWNERS = [
    { type: "IDENTITY", id: IDN1 },
    { type: "IDENTITY", id: IDN2 },
    { type: "GOVERNANCE_GROUP", id: IDN1 },
    { type: "GOVERNANCE_GROUP", id: GRP1 },
    { type: "IDENTITY", id: IDN3 },
];

const text = (...values: string[]) => fc.constantFrom(...values);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 3 });
const serverName = text("Ann", "Bob", "Renamed");
const serverRef = (type: string, pool: string[]) => fc.record({ type: fc.constant(type), id: fc.constantFrom(...pool), name: serverName });
/** `{id}` or `{type, id}`: programs may leave out a type that has only one allowed value. */
const programRef = (type: string, pool: string[]) => fc.record({ type: fc.constant(type), id: fc.constantFrom(...pool) }, { requiredKeys: ["id"] });

/** A permutation of a random subset: ISC's order of a set carries no meaning. */
const subsetInAnyOrder = <T>(pool: T[]) => fc.shuffledSubarray(pool);

// ---- Segment ----

const attribute = text("location", "department");
const attributeValue = text("London", "Paris", "");

const serverEquals = fc.record({
    operator: fc.constant("EQUALS"),
    attribute,
    value: fc.record({ type: fc.constant("STRING"), value: attributeValue }),
    children: fc.constantFrom(null, []),
});
const serverExpression = fc.oneof(
    serverEquals,
    fc.record({
        operator: fc.constant("AND"),
        attribute: fc.constant(null),
        value: fc.constant(null),
        children: fc.array(serverEquals, { minLength: 1, maxLength: 3 }),
    }),
);

export const serverSegment = fc.record(
    {
        id: fc.constant(iscId("seg-0001")),
        created: fc.constant("2026-01-05T10:00:00.000Z"),
        modified: text("2026-01-05T10:00:00.000Z", "2026-02-01T00:00:00.000Z"),
        name: text("London", "Paris"),
        description: fc.constantFrom(null, "", "d1", "d2"),
        owner: nullable(serverRef("IDENTITY", IDENTITIES)),
        active: fc.boolean(),
        visibilityCriteria: nullable(fc.record({ expression: serverExpression })),
    },
    { requiredKeys: ["id", "created", "modified", "name", "active"] },
);

const programEquals = fc.tuple(attribute, attributeValue, fc.boolean()).map(([a, v, typed]) => {
    const e = equals(a, v);
    return typed ? e : { ...e, value: { value: v } };
});
const programExpression = fc.oneof(
    programEquals,
    fc.array(programEquals, { minLength: 1, maxLength: 3 }).map((children) => ({ operator: "AND", children })),
);

export const segmentProgram = fc.record(
    {
        name: text("London", "Paris"),
        description: fc.constantFrom(null, "", "d1", "d2"),
        owner: nullable(programRef("IDENTITY", IDENTITIES)),
        active: fc.boolean(),
        visibilityCriteria: nullable(fc.record({ expression: programExpression })),
        adoptId: fc.constant(iscId("seg-0001")),
    },
    { requiredKeys: ["name"] },
);

// ---- AccessProfile ----

const scheme = fc.oneof(
    fc.record({ approverType: text("MANAGER", "OWNER", "SOURCE_OWNER"), approverId: fc.constant(null) }, { requiredKeys: ["approverType"] }),
    fc.record({ approverType: text("GOVERNANCE_GROUP", "ADDITIONAL_GOVERNANCE_GROUP"), approverId: text(iscId("grp-1"), iscId("grp-2")) }),
);
const duration = fc.record({ value: fc.integer({ min: 1, max: 3 }), timeUnit: text("DAYS", "WEEKS") });
const requestConfig = (server: boolean) =>
    fc.record(
        {
            commentsRequired: fc.boolean(),
            denialCommentsRequired: fc.boolean(),
            reauthorizationRequired: fc.boolean(),
            requireEndDate: fc.boolean(),
            maxPermittedAccessDuration: nullable(duration),
            approvalSchemes: fc.array(scheme, { maxLength: 2 }),
        },
        { requiredKeys: server ? ["commentsRequired", "denialCommentsRequired", "reauthorizationRequired", "requireEndDate", "approvalSchemes"] : [] },
    );
const revocationConfig = fc.record({ approvalSchemes: fc.array(scheme, { maxLength: 2 }) }, { requiredKeys: [] });

type Criteria = { operation: string; attribute?: string | null; value?: string | null; children?: Criteria[] | null };
const criteriaTest: fc.Arbitrary<Criteria> = fc.oneof(
    fc.record({ operation: text("EQUALS", "NOT_EQUALS", "CONTAINS"), attribute: text("type", "dn"), value: text("admin", "OU=x") }),
    fc.record({ operation: fc.constant("HAS"), attribute: text("type", "email") }),
);
const criteriaAt = (level: number): fc.Arbitrary<Criteria> =>
    level >= 3
        ? criteriaTest
        : fc.oneof(criteriaTest, fc.record({ operation: text("AND", "OR"), children: fc.array(criteriaAt(level + 1), { minLength: 1, maxLength: 2 }) }));
/** ISC returns the keys a node does not use as null. */
const withNulls = (c: Criteria): Criteria => ({
    operation: c.operation,
    attribute: c.attribute ?? null,
    value: c.value ?? null,
    children: c.children ? c.children.map(withNulls) : null,
});

const serverSet = <T>(pool: T[]) => fc.oneof(fc.constant(null), subsetInAnyOrder(pool));

export const serverAccessProfile = fc
    .record(
        {
            id: fc.constant(iscId("ap-0001")),
            created: fc.constant("2026-01-05T10:00:00.000Z"),
            modified: fc.constant("2026-01-05T10:00:00.000Z"),
            name: text("Payroll", "HR"),
            description: fc.constantFrom(null, "", "d1"),
            enabled: fc.boolean(),
            owner: serverRef("IDENTITY", IDENTITIES),
            source: serverRef("SOURCE", [iscId("src-1"), iscId("src-2")]),
            entitlements: serverSet(ENTITLEMENTS.map((id) => ({ type: "ENTITLEMENT", id, name: `name of ${id}` }))),
            requestable: fc.boolean(),
            accessRequestConfig: nullable(requestConfig(true)),
            revocationRequestConfig: nullable(revocationConfig),
            segments: serverSet(SEGMENTS),
            provisioningCriteria: nullable(criteriaAt(1).map(withNulls)),
            additionalOwners: serverSet(OWNERS.map((o) => ({ ...o, name: `name of ${o.id}` }))),
        },
        { requiredKeys: ["id", "created", "modified", "name", "owner", "source", "enabled", "requestable"] },
        // ISC refuses an enabled profile without entitlements, so a tenant cannot hold one.
    )
    .map((ap) => (ap.enabled && !(ap.entitlements && ap.entitlements.length > 0) ? { ...ap, enabled: false } : ap));

export type ServerAccessProfile = typeof serverAccessProfile extends fc.Arbitrary<infer T> ? T : never;

/** A set near the current one (a few elements removed, a few added) or an unrelated one. */
function desiredSet<T>(current: readonly T[] | null | undefined, pool: T[], keyOf: (e: T) => string): fc.Arbitrary<T[] | null> {
    const held = current ?? [];
    // An update usually changes a few elements: up to two removed and up to two added.
    const nearby = fc
        .tuple(fc.subarray([...held], { maxLength: Math.min(2, held.length) }), fc.subarray(pool, { maxLength: 2 }), fc.boolean())
        .map(([removed, added, shuffle]) => {
            const removedKeys = new Set(removed.map(keyOf));
            const kept = held.filter((e) => !removedKeys.has(keyOf(e)));
            const keys = new Set(kept.map(keyOf));
            const result = [...kept, ...added.filter((e) => !keys.has(keyOf(e)))];
            return shuffle ? result.reverse() : result;
        });
    return fc.oneof({ arbitrary: nearby, weight: 3 }, { arbitrary: subsetInAnyOrder(pool), weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
}

const byId = (e: { id: string }) => e.id;
const byTypeAndId = (e: { type: string; id: string }) => `${e.type}:${e.id}`;

/** A program for an access profile, often close to `current` (as an update usually is). */
export function accessProfileProgramNear(current: ServerAccessProfile): fc.Arbitrary<Record<string, unknown>> {
    const entitlementPool = ENTITLEMENTS.map((id) => ({ type: "ENTITLEMENT", id }));
    const entitlements = desiredSet(
        current.entitlements?.map(({ id }) => ({ type: "ENTITLEMENT", id })),
        entitlementPool,
        byId,
    ).chain((list) => fc.boolean().map((typed) => (typed || list === null ? list : list.map(({ id }) => ({ id })))));
    const program = fc.record(
        {
            name: fc.oneof(fc.constant(current.name), text("Payroll", "HR")),
            description: fc.constantFrom(null, "", "d1"),
            enabled: fc.boolean(),
            owner: programRef("IDENTITY", IDENTITIES),
            source: fc.oneof(
                { arbitrary: fc.constant({ id: current.source.id }), weight: 4 },
                { arbitrary: programRef("SOURCE", [iscId("src-1"), iscId("src-2")]), weight: 1 },
            ),
            entitlements,
            requestable: fc.boolean(),
            accessRequestConfig: nullable(requestConfig(false)),
            revocationRequestConfig: nullable(revocationConfig),
            segments: desiredSet(current.segments, SEGMENTS, (s) => s),
            provisioningCriteria: nullable(criteriaAt(1)),
            additionalOwners: desiredSet(
                current.additionalOwners?.map(({ type, id }) => ({ type, id })),
                OWNERS,
                byTypeAndId,
            ),
            adoptId: fc.constant(iscId("ap-0001")),
        },
        { requiredKeys: ["name", "owner", "source"] },
    );
    return program.map(enabledOnlyWithEntitlements);
}

/** ISC refuses an enabled profile without entitlements; check does too, so such programs are not updates. */
function enabledOnlyWithEntitlements(p: Record<string, unknown>): Record<string, unknown> {
    return p.enabled === true && !(Array.isArray(p.entitlements) && p.entitlements.length > 0) ? { ...p, enabled: false } : p;
}

const DECLARED = declaredFields(accessProfileSchema).map(([name]) => name);

/**
 * (server object, program) pairs. Mostly a typical update: the program declares what the server holds
 * except for one to three fields; sometimes a program unrelated to the server, which changes nearly all.
 */
export const accessProfileUpdate = serverAccessProfile.chain((current) => {
    const held = { ...inputsFromServer(accessProfileSchema, current), adoptId: current.id };
    const typical = fc.tuple(accessProfileProgramNear(current), fc.subarray(DECLARED, { minLength: 1, maxLength: 3 })).map(([changed, fields]) => {
        const program: Record<string, unknown> = { ...held };
        for (const f of fields) {
            if (changed[f] === undefined) delete program[f];
            else program[f] = changed[f];
        }
        return enabledOnlyWithEntitlements(program);
    });
    return fc.oneof({ arbitrary: typical, weight: 4 }, { arbitrary: accessProfileProgramNear(current), weight: 1 }).map((program) => ({ current, program }));
});

/**
 * How a tenant's answer may show `stored`, by a seed and an API version fast-check picks: empty values as null, `[]`
 * or nothing, reference names filled or not, sets in any order, unknown fields, micro- or milliseconds (the
 * emulator's echo variation, emulator/echo.ts). JSON Patch applies to `stored`, never to the answer.
 */
export function echoOf<T extends object>(kind: "segments" | "access-profiles", stored: T): fc.Arbitrary<Record<string, unknown>> {
    return fc
        .tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom(...VERSIONS))
        .map(([seed, version]) => new EchoVariation(seed).answer(kind, version, stored) as Record<string, unknown>);
}
