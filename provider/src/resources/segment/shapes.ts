/**
 * What a segment's visibility criteria hold. Their TypeScript types (generated.ts) are generated from these
 * shapes; validate.ts accepts their keys and enforces the rules beyond them.
 */
import { arrayShape, enumShape, lazyShape, objectShape, stringShape, type ObjectShape } from "../../engine";

export const SEGMENT_OPERATORS = ["AND", "EQUALS"] as const;
/** The types an `EQUALS` value may have: ISC has only one. */
export const SEGMENT_VALUE_TYPES = ["STRING"] as const;

export const segmentExpressionValueShape = objectShape("SegmentExpressionValue", "The value an `EQUALS` test expects.", {
    type: { shape: enumShape(SEGMENT_VALUE_TYPES), doc: '"STRING", the only type ISC has; may be omitted.' },
    value: { shape: stringShape, required: true, doc: "The string the attribute must equal." },
});

export const segmentExpressionShape: ObjectShape = objectShape(
    "SegmentExpression",
    "One node of a segment's visibility expression: an `EQUALS` test of an identity attribute, or an `AND` of `EQUALS` tests (at most two levels). `equals()` and `and()` build it.",
    {
        operator: {
            shape: enumShape(SEGMENT_OPERATORS, "SegmentOperator"),
            required: true,
            doc: '"EQUALS" tests one attribute; "AND" combines `EQUALS` tests.',
        },
        attribute: { shape: stringShape, nullable: true, doc: 'The identity attribute an `EQUALS` compares, e.g. "location". Only for `EQUALS`.' },
        value: { shape: segmentExpressionValueShape, nullable: true, doc: 'The value an `EQUALS` expects: `{type: "STRING", value}`. Only for `EQUALS`.' },
        children: {
            shape: arrayShape(lazyShape(() => segmentExpressionShape)),
            nullable: true,
            doc: "The `EQUALS` tests an `AND` combines. Only for `AND`.",
        },
    },
);

export const segmentVisibilityCriteriaShape = objectShape("SegmentVisibilityCriteria", "Which identities a segment applies to.", {
    expression: {
        shape: segmentExpressionShape,
        required: true,
        doc: "An `EQUALS` test, or an `AND` of `EQUALS` tests: build it with `equals()` and `and()`.",
    },
});
