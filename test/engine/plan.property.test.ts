/**
 * Property tests of the patch planner for both resources: the patch takes the server's object to the
 * declared state on every patchable field, never mutates its inputs, is never bigger than a whole-field
 * replace per field, and a patch applied to a server whose list order changed since either fails its
 * guard or still gives the declared state. The patch is planned from an answer in any form a tenant may send
 * (echoOf: empty values as null, [] or nothing, names or none, sets in any order, unknown fields), and applied to
 * the object as the server stores it: the form never changes the diff, and the patch fails a guard or reaches the
 * declared state. Prints the planner's operation counts for the issue report.
 */
import fc from "fast-check";
import { applyPatch, deepClone, Operation } from "fast-json-patch";
import { diff, inputsFromServer, planPatch, ResourceSchema } from "../../provider/src/engine";
import { accessProfileSchema } from "../../provider/src/resources/access-profile/schema";
import { segmentSchema } from "../../provider/src/resources/segment/schema";
import { accessProfileUpdate, echoOf, segmentProgram, serverSegment } from "./arbitraries";
import { checked, deepFreeze } from "./helpers";

const NUM_RUNS = 2000;
type Doc = Record<string, unknown>;

const fieldOf = (op: Operation) => op.path.split("/")[1];
const bytes = (ops: Operation[]) => Buffer.byteLength(JSON.stringify(ops), "utf8");
const apply = (doc: Doc, ops: Operation[]): Doc => applyPatch(deepClone(doc), ops, true).newDocument;

/** Each element's identity, as the schema defines it for the set field. */
function keysOf(schema: ResourceSchema, field: string, list: unknown): string[] {
    if (!Array.isArray(list)) return [];
    const spec = schema.fields[field];
    return list.map((e) => {
        if (typeof e === "string") return e;
        const { type, id } = e as { type?: string; id: string };
        return spec.kind === "referenceSet" && spec.identity === "typeAndId" ? `${type}:${id}` : id;
    });
}

/** How many elements must go and come: the size of the symmetric difference (duplicates on the server count). */
function changedElements(schema: ResourceSchema, field: string, current: unknown, desired: unknown): number {
    const held = keysOf(schema, field, current);
    const wanted = new Set(keysOf(schema, field, desired));
    const kept = new Set(held.filter((k) => wanted.has(k)));
    return held.length - kept.size + [...wanted].filter((k) => !kept.has(k)).length;
}

/** The paths of the elements the `test` ops guard, in order (a type and an id guard of one element count once). */
function guardedIndexes(ops: Operation[]): string[] {
    const paths = ops.filter((op) => op.op === "test").map((op) => op.path.split("/").slice(0, 3).join("/"));
    return paths.filter((p, i) => paths[i - 1] !== p);
}

/** The answer's form never changes what differs, nor the inputs a refresh reads. */
function expectFormBlind(schema: ResourceSchema, stored: Doc, echo: Doc, desired: Doc): void {
    expect(diff(schema, echo, desired).changedFields).toEqual(diff(schema, stored, desired).changedFields);
    expect(JSON.stringify(inputsFromServer(schema, echo))).toEqual(JSON.stringify(inputsFromServer(schema, stored)));
}

/** Does `current` hold this key (a replace target exists)? */
const holds = (doc: Doc, key: string) => Object.prototype.hasOwnProperty.call(doc, key) && doc[key] !== undefined;

describe("planPatch properties: Segment", () => {
    test("the patch reaches the declared state with one operation per changed field; inputs untouched", () => {
        fc.assert(
            fc.property(
                serverSegment.chain((stored) => echoOf("segments", stored).map((echo) => ({ stored, echo }))),
                segmentProgram,
                ({ stored, echo }, program) => {
                    const current = deepFreeze(echo);
                    const desired = deepFreeze(checked(segmentSchema, program));
                    expectFormBlind(segmentSchema, stored as Doc, current, desired);
                    const changed = diff(segmentSchema, current, desired).changedFields;
                    const ops = planPatch(segmentSchema, current, desired);
                    expect(ops).toHaveLength(changed.length);
                    expect(ops.map((op) => op.path)).toEqual(changed.map((f) => `/${f}`));
                    for (const op of ops) expect(op.op).toBe(holds(current, fieldOf(op)) ? "replace" : "add");
                    expect(diff(segmentSchema, apply(stored as Doc, ops), desired).changedFields).toEqual([]);
                },
            ),
            { numRuns: NUM_RUNS },
        );
    });
});

