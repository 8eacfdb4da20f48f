/**
 * A resource's public TypeScript, written from its description so that nothing in it can drift from the schema, in
 * two files by layer. In the resources layer (`resources/<folder>/generated.ts`): the checked `*Inputs` and state
 * `*Outputs` the dynamic provider handles and the types of its nested values (from their shapes), unions as
 * `(typeof LIST)[number]` of the const lists the shapes module exports. In the SDK (`sdk/<folder>.generated.ts`): the
 * `*Args` a program passes (a `pulumi.Input` at every leaf, nested `*Args` for objects) and the resource class with
 * its output declarations. Every JSDoc is a `doc` of the description.
 */
import {
    nestedShapes,
    outputNames,
    resolveShape,
    type FieldSpec,
    type ObjectShape,
    type ReferenceField,
    type ReferenceSetField,
    type ResourceSchema,
    type Shape,
    type ShapeField,
} from "../../provider/src/engine";
import { ISC_FAMILY, type SdkFamily } from "./sdk-families";

export interface ResourceSource {
    /** The kind the serialized provider names (resources/index.ts). */
    kind: string;
    /** Its folder under provider/src/resources, and the name of its file under provider/src/sdk (`<folder>.generated.ts`). */
    folder: string;
    schema: ResourceSchema;
    /** The resource's shapes.ts, whose exports hold every const list a union is made of. */
    shapes: Readonly<Record<string, unknown>>;
    /** The API family whose SDK the class belongs to. Default: ISC's (ISC_FAMILY). */
    family?: SdkFamily;
}

/** What one resource's description generates: its plain types (resources layer) and its SDK (Args and class). */
export interface ResourceFiles {
    /** provider/src/resources/<folder>/generated.ts: unions, nested values, `*Inputs`, `*Outputs` (not written when the family has no plain types). */
    types: string;
    /** provider/src/sdk/<folder>.generated.ts: `*Args` (nested ones too), the class; it re-exports the plain types. */
    sdk: string;
}

const WIDTH = 120;

/** The text of one resource's two generated files. */
export function resourceFiles(source: ResourceSource): ResourceFiles {
    return new Writer(source).files();
}

/** Which file a type is written for: its imports differ. */
type Target = "types" | "sdk";

/** Imports by module, each a set of names (all type-only). */
class Imports {
    private readonly byModule = new Map<string, Set<string>>();
    constructor(private readonly order: readonly string[]) {}
    add(module: string, name: string): void {
        if (!this.order.includes(module)) throw new Error(`no import from ${module} is expected here`);
        const names = this.byModule.get(module) ?? new Set<string>();
        names.add(name);
        this.byModule.set(module, names);
    }
    lines(): string[] {
        return this.order.flatMap((m) => {
            const names = this.byModule.get(m);
            return names?.size ? [namedList("import type", [...names], m)] : [];
        });
    }
}

/** What a resource's types file may import: the engine (`engine`, from its folder), the family's references, its shapes. */
function typesImports(engine: string): string[] {
    return [engine, "../references", "./shapes"];
}

class Writer {
    private readonly imports: Record<Target, Imports>;
    /** Union type name -> its const list's name in shapes.ts. */
    private readonly unions = new Map<string, string>();
    private readonly label: string;
    private readonly family: SdkFamily;
    /** The engine's index from the resource's folder: one level deeper than the SDK folder, its resources folder's sibling. */
    private readonly typesEngine: string;

    constructor(private readonly source: ResourceSource) {
        this.label = source.schema.label;
        this.family = source.family ?? ISC_FAMILY;
        // A family without plain types has no resources module or references for its SDK to import from.
        const sdkImports = this.family.plainTypes ? [this.family.engine, "../resources", "./references"] : [this.family.engine];
        this.typesEngine = `../${this.family.engine}`;
        this.imports = { types: new Imports(typesImports(this.typesEngine)), sdk: new Imports(sdkImports) };
    }

