/**
 * The package's layers point one way (docs/CONTRACTS.md, "Layers"): every import of provider/src goes down, never
 * across to a sibling of the same layer, never round in a cycle, and into another folder only through its index.ts.
 * The graph is read from the source by the TypeScript parser (import-graph.ts), type-only imports included.
 */
import * as fs from "fs";
import * as path from "path";
import { cycles, folderOf, importGraph, type Edge, type ImportGraph } from "./import-graph";

const SRC = path.join(__dirname, "..", "..", "provider", "src");

/**
 * Each folder of provider/src (and each file at its root: the package's three entries) and its layer; an import
 * goes from a higher layer to a lower one. Units of one layer are independent of each other.
 */
const LAYERS: Readonly<Record<string, number>> = {
    // Tools on top: the CLI (the package's `bin`) and the export it runs. They may use everything below.
    "cli.ts": 9,
    export: 8,
    // The package's entry (`pulumi-sailpoint-isc`): what a program imports.
    "index.ts": 7,
    // The SDK (resource classes and *Args, helpers such as equals()/and()) and the lookups, side by side.
    sdk: 6,
    lookups: 6,
    // The dynamic provider's stable entry (`pulumi-sailpoint-isc/dynamic`), which every state requires, over the
    // dynamic provider itself.
    "dynamic.ts": 5,
    provider: 4,
    // The resource descriptions: schemas, shapes, validation, descriptions, their plain types.
    resources: 3,
    // The engine (pure functions of a description) and the ISC HTTP client, side by side.
    engine: 2,
    client: 2,
    // The errors every layer raises: the base IscError.
    errors: 1,
    // The ZPA half (provider/src/zpa), layered like the ISC half; each of its folders and root files is a unit.
    // Its HTTP client sits on the ISC client's generic parts (pacing, retry, transport) and the errors.
    "zpa/index.ts": 7,
    "zpa/sdk": 6,
    "zpa/dynamic.ts": 5,
    "zpa/provider": 4,
    "zpa/resources": 3,
    "zpa/client": 3,
};

/** The units both families share; anything else belongs to one family (zpa/...: ZPA; the rest: ISC). */
const SHARED = new Set(["engine", "client", "errors"]);

/** Files reachable from `entry`'s imports that belong to the other family: an entry never loads the other half. */
function crossFamily(graph: ImportGraph, entry: string): string[] {
    const zpa = (f: string) => f.startsWith("zpa/");
    const seen = new Set([entry]);
    const todo = [entry];
    for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
        for (const e of graph.edges) {
            if (e.from !== f || seen.has(e.to)) continue;
            seen.add(e.to);
            todo.push(e.to);
        }
    }
    return [...seen].filter((f) => !SHARED.has(unitOf(f)) && zpa(f) !== zpa(entry)).sort();
}

/** A folder's name, or a root file's; under zpa/, a folder's or root file's path from provider/src (zpa/client). */
function unitOf(file: string): string {
    const parts = file.split("/");
    if (parts[0] === "zpa" && parts.length > 1) return parts.length === 2 ? file : `zpa/${parts[1]}`;
    return folderOf(file) === "(root)" ? file : folderOf(file);
}

/** Every way the graph breaks the rules, one line each; empty when it keeps them. */
function violations(graph: ImportGraph): string[] {
    const out: string[] = [];
    for (const f of graph.files) if (LAYERS[unitOf(f)] === undefined) out.push(`${f}: its folder has no layer: add it to LAYERS and to docs/CONTRACTS.md`);
    for (const c of cycles(graph)) out.push(`cycle among ${c.join(", ")}`);
    for (const e of graph.edges) out.push(...edgeProblems(e));
    return [...new Set(out)];
}

function edgeProblems(e: Edge): string[] {
    const from = unitOf(e.from);
    const to = unitOf(e.to);
    if (from === to) return [];
    const [a, b] = [LAYERS[from], LAYERS[to]];
    if (a === undefined || b === undefined) return [];
    const out: string[] = [];
    const edge = `${e.from} imports ${e.specifier} (${e.to})`;
    if (a < b) out.push(`${edge}: upward, from ${from} (layer ${a}) to ${to} (layer ${b})`);
    else if (a === b) out.push(`${edge}: across, ${from} and ${to} are independent units of layer ${a}`);
    if (!to.endsWith(".ts") && e.to !== `${to}/index.ts`) out.push(`${edge}: reaches past ${to}/index.ts, the folder's public surface`);
    return out;
}

const graph = importGraph(SRC);

test("provider/src keeps its layers: no cycle, no upward or sideways import, other folders only through their index.ts", () => {
    expect(violations(graph)).toEqual([]);
});

test("neither family's entries load the other family: the ISC entries no zpa/ file, the ZPA entries no ISC resource, provider or SDK", () => {
    expect(["index.ts", "dynamic.ts", "zpa/index.ts", "zpa/dynamic.ts"].filter((f) => graph.files.includes(f)).flatMap((f) => crossFamily(graph, f))).toEqual(
        [],
    );
});

test("the clients name no resource: segments, access profiles and segment groups are the descriptions' business", () => {
    const named = graph.files
        .filter((f) => unitOf(f) === "client" || unitOf(f) === "zpa/client")
        .flatMap((f) =>
            fs
                .readFileSync(path.join(SRC, f), "utf8")
                .split("\n")
                .flatMap((line, i) =>
                    /\bsegments?\b|\baccess[ -]?profiles?\b|accessProfile|segment ?group/i.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [],
                ),
        );
    expect(named).toEqual([]);
});

describe("the check catches each kind of breach (the real tree, one file changed)", () => {
    const changed = (file: string, extra: string) => importGraph(SRC, { [file]: `${fs.readFileSync(path.join(SRC, file), "utf8")}\n${extra}\n` });

    test("an upward import: a description importing the SDK", () => {
        expect(violations(changed("resources/index.ts", 'import "../sdk";'))).toEqual([
            expect.stringMatching(/^cycle among /),
            "resources/index.ts imports ../sdk (sdk/index.ts): upward, from resources (layer 3) to sdk (layer 6)",
        ]);
    });

    test("a sideways import: the engine importing the client", () => {
        expect(violations(changed("engine/index.ts", 'import type { IscClient } from "../client";'))).toEqual([
            "engine/index.ts imports ../client (client/index.ts): across, engine and client are independent units of layer 2",
        ]);
    });

    test("a reach past an index: the SDK importing an engine file", () => {
        expect(violations(changed("sdk/outputs.ts", 'import { isUnknown } from "../engine/unknown";'))).toEqual([
            "sdk/outputs.ts imports ../engine/unknown (engine/unknown.ts): reaches past engine/index.ts, the folder's public surface",
        ]);
    });

    test("a cycle inside a folder", () => {
        expect(violations(changed("provider/propagation.ts", 'import type { CollectionApi } from "./api";'))).toEqual([
            expect.stringMatching(/^cycle among provider\/api\.ts, provider\/propagation\.ts$/),
        ]);
    });

    test("an entry loading the other family: the ZPA provider importing the ISC resources", () => {
        const graph = changed("zpa/provider/index.ts", 'import "../../resources";');
        expect(crossFamily(graph, "zpa/dynamic.ts")).toContain("resources/index.ts");
        expect(crossFamily(graph, "dynamic.ts")).toEqual([]);
    });

    test("a folder with no layer", () => {
        const graph = importGraph(SRC, { "extras/index.ts": 'export { equals } from "../sdk";' });
        expect(violations(graph)).toEqual(["extras/index.ts: its folder has no layer: add it to LAYERS and to docs/CONTRACTS.md"]);
    });
});
