/**
 * The package's public types as a program sees them (the TypeScript compiler's view of an entry: provider/src/index.ts
 * for `pulumi-sailpoint-isc`, provider/src/zpa/index.ts for `pulumi-sailpoint-isc/zpa`), compared with a resource's
 * description: every `*Args`, `*Inputs`, `*Outputs`, nested type, union and output
 * declaration, member by member (name, order, optional, nullable, kind, doc). Independent of the generator:
 * it reads what the compiler makes of the files, whatever wrote them.
 */
import * as path from "path";
import ts from "typescript";
import { nestedShapes, outputNames, resolveShape, type FieldSpec, type ResourceSchema, type Shape, type ShapeField } from "../../provider/src/engine";

const ROOT = path.join(__dirname, "..", "..");

export interface PublicApi {
    checker: ts.TypeChecker;
    exports: Map<string, ts.Symbol>;
}

/** The package's ISC entry (the default) or the ZPA one. */
export const ISC_ENTRY = "provider/src/index.ts";
export const ZPA_ENTRY = "provider/src/zpa/index.ts";

/** An entry's exports; `overrides` replaces files' text (paths from the repository's root). */
export function loadPublicApi(overrides: Record<string, string> = {}, entry: string = ISC_ENTRY): PublicApi {
    const options: ts.CompilerOptions = {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: ["node"],
    };
    const replaced = new Map(Object.entries(overrides).map(([file, text]) => [path.join(ROOT, file), text]));
    const host = ts.createCompilerHost(options);
    const { getSourceFile, readFile, fileExists } = host;
    host.getSourceFile = (name, language, ...rest) => {
        const text = replaced.get(path.resolve(name));
        return text === undefined ? getSourceFile.call(host, name, language, ...rest) : ts.createSourceFile(name, text, language);
    };
    host.readFile = (name) => replaced.get(path.resolve(name)) ?? readFile.call(host, name);
    host.fileExists = (name) => replaced.has(path.resolve(name)) || fileExists.call(host, name);
    const program = ts.createProgram([path.join(ROOT, entry)], options, host);
    const checker = program.getTypeChecker();
    const index = program.getSourceFile(path.join(ROOT, entry));
    const moduleSymbol = index && checker.getSymbolAtLocation(index);
    if (!moduleSymbol) throw new Error(`${entry} did not load`);
    const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
    return { checker, exports: new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, resolve(s)])) };
}

interface Expected {
    name: string;
    optional: boolean;
    nullable: boolean;
    doc: string;
    /** A problem with the member's type (without null and undefined), if any. */
    kind: (t: ts.Type) => string | undefined;
}

interface Actual {
    name: string;
    optional: boolean;
    doc: string;
    type: ts.Type;
}