    files(): ResourceFiles {
        const { schema } = this.source;
        const fields = Object.entries(schema.fields);
        const inputs = fields.filter(([, f]) => !f.computed);
        const shapes = nestedShapes(schema);

        const plain = [
            ...shapes.map((o) => this.plainObject(o)),
            // Object types rather than interfaces: the provider hands them to code taking any property bag.
            this.objectType(
                `${this.label}Inputs`,
                `${cap(article(this.label))} ${this.label}'s checked inputs, as its dynamic provider receives them: plain values.`,
                inputs.map(([n, f]) => this.member(n, f.doc, !f.required, `${this.plainType(f, "in", "types")}${f.nullable ? " | null" : ""}`)),
            ),
            this.objectType(
                `${this.label}Outputs`,
                `${cap(article(this.label))} ${this.label} as its dynamic provider keeps it in the state: the server's object (\`id\` is the resource's own).`,
                fields
                    .filter(([n]) => n !== "id")
                    .map(([n, f]) => this.member(n, f.doc, outputOptional(f), `${this.plainType(f, "out", "types")}${f.nullable ? " | null" : ""}`)),
            ),
        ];
        const args = [
            ...shapes.map((o) => this.argsObject(o)),
            this.iface(
                `${this.label}Args`,
                `The arguments of ${article(this.label)} ${this.label}: ${this.family.service}'s field names, each a value or an output.`,
                inputs.map(([n, f]) => this.member(n, f.doc, !f.required, `pulumi.Input<${this.argsType(f)}${f.nullable ? " | null" : ""}>`)),
            ),
            this.resourceClass(),
        ];
        // Both files first, then their headers: each names what the other registered on the way (unions, imports).
        const unionLines = [...this.unions].map(([name, list]) => `export type ${name} = (typeof ${list})[number];\n`);
        const types = [this.typesHeader(), ...(unionLines.length ? [unionLines.join("")] : []), ...plain].join("\n");
        if (!this.family.plainTypes) return { types, sdk: [this.sdkHeader(), ...args].join("\n") };
        const plainNames = [...this.unions.keys(), ...shapes.map((o) => o.name), `${this.label}Inputs`, `${this.label}Outputs`];
        const reexport = `// The plain types (checked inputs, state outputs, nested values) are the resource description's.\n${namedList("export type", plainNames, "../resources")}\n`;
        const sdk = [this.sdkHeader(), reexport, ...args].join("\n");
        return { types, sdk };
    }

    /** " and shapes.ts" when the resource has a shapes module (ZPA's have none). */
    private andShapes(): string {
        return Object.keys(this.source.shapes).length ? " and shapes.ts" : "";
    }

    private typesHeader(): string {
        return (
            [
                "/**",
                ...wrap(
                    `${this.label}'s plain types (its checked inputs, state outputs and nested values), generated by \`npm run docs\` (scripts/docs.ts) from schema.ts${this.andShapes()} in this folder: do not edit. Its \`*Args\` and class are in ${this.family.sdkDir}/${this.source.folder}.generated.ts. test/docs/resources-doc.test.ts fails when this file is stale.`,
                    " * ",
                ),
                " */",
                ...this.imports.types.lines(),
            ].join("\n") + "\n"
        );
    }

    private sdkHeader(): string {
        const imported = this.imports.sdk.lines();
        const sibling = (line: string) => line.endsWith('from "./references";');
        return (
            [
                "/**",
                ...wrap(
                    `${this.label}'s SDK: its class and \`*Args\`, generated by \`npm run docs\` (scripts/docs.ts) from ${this.family.resourcesDir}/${this.source.folder}/schema.ts${this.andShapes()}: do not edit. test/docs/resources-doc.test.ts fails when this file is stale.`,
                    " * ",
                ),
                " */",
                'import * as pulumi from "@pulumi/pulumi";',
                ...imported.filter((l) => !sibling(l)),
                'import { outputSlots } from "./outputs";',
                'import { providerHandle } from "./provider-handle";',
                ...imported.filter(sibling),
            ].join("\n") + "\n"
        );
    }