describe("planPatch properties: AccessProfile", () => {
    const sets = Object.entries(accessProfileSchema.fields)
        .filter(([, f]) => f.kind === "referenceSet" || f.kind === "stringSet")
        .map(([n]) => n);

    interface Figures {
        runs: number;
        updates: number;
        ops: number[];
        tests: number[];
        changedFields: number[];
        /** changed non-set fields + changed set elements: the element-wise bound. */
        bound: number[];
        setFieldChanges: number;
        wholeListWrites: number;
        wholeForcedBySource: number;
        wholeOnNullList: number;
        wholeToEmpty: number;
        /** Set changes where the planner had a choice (the server held a list, the source stayed, the list stays non-empty). */
        chosen: number;
        chosenWhole: number;
        planBytes: number;
        naiveBytes: number;
        /** Patches planned from an answer whose set order is not the server's, refused by a guard. */
        refused: number;
    }
    const figures: Figures = {
        runs: 0,
        updates: 0,
        ops: [],
        tests: [],
        changedFields: [],
        bound: [],
        setFieldChanges: 0,
        wholeListWrites: 0,
        wholeForcedBySource: 0,
        wholeOnNullList: 0,
        wholeToEmpty: 0,
        chosen: 0,
        chosenWhole: 0,
        planBytes: 0,
        naiveBytes: 0,
        refused: 0,
    };

    test("the patch from any form of the answer fails a guard or reaches the stored object's declared state, is never bigger than a whole replace per field, inputs untouched", () => {
        const withEcho = accessProfileUpdate.chain(({ current, program }) =>
            echoOf("access-profiles", current).map((echo) => ({ stored: current, echo, program })),
        );
        fc.assert(
            fc.property(withEcho, ({ stored, echo, program }) => {
                const current = deepFreeze(echo);
                const desired = deepFreeze(checked(accessProfileSchema, program));
                expectFormBlind(accessProfileSchema, stored as Doc, current, desired);
                const changed = diff(accessProfileSchema, current, desired).changedFields;
                const ops = planPatch(accessProfileSchema, current, desired);
                const sourceChanged = changed.includes("source");

                // The server applies the patch to its own object, whose set order the answer need not show.
                let result: Doc | undefined;
                try {
                    result = apply(stored as Doc, ops);
                } catch (e) {
                    expect((e as Error).name).toBe("TEST_OPERATION_FAILED");
                    figures.refused += 1;
                }
                if (result) expect(diff(accessProfileSchema, result, desired).changedFields).toEqual([]);

                const touched = new Set(ops.map(fieldOf));
                const expectedTouched = new Set(sourceChanged ? [...changed, "entitlements"] : changed);
                expect([...touched].sort()).toEqual([...expectedTouched].sort());

                let bound = 0;
                for (const field of touched) {
                    const fieldOps = ops.filter((op) => fieldOf(op) === field);
                    const writes = fieldOps.filter((op) => op.op !== "test");
                    const wholeOp = writes.length === 1 && writes[0].path === `/${field}`;
                    if (!sets.includes(field)) {
                        expect(wholeOp).toBe(true);
                        bound += 1;
                        continue;
                    }
                    const elements = changedElements(accessProfileSchema, field, current[field], desired[field]);
                    bound += Math.max(elements, 1);
                    figures.setFieldChanges += 1;
                    const forced = field === "entitlements" && sourceChanged;
                    const emptied = !(Array.isArray(desired[field]) && (desired[field] as unknown[]).length > 0);
                    if (forced) {
                        expect(wholeOp).toBe(true);
                        figures.wholeForcedBySource += 1;
                    } else if (!(Array.isArray(current[field]) && (current[field] as unknown[]).length > 0)) {
                        expect(wholeOp).toBe(true);
                        figures.wholeOnNullList += 1;
                    } else if (emptied) {
                        if (wholeOp) figures.wholeToEmpty += 1;
                    } else {
                        figures.chosen += 1;
                        if (wholeOp) figures.chosenWhole += 1;
                    }
                    if (wholeOp) {
                        figures.wholeListWrites += 1;
                        // `add` of a whole list only where the server holds no such key: on a list it would replace it.
                        expect(writes[0].op).toBe(holds(current, field) ? "replace" : "add");
                        continue;
                    }
                    // Element-wise: one write per changed element, each removal guarded, and smaller than a whole replace.
                    expect(writes).toHaveLength(elements);
                    expect(guardedIndexes(fieldOps)).toEqual(fieldOps.filter((op) => op.op === "remove").map((op) => op.path));
                    const whole: Operation[] = [{ op: "replace", path: `/${field}`, value: [] }];
                    const wholeBytes = bytes(whole) + Buffer.byteLength(JSON.stringify(desired[field] ?? []), "utf8") - 2;
                    expect(bytes(fieldOps)).toBeLessThanOrEqual(wholeBytes);
                    for (const op of writes) expect(op.op === "remove" || (op.op === "add" && op.path === `/${field}/-`)).toBe(true);
                }
                const writes = ops.filter((op) => op.op !== "test");
                expect(writes.length).toBeLessThanOrEqual(bound);

                figures.runs += 1;
                if (ops.length > 0) {
                    figures.updates += 1;
                    figures.ops.push(writes.length);
                    figures.tests.push(ops.length - writes.length);
                    figures.changedFields.push(changed.length);
                    figures.bound.push(bound);
                    figures.planBytes += bytes(ops);
                    const naive: Operation[] = [...expectedTouched].map((f) => ({ op: "replace", path: `/${f}`, value: (desired[f] ?? null) as never }));
                    figures.naiveBytes += bytes(naive);
                }
            }),
            { numRuns: NUM_RUNS, seed: 20260105 },
        );
        report(figures);
    });

    test("a patch applied to a server whose list order changed since fails its guard or still reaches the declared state", () => {
        const reordered = accessProfileUpdate.chain(({ current, program }) =>
            fc
                .tuple(
                    ...sets.map((f) =>
                        fc
                            .shuffledSubarray(Array.isArray(current[f as keyof typeof current]) ? (current[f as keyof typeof current] as unknown[]) : [], {
                                minLength: 0,
                            })
                            .map((l) => [f, l] as const),
                    ),
                )
                .map((lists) => ({ current, program, lists })),
        );
        let refused = 0;
        let applied = 0;
        fc.assert(
            fc.property(reordered, ({ current, program, lists }) => {
                const desired = checked(accessProfileSchema, program);
                const ops = planPatch(accessProfileSchema, current as Doc, desired);
                const stale: Doc = deepClone(current);
                // The same elements in another order (a permutation of the full list), as after someone's edit in the UI.
                for (const [field, list] of lists) {
                    const held = stale[field];
                    if (Array.isArray(held) && list.length === held.length) stale[field] = deepClone(list);
                }
                let result: Doc | undefined;
                try {
                    result = apply(stale, ops);
                } catch (e) {
                    expect((e as Error).name).toBe("TEST_OPERATION_FAILED");
                    refused += 1;
                    return;
                }
                applied += 1;
                expect(diff(accessProfileSchema, result, desired).changedFields).toEqual([]);
            }),
            { numRuns: NUM_RUNS },
        );
        expect(refused).toBeGreaterThan(0);
        expect(applied).toBeGreaterThan(0);
    });
});

