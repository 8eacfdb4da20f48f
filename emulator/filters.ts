/**
 * ISC's list `filters` and `sorters` query parameters, as SailPoint's "Standard Collection Parameters" page
 * describes them: `name eq "Payroll"`, `id in ("a","b")`, `name sw "Pay" and source.id eq "x"`,
 * `requestable eq true`, `description isnull`, `features ca ("A","B")`; lowercase operators, double-quoted strings
 * in which only `\"` and `\\` are escapes, `not` binding tighter than `and`, `and` tighter than `or`, parentheses.
 *
 * String comparisons ignore case (the page: "Most comparisons are not case sensitive. Any situations where the
 * comparisons are case sensitive will be called out", and no collection served here calls one out). A string
 * value containing `+` matches nothing: SailPoint documents that filtering by a name with `+` answers an empty
 * list. Sorters: `name,-created`.
 */
import { HttpError, CODES } from "./errors";
import { isObject } from "./validation";

export type Operator = "eq" | "ne" | "in" | "sw" | "co" | "gt" | "ge" | "lt" | "le" | "isnull" | "pr" | "ca";
const OPERATORS: readonly Operator[] = ["eq", "ne", "in", "sw", "co", "gt", "ge", "lt", "le", "isnull", "pr", "ca"];

/** How a field's values compare: strings ignore case, dates compare in time, `strings` is a list of strings. */
export type FieldType = "string" | "boolean" | "number" | "date" | "strings";

export interface FieldRule {
    ops: readonly Operator[];
    type: FieldType;
}
/** Which fields a collection filters on, with their operators (as its spec lists them). */
export type FilterSpec = Readonly<Record<string, FieldRule>>;

/** A field's value in an object; the default reads the dotted path (`source.id`). */
export type FieldReader = (obj: object, field: string) => unknown;

type Value = string | boolean | number;
export type FilterNode =
    | { kind: "cmp"; field: string; op: Operator; type: FieldType; values: Value[] }
    | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
    | { kind: "not"; inner: FilterNode };

function bad(text: string): HttpError {
    return new HttpError(400, CODES.badContent, [text]);
}

/** A quoted string token keeps a leading `"` so that `"and"` (a value) differs from `and` (the operator). */
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
                if (s[j] === "\\") {
                    const next = s[j + 1];
                    if (next === undefined) break;
                    if (next !== '"' && next !== "\\") {
                        throw bad(`Invalid filter "${s}": "\\${next}" is not an escape; inside a string write \\" for a quote and \\\\ for a backslash`);
                    }
                    out += next;
                    j += 2;
                } else out += s[j++];
            }
            if (j >= s.length) throw bad(`Invalid filter "${s}": unterminated string (a string ends with an unescaped ")`);
            tokens.push(`"${out}`);
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

