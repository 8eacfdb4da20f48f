/**
 * A large, realistic, awkward tenant, deterministically from a seed: identities with accented and CJK names,
 * governance groups, sources of several connector kinds with their entitlements (DN values on directories),
 * segments and access profiles that pass the emulator's own validation (owners are existing identities, a profile's
 * entitlements come from its source, its segments are populated segments, approval schemes name existing groups).
 *
 * Ids are hashes of (seed, kind, index) and every other choice comes from a per-kind seeded generator, with fixed
 * timestamps: the same options give the same bytes, and the populated objects do not depend on the emulator's seed.
 *
 * This file makes the identities, governance groups, sources and entitlements and joins the whole; the options are in
 * populate-settings.ts, the segments and access profiles in populate-access.ts, the seeded draws in populate-draw.ts.
 */
import { ConnectorKind, CONNECTORS } from "./connectors";
import {
    APPS,
    asciiAlias,
    AWKWARD_ENTITLEMENTS,
    AWKWARD_GROUPS,
    AWKWARD_IDENTITIES,
    AWKWARD_SOURCES,
    DEPARTMENTS,
    ENVIRONMENTS,
    FIRST_NAMES,
    LAST_NAMES,
    LEVELS,
    LOCATIONS,
    REGIONS,
} from "./names";
import { makeAccessProfiles, makeSegments, type PopulatedObject } from "./populate-access";
import { between, chance, idFor, pick, some, START, stream, unique } from "./populate-draw";
import type { PopulateSettings } from "./populate-settings";
import { Random } from "./random";
import { fixedTime, makeEntitlement, makeGroup, makeIdentity, makeSource } from "./tenant";
import type { Entitlement, GovernanceGroup, Identity, ReferenceData, Source } from "./tenant-types";

export interface Population {
    data: ReferenceData;
    segments: PopulatedObject[];
    accessProfiles: PopulatedObject[];
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
