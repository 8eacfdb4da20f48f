/** What the state holds for a ZPA object, and the POST body for checked inputs; no field named (the description says). */
import { declaredFields, inputsFromServer, isSetField, stripUndefinedProps, type Props } from "../../engine";
import type { ZpaResourceDescription } from "../resources";
import { serverView, valueForWrite } from "./put-plan";

/** Provider-only inputs (`adoptId`) carried into the outputs and read-back inputs. */
function carry(desc: ZpaResourceDescription, inputs: Props): Props {
    return Object.fromEntries(
        Object.entries(desc.schema.fields)
            .filter(([name, f]) => f.providerOnly && inputs[name] !== undefined)
            .map(([name]) => [name, inputs[name]]),
    );
}

/**
 * State outputs: the whole server object (id-object sets as ids), `id` left to Pulumi, provider-only inputs carried.
 * A declared set the server leaves out when empty (ZPA omits `applications` then) is shown as `[]`, so that the output
 * is defined (a program exporting it would otherwise export undefined).
 */
export function outputsOf(desc: ZpaResourceDescription, server: Props, inputs: Props): Props {
    const { id: _id, ...rest } = stripUndefinedProps(serverView(desc, server));
    for (const [name, field] of declaredFields(desc.schema)) if (isSetField(field) && (rest[name] === undefined || rest[name] === null)) rest[name] = [];
    return { ...rest, ...carry(desc, inputs) };
}

/** The declared-input shape of what ZPA holds, so that `pulumi preview --refresh` names the fields that drifted. */
export function inputsOf(desc: ZpaResourceDescription, server: Props, inputs: Props): Props {
    return { ...inputsFromServer(desc.schema, serverView(desc, server)), ...carry(desc, inputs) };
}

/** The POST body: each declared field the inputs hold, as the server takes it (`applications` as `[{id}]`). */
export function createBody(desc: ZpaResourceDescription, inputs: Props): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [name, field] of declaredFields(desc.schema)) {
        if (inputs[name] !== undefined) body[name] = valueForWrite(desc, name, field, inputs[name]);
    }
    return body;
}
