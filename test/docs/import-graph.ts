/**
 * The import graph of provider/src, as the TypeScript parser reads it: every `import`, `export ... from`,
 * `import x = require(...)`, `require(...)` and `import(...)` of a relative path, type-only ones included (a type
 * pointing up is as much a dependency as a value). Used by layers.test.ts.
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";

export interface Edge {
    /** Both paths relative to the source root, with forward slashes, e.g. "provider/api.ts". */
    from: string;
    to: string;
    /** The specifier as written, e.g. "../client". */
    specifier: string;
}

export interface ImportGraph {
    files: string[];
    edges: Edge[];
}

/** Every .ts file under `root` (no .d.ts) and its relative imports, resolved to files under `root`. */
export function importGraph(root: string, overrides: Record<string, string> = {}): ImportGraph {
    const files = listFiles(root).concat(Object.keys(overrides).filter((f) => !fs.existsSync(path.join(root, f))));
    const known = new Set(files);
    const edges: Edge[] = [];
    for (const file of files) {
        const text = overrides[file] ?? fs.readFileSync(path.join(root, file), "utf8");
        for (const specifier of specifiersOf(file, text)) {
            if (!specifier.startsWith(".")) continue;
            const to = resolve(known, file, specifier);
            if (to === undefined) throw new Error(`${file}: cannot resolve ${JSON.stringify(specifier)}`);
            edges.push({ from: file, to, specifier });
        }
    }
    return { files, edges };
}

function listFiles(root: string, dir = ""): string[] {
    return fs
        .readdirSync(path.join(root, dir), { withFileTypes: true })
        .flatMap((d) => {
            const rel = dir ? `${dir}/${d.name}` : d.name;
            if (d.isDirectory()) return listFiles(root, rel);
            return d.name.endsWith(".ts") && !d.name.endsWith(".d.ts") ? [rel] : [];
        })
        .sort();
}

function specifiersOf(file: string, text: string): string[] {
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const out: string[] = [];
    const visit = (node: ts.Node): void => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
            out.push(node.moduleSpecifier.text);
        } else if (
            ts.isImportEqualsDeclaration(node) &&
            ts.isExternalModuleReference(node.moduleReference) &&
            ts.isStringLiteral(node.moduleReference.expression)
        ) {
            out.push(node.moduleReference.expression.text);
        } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
            const callee = node.expression;
            if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) out.push(node.arguments[0].text);
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
            out.push(node.argument.literal.text);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return out;
}

function resolve(known: Set<string>, from: string, specifier: string): string | undefined {
    const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier.replace(/\.js$/, "")));
    return [`${base}.ts`, `${base}/index.ts`].find((c) => known.has(c));
}

/** The folder a file belongs to: its first path segment, or "(root)" for a file directly under the source root. */
export function folderOf(file: string): string {
    const i = file.indexOf("/");
    return i < 0 ? "(root)" : file.slice(0, i);
}

/** Every folder-to-folder edge as "a -> b" (edges inside a folder left out), sorted. */
export function folderEdges(graph: ImportGraph): string[] {
    const name = (f: string) => (folderOf(f) === "(root)" ? `(root)${f}` : folderOf(f));
    const set = new Set(
        graph.edges.filter((e) => folderOf(e.from) !== folderOf(e.to) || folderOf(e.from) === "(root)").map((e) => `${name(e.from)} -> ${name(e.to)}`),
    );
    return [...set].filter((e) => !/^(\S+) -> \1$/.test(e)).sort();
}

/** The import cycles: each strongly connected component of more than one file (or a file importing itself), sorted. */
export function cycles(graph: ImportGraph): string[][] {
    const next = new Map<string, string[]>(graph.files.map((f) => [f, []]));
    for (const e of graph.edges) next.get(e.from)?.push(e.to);
    // Tarjan's algorithm.
    let counter = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const out: string[][] = [];
    const connect = (v: string): void => {
        index.set(v, counter);
        low.set(v, counter);
        counter++;
        stack.push(v);
        onStack.add(v);
        for (const w of next.get(v) ?? []) {
            if (!index.has(w)) {
                connect(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) {
                low.set(v, Math.min(low.get(v)!, index.get(w)!));
            }
        }
        if (low.get(v) === index.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || (next.get(v) ?? []).includes(v)) out.push(component.sort());
        }
    };
    for (const f of graph.files) if (!index.has(f)) connect(f);
    return out.sort((a, b) => a[0].localeCompare(b[0]));
}
