/**
 * The engine's `unmanagedWhenAbsent` (absent from the inputs: neither diffed nor patched; given, even as [] or null:
 * compared and written like any field) and `replaceOnChange` (replacedFields), on a schema of their own.
 */
import { check, diff, planPatch, replacedFields, type ResourceSchema } from "../../provider/src/engine";

const schema: ResourceSchema = {
    label: "Thing",
    doc: "A test resource.",
    collection: "things",
    fields: {
        id: { kind: "string", computed: true, required: false, nullable: false, patchable: false, doc: "id" },
        name: { kind: "string", required: true, nullable: false, patchable: true, doc: "name" },
        members: { kind: "stringSet", emptyIsNull: true, unmanagedWhenAbsent: true, required: false, nullable: false, patchable: true, doc: "members" },
        tenant: { kind: "string", unmanagedWhenAbsent: true, replaceOnChange: true, required: false, nullable: true, patchable: false, doc: "tenant" },
    },
};
const server = { id: "1", name: "a", members: ["m2", "m1"], tenant: "t1" };
const inputs = (news: Record<string, unknown>) => check(schema, news).inputs;

test("absent: the server's value is no change and is never patched", () => {
    expect(diff(schema, server, inputs({ name: "a" }))).toEqual({ changes: false, changedFields: [] });
    expect(planPatch(schema, server, inputs({ name: "b" }))).toEqual([{ op: "replace", path: "/name", value: "b" }]);
});

test("given: compared and written like any other field, [] included", () => {
    expect(diff(schema, server, inputs({ name: "a", members: ["m1", "m2"] })).changedFields).toEqual([]);
    expect(diff(schema, server, inputs({ name: "a", members: [] })).changedFields).toEqual(["members"]);
    expect(planPatch(schema, server, inputs({ name: "a", members: [] }))).toEqual([{ op: "replace", path: "/members", value: [] }]);
    expect(diff(schema, server, inputs({ name: "a", tenant: null })).changedFields).toEqual(["tenant"]);
});

test("replacedFields: the changed fields marked replaceOnChange", () => {
    const { changedFields } = diff(schema, server, inputs({ name: "b", tenant: "t2", members: ["m1"] }));
    expect(changedFields).toEqual(["name", "members", "tenant"]);
    expect(replacedFields(schema, changedFields)).toEqual(["tenant"]);
});
