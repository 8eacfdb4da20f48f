/**
 * The exported program's text. Pure: the same tenant objects give the same bytes.
 *
 * Each object becomes one resource with `adoptId`, declaring exactly what the tenant holds (the engine's
 * `inputsFromServer`, the form a refresh compares with), so the first `pulumi up` writes nothing. References are
 * lookups by name where that finds exactly the object (identities by alias, sources and governance groups by a
 * unique name, entitlements by a value unique on their source), segments exported beside them by their resource,
 * and ids with a comment otherwise.
 */
import { inputsFromServer, type ResourceSchema } from "../engine";
import { accessProfileSchema, segmentSchema } from "../resources";
import { canFilter } from "../client";
import { resourceNames } from "./names";
import type { Json, Ref, TenantObjects } from "./tenant";

export interface RenderOptions {
    /** Where the objects came from, for the header (a URL: no credential is ever passed here). */
    origin: string;
    packageName: string;
    packageVersion: string;
    project: string;
}

/** A TypeScript expression. */
type Expr = string;

const lit = (value: string): Expr => JSON.stringify(value);
/** A comment that cannot end early. */
const note = (text: string): string => `/* ${text.replace(/\*\//g, "* /")} */`;
const byName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

function key(name: string): string {
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : lit(name);
}

/** Renders JSON with `refs` deciding how a value at a path is written (a lookup instead of an id literal). */
function render(value: unknown, indent: string, at: (path: string[], value: unknown) => Expr | undefined, path: string[] = []): Expr {
    const custom = at(path, value);
    if (custom !== undefined) return custom;
    if (value === null || typeof value !== "object") return JSON.stringify(value);
    const inner = `${indent}    `;
    if (Array.isArray(value)) {
        if (value.length === 0) return "[]";
        return `[\n${value.map((v, i) => `${inner}${render(v, inner, at, [...path, String(i)])},`).join("\n")}\n${indent}]`;
    }
    const entries = Object.entries(value as Json);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${render(v, inner, at, [...path, k])},`).join("\n")}\n${indent}}`;
}

function counted<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
    return counts;
}