/** Every way the exported types differ from the description; empty when they match. */
export function publicTypeDrift(api: PublicApi, schema: ResourceSchema): string[] {
    const { checker } = api;
    const problems: string[] = [];
    const L = schema.label;
    const fields = Object.entries(schema.fields);
    const inputs = fields.filter(([, f]) => !f.computed);
    const expect = (name: string, f: FieldSpec, optional: boolean, kind: Expected["kind"]): Expected => ({
        name,
        optional,
        nullable: f.nullable,
        doc: f.doc,
        kind,
    });

    const plain = (f: FieldSpec, mode: "in" | "out") => (t: ts.Type) => fieldKindProblem(checker, f, t, mode);
    const inputsType = compare(
        api,
        `${L}Inputs`,
        inputs.map(([n, f]) => expect(n, f, !f.required, plain(f, "in"))),
        problems,
    );
    const outputsType = compare(
        api,
        `${L}Outputs`,
        fields.filter(([n]) => n !== "id").map(([n, f]) => expect(n, f, outputOptional(f), plain(f, "out"))),
        problems,
    );
    // Args: each member takes an output, and every plain value the checked inputs allow.
    compare(
        api,
        `${L}Args`,
        inputs.map(([n, f]) => expect(n, f, !f.required, (t) => inputProblem(checker, t, memberType(checker, inputsType, n)))),
        problems,
    );

    // The class: its output declarations are the outputs' types, each a pulumi.Output.
    const cls = api.exports.get(L);
    if (!cls) problems.push(`${L}: not exported`);
    else {
        if (docOf(checker, cls) !== schema.doc) problems.push(`${L}: the class's doc is not the description's`);
        const instance = checker.getDeclaredTypeOfSymbol(cls);
        const own = checker
            .getPropertiesOfType(instance)
            .filter((p) => p.declarations?.some((d) => d.parent && ts.isClassDeclaration(d.parent) && d.parent.name?.text === L));
        const actual = own.map((p) => member(checker, p));
        const expected = outputNames(schema).map((n) => {
            const want = memberType(checker, outputsType, n) ?? checker.getNeverType();
            return expect(n, schema.fields[n], false, (t) => {
                const value = outputValue(checker, t);
                const same = value && checker.isTypeAssignableTo(value, want) && checker.isTypeAssignableTo(want, value);
                return same ? undefined : `is ${checker.typeToString(t)}, not pulumi.Output<${checker.typeToString(want)}>`;
            });
        });
        problems.push(
            ...compareMembers(
                checker,
                `${L} (class)`,
                actual,
                expected.map((e) => ({ ...e, nullable: false })),
            ),
        );
    }

    for (const shape of nestedShapes(schema)) {
        const entries = Object.entries(shape.fields);
        const plainShape = compare(
            api,
            shape.name,
            entries.map(([n, f]) => shapeExpected(n, f, (t) => shapeKindProblem(checker, f.shape, t))),
            problems,
        );
        compare(
            api,
            `${shape.name}Args`,
            entries.map(([n, f]) => shapeExpected(n, f, (t) => inputProblem(checker, t, memberType(checker, plainShape, n)))),
            problems,
        );
    }
    for (const [name, values] of unions(schema)) {
        const alias = api.exports.get(name);
        const got = alias ? literals(checker.getDeclaredTypeOfSymbol(alias)) : [];
        if (!alias) problems.push(`${name}: not exported`);
        else if (got.join() !== [...values].sort().join()) problems.push(`${name}: is ${got.join(" | ")}, not ${values.join(" | ")}`);
    }
    return problems;
}

function shapeExpected(name: string, f: ShapeField, kind: Expected["kind"]): Expected {
    return { name, optional: !f.required, nullable: f.nullable === true, doc: f.doc, kind };
}

/** Compares one exported type's members with the expected ones; returns its type for further checks. */
function compare(api: PublicApi, name: string, expected: Expected[], problems: string[]): ts.Type | undefined {
    const symbol = api.exports.get(name);
    if (!symbol) {
        problems.push(`${name}: not exported`);
        return undefined;
    }
    const type = api.checker.getDeclaredTypeOfSymbol(symbol);
    problems.push(
        ...compareMembers(
            api.checker,
            name,
            api.checker.getPropertiesOfType(type).map((p) => member(api.checker, p)),
            expected,
        ),
    );
    return type;
}

function compareMembers(checker: ts.TypeChecker, where: string, actual: Actual[], expected: Expected[]): string[] {
    const names = (ms: Array<{ name: string }>) => ms.map((m) => m.name).join(", ");
    if (names(actual) !== names(expected)) return [`${where}: members are ${names(actual)}, not ${names(expected)}`];
    return actual.flatMap((a, i) => {
        const e = expected[i];
        const at = `${where}.${a.name}`;
        const out: string[] = [];
        if (a.optional !== e.optional) out.push(`${at}: ${a.optional ? "optional" : "required"}, the description says ${e.optional ? "optional" : "required"}`);
        if (a.doc !== e.doc) out.push(`${at}: its doc is "${a.doc}", the description's is "${e.doc}"`);
        const nullable = checker.isTypeAssignableTo(checker.getNullType(), a.type);
        if (nullable !== e.nullable)
            out.push(`${at}: ${nullable ? "takes" : "does not take"} null, the description says it ${e.nullable ? "does" : "does not"}`);
        const kind = e.kind(checker.getNonNullableType(a.type));
        if (kind) out.push(`${at}: ${kind}`);
        return out;
    });
}

