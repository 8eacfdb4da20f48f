/**
 * Echo variation: every form SailPoint's published specs allow for a segment or an access profile in an answer,
 * picked per field and per answer from a seeded generator, so a client is tested against what a real tenant may
 * send rather than against the one form the emulator stores. The stored objects never change; only the answer
 * does (ids excepted: an object created while the mode is on gets a 32-hex or a UUID-shaped id, chosen once).
 *
 * What varies, from the schemas in sailpoint-oss/api-specs (`idn/{v3,beta,v2024,v2025,v2026}/schemas`):
 *  - an empty value (null, `[]`, or absent) is sent in any form the field's schema allows: left out always (no
 *    answer field is required), `null` where the field is `nullable`, `[]` where it is an array. Segment
 *    `description` is a plain string (never null); beta's segment `visibilityCriteria` is not nullable;
 *  - a boolean equal to its documented default (`active`, `enabled`, `requestable`, the request-config flags) may be
 *    left out, and the request-config flags, which are nullable with default false, may be null;
 *  - a reference's `name` is filled or left out (an additional owner's, which is nullable, may also be null);
 *  - the lists whose order carries no meaning (`entitlements`, `segments`, `additionalOwners`) come in any order;
 *    approval schemes (the order approvals happen in) and expression or criteria children keep theirs;
 *  - `created` and `modified` have milli- or microseconds (the same instant: the extra digits are fixed per stamp);
 *  - fields the provider does not know: `accessModelMetadata` on access profiles (every version publishes it), and
 *    invented ones on both kinds, as a tenant upgraded after the client was written would send;
 *  - object keys come in any order.
 */
import * as crypto from "crypto";
import { CODES, HttpError, show } from "./errors";
import type { Answer } from "./answer";
import { Random, seeded } from "./random";
import type { Route } from "./routes";
import type { Kind } from "./store";
import { isObject, Json, JsonObject } from "./validation";

export interface EchoVariationConfig {
    /** Seeds every choice: the same requests in the same order get the same answers. */
    seed: number;
}

/** `echoVariation` in `PATCH /__emulator/config`: null (off) or `{seed}` (a whole number); anything else is a 400. */
export function echoVariationFrom(value: Json | undefined): EchoVariationConfig | null {
    if (value === null) return null;
    const seed = isObject(value) ? value.seed : undefined;
    const fields = isObject(value) ? Object.keys(value) : [];
    if (typeof seed !== "number" || !Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 32 || fields.some((f) => f !== "seed")) {
        throw new HttpError(400, CODES.badContent, [`echoVariation must be null (off) or {"seed": <whole number>}; got ${show(value ?? null)}.`]);
    }
    return { seed };
}

/** How one field may be written in an answer. */
type Rule =
    | { kind: "keep" }
    | { kind: "stamp" }
    | { kind: "scalar"; nullable: boolean; default?: boolean }
    | { kind: "ref"; nullable: boolean; nameNullable?: boolean }
    | { kind: "set"; of: Rule }
    | { kind: "list"; of: Rule }
    | { kind: "object"; nullable: boolean; fields: Record<string, Rule> };

const KEEP: Rule = { kind: "keep" };
const STAMP: Rule = { kind: "stamp" };
const nullable: Rule = { kind: "scalar", nullable: true };
const flag = (value: boolean, isNullable = false): Rule => ({ kind: "scalar", nullable: isNullable, default: value });
const ref = (nameNullable = false): Rule => ({ kind: "ref", nullable: true, nameNullable });
const object = (fields: Record<string, Rule>, isNullable = true): Rule => ({ kind: "object", nullable: isNullable, fields });

/** Expression.yaml: a child's `children` "will always be null". */
const expressionChild = object({ operator: KEEP, attribute: nullable, value: object({ type: KEEP, value: KEEP }), children: nullable });
const expression = object({ operator: KEEP, attribute: nullable, value: object({ type: KEEP, value: KEEP }), children: { kind: "list", of: expressionChild } });

function segmentRules(version: string): Record<string, Rule> {
    return {
        id: KEEP,
        name: KEEP,
        created: STAMP,
        modified: STAMP,
        description: { kind: "scalar", nullable: false },
        owner: ref(),
        // beta's Segment refers to VisibilityCriteria without `nullable`; v3 and later add it.
        visibilityCriteria: object({ expression }, version !== "beta"),
        active: flag(false),
    };
}

