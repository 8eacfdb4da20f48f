/**
 * The shape of a nested value (what an object field holds, e.g. an access request config): its fields, which
 * are required or may be null, and what each means. A resource's public TypeScript types (the plain ones and the
 * `*Args` with `pulumi.Input` at every leaf) are generated from these shapes and the resource's schema
 * (`npm run docs`); the validators take the keys they accept from them. Rules beyond the shape (which
 * combinations are allowed, how deep a tree may nest) stay in the validators.
 */

export type Shape = ScalarShape | EnumShape | ArrayShape | ObjectShape | LazyShape;

export interface ScalarShape {
    kind: "string" | "integer" | "boolean";
}

/** One of a const list's strings. The TypeScript union is `(typeof LIST)[number]`, never a copy of the list. */
export interface EnumShape {
    kind: "enum";
    values: readonly string[];
    /** The union's exported type name; without one the union is written inline. */
    name?: string;
}

export interface ArrayShape {
    kind: "array";
    items: Shape;
}

/** A named object: the TypeScript interface `name`, and `${name}Args` for programs. */
export interface ObjectShape {
    kind: "object";
    name: string;
    doc: string;
    fields: Readonly<Record<string, ShapeField>>;
}

/** An object shape reached through a function, so that a shape can contain itself (an AND of tests). */
export interface LazyShape {
    kind: "lazy";
    shape: () => ObjectShape;
}

export interface ShapeField {
    shape: Shape;
    /** Must be present and non-null. Otherwise the field may be omitted. */
    required?: boolean;
    /** `null` is allowed (and means the same as omitting the field). */
    nullable?: boolean;
    doc: string;
}

export const stringShape: ScalarShape = { kind: "string" };
export const integerShape: ScalarShape = { kind: "integer" };
export const booleanShape: ScalarShape = { kind: "boolean" };

export function enumShape(values: readonly string[], name?: string): EnumShape {
    return name === undefined ? { kind: "enum", values } : { kind: "enum", values, name };
}

export function arrayShape(items: Shape): ArrayShape {
    return { kind: "array", items };
}

export function objectShape(name: string, doc: string, fields: Record<string, ShapeField>): ObjectShape {
    return { kind: "object", name, doc, fields };
}

export function lazyShape(shape: () => ObjectShape): LazyShape {
    return { kind: "lazy", shape };
}

/** The keys an object of this shape may hold, in the shape's order. */
export function shapeKeys(shape: ObjectShape): string[] {
    return Object.keys(shape.fields);
}

/** The keys whose values are of one scalar kind (e.g. the boolean flags of a config). */
export function shapeKeysOf(shape: ObjectShape, kind: ScalarShape["kind"]): string[] {
    return Object.entries(shape.fields)
        .filter(([, f]) => f.shape.kind === kind)
        .map(([k]) => k);
}

/** A lazy shape resolved; any other shape as it is. */
export function resolveShape(shape: Shape): Exclude<Shape, LazyShape> {
    return shape.kind === "lazy" ? shape.shape() : shape;
}