function member(checker: ts.TypeChecker, p: ts.Symbol): Actual {
    return { name: p.name, optional: (p.flags & ts.SymbolFlags.Optional) !== 0, doc: docOf(checker, p), type: checker.getTypeOfSymbol(p) };
}

function memberType(checker: ts.TypeChecker, type: ts.Type | undefined, name: string): ts.Type | undefined {
    const p = type && checker.getPropertyOfType(type, name);
    return p && checker.getTypeOfSymbol(p);
}

function docOf(checker: ts.TypeChecker, s: ts.Symbol): string {
    return ts.displayPartsToString(s.getDocumentationComment(checker)).replace(/\s+/g, " ").trim();
}

/** An `*Args` member: a `pulumi.Input` at every leaf, and it takes every value of the plain type's member. */
function inputProblem(checker: ts.TypeChecker, t: ts.Type, plain: ts.Type | undefined): string | undefined {
    const leaf = notInput(checker, t, "", new Set());
    const where = leaf?.replace(/^\./, "");
    if (where !== undefined)
        return `is ${checker.typeToString(t)}: ${where === "" ? "it" : where === "[]" ? "its elements" : `its ${where}`} does not take a pulumi.Output`;
    if (!plain) return "has no plain counterpart";
    const value = checker.getNonNullableType(plain);
    if (!checker.isTypeAssignableTo(value, t)) return `is ${checker.typeToString(t)}: it does not take every ${checker.typeToString(value)}`;
    return undefined;
}

/** The first place under `t` (a path, "" for `t` itself) that does not take a `pulumi.Output`, if any. */
function notInput(checker: ts.TypeChecker, t: ts.Type, at: string, seen: Set<ts.Type>): string | undefined {
    if (seen.has(t)) return undefined;
    seen.add(t);
    const parts = t.isUnion() ? t.types : [t];
    if (!parts.some((p) => p.getSymbol()?.name === "OutputInstance")) return at;
    for (const p of parts) {
        const name = p.getSymbol()?.name;
        if (name === "OutputInstance" || name === "Promise" || !(p.flags & ts.TypeFlags.Object)) continue;
        if (checker.isArrayType(p)) {
            const inner = notInput(checker, elementOf(checker, p), `${at}[]`, seen);
            if (inner !== undefined) return inner;
            continue;
        }
        for (const prop of checker.getPropertiesOfType(p)) {
            const inner = notInput(checker, checker.getNonNullableType(checker.getTypeOfSymbol(prop)), `${at}.${prop.name}`, seen);
            if (inner !== undefined) return inner;
        }
    }
    return undefined;
}

function fieldKindProblem(checker: ts.TypeChecker, f: FieldSpec, t: ts.Type, mode: "in" | "out"): string | undefined {
    const text = checker.typeToString(t);
    switch (f.kind) {
        case "string":
        case "boolean":
            return text === f.kind ? undefined : `is ${text}, not ${f.kind}`;
        case "stringSet":
            return checker.isArrayType(t) && checker.typeToString(elementOf(checker, t)) === "string" ? undefined : `is ${text}, not a list of strings`;
        case "object":
            return t.getSymbol()?.name === f.shape.name ? undefined : `is ${text}, not ${f.shape.name}`;
        case "reference":
            return referenceProblem(checker, t, f.refTypes, mode === "in" && f.defaultRefType !== undefined);
        case "referenceSet":
            if (!checker.isArrayType(t)) return `is ${text}, not a list of references`;
            return referenceProblem(checker, elementOf(checker, t), f.refTypes, mode === "in" && f.defaultRefType !== undefined);
    }
}