export function renderProgram(t: TenantObjects, opts: RenderOptions): string {
    const segmentNames = resourceNames(t.segments.map((s) => ({ id: String(s.id), name: String(s.name ?? "") })));
    const profileNames = resourceNames(t.accessProfiles.map((p) => ({ id: String(p.id), name: String(p.name ?? "") })));
    const sourceNameCounts = counted(t.sources.values(), (s) => s.name);
    const groupNameCounts = counted(t.governanceGroups.values(), (g) => g.name);

    // What the program looks up, filled while the resources are rendered; declared above them.
    const identityLookups = new Map<string, string>(); // alias -> alias
    const sourceLookups = new Set<string>(); // source names
    const groupLookups = new Set<string>();
    const entitlementValues = new Map<string, Set<string>>(); // source name -> values

    const identity = (id: string): Expr => {
        const i = t.identities.get(id);
        if (i?.alias && canFilter(i.alias)) {
            identityLookups.set(i.alias, i.alias);
            return `identities[${lit(i.alias)}].id`;
        }
        return `${lit(id)} ${note(i ? `identity "${i.name}" (no alias a filter can find)` : "identity not readable at export time")}`;
    };
    const source = (id: string): Expr => {
        const s = t.sources.get(id);
        if (s && sourceNameCounts.get(s.name) === 1) {
            sourceLookups.add(s.name);
            return `sources[${lit(s.name)}].id`;
        }
        return `${lit(id)} ${note(s ? `source "${s.name}" (name not unique)` : "source not readable at export time")}`;
    };
    const group = (id: string): Expr => {
        const g = t.governanceGroups.get(id);
        if (g && groupNameCounts.get(g.name) === 1) {
            groupLookups.add(g.name);
            return `groups[${lit(g.name)}].id`;
        }
        return `${lit(id)} ${note(g ? `governance group "${g.name}" (name not unique)` : "governance group not readable at export time")}`;
    };
    const entitlement = (id: string): Expr => {
        const e = t.entitlements.get(id);
        const s = e ? t.sources.get(e.sourceId) : undefined;
        if (e && e.value !== null && e.uniqueValue && s && sourceNameCounts.get(s.name) === 1) {
            sourceLookups.add(s.name);
            entitlementValues.set(s.name, (entitlementValues.get(s.name) ?? new Set()).add(e.value));
            return `{ id: entitlements[${lit(s.name)}](${lit(e.value)}) }`;
        }
        const why = !e
            ? "entitlement not readable at export time"
            : `entitlement "${e.name}" (its value is not unique on its source, or no filter can carry it)`;
        return `{ id: ${lit(id)} } ${note(why)}`;
    };
    const segment = (id: string): Expr => {
        const name = segmentNames.get(id);
        return name ? `segments[${lit(name)}].id` : `${lit(id)} ${note("segment not exported")}`;
    };

    /** A request config whose approvers include governance groups: resolved with their lookups. */
    const approvals = (field: string, config: unknown, indent: string): Expr | undefined => {
        const schemes = (config as { approvalSchemes?: Array<{ approverType?: string; approverId?: unknown }> } | null)?.approvalSchemes ?? [];
        const ids = schemes
            .filter((s) => (s.approverType === "GOVERNANCE_GROUP" || s.approverType === "ADDITIONAL_GOVERNANCE_GROUP") && typeof s.approverId === "string")
            .map((s) => s.approverId as string);
        if (!ids.length) return undefined;
        const params = ids.map((_, i) => `g${i}`);
        const inner = render(config, indent, (path, value) =>
            path.length === 3 && path[0] === "approvalSchemes" && path[2] === "approverId" && typeof value === "string" && ids.includes(value)
                ? params[ids.indexOf(value)]
                : undefined,
        );
        const typeName = field === "accessRequestConfig" ? "isc.AccessRequestConfig" : "isc.RevocationRequestConfig";
        return `pulumi.all([${ids.map(group).join(", ")}]).apply(([${params.join(", ")}]): ${typeName} => (${inner}))`;
    };

    const body = (schema: ResourceSchema, server: Json, indent: string): string => {
        const declared = { adoptId: String(server.id), ...inputsFromServer(schema, server) };
        return render(declared, indent, (path, value) => {
            const [field, ...rest] = path;
            const id = (value as Ref | null)?.id;
            if (field === "owner" && rest.length === 0 && typeof id === "string") return `{ id: ${identity(id)} }`;
            if (field === "additionalOwners" && rest.length === 1 && typeof id === "string") {
                const type = (value as Ref).type ?? "IDENTITY";
                return `{ type: ${lit(type)}, id: ${type === "GOVERNANCE_GROUP" ? group(id) : identity(id)} }`;
            }
            if (field === "source" && rest.length === 0 && typeof id === "string") return `{ id: ${source(id)} }`;
            if (field === "entitlements" && rest.length === 1 && typeof id === "string") return entitlement(id);
            if (field === "segments" && rest.length === 1 && typeof value === "string") return segment(value);
            if ((field === "accessRequestConfig" || field === "revocationRequestConfig") && rest.length === 0) {
                return approvals(field, value, indent + "    ");
            }
            return undefined;
        });
    };

    const segmentLines = [...t.segments]
        .map((s) => [segmentNames.get(String(s.id))!, s] as [string, Json])
        .sort(byName)
        .map(([name, s]) => `    ${lit(name)}: new isc.Segment(${lit(name)}, ${body(segmentSchema, s, "    ")}),`);
    const profileLines = [...t.accessProfiles]
        .map((p) => [profileNames.get(String(p.id))!, p] as [string, Json])
        .sort(byName)
        .map(([name, p]) => `new isc.AccessProfile(${lit(name)}, ${body(accessProfileSchema, p, "")});`);

    const out: string[] = [];
    out.push(`// Generated by \`${opts.packageName} export\` from ${opts.origin}: ${t.segments.length} segments, ${t.accessProfiles.length} access profiles.`);
    out.push("// Each resource adopts its object (adoptId) and declares what the tenant holds: the first `pulumi up` writes nothing.");
    out.push("// References are lookups by name where the name finds exactly one object, ids (with a comment) otherwise.");
    out.push(`import * as pulumi from "@pulumi/pulumi";`);
    out.push(`import * as isc from ${lit(opts.packageName)};`);
    out.push("");
    out.push("// Identities, by alias.");
    out.push(`const identities: Record<string, pulumi.Output<isc.GetIdentityResult>> = {`);
    for (const alias of [...identityLookups.keys()].sort()) out.push(`    ${lit(alias)}: isc.getIdentityOutput({ alias: ${lit(alias)} }),`);
    out.push("};");
    out.push("// Sources, by name.");
    out.push(`const sources: Record<string, pulumi.Output<isc.GetSourceResult>> = {`);
    for (const name of [...sourceLookups].sort()) out.push(`    ${lit(name)}: isc.getSourceOutput({ name: ${lit(name)} }),`);
    out.push("};");
    if (groupLookups.size) {
        out.push("// Governance groups, by name.");
        out.push(`const groups: Record<string, pulumi.Output<isc.GetGovernanceGroupResult>> = {`);
        for (const name of [...groupLookups].sort()) out.push(`    ${lit(name)}: isc.getGovernanceGroupOutput({ name: ${lit(name)} }),`);
        out.push("};");
    }
    out.push("");
    out.push("/** Entitlement ids of one source by value: one lookup for all of them (50 values a call). */");
    out.push("function byValue(source: pulumi.Output<isc.GetSourceResult>, values: string[]): (value: string) => pulumi.Output<string> {");
    out.push("    const found = isc.getEntitlementsOutput({ source, values });");
    out.push("    return (value) => found.apply((list) => list[values.indexOf(value)].id);");
    out.push("}");
    out.push("// Entitlements, by value within their source.");
    out.push("const entitlements: Record<string, (value: string) => pulumi.Output<string>> = {");
    for (const [name, values] of [...entitlementValues].sort(byName)) {
        out.push(`    ${lit(name)}: byValue(sources[${lit(name)}], [`);
        for (const v of [...values].sort()) out.push(`        ${lit(v)},`);
        out.push("    ]),");
    }
    out.push("};");
    out.push("");
    out.push("// Segments.");
    out.push("const segments: Record<string, isc.Segment> = {");
    out.push(...segmentLines);
    out.push("};");
    out.push("");
    out.push("// Access profiles.");
    out.push(...profileLines);
    out.push("");
    return out.join("\n");
}
