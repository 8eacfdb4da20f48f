/**
 * A large, realistic, awkward tenant, deterministically from a seed: identities with accented and CJK names,
 * governance groups, sources of several connector kinds with their entitlements (DN values on directories),
 * segments and access profiles that pass the emulator's own validation (owners are existing identities, a profile's
 * entitlements come from its source, its segments are populated segments, approval schemes name existing groups).
 *
 * Ids are hashes of (seed, kind, index) and every other choice comes from a per-kind seeded generator, with fixed
 * timestamps: the same options give the same bytes, and the populated objects do not depend on the emulator's seed.
 */
import * as crypto from "crypto";
import { CODES, HttpError, show } from "./errors";
import {
    APPS,
    asciiAlias,
    AUDIENCES,
    AWKWARD_ACCESS_PROFILES,
    AWKWARD_ENTITLEMENTS,
    AWKWARD_GROUPS,
    AWKWARD_IDENTITIES,
    AWKWARD_SEGMENTS,
    AWKWARD_SOURCES,
    DEPARTMENTS,
    ENVIRONMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    LEVELS,
    LOCATIONS,
    REGIONS,
} from "./names";
import { Random, seeded } from "./random";
import {
    ConnectorKind,
    CONNECTORS,
    Entitlement,
    fixedTime,
    GovernanceGroup,
    Identity,
    makeEntitlement,
    makeGroup,
    makeIdentity,
    makeSource,
    ref,
    ReferenceData,
    Source,
} from "./tenant";
import { isObject, type Json, type JsonObject } from "./validation";

export interface PopulateOptions {
    /** Seeds every id and choice. Default 1. */
    seed?: number;
    /** Identities added (correlated). Default 200. */
    identities?: number;
    /** Further identities that are not correlated (hidden by `/identities` unless `defaultFilter=NONE`). Default 0. */
    uncorrelatedIdentities?: number;
    /** Default 10. */
    governanceGroups?: number;
    /** Default 20. */
    sources?: number;
    /** Default 25. */
    entitlementsPerSource?: number;
    /** Default 50. */
    segments?: number;
    /** Default 300. */
    accessProfiles?: number;
}
export type PopulateSettings = Required<PopulateOptions>;

export const POPULATE_DEFAULTS: PopulateSettings = {
    seed: 1,
    identities: 200,
    uncorrelatedIdentities: 0,
    governanceGroups: 10,
    sources: 20,
    entitlementsPerSource: 25,
    segments: 50,
    accessProfiles: 300,
};
/** The most of any one kind (and of entitlements in all) one request may add. */
export const POPULATE_MAX = 100_000;

/** The settings a `POST /__emulator/populate` body (or the startup option) asks for; a bad field is a 400 naming it. */
export function populateSettings(body: Json | PopulateOptions | undefined): PopulateSettings {
    const refuse = (text: string): never => {
        throw new HttpError(400, CODES.badContent, [text]);
    };
    const given: Record<string, unknown> =
        body === undefined || body === null
            ? {}
            : isObject(body)
              ? body
              : refuse(`Send a JSON object of counts (${Object.keys(POPULATE_DEFAULTS).join(", ")}); got ${show(body)}.`);
    const out: PopulateSettings = { ...POPULATE_DEFAULTS };
    for (const [key, v] of Object.entries(given)) {
        if (!(key in POPULATE_DEFAULTS)) refuse(`Unknown populate option "${key}"; known: ${Object.keys(POPULATE_DEFAULTS).join(", ")}.`);
        if (v === undefined) continue;
        const [min, max] = key === "seed" ? [-(2 ** 31), 2 ** 32] : [0, POPULATE_MAX];
        if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
            refuse(`Populate option "${key}" must be a whole number from ${min} to ${max}; got ${show(v)}.`);
        out[key as keyof PopulateSettings] = v as number;
    }
    if (out.sources * out.entitlementsPerSource > POPULATE_MAX)
        refuse(`sources x entitlementsPerSource is ${out.sources * out.entitlementsPerSource}; at most ${POPULATE_MAX}.`);
    return out;
}