const DATE_TOKEN = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Parses `filters` against a collection's spec; anything malformed or unsupported is a 400 naming it. */
export function parseFilter(text: string, spec: FilterSpec): FilterNode {
    const tokens = tokenize(text);
    let pos = 0;
    const peek = (): string | undefined => tokens[pos];
    const next = (): string | undefined => tokens[pos++];
    const fail = (why: string): never => {
        throw bad(`Invalid filter "${text}": ${why}`);
    };

    const value = (field: string, type: FieldType): Value => {
        const t = next();
        if (t === undefined || t === ")" || t === "," || t === "(") return fail(`a value is missing after "${field}"`);
        const quoted = t.startsWith('"');
        const raw = quoted ? t.slice(1) : t;
        switch (type) {
            case "string":
            case "strings":
                if (!quoted) return fail(`${t} is not a value for "${field}": strings are double-quoted ("...")`);
                return raw;
            case "boolean":
                if (t !== "true" && t !== "false") return fail(`"${field}" takes true or false, not ${quoted ? `"${raw}"` : t}`);
                return t === "true";
            case "number":
                if (quoted || !/^-?\d+(\.\d+)?$/.test(t)) return fail(`"${field}" takes a number, not ${t}`);
                return Number(t);
            case "date":
                if ((!quoted && !DATE_TOKEN.test(raw)) || Number.isNaN(Date.parse(raw))) {
                    return fail(`"${field}" takes an ISO-8601 date-time (2024-01-31T12:00:00Z), not ${quoted ? `"${raw}"` : raw}`);
                }
                return raw;
        }
    };

    const comparison = (field: string): FilterNode => {
        const rule = spec[field];
        if (!rule) return fail(`filtering on "${field}" is not supported; supported fields: ${Object.keys(spec).join(", ")}`);
        const op = next();
        if (op === undefined) return fail(`an operator is missing after "${field}"`);
        if (!(OPERATORS as readonly string[]).includes(op)) {
            const hint = (OPERATORS as readonly string[]).includes(op.toLowerCase()) ? " (operators are lowercase)" : "";
            return fail(`"${op}" is not an operator${hint}; "${field}" supports: ${rule.ops.join(", ")}`);
        }
        const operator = op as Operator;
        if (!rule.ops.includes(operator)) return fail(`operator "${op}" is not supported for "${field}"; supported: ${rule.ops.join(", ")}`);
        if (operator === "isnull") return { kind: "cmp", field, op: operator, type: rule.type, values: [] };
        // "starts with" on a date-time compares its text: `created sw "2024-01"`.
        const valueType = rule.type === "date" && (operator === "sw" || operator === "co") ? "string" : rule.type;
        if (operator === "in" || operator === "ca") {
            if (next() !== "(") return fail(`"${op}" takes a list in parentheses: ${field} ${op} ("a","b")`);
            const values: Value[] = [value(field, valueType)];
            while (peek() === ",") {
                next();
                values.push(value(field, valueType));
            }
            if (next() !== ")") return fail(`missing ) after the "${op}" list`);
            return { kind: "cmp", field, op: operator, type: rule.type, values };
        }
        return { kind: "cmp", field, op: operator, type: rule.type, values: [value(field, valueType)] };
    };

    const primary = (): FilterNode => {
        const t = peek();
        if (t === "(") {
            next();
            const inner = or();
            if (next() !== ")") return fail("missing )");
            return inner;
        }
        if (t === "not") {
            next();
            return { kind: "not", inner: primary() };
        }
        if (t === "pr") {
            next();
            const field = next();
            if (field === undefined || field.startsWith('"') || "(),".includes(field)) return fail('"pr" takes a field: pr <field>');
            const rule = spec[field];
            if (!rule) return fail(`filtering on "${field}" is not supported; supported fields: ${Object.keys(spec).join(", ")}`);
            if (!rule.ops.includes("pr")) return fail(`operator "pr" is not supported for "${field}"; supported: ${rule.ops.join(", ")}`);
            return { kind: "not", inner: { kind: "cmp", field, op: "isnull", type: rule.type, values: [] } };
        }
        const field = next();
        if (field === undefined) return fail("expected <field> <operator> <value>, found the end");
        if (field.startsWith('"') || field === ")" || field === ",")
            return fail(`expected a field name, found ${field.startsWith('"') ? `"${field.slice(1)}"` : field}`);
        return comparison(field);
    };
    const and = (): FilterNode => {
        let left = primary();
        while (peek() === "and") {
            next();
            left = { kind: "and", left, right: primary() };
        }
        return left;
    };
    const or = (): FilterNode => {
        let left = and();
        while (peek() === "or") {
            next();
            left = { kind: "or", left, right: and() };
        }
        return left;
    };
    if (tokens.length === 0) return fail("it is empty");
    const node = or();
    if (pos !== tokens.length)
        fail(`unexpected "${tokens[pos].startsWith('"') ? tokens[pos].slice(1) : tokens[pos]}" (combine expressions with lowercase and, or, not)`);
    return node;
}

/** The value at a dotted path (`source.id`), or undefined. */
export function pathValue(obj: unknown, path: string): unknown {
    let v: unknown = obj;
    for (const part of path.split(".")) v = isObject(v) ? v[part] : undefined;
    return v;
}

/** Case folding for comparisons: strings ignore case, as ISC's filters do. */
function fold(v: string): string {
    return v.toLowerCase();
}

