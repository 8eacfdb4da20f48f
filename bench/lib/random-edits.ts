/**
 * Random, valid programs for segments and access profiles, and random edits of them, drawn from the emulator's
 * seeded tenant (so every reference exists), reproducible from a seed.
 */
import type { TenantState } from "../../emulator/admin-client";
import { seeded } from "../../emulator/random";

export type Props = Record<string, unknown>;
export type Kind = "segments" | "access-profiles";

export class EditGenerator {
    private readonly rnd: () => number;
    private readonly segmentIds: string[];

    constructor(
        private readonly tenant: TenantState,
        seed: number,
    ) {
        this.rnd = seeded(seed);
        this.segmentIds = Array.from({ length: 8 }, (_, i) => `2c91808a000000000000000000000${String(i).padStart(3, "0")}`);
    }

    private pick<T>(xs: readonly T[]): T {
        return xs[Math.floor(this.rnd() * xs.length)];
    }
    private chance(p: number): boolean {
        return this.rnd() < p;
    }
    private subset<T>(xs: readonly T[], min = 0): T[] {
        const out = xs.filter(() => this.chance(0.5));
        while (out.length < min && out.length < xs.length) {
            const x = this.pick(xs);
            if (!out.includes(x)) out.push(x);
        }
        return out.sort(() => this.rnd() - 0.5);
    }

    private equals(): Props {
        return {
            operator: "EQUALS",
            attribute: this.pick(["location", "department", "country"]),
            value: { type: "STRING", value: this.pick(["London", "Paris", "Sales", "Finance", "UK"]) },
        };
    }

    segmentField(field: string): unknown {
        switch (field) {
            case "name":
                return `Segment ${this.pick(["A", "B", "C", "D"])}${Math.floor(this.rnd() * 100)}`;
            case "description":
                return this.pick([null, "Everyone in London", "Sales staff", "d".repeat(120)]);
            case "owner":
                return this.chance(0.2) ? null : { id: this.pick(this.tenant.identities).id };
            case "active":
                return this.chance(0.5);
            case "visibilityCriteria":
                if (this.chance(0.2)) return null;
                return {
                    expression: this.chance(0.5)
                        ? this.equals()
                        : { operator: "AND", children: Array.from({ length: 2 + Math.floor(this.rnd() * 2) }, () => this.equals()) },
                };
            default:
                throw new Error(field);
        }
    }

    segment(): Props {
        const out: Props = {};
        for (const f of ["name", "description", "owner", "active", "visibilityCriteria"]) out[f] = this.segmentField(f);
        return out;
    }

    private entitlementsOf(sourceId: string): string[] {
        return this.tenant.entitlements.filter((e) => e.source.id === sourceId).map((e) => e.id);
    }

    private schemes(): Props[] {
        const kind = this.pick(["manager", "group", "two", "workflow"]);
        if (kind === "manager") return [{ approverType: "MANAGER" }];
        if (kind === "group") return [{ approverType: "GOVERNANCE_GROUP", approverId: this.pick(this.tenant.governanceGroups).id }];
        if (kind === "workflow") return [{ approverType: "WORKFLOW", approverId: "4b3e4f9a-0c1d-4e2f-8a7b-5c6d7e8f9a0b" }];
        return [{ approverType: "OWNER" }, { approverType: "SOURCE_OWNER" }];
    }

    accessProfileField(field: string, current: Props): unknown {
        switch (field) {
            case "name":
                return `Profile ${this.pick(["Payroll", "VPN", "Sales", "HR"])} ${Math.floor(this.rnd() * 100)}`;
            case "description":
                return this.pick([null, "Write access to payroll", "VPN for engineers", "x".repeat(300)]);
            case "owner":
                return { id: this.pick(this.tenant.identities).id };
            case "requestable":
                return this.chance(0.7);
            case "accessRequestConfig":
                if (this.chance(0.25)) return null;
                return {
                    commentsRequired: this.chance(0.5),
                    denialCommentsRequired: this.chance(0.3),
                    ...(this.chance(0.3)
                        ? { maxPermittedAccessDuration: { value: 1 + Math.floor(this.rnd() * 12), timeUnit: this.pick(["DAYS", "WEEKS", "MONTHS"]) } }
                        : {}),
                    approvalSchemes: this.schemes(),
                };
            case "revocationRequestConfig":
                return this.chance(0.5) ? null : { approvalSchemes: [{ approverType: this.pick(["MANAGER", "OWNER"]) }] };
            case "segments":
                return this.chance(0.2) ? null : this.subset(this.segmentIds);
            case "provisioningCriteria":
                return this.pick([
                    null,
                    { operation: "EQUALS", attribute: "dn", value: "cn=x" },
                    {
                        operation: "OR",
                        children: [
                            { operation: "HAS", attribute: "memberOf" },
                            { operation: "CONTAINS", attribute: "dn", value: "ou=fin" },
                        ],
                    },
                ]);
            case "additionalOwners":
                return this.chance(0.6) ? null : [{ type: "GOVERNANCE_GROUP", id: this.pick(this.tenant.governanceGroups).id }];
            case "entitlements": {
                const source = (current.source as { id: string }).id;
                return this.subset(this.entitlementsOf(source)).map((id) => ({ id }));
            }
            default:
                throw new Error(field);
        }
    }

    private static readonly AP_FIELDS = [
        "name",
        "description",
        "owner",
        "requestable",
        "accessRequestConfig",
        "revocationRequestConfig",
        "segments",
        "provisioningCriteria",
        "additionalOwners",
    ];

    accessProfile(): Props {
        const out: Props = { source: { id: this.pick(this.tenant.sources).id } };
        for (const f of EditGenerator.AP_FIELDS) out[f] = this.accessProfileField(f, out);
        out.entitlements = this.accessProfileField("entitlements", out);
        out.enabled = (out.entitlements as unknown[]).length > 0 && this.chance(0.6);
        return out;
    }

    /** A copy of `old` with a random, non-empty subset of its fields changed (always valid). */
    edit(kind: Kind, old: Props): Props {
        const next = structuredClone(old);
        if (kind === "segments") {
            const fields = this.subset(["name", "description", "owner", "active", "visibilityCriteria"], 1);
            for (const f of fields) next[f] = this.segmentField(f);
            return next;
        }
        const fields = this.subset([...EditGenerator.AP_FIELDS, "entitlements", "source", "enabled"], 1);
        if (fields.includes("source")) {
            const others = this.tenant.sources.filter((s) => s.id !== (old.source as { id: string }).id);
            next.source = { id: this.pick(others).id };
            next.entitlements = this.accessProfileField("entitlements", next);
        }
        for (const f of fields) {
            if (f === "source" || f === "enabled") continue;
            if (f === "entitlements") {
                // Small set changes as well as wholesale ones: add or drop one or two elements half the time.
                const pool = this.entitlementsOf((next.source as { id: string }).id);
                const held = ((next.entitlements as Array<{ id: string }> | null) ?? []).map((e) => e.id);
                if (this.chance(0.5) && held.length > 0) {
                    const kept = held.filter(() => !this.chance(0.3));
                    const extra = pool.filter((id) => !held.includes(id) && this.chance(0.3));
                    next.entitlements = [...kept, ...extra].map((id) => ({ id }));
                } else next.entitlements = this.accessProfileField("entitlements", next);
                continue;
            }
            next[f] = this.accessProfileField(f, next);
        }
        const hasEntitlements = ((next.entitlements as unknown[] | null) ?? []).length > 0;
        if (fields.includes("enabled")) next.enabled = hasEntitlements && !old.enabled;
        if (!hasEntitlements) next.enabled = false;
        return next;
    }
}
