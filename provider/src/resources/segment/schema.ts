/**
 * The Segment resource, described once: its fields and their rules. Check, diff, patch planning,
 * normalisation, outputs, documentation and the public TypeScript types (generated.ts, by `npm run docs`) are
 * all derived from `segmentSchema`. Adding a field is an entry here, then `npm run docs`.
 */
import type { ResourceSchema } from "../../engine";
import { idField, LOOKUPS, referenceIdField } from "../ids";
import { comparableVisibilityCriteria, completeVisibilityCriteria, normalizeVisibilityCriteria } from "./expressions";
import { segmentVisibilityCriteriaShape } from "./shapes";
import { validateVisibilityCriteria } from "./validate";

const computed = { computed: true, required: false, nullable: false, patchable: false } as const;

export const segmentSchema: ResourceSchema = {
    label: "Segment",
    doc: "A SailPoint ISC segment: a named group of identities, by visibility criteria, to which access profiles are scoped. Updates are sent as minimal JSON Patches; drift made in the ISC UI shows with `pulumi preview --refresh`.",
    collection: "segments",
    fields: {
        id: { kind: "string", ...computed, doc: "The segment's id, assigned by ISC." },
        name: { kind: "string", nonBlank: true, required: true, nullable: false, patchable: true, doc: "The segment's name as shown in ISC." },
        description: {
            kind: "string",
            maxLength: 2000,
            emptyIsNull: true,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Free text, up to 2,000 characters. An empty description is the same as none.",
        },
        owner: {
            kind: "reference",
            refTypes: ["IDENTITY"],
            defaultRefType: "IDENTITY",
            validate: referenceIdField(LOOKUPS.identity),
            required: false,
            nullable: true,
            patchable: true,
            doc: 'The identity that owns the segment: `{id}`; `type` is "IDENTITY" and may be omitted. Default: none.',
        },
        active: {
            kind: "boolean",
            default: false,
            required: false,
            nullable: false,
            patchable: true,
            doc: "Whether the segment takes effect; ISC ignores inactive segments. Default: false.",
        },
        visibilityCriteria: {
            kind: "object",
            shape: segmentVisibilityCriteriaShape,
            validate: validateVisibilityCriteria,
            complete: completeVisibilityCriteria,
            normalize: normalizeVisibilityCriteria,
            comparable: comparableVisibilityCriteria,
            required: false,
            nullable: true,
            patchable: true,
            doc: "Which identities the segment applies to: an `EQUALS` test or an `AND` of `EQUALS` tests, built with `equals()` and `and()` (the order of an `AND`'s tests does not matter). Default: none.",
        },
        created: { kind: "string", ...computed, doc: "When ISC created the segment (ISO 8601)." },
        modified: { kind: "string", ...computed, doc: "When ISC last changed the segment (ISO 8601)." },
        adoptId: {
            kind: "string",
            nonBlank: true,
            validate: idField(LOOKUPS.segmentToAdopt),
            providerOnly: true,
            required: false,
            nullable: false,
            patchable: false,
            doc: "The id of an existing segment to take over instead of creating one (Pulumi's `import` does not work for dynamic resources); the first `up` patches it to the declared state. Later changes have no effect.",
        },
    },
};