function report(f: {
    runs: number;
    updates: number;
    ops: number[];
    tests: number[];
    changedFields: number[];
    bound: number[];
    setFieldChanges: number;
    wholeListWrites: number;
    wholeForcedBySource: number;
    wholeOnNullList: number;
    wholeToEmpty: number;
    chosen: number;
    chosenWhole: number;
    planBytes: number;
    naiveBytes: number;
    refused: number;
}): void {
    const mean = (xs: number[]) => (xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1)).toFixed(2);
    const max = (xs: number[]) => Math.max(0, ...xs);
    const ratio = f.ops.map((o, i) => o / f.bound[i]);
    const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
    console.log(
        [
            `AccessProfile planner figures (${f.runs} random (server, program) pairs, seed 20260105; ${f.updates} needed a patch):`,
            `  write ops per update (non-test): mean ${mean(f.ops)}, max ${max(f.ops)}`,
            `  changed top-level fields per update: mean ${mean(f.changedFields)}, max ${max(f.changedFields)}`,
            `  element-wise bound (changed non-set fields + changed set elements): mean ${mean(f.bound)}, max ${max(f.bound)}`,
            `  write ops / bound: mean ${mean(ratio)}, max ${Math.max(0, ...ratio).toFixed(2)}`,
            `  test guards per update: mean ${mean(f.tests)}, max ${max(f.tests)}`,
            `  set-field changes: ${f.setFieldChanges}; written as a whole list: ${f.wholeListWrites} (${pct(f.wholeListWrites, f.setFieldChanges)}),`,
            `    of which the server held no list: ${f.wholeOnNullList}, forced by a source change: ${f.wholeForcedBySource}, emptying the list: ${f.wholeToEmpty}`,
            `  where element-wise was possible (server list kept, same source, non-empty result): ${f.chosen}; whole list chosen as smaller: ${f.chosenWhole} (${pct(f.chosenWhole, f.chosen)})`,
            `  patch size: ${f.planBytes} bytes in all vs ${f.naiveBytes} for whole-field replaces of the same fields (${pct(f.planBytes, f.naiveBytes)})`,
            `  planned from a varied answer whose set order is not the server's: ${f.refused} refused by a test guard, the others reached the declared state`,
        ].join("\n"),
    );
}

