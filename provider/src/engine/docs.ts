/**
 * Field reference documentation, generated from a resource's description so that it cannot drift from
 * what check, diff and the planner do.
 */
import { FieldSpec, ResourceSchema } from "./schema";

/** A Markdown table of a resource's inputs, then one of its server-computed outputs. */
export function fieldReference(schema: ResourceSchema): string {
    const entries = Object.entries(schema.fields);
    const inputs = entries.filter(([, f]) => !f.computed);
    const outputs = entries.filter(([, f]) => f.computed);
    return [
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
    ].join("\n");
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
            return `object${nullable}`;
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
