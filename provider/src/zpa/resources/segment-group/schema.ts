/**
 * The ZPA SegmentGroup resource, described once for the engine: check, diff, normalisation and the outputs are
 * derived from `segmentGroupSchema` (docs/CONTRACTS.md, "SegmentGroup").
 */
import { failure, isUnknown, type Failure, type ResourceSchema } from "../../../engine";

const computed = { computed: true, required: false, nullable: false, patchable: false } as const;

/** What the ZPA admin UI accepts in a segment group's name. */
const NAME_CHARACTER = /[A-Za-z0-9._\- ]/;

/**
 * Names the characters outside the allowed set (not the whole name: it is free text and may say more than it
 * should in a log); the allowed set is what Zscaler's UI takes.
 */
function validateName(value: unknown, path: string): Failure[] {
    if (typeof value !== "string") return [];
    const bad = [...new Set([...value].filter((c) => !NAME_CHARACTER.test(c)))];
    if (bad.length === 0) return [];
    const shown = bad.slice(0, 5).map((c) => JSON.stringify(c));
    return [
        failure(
            path,
            `${path} of a SegmentGroup holds ${shown.join(", ")}${bad.length > 5 ? ` and ${bad.length - 5} more` : ""}: a ZPA segment group name may hold letters, digits, ".", "-", "_" and spaces`,
        ),
    ];
}

/** ZPA ids are numeric strings. */
function validateIds(value: unknown, path: string): Failure[] {
    if (!Array.isArray(value)) return [];
    return value.flatMap((id, i) =>
        typeof id === "string" && !isUnknown(id) && !/^\d+$/.test(id)
            ? [
                  failure(
                      `${path}[${i}]`,
                      `${path}[${i}] of a SegmentGroup is not a ZPA id: use an application segment's numeric id, e.g. getApplicationSegment(...).id`,
                  ),
              ]
            : [],
    );
}

export const segmentGroupSchema: ResourceSchema = {
    label: "SegmentGroup",
    doc: "A ZPA (Zscaler Private Access) segment group: a named set of application segments that access policy rules refer to. Updates are one PUT of the object as the server holds it with only the changed fields replaced; drift made in the ZPA admin portal shows with `pulumi preview --refresh`.",
    collection: "segmentGroup",
    fields: {
        id: { kind: "string", ...computed, doc: "The segment group's id, assigned by ZPA (a numeric string)." },
        name: {
            kind: "string",
            nonBlank: true,
            required: true,
            nullable: false,
            patchable: true,
            validate: validateName,
            doc: 'The segment group\'s name: letters, digits, ".", "-", "_" and spaces.',
        },
        description: {
            kind: "string",
            emptyIsNull: true,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Free text. An empty description is the same as none.",
        },
        enabled: {
            kind: "boolean",
            default: false,
            required: false,
            nullable: false,
            patchable: true,
            doc: "Whether the segment group is in effect. Default: false.",
        },
        applications: {
            kind: "stringSet",
            emptyIsNull: true,
            unmanagedWhenAbsent: true,
            validate: validateIds,
            required: false,
            nullable: false,
            patchable: true,
            doc: "The ids of the application segments in the group, in any order. Absent: not managed here (an application segment names its own group; the outputs show the server's ids); `[]`: no applications.",
        },
        microtenantId: {
            kind: "string",
            nonBlank: true,
            unmanagedWhenAbsent: true,
            replaceOnChange: true,
            required: false,
            nullable: false,
            patchable: false,
            doc: "The microtenant that owns the group (default: the zpa:microtenantId setting, else the customer's default). A change replaces the group.",
        },
        configSpace: { kind: "string", ...computed, doc: "ZPA's configuration space (`DEFAULT` or `SIEM`), as the server gives it." },
        creationTime: { kind: "string", ...computed, doc: "When ZPA created the group (epoch seconds, as the server gives it)." },
        modifiedTime: { kind: "string", ...computed, doc: "When ZPA last changed the group (epoch seconds, as the server gives it)." },
        modifiedBy: { kind: "string", ...computed, doc: "Who last changed the group, as the server gives it." },
        adoptId: {
            kind: "string",
            nonBlank: true,
            providerOnly: true,
            required: false,
            nullable: false,
            patchable: false,
            doc: "The id of an existing segment group to take over instead of creating one (Pulumi's `import` does not work for dynamic resources); the first `up` writes it to the declared state. Later changes have no effect.",
        },
    },
};
