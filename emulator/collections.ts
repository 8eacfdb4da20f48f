/**
 * The read-only reference collections (sources, entitlements, identities, public identities, governance groups):
 * under which version prefixes SailPoint publishes each, which `filters` and `sorters` each takes (copied from
 * sailpoint-oss/api-specs, `idn/{v3,beta,v2024,v2025}/paths/...`), and how each answers.
 */
import { CODES, HttpError, show } from "./errors";
import { FieldRule, FieldType, FilterSpec, matches, Operator, parseFilter, pathValue, sortBy, type FieldReader } from "./filters";
import { page, type Page } from "./paging";
import type { Identity, ReferenceData } from "./tenant-types";

const rule = (type: FieldType, ...ops: Operator[]): FieldRule => ({ type, ops });
const str = (...ops: Operator[]) => rule("string", ...ops);
const date = (...ops: Operator[]) => rule("date", ...ops);

/** idn/v3/paths/access-profiles.yaml (the same on beta, v2024, v2025 and /access-profiles/v1): `created` has no `lt`. */
export const ACCESS_PROFILE_FILTERS: FilterSpec = {
    id: str("eq", "in"),
    name: str("eq", "sw"),
    created: date("gt", "ge", "le"),
    modified: date("gt", "lt", "ge", "le"),
    "owner.id": str("eq", "in"),
    requestable: rule("boolean", "eq"),
    "source.id": str("eq", "in"),
};
export const ACCESS_PROFILE_SORTERS = ["name", "created", "modified"] as const;

/** idn/v3/paths/access-profile-entitlements.yaml: `GET /access-profiles/{id}/entitlements`. */
export const ACCESS_PROFILE_ENTITLEMENT_FILTERS: FilterSpec = {
    id: str("eq", "in"),
    name: str("eq", "sw"),
    attribute: str("eq", "sw"),
    value: str("eq", "sw"),
    created: date("gt", "lt", "ge", "le"),
    modified: date("gt", "lt", "ge", "le"),
    "owner.id": str("eq", "in"),
    "source.id": str("eq", "in"),
};
export const ACCESS_PROFILE_ENTITLEMENT_SORTERS = ["name", "attribute", "value", "created", "modified"] as const;

const SOURCE_DATES: Operator[] = ["eq", "ge", "gt", "in", "le", "lt", "ne", "isnull", "sw"];
const SOURCE_FILTERS: FilterSpec = {
    id: str("eq", "in", "ge", "gt", "le", "lt", "ne", "isnull", "sw"),
    name: str("co", "eq", "in", "sw", "ge", "gt", "ne", "isnull"),
    type: str("eq", "in", "ge", "gt", "ne", "isnull", "sw"),
    "owner.id": str("eq", "in", "ge", "gt", "le", "lt", "ne", "isnull", "sw"),
    features: rule("strings", "ca", "co"),
    created: date(...SOURCE_DATES),
    modified: date(...SOURCE_DATES),
    "managementWorkgroup.id": str("eq", "ge", "gt", "in", "le", "lt", "ne", "isnull", "sw"),
    description: str("eq", "sw"),
    authoritative: rule("boolean", "eq", "ne", "isnull"),
    healthy: rule("boolean", "isnull"),
    status: str("eq", "in", "ge", "gt", "le", "lt", "ne", "isnull", "sw"),
    connectionType: str("eq", "ge", "gt", "in", "le", "lt", "ne", "isnull", "sw"),
    connectorName: str("eq", "ge", "gt", "in", "ne", "isnull", "sw"),
    category: str("co", "eq", "ge", "gt", "in", "le", "lt", "ne", "sw"),
};
/** idn/beta/paths/sources.yaml lists only `eq` for the dates. */
const BETA_SOURCE_FILTERS: FilterSpec = { ...SOURCE_FILTERS, created: date("eq"), modified: date("eq") };
const SOURCE_SORTERS = [
    "type",
    "created",
    "modified",
    "name",
    "owner.name",
    "healthy",
    "status",
    "id",
    "description",
    "owner.id",
    "accountCorrelationConfig.id",
    "accountCorrelationConfig.name",
    "managerCorrelationRule.type",
    "managerCorrelationRule.id",
    "managerCorrelationRule.name",
    "authoritative",
    "managementWorkgroup.id",
    "connectorName",
    "connectionType",
];