/** A reference: a string `id`, and a `type` among `refTypes` (optional where check fills it in). */
function referenceProblem(checker: ts.TypeChecker, t: ts.Type, refTypes: readonly string[], typeOptional: boolean): string | undefined {
    const id = checker.getPropertyOfType(t, "id");
    const type = checker.getPropertyOfType(t, "type");
    if (!id || checker.typeToString(checker.getTypeOfSymbol(id)) !== "string") return `is ${checker.typeToString(t)}: no string id`;
    if (!type) return `is ${checker.typeToString(t)}: no type`;
    const got = literals(checker.getNonNullableType(checker.getTypeOfSymbol(type)));
    if (got.join() !== [...refTypes].sort().join()) return `its type is ${got.join(" | ")}, not ${refTypes.join(" | ")}`;
    const optional = (type.flags & ts.SymbolFlags.Optional) !== 0;
    return optional === typeOptional
        ? undefined
        : `its type is ${optional ? "optional" : "required"}, the description says ${typeOptional ? "optional" : "required"}`;
}

function shapeKindProblem(checker: ts.TypeChecker, shape: Shape, t: ts.Type): string | undefined {
    const s = resolveShape(shape);
    const text = checker.typeToString(t);
    switch (s.kind) {
        case "string":
        case "boolean":
            return text === s.kind ? undefined : `is ${text}, not ${s.kind}`;
        case "integer":
            return text === "number" ? undefined : `is ${text}, not number`;
        case "enum":
            return literals(t).join() === [...s.values].sort().join() ? undefined : `is ${text}, not ${s.values.join(" | ")}`;
        case "object":
            return t.getSymbol()?.name === s.name ? undefined : `is ${text}, not ${s.name}`;
        case "array":
            return checker.isArrayType(t) ? shapeKindProblem(checker, s.items, elementOf(checker, t)) : `is ${text}, not a list`;
    }
}

/** `T` of a `pulumi.Output<T>`: `OutputInstance<T> & Lifted<T>`, a union of such intersections when `T` is a union. */
function outputValue(checker: ts.TypeChecker, t: ts.Type): ts.Type | undefined {
    const parts = (t.isUnion() ? t.types : [t]).flatMap((p) => (p.isIntersection() ? p.types : [p]));
    const instance = parts.find((p) => p.getSymbol()?.name === "OutputInstance");
    return instance && checker.getTypeArguments(instance as ts.TypeReference)[0];
}

function elementOf(checker: ts.TypeChecker, t: ts.Type): ts.Type {
    return checker.getTypeArguments(t as ts.TypeReference)[0];
}

function literals(t: ts.Type): string[] {
    return (t.isUnion() ? t.types : [t])
        .filter((p) => p.isStringLiteral())
        .map((p) => (p as ts.StringLiteralType).value)
        .sort();
}

/** The named unions the description asks for: enum shapes with a name, and `refTypeName`s. */
function unions(schema: ResourceSchema): Map<string, readonly string[]> {
    const out = new Map<string, readonly string[]>();
    for (const f of Object.values(schema.fields))
        if ((f.kind === "reference" || f.kind === "referenceSet") && f.refTypeName) out.set(f.refTypeName, f.refTypes);
    for (const shape of nestedShapes(schema)) {
        for (const f of Object.values(shape.fields)) {
            const s = resolveShape(f.shape);
            const e = s.kind === "array" ? resolveShape(s.items) : s;
            if (e.kind === "enum" && e.name) out.set(e.name, e.values);
        }
    }
    return out;
}

/** Outputs hold every field of the server's object; a provider-only one only when the program wrote it. */
function outputOptional(f: FieldSpec): boolean {
    return f.providerOnly === true || (!f.computed && !f.required && !f.nullable && f.default === undefined);
}