describe("planPatch: where element-wise beats a whole-list replace", () => {
    test("one entitlement added or removed, by list size (32-digit ids)", () => {
        const id = (i: number) => `2c91808a${String(i).padStart(24, "0")}`;
        const ap = (ids: string[]) => ({
            name: "n",
            owner: { id: "2c91808a00000000000000000000006f" },
            source: { id: "2c91808a000000000000000000000073" },
            entitlements: ids.map((i) => ({ id: i })),
        });
        const server = (ids: string[]) => ({ id: "2c91808a000000000000000000006170", ...checked(accessProfileSchema, ap(ids)) });
        const rows: string[] = [];
        let firstElementwise = { add: 0, remove: 0 };
        for (const n of [1, 2, 3, 4, 5, 10, 50]) {
            const ids = Array.from({ length: n }, (_, i) => id(i));
            const add = planPatch(accessProfileSchema, server(ids), checked(accessProfileSchema, ap([...ids, id(999)])));
            const remove = planPatch(accessProfileSchema, server(ids), checked(accessProfileSchema, ap(ids.slice(1))));
            const kind = (ops: Operation[]) => (ops.length === 1 && ops[0].path === "/entitlements" ? "whole" : "element-wise");
            if (!firstElementwise.add && kind(add) === "element-wise") firstElementwise = { ...firstElementwise, add: n };
            if (!firstElementwise.remove && kind(remove) === "element-wise") firstElementwise = { ...firstElementwise, remove: n };
            rows.push(`  n=${n}: add one -> ${kind(add)} (${bytes(add)} B), remove one -> ${kind(remove)} (${bytes(remove)} B)`);
        }
        console.log(`Planner crossover, one entitlement changed in a list of n:\n${rows.join("\n")}`);
        expect(firstElementwise.add).toBeGreaterThan(0);
        expect(firstElementwise.remove).toBeGreaterThan(0);
    });
});