const ENTITLEMENT_FILTERS: FilterSpec = {
    id: str("eq", "in"),
    name: str("eq", "in", "sw"),
    type: str("eq", "in"),
    attribute: str("eq", "in"),
    value: str("eq", "in", "sw"),
    "source.id": str("eq", "in"),
    requestable: rule("boolean", "eq"),
    created: date("gt", "lt", "ge", "le"),
    modified: date("gt", "lt", "ge", "le"),
    "owner.id": str("eq", "in"),
};
const ENTITLEMENT_SORTERS = ["id", "name", "created", "modified", "type", "attribute", "value", "source.id", "requestable"];

const IDENTITY_FILTERS: FilterSpec = {
    id: str("eq", "in"),
    name: str("eq", "sw"),
    alias: str("eq", "sw"),
    firstname: str("eq", "sw"),
    lastname: str("eq", "sw"),
    email: str("eq", "sw"),
    cloudStatus: str("eq"),
    processingState: str("eq"),
    correlated: rule("boolean", "eq"),
    protected: rule("boolean", "eq"),
};
const PUBLIC_IDENTITY_FILTERS: FilterSpec = {
    id: str("eq", "in"),
    alias: str("eq", "sw"),
    email: str("eq", "sw"),
    firstname: str("eq", "sw"),
    lastname: str("eq", "sw"),
};
const WORKGROUP_FILTERS: FilterSpec = {
    id: str("eq", "in", "sw"),
    name: str("eq", "sw", "in"),
    "memberships.identityId": rule("strings", "eq", "in"),
};

type Params = URLSearchParams;

interface Collection {
    /** Version prefixes under which the spec publishes the list. */
    list: readonly string[];
    /** Version prefixes under which it publishes `GET /{id}` (none for public identities). */
    item: readonly string[];
    filters(version: string): FilterSpec;
    sorters: readonly string[];
    items(data: ReferenceData): readonly object[];
    /** Field names the filters use that are not the answer's own paths. */
    reader?(data: ReferenceData): FieldReader;
    /** The query's other parameters: which items they keep, or a 400. */
    scope?(items: readonly object[], q: Params, data: ReferenceData): readonly object[];
    /** The answer's shape, when it differs from the stored object. */
    show?(item: object, data: ReferenceData): object;
}

function refuse(text: string): never {
    throw new HttpError(400, CODES.badContent, [text]);
}

function notEmulated(q: Params, names: string[]): void {
    for (const n of names) if (q.has(n)) refuse(`The query parameter "${n}" is not supported by the ISC emulator.`);
}

function booleanParam(q: Params, name: string, fallback: boolean): boolean {
    const v = q.get(name);
    if (v === null) return fallback;
    if (v !== "true" && v !== "false") refuse(`Illegal value ${show(v)} for "${name}": true or false.`);
    return v === "true";
}

const identityAttribute = (field: string): string | undefined =>
    ({ firstname: "attributes.firstname", lastname: "attributes.lastname", email: "emailAddress", cloudStatus: "attributes.cloudStatus" })[field];

function identityReader(data: ReferenceData): FieldReader {
    return (obj, field) => {
        const id = (obj as Identity).id;
        if (field === "correlated") return !data.hidden.uncorrelated.has(id);
        if (field === "protected") return data.hidden.protectedIds.has(id);
        return pathValue(obj, identityAttribute(field) ?? field);
    };
}

/** PublicIdentity (idn/v3/schemas/PublicIdentity.yaml). */
function publicIdentity(i: Identity): object {
    const attr = (key: string, name: string) => ({ key, name, value: i.attributes[key] ?? null });
    return {
        id: i.id,
        name: i.name,
        alias: i.alias,
        email: i.emailAddress,
        status: i.lifecycleState ? i.lifecycleState.stateName.charAt(0).toUpperCase() + i.lifecycleState.stateName.slice(1) : null,
        identityState: i.lifecycleState ? "ACTIVE" : null,
        manager: i.managerRef,
        attributes: [attr("department", "Department"), attr("location", "Location")],
    };
}