const scheme = object({ approverType: KEEP, approverId: nullable }, false);
const schemes: Rule = { kind: "list", of: scheme };
const criteria = (level: number): Rule =>
    object({ operation: KEEP, attribute: nullable, value: nullable, children: level < 3 ? { kind: "list", of: criteria(level + 1) } : nullable });

const ACCESS_PROFILE_RULES: Record<string, Rule> = {
    id: KEEP,
    name: KEEP,
    created: STAMP,
    modified: STAMP,
    description: nullable,
    enabled: flag(false),
    owner: ref(),
    source: ref(),
    entitlements: { kind: "set", of: ref() },
    requestable: flag(true),
    accessRequestConfig: object({
        commentsRequired: flag(false, true),
        denialCommentsRequired: flag(false, true),
        reauthorizationRequired: flag(false, true),
        requireEndDate: flag(false, true),
        maxPermittedAccessDuration: object({ value: KEEP, timeUnit: KEEP }),
        approvalSchemes: schemes,
    }),
    revocationRequestConfig: object({ approvalSchemes: schemes }),
    segments: { kind: "set", of: KEEP },
    // AttributeDTOList: the object is not nullable, its `attributes` list is.
    accessModelMetadata: object({ attributes: { kind: "list", of: KEEP } }, false),
    provisioningCriteria: criteria(1),
    additionalOwners: { kind: "set", of: ref(true) },
};

/** Access-model metadata as `AttributeDTOList` describes it (an invented classification, not the spec's example). */
const METADATA: Json[] = [
    { attributes: [] },
    { attributes: null },
    {
        attributes: [
            {
                key: "iscClassification",
                name: "Classification",
                multiselect: false,
                status: "active",
                type: "governance",
                objectTypes: ["all"],
                description: "How sensitive the access is.",
                values: [{ value: "internal", name: "Internal", status: "active" }],
            },
        ],
    },
];

/** Fields no published version has: what a tenant upgraded after the client was written may add. */
const INVENTED: Array<[string, Json]> = [
    ["tags", ["emulated", "future"]],
    ["riskScore", 42],
    ["lifecycle", { state: "ACTIVE", reviewedAt: null }],
    ["externalRef", null],
    ["governanceHints", { reviewRequired: false, labels: [] }],
];

const ABSENT = Symbol("absent");
type Shown = Json | typeof ABSENT;

export class EchoVariation {
    private readonly random: Random;
    private readonly shapes: Random;

    constructor(readonly seed: number) {
        this.random = seeded(seed * 2654435761 + 97);
        this.shapes = seeded(seed * 40503 + 7);
    }

    /**
     * The id an object created now gets: `hex` (32 hex digits) as it is, or the same digits as a version-4 UUID,
     * a seeded choice. An object keeps its id for good.
     */
    idFor(hex: string): string {
        return this.shapes() < 0.5 ? hex : uuidShaped(hex);
    }

    /** An answer's body (one object or a page of them) as this answer shows it; `body` is not changed. */
    answer(kind: Kind, version: string, body: unknown): unknown {
        const rules = kind === "segments" ? segmentRules(version) : ACCESS_PROFILE_RULES;
        const one = (o: unknown) => (isObject(o as Json) ? this.top(kind, rules, o as JsonObject) : o);
        return Array.isArray(body) ? body.map(one) : one(body);
    }

    private chance(p = 0.5): boolean {
        return this.random() < p;
    }

    private pick<T>(choices: readonly T[]): T {
        return choices[Math.floor(this.random() * choices.length)];
    }

    private top(kind: Kind, rules: Record<string, Rule>, obj: JsonObject): JsonObject {
        const out = this.fields(rules, obj);
        if (kind === "access-profiles" && !("accessModelMetadata" in obj) && this.chance(0.4)) out.accessModelMetadata = structuredClone(this.pick(METADATA));
        for (const [name, value] of INVENTED) if (!(name in obj) && this.chance(0.2)) out[name] = structuredClone(value);
        return this.shuffleKeys(out);
    }