/** -1, 0, 1, or undefined when the two cannot be compared. */
function order(have: unknown, want: Value, type: FieldType): number | undefined {
    if (have === null || have === undefined) return undefined;
    if (type === "date") {
        const a = Date.parse(String(have));
        const b = Date.parse(String(want));
        return Number.isNaN(a) || Number.isNaN(b) ? undefined : Math.sign(a - b);
    }
    if (type === "number" || type === "boolean") {
        const a = Number(have);
        const b = Number(want);
        return Math.sign(a - b);
    }
    if (typeof have !== "string" || typeof want !== "string") return undefined;
    const a = fold(have);
    const b = fold(want);
    return a < b ? -1 : a > b ? 1 : 0;
}

/** One value test; a string value with "+" matches nothing (SailPoint's documented limitation). */
function test(op: Operator, type: FieldType, have: unknown, want: Value): boolean {
    if ((type === "string" || type === "strings") && typeof want === "string" && want.includes("+")) return false;
    if (type === "strings") {
        const list = Array.isArray(have) ? have.filter((x): x is string => typeof x === "string").map(fold) : [];
        return list.includes(fold(String(want)));
    }
    switch (op) {
        case "eq":
        case "in":
            return order(have, want, type) === 0;
        case "ne":
            return order(have, want, type) !== 0;
        case "sw":
            return typeof have === "string" && fold(have).startsWith(fold(String(want)));
        case "co":
            return typeof have === "string" && fold(have).includes(fold(String(want)));
        case "gt":
            return order(have, want, type) === 1;
        case "ge": {
            const c = order(have, want, type);
            return c === 0 || c === 1;
        }
        case "lt":
            return order(have, want, type) === -1;
        case "le": {
            const c = order(have, want, type);
            return c === 0 || c === -1;
        }
        default:
            return false;
    }
}

export function matches(node: FilterNode, obj: object, read: FieldReader = pathValue): boolean {
    switch (node.kind) {
        case "and":
            return matches(node.left, obj, read) && matches(node.right, obj, read);
        case "or":
            return matches(node.left, obj, read) || matches(node.right, obj, read);
        case "not":
            return !matches(node.inner, obj, read);
        case "cmp": {
            const have = read(obj, node.field);
            if (node.op === "isnull") return have === null || have === undefined;
            if (node.op === "ca") return node.values.every((v) => test("co", node.type, have, v));
            if (node.op === "in") return node.values.some((v) => test("in", node.type, have, v));
            return test(node.op, node.type, have, node.values[0]);
        }
    }
}

/** Compares two field values for sorting: strings ignore case, numbers and booleans by value, nulls first. */
function compareForSort(x: unknown, y: unknown): number {
    const absent = (v: unknown) => v === null || v === undefined;
    if (absent(x) || absent(y)) return absent(x) === absent(y) ? 0 : absent(x) ? -1 : 1;
    if (typeof x === "number" && typeof y === "number") return Math.sign(x - y);
    if (typeof x === "boolean" && typeof y === "boolean") return Number(x) - Number(y);
    const a = fold(String(x));
    const b = fold(String(y));
    return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts by `sorters` ("name,-created"); a field the collection does not sort on is a 400. The sort is stable: ties
 * (such as two names that differ only in case) keep the collection's order, so paging a sorted list is deterministic.
 */
export function sortBy<T extends object>(list: T[], sorters: string, allowed: readonly string[], read: FieldReader = pathValue): T[] {
    const keys = sorters.split(",").map((s) => s.trim());
    if (keys.some((k) => k === "" || k === "-")) throw bad(`Invalid sorters "${sorters}": a comma-separated list of fields, each optionally prefixed with "-"`);
    const parsed = keys.map((k) => ({ desc: k.startsWith("-"), field: k.replace(/^-/, "") }));
    for (const p of parsed) {
        if (!allowed.includes(p.field)) throw bad(`Invalid sorters "${sorters}": sorting on "${p.field}" is not supported; supported: ${allowed.join(", ")}`);
    }
    return [...list].sort((a, b) => {
        for (const p of parsed) {
            const c = compareForSort(read(a, p.field), read(b, p.field));
            if (c !== 0) return p.desc ? -c : c;
        }
        return 0;
    });
}