const COLLECTIONS: Record<string, Collection> = {
    sources: {
        list: ["v3", "beta", "v2024", "v2025"],
        item: ["v3", "beta", "v2024", "v2025"],
        filters: (v) => (v === "beta" ? BETA_SOURCE_FILTERS : SOURCE_FILTERS),
        sorters: SOURCE_SORTERS,
        items: (d) => d.sources,
        scope(items, q) {
            notEmulated(q, ["for-subadmin"]);
            booleanParam(q, "includeIDNSource", false); // the emulator has no IdentityNow source to include
            return items;
        },
    },
    entitlements: {
        list: ["beta", "v2024", "v2025"],
        item: ["beta", "v2024", "v2025"],
        filters: () => ENTITLEMENT_FILTERS,
        sorters: ENTITLEMENT_SORTERS,
        items: (d) => d.entitlements,
        reader: () => (obj, field) => pathValue(obj, field === "type" ? "sourceSchemaObjectType" : field),
        scope(items, q) {
            notEmulated(q, ["account-id", "segmented-for-identity", "for-segment-ids"]);
            if (!booleanParam(q, "include-unsegmented", true)) refuse('"include-unsegmented=false" needs "for-segment-ids" or "segmented-for-identity".');
            return items;
        },
    },
    identities: {
        list: ["beta", "v2024", "v2025"],
        item: ["beta", "v2024", "v2025"],
        filters: () => IDENTITY_FILTERS,
        sorters: ["name", "alias", "cloudStatus"],
        items: (d) => d.identities,
        reader: identityReader,
        scope(items, q, data) {
            const mode = q.get("defaultFilter") ?? "CORRELATED_ONLY";
            if (mode !== "CORRELATED_ONLY" && mode !== "NONE") refuse(`Illegal value ${show(mode)} for "defaultFilter": CORRELATED_ONLY or NONE.`);
            return mode === "NONE" ? items : items.filter((i) => !data.hidden.uncorrelated.has((i as Identity).id));
        },
    },
    "public-identities": {
        list: ["v3", "v2024", "v2025"],
        item: [],
        filters: () => PUBLIC_IDENTITY_FILTERS,
        sorters: ["name"],
        items: (d) => d.identities,
        reader: identityReader,
        scope(items, q, data) {
            if (!booleanParam(q, "add-core-filters", false)) return items;
            return items.filter((obj) => {
                const i = obj as Identity;
                const kept = !data.hidden.uncorrelated.has(i.id) || data.hidden.protectedIds.has(i.id);
                return kept && !["spadmin", "cloudadmin"].includes(i.alias) && i.attributes.uid && i.attributes.lastname && i.emailAddress;
            });
        },
        show: (i) => publicIdentity(i as Identity),
    },
    workgroups: {
        list: ["beta", "v2024", "v2025"],
        item: ["beta", "v2024", "v2025"],
        filters: () => WORKGROUP_FILTERS,
        sorters: ["name", "created", "modified", "id", "description"],
        items: (d) => d.governanceGroups,
        reader: (data) => (obj, field) =>
            field === "memberships.identityId" ? (data.hidden.members.get((obj as { id: string }).id) ?? []) : pathValue(obj, field),
    },
};

export const REFERENCE_COLLECTIONS: readonly string[] = Object.keys(COLLECTIONS);

/** Where a collection is published, for a 404 that says so; undefined when it is published under `version`. */
export function unpublished(version: string, collection: string, item: boolean): string | undefined {
    const c = COLLECTIONS[collection];
    if (!c) return undefined;
    const where = item ? c.item : c.list;
    if (where.includes(version)) return undefined;
    if (where.length === 0) return `${collection} has no item route; list it with filters=id eq "<id>".`;
    return `${collection}${item ? "/{id}" : ""} is published under ${where.map((v) => `/${v}`).join(", ")}, not /${version}.`;
}

/** Filters, sorts and pages `items` as ISC does: `filters`, then `sorters`, then `limit`/`offset`/`count`. */
export function query<T extends object>(items: readonly T[], q: Params, spec: FilterSpec, sorters: readonly string[], read: FieldReader = pathValue): Page<T> {
    let list: readonly T[] = items;
    const filters = q.get("filters");
    if (filters !== null && filters.trim() !== "") {
        const node = parseFilter(filters, spec);
        list = list.filter((o) => matches(node, o, read));
    }
    const sort = q.get("sorters");
    if (sort !== null && sort !== "") list = sortBy([...list], sort, sorters, read);
    return page(list, q);
}

/** `GET /{version}/{collection}` or `/{version}/{collection}/{id}` on a reference collection. */
export function readReference(
    data: ReferenceData,
    version: string,
    collection: string,
    id: string | undefined,
    q: Params,
): { status: number; body: unknown; headers?: Record<string, string> } {
    const c = COLLECTIONS[collection];
    const show = (o: object) => (c.show ? c.show(o, data) : o);
    if (id !== undefined) {
        const found = c.items(data).find((o) => (o as { id: string }).id === id);
        if (!found) throw new HttpError(404, CODES.notFound, [`${collection} "${id}" was not found.`]);
        return { status: 200, body: show(found) };
    }
    const scoped = c.scope ? c.scope(c.items(data), q, data) : c.items(data);
    const result = query(scoped, q, c.filters(version), c.sorters, c.reader ? c.reader(data) : pathValue);
    return { status: 200, body: result.body.map(show), headers: result.headers };
}
