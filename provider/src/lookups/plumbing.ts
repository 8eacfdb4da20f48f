/** The lookups' shared plumbing: result and option types, running a lookup with its settings, argument checks. */
import * as pulumi from "@pulumi/pulumi";
import { canFilter } from "../client";
import { explain } from "../provider";
import { IscLookupError, isIscLookupError } from "./errors";
import type { FieldSpec } from "./find";
import { text, type Listed } from "./match";
import { lookupContext, type LookupContext, type LookupOptions } from "./settings";

/** The Output forms' options: the same as LookupOptions, each value may be a `pulumi.Input` (a secret one too). */
export type LookupOutputOptions = { [K in keyof LookupOptions]?: pulumi.Input<NonNullable<LookupOptions[K]>> };

/** A source: its id, or any object with an `id` (a `getSource` result). */
export type SourceRef = string | { id: string };

/** An object that a result refers to. */
export interface NamedRef {
    id: string;
    name: string | null;
}

/** Runs a lookup with resolved settings; client and settings errors say which lookup failed and which setting to check. */
export async function run<T>(lookup: string, subject: string, opts: LookupOptions | undefined, body: (ctx: LookupContext) => Promise<T>): Promise<T> {
    let baseUrl: string | undefined;
    try {
        const ctx = lookupContext(opts);
        baseUrl = ctx.settings.baseUrl;
        return await body(ctx);
    } catch (e) {
        // Lookups share in-flight requests (a token, a list walk), so one error object may reach several of them:
        // each says which lookup failed on its own copy.
        throw explain(e instanceof Error && !isIscLookupError(e) ? withContext(e, `${lookup} (${subject})`) : e, baseUrl);
    }
}

/** A lookup by `args.name`: the name checked before anything else, then `search` with resolved settings. */
export function byName<T>(
    lookup: string,
    args: { name?: unknown } | undefined,
    opts: LookupOptions | undefined,
    search: (ctx: LookupContext, wanted: string) => Promise<T>,
): Promise<T> {
    let wanted: string;
    try {
        wanted = requireText(lookup, "name", args?.name);
    } catch (e) {
        return Promise.reject(e);
    }
    return run(lookup, `name ${JSON.stringify(wanted)}`, opts, (ctx) => search(ctx, wanted));
}

/** A copy of `e` (same class, fields and cause) whose message starts with `prefix`. */
function withContext(e: Error, prefix: string): Error {
    const copy = Object.create(Object.getPrototypeOf(e) as object) as Error;
    Object.assign(copy, e);
    Object.defineProperty(copy, "message", { value: `${prefix}: ${e.message}`, writable: true, configurable: true });
    Object.defineProperty(copy, "stack", { value: `${e.name}: ${prefix}: ${e.message}`, writable: true, configurable: true });
    if (e.cause !== undefined) Object.defineProperty(copy, "cause", { value: e.cause, writable: true, configurable: true });
    return copy;
}

/** The options as an Output whose secrecy does not spread to the result: the result never holds them. */
export function optionsOutput(opts: LookupOutputOptions | undefined): pulumi.Output<LookupOptions> {
    return pulumi.unsecret(pulumi.output(opts ?? {})) as pulumi.Output<LookupOptions>;
}

export function invalid(lookup: string, what: string, reason: string): IscLookupError {
    return new IscLookupError(lookup, [{ kind: "invalid", what, reason }]);
}

export function requireText(lookup: string, field: string, value: unknown): string {
    if (typeof value !== "string" || value === "") {
        throw invalid(lookup, field, `expected a non-empty string, got ${value === undefined ? "nothing" : JSON.stringify(value)}`);
    }
    return value;
}

/** A source id from an id or an object with one; ids are filtered on, so they must be plain text. */
export function sourceIdOf(lookup: string, ref: unknown): string {
    const id = typeof ref === "object" && ref !== null ? (ref as { id?: unknown }).id : ref;
    const sourceId = requireText(lookup, "source", id);
    if (!canFilter(sourceId)) throw invalid(lookup, "source", `${JSON.stringify(sourceId)} is not a source id (use getSource({ name }) to find one)`);
    return sourceId;
}

export function nullableText(item: Listed, field: string): string | null {
    return text(item, field) ?? null;
}

export function refOf(item: Listed, field: string): NamedRef | null {
    const id = text(item, `${field}.id`);
    return id === undefined ? null : { id, name: nullableText(item, `${field}.name`) };
}

export const NAME: FieldSpec = { field: "name", label: "named", plural: "names", ops: ["eq", "in", "sw"] };
export const nameWith = (ops: FieldSpec["ops"]): FieldSpec => ({ ...NAME, ops });