/** A segment or access profile to store as is: its fields pass the emulator's validation. */
export interface PopulatedObject {
    id: string;
    fields: JsonObject;
    created: string;
    modified: string;
}

export interface Population {
    data: ReferenceData;
    segments: PopulatedObject[];
    accessProfiles: PopulatedObject[];
}

const START = "2024-03-01T08:00:00.000Z";

function idFor(seed: number, kind: string, index: number): string {
    return crypto.createHash("sha256").update(`isc-emulator/populate/${seed}/${kind}/${index}`).digest("hex").slice(0, 32);
}

/** One generator per kind: changing how many of one kind are made leaves the others as they were. */
function stream(seed: number, kind: string): Random {
    return seeded(crypto.createHash("sha256").update(`isc-emulator/populate/${seed}/${kind}`).digest().readUInt32LE(0));
}

const pick = <T>(r: Random, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const chance = (r: Random, p: number): boolean => r() < p;
const between = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Up to `n` distinct items of `list`, in a seeded order (drawn without copying a large list). */
function some<T>(r: Random, list: readonly T[], n: number): T[] {
    if (n * 2 >= list.length) {
        const pool = [...list];
        const out: T[] = [];
        while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
        return out;
    }
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(Math.floor(r() * list.length));
    return [...chosen].map((i) => list[i]);
}

/** `candidate`, or the first of `candidate 2`, `candidate 3`, ... not yet in `used` (compared by `key`). */
function unique(candidate: string, used: Set<string>, key: (s: string) => string = (s) => s): string {
    let name = candidate;
    for (let n = 2; used.has(key(name)); n++) name = `${candidate} ${n}`;
    used.add(key(name));
    return name;
}

const KIND_CYCLE: readonly ConnectorKind[] = [
    CONNECTORS.ad,
    CONNECTORS.workday,
    CONNECTORS.salesforce,
    CONNECTORS.ad,
    CONNECTORS.servicenow,
    CONNECTORS.ldap,
    CONNECTORS.file,
    CONNECTORS.ad,
];
const AWKWARD_SOURCE_KINDS: readonly ConnectorKind[] = [
    CONNECTORS.file,
    CONNECTORS.ad,
    CONNECTORS.file,
    CONNECTORS.ldap,
    CONNECTORS.salesforce,
    CONNECTORS.servicenow,
];

function sourceName(r: Random, kind: ConnectorKind): string {
    switch (kind) {
        case CONNECTORS.ad:
            return `Active Directory ${pick(r, REGIONS)}`;
        case CONNECTORS.ldap:
            return `LDAP ${pick(r, LOCATIONS)}`;
        case CONNECTORS.workday:
            return `Workday ${pick(r, ENVIRONMENTS)}`;
        case CONNECTORS.salesforce:
            return `Salesforce ${pick(r, REGIONS)}`;
        case CONNECTORS.servicenow:
            return `ServiceNow ${pick(r, ENVIRONMENTS)}`;
        default:
            return `${pick(r, APPS)} Export (${pick(r, ENVIRONMENTS)})`;
    }
}

function entitlementName(r: Random, kind: ConnectorKind, position: number): string {
    if (kind.directory && position === 0) return "Domain Users";
    if (kind.directory && position === 1) return "VPN Users";
    if (kind === CONNECTORS.servicenow) return `${pick(r, APPS)} ${pick(r, LEVELS)}`;
    return chance(r, 0.5) ? `${pick(r, DEPARTMENTS)} ${pick(r, LEVELS)}` : `${pick(r, DEPARTMENTS)} ${pick(r, LOCATIONS)} ${pick(r, LEVELS)}`;
}

function makeIdentities(o: PopulateSettings, base: ReferenceData): { identities: Identity[]; uncorrelated: Set<string>; protectedIds: Set<string> } {
    const r = stream(o.seed, "identities");
    const aliases = new Set(base.identities.map((i) => i.alias));
    const identities: Identity[] = [];
    const uncorrelated = new Set<string>();
    const protectedIds = new Set<string>();
    const managers: Identity[] = [];
    const total = o.identities + o.uncorrelatedIdentities;
    for (let i = 0; i < total; i++) {
        const correlated = i < o.identities;
        const awkward = correlated ? AWKWARD_IDENTITIES[i] : undefined;
        const first = awkward?.firstname ?? pick(r, FIRST_NAMES);
        const last = awkward?.lastname ?? pick(r, LAST_NAMES);
        let login = awkward?.alias ?? asciiAlias(first, last);
        for (let n = 2; aliases.has(login); n++) login = `${awkward?.alias ?? asciiAlias(first, last)}${n}`;
        aliases.add(login);
        const manager = correlated && managers.length > 0 && chance(r, 0.7) ? pick(r, managers) : null;
        if (manager) manager.isManager = true;
        const identity = makeIdentity({
            id: idFor(o.seed, "identity", i),
            name: awkward?.name ?? `${first} ${last}`,
            alias: login,
            firstname: first,
            lastname: last,
            email: awkward?.email ?? (chance(r, 0.97) ? `${login}@acme.com` : null),
            department: pick(r, DEPARTMENTS),
            location: pick(r, LOCATIONS),
            created: fixedTime(START, i * 7),
            manager,
            status: correlated ? "ACTIVE" : "UNREGISTERED",
        });
        identities.push(identity);
        if (correlated) managers.push(identity);
        else uncorrelated.add(identity.id);
        if (login.startsWith("svc-")) protectedIds.add(identity.id);
    }
    return { identities, uncorrelated, protectedIds };
}

function makeGroups(o: PopulateSettings, people: readonly Identity[]): { groups: GovernanceGroup[]; members: Map<string, string[]> } {
    const r = stream(o.seed, "governance-groups");
    const names = new Set<string>();
    const groups: GovernanceGroup[] = [];
    const members = new Map<string, string[]>();
    for (let i = 0; i < o.governanceGroups; i++) {
        const generated = pick(r, [`${pick(r, DEPARTMENTS)} Approvers`, `${pick(r, APPS)} Owners`, `${pick(r, LOCATIONS)} Reviewers`]);
        const name = unique(AWKWARD_GROUPS[i] ?? generated, names);
        const chosen = some(r, people, between(r, 2, 8));
        const group = makeGroup({
            id: idFor(o.seed, "governance-group", i),
            name,
            description: `Reviews and approves access for ${name.trim()}`,
            owner: pick(r, people),
            memberCount: chosen.length,
            created: fixedTime(START, 60 * 24 * 10 + i * 11),
        });
        groups.push(group);
        members.set(
            group.id,
            chosen.map((p) => p.id),
        );
    }
    return { groups, members };
}

function makeSources(o: PopulateSettings, people: readonly Identity[], groups: readonly GovernanceGroup[]): { sources: Source[]; entitlements: Entitlement[] } {
    const r = stream(o.seed, "sources");
    const er = stream(o.seed, "entitlements");
    const names = new Set<string>();
    const sources: Source[] = [];
    const kinds: ConnectorKind[] = [];
    for (let i = 0; i < o.sources; i++) {
        const awkward = AWKWARD_SOURCES[i];
        const kind = awkward !== undefined ? AWKWARD_SOURCE_KINDS[i] : KIND_CYCLE[i % KIND_CYCLE.length];
        const name = unique(awkward ?? sourceName(r, kind), names, (s) => s.toLowerCase());
        const id = idFor(o.seed, "source", i);
        kinds.push(kind);
        sources.push(
            makeSource({
                id,
                name,
                description: `${kind.connectorName} source ${name.trim()}`,
                kind,
                owner: pick(r, people),
                workgroup: groups.length > 0 && chance(r, 0.3) ? pick(r, groups) : null,
                created: fixedTime(START, 60 * 24 * 20 + i * 13),
                schemaIds: [idFor(o.seed, "schema-account", i), idFor(o.seed, "schema-group", i)],
                authoritative: kind === CONNECTORS.workday,
            }),
        );
    }
    // The awkward entitlements go round-robin to directory sources (DN values), or to any source when there is none.
    const directories = sources.map((_, i) => i).filter((i) => kinds[i].directory);
    const targets = directories.length > 0 ? directories : sources.map((_, i) => i);
    const awkwardAt = new Map<string, string>();
    AWKWARD_ENTITLEMENTS.forEach((name, k) => {
        if (targets.length > 0)
            awkwardAt.set(`${targets[k % targets.length]}/${Math.floor(k / targets.length) + (kinds[targets[k % targets.length]].directory ? 2 : 0)}`, name);
    });
    const entitlements: Entitlement[] = [];
    sources.forEach((source, s) => {
        const kind = kinds[s];
        const used = new Set<string>();
        for (let p = 0; p < o.entitlementsPerSource; p++) {
            const name = unique(awkwardAt.get(`${s}/${p}`) ?? entitlementName(er, kind, p), used);
            const level = LEVELS.find((l) => name.endsWith(l));
            entitlements.push(
                makeEntitlement({
                    id: idFor(o.seed, "entitlement", entitlements.length),
                    name,
                    source,
                    kind,
                    description: chance(er, 0.7) ? `${name.trim()} on ${source.name.trim()}` : null,
                    created: fixedTime(START, 60 * 24 * 30 + entitlements.length),
                    owner: chance(er, 0.3) ? pick(er, people) : null,
                    privileged: level === "Admin" || name === "Domain Admins",
                    requestable: chance(er, 0.6),
                }),
            );
        }
    });
    return { sources, entitlements };
}

function makeSegments(o: PopulateSettings, people: readonly Identity[]): PopulatedObject[] {
    const r = stream(o.seed, "segments");
    const out: PopulatedObject[] = [];
    const equals = (attribute: string, value: string): JsonObject => ({ operator: "EQUALS", attribute, value: { type: "STRING", value } });
    for (let i = 0; i < o.segments; i++) {
        const dept = pick(r, DEPARTMENTS);
        const location = pick(r, LOCATIONS);
        const generated = pick(r, [`${dept} – ${location}`, `${location} ${pick(r, AUDIENCES)}`, `${pick(r, REGIONS)} ${dept}`]);
        const criteria = chance(r, 0.7)
            ? {
                  expression: chance(r, 0.5)
                      ? equals("location", location)
                      : { operator: "AND", children: [equals("department", dept), equals("location", location)] },
              }
            : null;
        const created = fixedTime(START, 60 * 24 * 60 + i * 17);
        out.push({
            id: idFor(o.seed, "segment", i),
            fields: {
                name: AWKWARD_SEGMENTS[i] ?? generated,
                description: chance(r, 0.7) ? `Identities in ${location} (${dept})` : null,
                owner: people.length > 0 && chance(r, 0.85) ? { type: "IDENTITY", id: pick(r, people).id } : null,
                visibilityCriteria: criteria,
                active: chance(r, 0.7),
            },
            created,
            modified: fixedTime(created, between(r, 0, 60 * 24 * 30)),
        });
    }
    return out;
}

function makeAccessProfiles(
    o: PopulateSettings,
    world: {
        people: readonly Identity[];
        groups: readonly GovernanceGroup[];
        sources: readonly Source[];
        entitlements: readonly Entitlement[];
        segments: readonly PopulatedObject[];
    },
): PopulatedObject[] {
    const r = stream(o.seed, "access-profiles");
    const bySource = new Map<string, string[]>();
    for (const e of world.entitlements) {
        const list = bySource.get(e.source.id) ?? [];
        list.push(e.id);
        bySource.set(e.source.id, list);
    }
    const names = new Set<string>();
    const out: PopulatedObject[] = [];
    if (world.people.length === 0 || world.sources.length === 0) return out;
    for (let i = 0; i < o.accessProfiles; i++) {
        const source = pick(r, world.sources);
        const pool = bySource.get(source.id) ?? [];
        const ents = some(r, pool, chance(r, 0.9) ? between(r, 1, 4) : 0);
        const dept = pick(r, DEPARTMENTS);
        const level = pick(r, LEVELS);
        const awkward = AWKWARD_ACCESS_PROFILES[i];
        // Generated names never collide, even in case, with another profile: only the awkward pairs do.
        const name = awkward ?? unique(`${dept} ${source.name.trim()} ${level}`, names, (s) => s.toLowerCase());
        if (awkward) names.add(awkward.toLowerCase());
        const scheme = (): JsonObject[] => {
            const group = world.groups.length > 0 ? pick(r, world.groups) : undefined;
            const choice = between(r, 0, 3);
            if (choice === 0 || (!group && choice >= 2)) return [{ approverType: "MANAGER" }];
            if (choice === 1) return [{ approverType: "OWNER" }];
            if (choice === 2) return [{ approverType: "GOVERNANCE_GROUP", approverId: group!.id }];
            return [{ approverType: "MANAGER" }, { approverType: "GOVERNANCE_GROUP", approverId: group!.id }];
        };
        const segments = chance(r, 0.4) ? some(r, world.segments, between(r, 1, 2)).map((s) => s.id) : [];
        const coOwner = chance(r, 0.15)
            ? world.groups.length > 0 && chance(r, 0.5)
                ? ref("GOVERNANCE_GROUP", pick(r, world.groups))
                : ref("IDENTITY", pick(r, world.people))
            : null;
        const created = fixedTime(START, 60 * 24 * 90 + i * 3);
        out.push({
            id: idFor(o.seed, "access-profile", i),
            fields: {
                name,
                description: chance(r, 0.7) ? `${level} access to ${source.name.trim()} for ${dept}` : null,
                enabled: ents.length > 0 && chance(r, 0.8),
                owner: { type: "IDENTITY", id: pick(r, world.people).id },
                source: { type: "SOURCE", id: source.id },
                entitlements: ents.map((id) => ({ type: "ENTITLEMENT", id })),
                requestable: chance(r, 0.9),
                accessRequestConfig: chance(r, 0.5)
                    ? { commentsRequired: chance(r, 0.5), denialCommentsRequired: chance(r, 0.3), approvalSchemes: scheme() }
                    : null,
                revocationRequestConfig: chance(r, 0.3) ? { approvalSchemes: [{ approverType: "MANAGER" }] } : null,
                segments,
                provisioningCriteria: chance(r, 0.05) ? { operation: "EQUALS", attribute: "department", value: dept } : null,
                additionalOwners: coOwner ? [{ type: coOwner.type, id: coOwner.id }] : null,
            },
            created,
            modified: fixedTime(created, between(r, 0, 60 * 24 * 30)),
        });
    }
    return out;
}

/** The base tenant plus `o`'s objects. The base's own objects are kept; populated ones only reference each other. */
export function populate(base: ReferenceData, o: PopulateSettings): Population {
    const { identities, uncorrelated, protectedIds } = makeIdentities(o, base);
    const correlated = identities.filter((i) => !uncorrelated.has(i.id));
    // Owners and members come from the populated identities, or from the base tenant's when none are populated.
    const people = correlated.length > 0 ? correlated : base.identities;
    const { groups, members } = makeGroups(o, people);
    const { sources, entitlements } = makeSources(o, people, groups.length > 0 ? groups : base.governanceGroups);
    const segments = makeSegments(o, people);
    const accessProfiles = makeAccessProfiles(o, {
        people,
        groups: groups.length > 0 ? groups : base.governanceGroups,
        sources: sources.length > 0 ? sources : base.sources,
        entitlements: sources.length > 0 ? entitlements : base.entitlements,
        segments,
    });
    const data: ReferenceData = {
        identities: [...base.identities, ...identities],
        sources: [...base.sources, ...sources],
        entitlements: [...base.entitlements, ...entitlements],
        governanceGroups: [...base.governanceGroups, ...groups],
        hidden: {
            uncorrelated: new Set([...base.hidden.uncorrelated, ...uncorrelated]),
            protectedIds: new Set([...base.hidden.protectedIds, ...protectedIds]),
            members: new Map([...base.hidden.members, ...members]),
        },
    };
    return { data, segments, accessProfiles };
}
