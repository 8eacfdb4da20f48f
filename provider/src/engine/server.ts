/**
 * State from what ISC returned: the outputs kept in the state, and the inputs a program would have to
 * declare to describe that object (what `read` returns so that a refresh names the fields that drifted).
 */
import { canonicalJson, JsonObject, stripUndefined, stripUndefinedProps } from "./json";
import { normalizeField } from "./normalize";
import { declaredFields, isSetField, Props, ResourceSchema } from "./schema";

/**
 * The whole server object, fields this provider does not model included: the state should show what ISC
 * holds. Only `undefined` is dropped (Pulumi's host rejects it).
 */
export function outputsFromServer(_schema: ResourceSchema, server: Props): JsonObject {
    return stripUndefinedProps(server);
}

/**
 * The declared-input shape of a server object, in canonical form: references without their server-filled
 * name, sets sorted as check sorts them, defaults explicit as check makes them. Fields with no value (null,
 * or an empty set) are omitted, as a program omits them. `check` of the result diffs as "no change" against
 * the server object.
 */
export function inputsFromServer(schema: ResourceSchema, server: Props): JsonObject {
    const inputs: JsonObject = {};
    for (const [name, field] of declaredFields(schema)) {
        const value = stripUndefined(normalizeField(field, server[name])) ?? null;
        const emptySet = isSetField(field) && field.emptyIsNull && canonicalJson(value) === "[]";
        if (value === null || emptySet) continue;
        inputs[name] = value;
    }
    return inputs;
}