    private resourceClass(): string {
        const { kind, schema } = this.source;
        const outputs = outputNames(schema).map((n) => {
            const f = schema.fields[n];
            const type = `${this.plainType(f, "out", "sdk")}${f.nullable ? " | null" : ""}${outputOptional(f) ? " | undefined" : ""}`;
            return `${jsdoc(f.doc, "    ")}    declare public readonly ${n}: pulumi.Output<${type}>;\n`;
        });
        return [
            jsdoc(schema.doc, ""),
            `export class ${this.label} extends pulumi.dynamic.Resource {\n`,
            ...outputs,
            "\n",
            `    constructor(name: string, args: ${this.label}Args, opts?: pulumi.CustomResourceOptions) {\n`,
            `        super(provider, name, { ...outputSlots(${JSON.stringify(kind)}), ...args }, opts, ${JSON.stringify(this.family.module)}, ${JSON.stringify(this.label)});\n`,
            "    }\n",
            "}\n",
            "\n",
            `const provider = providerHandle(${JSON.stringify(kind)});\n`,
        ].join("");
    }

    private iface(name: string, doc: string, members: string[]): string {
        return `${jsdoc(doc, "")}export interface ${name} {\n${members.join("")}}\n`;
    }

    private objectType(name: string, doc: string, members: string[]): string {
        return `${jsdoc(doc, "")}export type ${name} = {\n${members.join("")}};\n`;
    }

    private member(name: string, doc: string, optional: boolean, type: string): string {
        return `${jsdoc(doc, "    ")}    ${name}${optional ? "?" : ""}: ${type};\n`;
    }

    /** A name the resources layer defines, as `target` refers to it: declared in the types file, imported in the SDK. */
    private described(name: string, target: Target): string {
        if (target === "sdk") this.imports.sdk.add("../resources", name);
        return name;
    }

    /** A top-level field's type in checked inputs ("in") or outputs ("out"), without its `| null`. */
    private plainType(f: FieldSpec, mode: "in" | "out", target: Target): string {
        switch (f.kind) {
            case "string":
                return "string";
            case "boolean":
                return "boolean";
            case "stringSet":
                return "string[]";
            case "object":
                return this.described(f.shape.name, target);
            case "reference":
            case "referenceSet": {
                const ref = mode === "out" ? "ServerReference" : f.defaultRefType ? "Reference" : "TypedReference";
                if (target === "sdk") this.imports.sdk.add(this.family.engine, ref);
                else this.imports.types.add(ref === "TypedReference" ? "../references" : this.typesEngine, ref);
                const one = `${ref}<${this.refUnion(f, target)}>`;
                return f.kind === "reference" ? one : `Array<${one}>`;
            }
        }
    }

    /** A top-level field's type in `*Args`, inside its `pulumi.Input<…>` and without its `| null`. */
    private argsType(f: FieldSpec): string {
        switch (f.kind) {
            case "string":
            case "boolean":
                return f.kind;
            case "stringSet":
                return "Array<pulumi.Input<string>>";
            case "object":
                return `${f.shape.name}Args`;
            case "reference":
            case "referenceSet": {
                const ref = f.defaultRefType ? "RefArgs" : "TypedRefArgs";
                this.imports.sdk.add("./references", ref);
                const one = `${ref}<${this.refUnion(f, "sdk")}>`;
                return f.kind === "reference" ? one : `Array<pulumi.Input<${one}>>`;
            }
        }
    }

    private refUnion(f: ReferenceField | ReferenceSetField, target: Target): string {
        if (f.refTypeName === undefined) return f.refTypes.map((t) => JSON.stringify(t)).join(" | ");
        return this.union(f.refTypeName, f.refTypes, target);
    }

    /** A named union of a const list that shapes.ts exports (found by identity, so never a copy), declared in the types file. */
    private union(name: string, values: readonly string[], target: Target): string {
        const list = this.listName(values, "types");
        const known = this.unions.get(name);
        if (known !== undefined && known !== list) throw new Error(`${this.label}: two unions are named ${name} (${known} and ${list})`);
        this.unions.set(name, list);
        return this.described(name, target);
    }

