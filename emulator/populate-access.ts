/** The populated tenant's segments and access profiles, made to pass the emulator's own validation. */
import { AUDIENCES, AWKWARD_ACCESS_PROFILES, AWKWARD_SEGMENTS, DEPARTMENTS, LEVELS, LOCATIONS, REGIONS } from "./names";
import { between, chance, idFor, pick, some, START, stream, unique } from "./populate-draw";
import type { PopulateSettings } from "./populate-settings";
import { fixedTime, ref } from "./tenant";
import type { Entitlement, GovernanceGroup, Identity, Source } from "./tenant-types";
import type { JsonObject } from "./validation";

/** A segment or access profile to store as is: its fields pass the emulator's validation. */
export interface PopulatedObject {
    id: string;
    fields: JsonObject;
    created: string;
    modified: string;
}

export function makeSegments(o: PopulateSettings, people: readonly Identity[]): PopulatedObject[] {
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

export function makeAccessProfiles(
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
