/**
 * Field reference documentation, generated from a resource's description so that it cannot drift from
 * what check, diff and the planner do.
 */
import { FieldSpec, ResourceSchema } from "./schema";
import { resolveShape, type ObjectShape, type Shape } from "./shapes";

/**
 * What the resource is, a Markdown table of its inputs, one of its server-computed outputs, then one table per
 * type of nested value (its object fields' shapes).
 */
export function fieldReference(schema: ResourceSchema): string {
    const entries = Object.entries(schema.fields);
    const inputs = entries.filter(([, f]) => !f.computed);
    const outputs = entries.filter(([, f]) => f.computed);
    return [
        schema.doc,
        "",
        `### ${schema.label} inputs`,
        "",
        "| property | type | required | default | on change | description |",
        "| --- | --- | --- | --- | --- | --- |",
        ...inputs.map(([name, f]) => `| \`${name}\` | ${kindText(f)} | ${f.required ? "yes" : "no"} | ${defaultText(f)} | ${changeText(f)} | ${cell(f.doc)} |`),
        "",
        `### ${schema.label} outputs set by ISC`,
        "",
        "| property | description |",
        "| --- | --- |",
        ...outputs.map(([name, f]) => `| \`${name}\` | ${cell(f.doc)} |`),
        "",
        ...nestedShapes(schema).flatMap(shapeTable),
    ].join("\n");
}

/** Every named object shape reachable from the schema's object fields, in the order first met. */
export function nestedShapes(schema: ResourceSchema): ObjectShape[] {
    const found = new Map<string, ObjectShape>();
    const visit = (shape: Shape): void => {
        const s = resolveShape(shape);
        if (s.kind === "array") visit(s.items);
        if (s.kind !== "object" || found.get(s.name) === s) return;
        if (found.has(s.name)) throw new Error(`${schema.label}: two different shapes are named ${s.name}`);
        found.set(s.name, s);
        Object.values(s.fields).forEach((f) => visit(f.shape));
    };
    Object.values(schema.fields).forEach((f) => f.kind === "object" && visit(f.shape));
    return [...found.values()];
}

function shapeTable(o: ObjectShape): string[] {
    return [
        `### ${o.name}`,
        "",
        cell(o.doc),
        "",
        "| property | type | required | description |",
        "| --- | --- | --- | --- |",
        ...Object.entries(o.fields).map(
            ([name, f]) => `| \`${name}\` | ${shapeText(f.shape)}${f.nullable ? " or null" : ""} | ${f.required ? "yes" : "no"} | ${cell(f.doc)} |`,
        ),
        "",
    ];
}

function shapeText(shape: Shape): string {
    const s = resolveShape(shape);
    switch (s.kind) {
        case "string":
        case "boolean":
        case "integer":
            return s.kind;
        case "enum":
            return `one of ${s.values.map((v) => `"${v}"`).join(", ")}`;
        case "object":
            return s.name;
        case "array":
            return `list of ${shapeText(s.items)}`;
    }
}

function kindText(f: FieldSpec): string {
    const nullable = f.nullable ? " or null" : "";
    switch (f.kind) {
        case "string":
            return `string${f.maxLength !== undefined ? ` (≤ ${f.maxLength} chars)` : ""}${nullable}`;
        case "boolean":
            return `boolean${nullable}`;
        case "reference":
            return `reference to ${f.refTypes.join(" or ")}${nullable}`;
        case "referenceSet":
            return `set of references to ${f.refTypes.join(" or ")}${nullable}`;
        case "stringSet":
            return `set of ids${nullable}`;
        case "object":
            return `${f.shape.name}${nullable}`;
    }
}

function defaultText(f: FieldSpec): string {
    if (f.default !== undefined) return `\`${JSON.stringify(f.default)}\``;
    return f.required ? "" : "none";
}

function changeText(f: FieldSpec): string {
    if (f.providerOnly) return "ignored";
    if (f.replaceOnChange) return "replace";
    return f.patchable ? "patch" : "ignored";
}

/** Table cells cannot hold `|` or line breaks. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