    /** The const list's name; the types file imports it from ./shapes, the SDK from the resources' index. */
    private listName(values: readonly string[], target: Target): string {
        const names = Object.entries(this.source.shapes)
            .filter(([, v]) => v === values)
            .map(([k]) => k);
        if (names.length !== 1) {
            throw new Error(
                `${this.label}: the list ${JSON.stringify(values)} must be exported from the resource's shapes.ts exactly once (found ${names.length} exports): its union is written as (typeof LIST)[number]`,
            );
        }
        if (target === "types") this.imports.types.add("./shapes", names[0]);
        else this.imports.sdk.add("../resources", names[0]);
        return names[0];
    }

    private plainObject(o: ObjectShape): string {
        return this.iface(
            o.name,
            o.doc,
            Object.entries(o.fields).map(([n, f]) => this.shapeMember(n, f, this.shapeType(f.shape, "types"), false)),
        );
    }

    private argsObject(o: ObjectShape): string {
        return this.iface(
            `${o.name}Args`,
            o.doc,
            Object.entries(o.fields).map(([n, f]) => this.shapeMember(n, f, this.shapeType(f.shape, "sdk"), true)),
        );
    }

    private shapeMember(name: string, f: ShapeField, type: string, input: boolean): string {
        const t = `${type}${f.nullable ? " | null" : ""}`;
        return this.member(name, f.doc, !f.required, input ? `pulumi.Input<${t}>` : t);
    }

    /** A nested value's type: plain in the types file; in the SDK's `*Args`, objects are their `*Args` and array elements inputs. */
    private shapeType(shape: Shape, target: Target): string {
        const s = resolveShape(shape);
        const args = target === "sdk";
        switch (s.kind) {
            case "string":
            case "boolean":
                return s.kind;
            case "integer":
                return "number";
            case "enum":
                return s.name !== undefined ? this.union(s.name, s.values, target) : `(typeof ${this.listName(s.values, target)})[number]`;
            case "object":
                return args ? `${s.name}Args` : s.name;
            case "array": {
                const item = this.shapeType(s.items, target);
                if (args) return `Array<pulumi.Input<${item}>>`;
                return /^[A-Za-z0-9_]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
            }
        }
    }
}

/**
 * Outputs hold every field of the server's object, `null` where it has no value; a provider-only field is
 * carried only when the program wrote it, and a field neither required, nullable nor defaulted may be absent.
 */
function outputOptional(f: FieldSpec): boolean {
    if (f.providerOnly) return true;
    return !f.computed && !f.required && !f.nullable && f.default === undefined;
}

function article(word: string): string {
    return /^[AEIOU]/.test(word) ? "an" : "a";
}

function cap(word: string): string {
    return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `import type { a, b } from "m";`, one name a line when that is longer than WIDTH. */
function namedList(keyword: string, names: string[], from: string): string {
    const sorted = [...names].sort();
    const one = `${keyword} { ${sorted.join(", ")} } from "${from}";`;
    return one.length <= WIDTH ? one : `${keyword} {\n${sorted.map((n) => `    ${n},\n`).join("")}} from "${from}";`;
}

/** `text` in lines of at most WIDTH characters, each starting with `prefix`. */
function wrap(text: string, prefix: string): string[] {
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
        if (line && `${prefix}${line} ${word}`.length > WIDTH) {
            lines.push(`${prefix}${line}`);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line) lines.push(`${prefix}${line}`);
    return lines;
}

/** A JSDoc block for `text` at `indent`, on one line when it fits, wrapped at WIDTH otherwise. */
export function jsdoc(text: string, indent: string): string {
    const safe = text.replace(/\*\//g, "*\\/");
    const one = `${indent}/** ${safe} */`;
    if (one.length <= WIDTH) return `${one}\n`;
    const lines: string[] = [];
    let line = "";
    for (const word of safe.split(/\s+/)) {
        if (line && `${indent} * ${line} ${word}`.length > WIDTH) {
            lines.push(line);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line) lines.push(line);
    return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`].join("\n") + "\n";
}