    private fields(rules: Record<string, Rule>, obj: JsonObject): JsonObject {
        const out: JsonObject = {};
        for (const [key, value] of Object.entries(obj)) {
            const shown = this.show(rules[key] ?? KEEP, value);
            if (shown !== ABSENT) out[key] = shown;
        }
        return out;
    }

    private show(rule: Rule, value: Json): Shown {
        const empty = value === null || (Array.isArray(value) && value.length === 0);
        if (empty && rule.kind !== "keep" && rule.kind !== "stamp") return this.emptyForm(rule);
        switch (rule.kind) {
            case "keep":
                return structuredClone(value);
            case "stamp":
                return typeof value === "string" && this.chance() ? microseconds(value) : value;
            case "scalar":
                if (rule.default !== undefined && value === rule.default && this.chance(0.3)) return rule.nullable && this.chance() ? null : ABSENT;
                return value;
            case "ref":
                return isObject(value) ? this.reference(rule, value) : value;
            case "set":
                return Array.isArray(value) ? this.shuffle(value.map((e) => this.element(rule.of, e))) : value;
            case "list":
                return Array.isArray(value) ? value.map((e) => this.element(rule.of, e)) : value;
            case "object":
                return isObject(value) ? this.shuffleKeys(this.fields(rule.fields, value)) : value;
        }
    }

    /** An element of a list: never left out. */
    private element(rule: Rule, value: Json): Json {
        const shown = this.show(rule, value);
        return shown === ABSENT ? null : shown;
    }

    private emptyForm(rule: Rule): Shown {
        const forms: Shown[] = [ABSENT];
        if (rule.kind === "set" || rule.kind === "list") forms.push([], null);
        else if ((rule.kind === "scalar" || rule.kind === "ref" || rule.kind === "object") && rule.nullable) forms.push(null);
        return this.pick(forms);
    }

    private reference(rule: Extract<Rule, { kind: "ref" }>, value: JsonObject): JsonObject {
        const out: JsonObject = { ...value };
        if (typeof value.name === "string" && this.chance()) {
            if (rule.nameNullable && this.chance()) out.name = null;
            else delete out.name;
        }
        return this.shuffleKeys(out);
    }

    private shuffle<T>(list: T[]): T[] {
        const out = [...list];
        for (let i = out.length - 1; i > 0; i--) {
            const j = Math.floor(this.random() * (i + 1));
            [out[i], out[j]] = [out[j], out[i]];
        }
        return out;
    }

    private shuffleKeys(obj: JsonObject): JsonObject {
        return Object.fromEntries(this.shuffle(Object.entries(obj)));
    }
}

/**
 * What is sent for an ISC answer: a segment or an access profile (one, or a page of them) in a varied form when
 * `echo` is on; every other answer (errors, bulk delete, a profile's entitlements, reference data) as it is.
 */
export function echoedBody(echo: EchoVariation | null, route: Route, answer: Answer): unknown {
    const kind = route.collection === "segments" || route.collection === "access-profiles" ? route.collection : undefined;
    if (!echo || !kind || route.sub !== undefined || route.id === "bulk-delete" || answer.status >= 300) return answer.body;
    return echo.answer(kind, route.version, answer.body);
}

/** The same 32 hex digits as a version-4 UUID (8-4-4-4-12, version nibble 4, variant 8 to b). */
export function uuidShaped(hex: string): string {
    const h = hex.toLowerCase();
    const variant = "89ab"[parseInt(h[16], 16) % 4];
    const d = `${h.slice(0, 12)}4${h.slice(13, 16)}${variant}${h.slice(17, 32)}`;
    return `${d.slice(0, 8)}-${d.slice(8, 12)}-${d.slice(12, 16)}-${d.slice(16, 20)}-${d.slice(20, 32)}`;
}

/**
 * A millisecond stamp (`...:05.123Z`) written with microseconds (`...:05.123457Z`): the same millisecond, with
 * three more digits fixed by the stamp itself, so every answer that shows them shows the same ones.
 */
export function microseconds(stamp: string): string {
    const m = /^(.*\.\d{3})Z$/.exec(stamp);
    if (!m) return stamp;
    const extra = crypto.createHash("sha256").update(stamp).digest().readUInt16BE(0) % 1000;
    return `${m[1]}${String(extra).padStart(3, "0")}Z`;
}
