/**
 * ISC's list `filters` and `sorters` query parameters: `name eq "Payroll"`, `id in ("a","b")`,
 * `name sw "Pay" and source.id eq "x"`, `requestable eq true`; lowercase operators, double-quoted strings,
 * `and` binding tighter than `or`, parentheses. Sorters: `name,-created`.
 */
import { HttpError, CODES } from "./errors";
import { isObject, type JsonObject } from "./validation";

type Value = string | boolean | number;
type Node =
    | { kind: "cmp"; field: string; op: string; value: Value | Value[] }
    | { kind: "and" | "or"; left: Node; right: Node }
    | { kind: "not"; inner: Node };

/** Which operators each field supports, per collection. */
export type FilterSpec = Record<string, readonly string[]>;

export const ACCESS_PROFILE_FILTERS: FilterSpec = {
    id: ["eq", "in"],
    name: ["eq", "sw"],
    created: ["gt", "lt", "ge", "le"],
    modified: ["gt", "lt", "ge", "le"],
    "owner.id": ["eq", "in"],
    requestable: ["eq"],
    "source.id": ["eq", "in"],
};
export const ENTITLEMENT_FILTERS: FilterSpec = { id: ["eq", "in"], name: ["eq", "sw"], "source.id": ["eq", "in"], attribute: ["eq"], value: ["eq"] };
export const REFERENCE_FILTERS: FilterSpec = { id: ["eq", "in"], name: ["eq", "sw"] };

function bad(text: string): HttpError {
    return new HttpError(400, CODES.badContent, [text]);
}

function tokenize(s: string): string[] {
    const tokens: string[] = [];
    let i = 0;
    while (i < s.length) {
        const ch = s[i];
        if (/\s/.test(ch)) {
            i++;
        } else if (ch === "(" || ch === ")" || ch === ",") {
            tokens.push(ch);
            i++;
        } else if (ch === '"') {
            let j = i + 1;
            let out = "";
            while (j < s.length && s[j] !== '"') {
                if (s[j] === "\\" && j + 1 < s.length) j++;
                out += s[j++];
            }
            if (j >= s.length) throw bad(`Invalid filter "${s}": unterminated string`);
            tokens.push(`"${out}`); // a leading quote marks a string token
            i = j + 1;
        } else {
            let j = i;
            while (j < s.length && !/[\s(),"]/.test(s[j])) j++;
            tokens.push(s.slice(i, j));
            i = j;
        }
    }
    return tokens;
}

export function parseFilter(text: string, spec: FilterSpec): Node {
    const tokens = tokenize(text);
    let pos = 0;
    const peek = () => tokens[pos];
    const next = () => tokens[pos++];
    const value = (): Value => {
        const t = next();
        if (t === undefined) throw bad(`Invalid filter "${text}": a value is missing`);
        if (t.startsWith('"')) return t.slice(1);
        if (t === "true" || t === "false") return t === "true";
        if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
        throw bad(`Invalid filter "${text}": ${t} is not a value (strings are double-quoted)`);
    };
    const primary = (): Node => {
        if (peek() === "(") {
            next();
            const inner = or();
            if (next() !== ")") throw bad(`Invalid filter "${text}": missing )`);
            return inner;
        }
        if (peek() === "not") {
            next();
            return { kind: "not", inner: primary() };
        }
        const field = next();
        const op = next();
        if (field === undefined || op === undefined) throw bad(`Invalid filter "${text}": expected <field> <operator> <value>`);
        const ops = spec[field];
        if (!ops) throw bad(`Invalid filter "${text}": filtering on "${field}" is not supported; supported fields: ${Object.keys(spec).join(", ")}`);
        if (!ops.includes(op)) throw bad(`Invalid filter "${text}": operator "${op}" is not supported for "${field}"; supported: ${ops.join(", ")}`);
        if (op === "in") {
            if (next() !== "(") throw bad(`Invalid filter "${text}": "in" takes a list ("a", "b")`);
            const values: Value[] = [value()];
            while (peek() === ",") {
                next();
                values.push(value());
            }
            if (next() !== ")") throw bad(`Invalid filter "${text}": missing ) after the "in" list`);
            return { kind: "cmp", field, op, value: values };
        }
        return { kind: "cmp", field, op, value: value() };
    };
    const and = (): Node => {
        let left = primary();
        while (peek() === "and") {
            next();
            left = { kind: "and", left, right: primary() };
        }
        return left;
    };
    const or = (): Node => {
        let left = and();
        while (peek() === "or") {
            next();
            left = { kind: "or", left, right: and() };
        }
        return left;
    };
    const node = or();
    if (pos !== tokens.length) throw bad(`Invalid filter "${text}": unexpected "${tokens[pos]}"`);
    return node;
}

function fieldValue(obj: JsonObject, field: string): unknown {
    let v: unknown = obj;
    for (const part of field.split(".")) v = isObject(v) ? v[part] : undefined;
    return v;
}

export function matches(node: Node, obj: JsonObject): boolean {
    switch (node.kind) {
        case "and":
            return matches(node.left, obj) && matches(node.right, obj);
        case "or":
            return matches(node.left, obj) || matches(node.right, obj);
        case "not":
            return !matches(node.inner, obj);
        case "cmp": {
            const v = fieldValue(obj, node.field);
            const want = node.value;
            switch (node.op) {
                case "eq":
                    return v === want;
                case "in":
                    return (want as Value[]).includes(v as Value);
                case "sw":
                    return typeof v === "string" && typeof want === "string" && v.toLowerCase().startsWith(want.toLowerCase());
                case "gt":
                case "lt":
                case "ge":
                case "le": {
                    const a = typeof v === "string" ? Date.parse(v) : Number(v);
                    const b = typeof want === "string" ? Date.parse(want) : Number(want);
                    return node.op === "gt" ? a > b : node.op === "lt" ? a < b : node.op === "ge" ? a >= b : a <= b;
                }
                default:
                    return false;
            }
        }
    }
}

/** Sorts by `sorters` ("name,-created"); unknown fields are a 400. */
export function sortBy(list: JsonObject[], sorters: string, allowed: readonly string[]): JsonObject[] {
    const keys = sorters.split(",").map((s) => s.trim()).filter(Boolean);
    const parsed = keys.map((k) => ({ desc: k.startsWith("-"), field: k.replace(/^-/, "") }));
    for (const p of parsed) {
        if (!allowed.includes(p.field)) throw bad(`Invalid sorters "${sorters}": sorting on "${p.field}" is not supported; supported: ${allowed.join(", ")}`);
    }
    return [...list].sort((a, b) => {
        for (const p of parsed) {
            const x = String(fieldValue(a, p.field) ?? "");
            const y = String(fieldValue(b, p.field) ?? "");
            const c = x < y ? -1 : x > y ? 1 : 0;
            if (c !== 0) return p.desc ? -c : c;
        }
        return 0;
    });
}
