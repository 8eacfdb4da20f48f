/**
 * ZPA lookups by name: the id of a segment group or an application segment that already exists, from the name shown
 * in the ZPA admin portal, so one program serves several ZPA tenants whose ids differ.
 *
 * Each comes in two forms, as Pulumi's provider functions do: `getX(args, opts?)` returns a Promise,
 * `getXOutput(args, opts?)` takes `pulumi.Input`s and returns a `pulumi.Output`. Both run in `pulumi preview` too
 * (they only read), with the resources' client (pacing per customer and client id, retries, token cache) and
 * settings (`zpa:*`, then the environment; see ZpaLookupOptions). How a name is searched and matched:
 * lookup-search.ts. Results are small plain objects; errors never hold a token or a secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { isIscError, type IscError } from "../../errors";
import { explainZpa } from "../provider";
import { isZpaLookupError, ZpaLookupError } from "./lookup-errors";
import type { ZpaListed } from "./lookup-match";
import { findByName } from "./lookup-search";
import { zpaLookupContext, type ZpaLookupOptions, type ZpaLookupOutputOptions } from "./lookup-settings";

export interface GetSegmentGroupArgs {
    /** The segment group's name: exactly, or ignoring case when only one group matches so. */
    name: string;
    /** The microtenant to search in. Default: the lookup options', then `zpa:microtenantId`, then `ZPA_MICROTENANT_ID`. */
    microtenantId?: string;
}
export interface GetSegmentGroupOutputArgs {
    name: pulumi.Input<string>;
    microtenantId?: pulumi.Input<string>;
}
export interface GetSegmentGroupResult {
    /** The segment group's id (a numeric string). */
    id: string;
    /** Its name as ZPA holds it (the case may differ from the name asked). */
    name: string;
    description: string | null;
    enabled: boolean;
    /** The ids of its application segments. */
    applications: string[];
    microtenantId: string | null;
}

export interface GetApplicationSegmentArgs {
    /** The application segment's name: exactly, or ignoring case when only one matches so. */
    name: string;
    /** The microtenant to search in. Default: the lookup options', then `zpa:microtenantId`, then `ZPA_MICROTENANT_ID`. */
    microtenantId?: string;
}
export interface GetApplicationSegmentOutputArgs {
    name: pulumi.Input<string>;
    microtenantId?: pulumi.Input<string>;
}
export interface GetApplicationSegmentResult {
    /** The application segment's id (a numeric string): what a SegmentGroup's `applications` lists. */
    id: string;
    name: string;
    enabled: boolean;
    /** The domains or addresses it covers. */
    domainNames: string[];
    /** The segment group it belongs to now, if any. */
    segmentGroupId: string | null;
    segmentGroupName: string | null;
    microtenantId: string | null;
}

/**
 * A segment group by name, e.g. to read the id of a group that another team manages.
 *
 * - Request: `GET .../segmentGroup?search=name+EQ+<name>` (every page; `microtenantId=` when set).
 * - Match: exact first, then ignoring case when only one group matches so; several are a ZpaLookupError naming each
 *   id. On a miss the whole list is compared, and the error names up to five of its closest names.
 */
export function getSegmentGroup(args: GetSegmentGroupArgs, opts?: ZpaLookupOptions): Promise<GetSegmentGroupResult> {
    return byName("getSegmentGroup", "segment group", "/segmentGroup", args, opts, (o) => ({
        id: o.id,
        name: o.name,
        description: text(o.description),
        enabled: o.enabled === true,
        applications: (Array.isArray(o.applications) ? o.applications : [])
            .map((a: unknown) => (typeof a === "object" && a !== null ? (a as { id?: unknown }).id : undefined))
            .filter((id): id is string => typeof id === "string"),
        microtenantId: text(o.microtenantId),
    }));
}

/** {@link getSegmentGroup} for `pulumi.Input` arguments. */
export function getSegmentGroupOutput(args: GetSegmentGroupOutputArgs, opts?: ZpaLookupOutputOptions): pulumi.Output<GetSegmentGroupResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getSegmentGroup(a, o));
}

/**
 * An application segment by name, e.g. for a SegmentGroup's `applications: [web.id]`.
 *
 * - Request: `GET .../application?search=name+EQ+<name>` (every page; `microtenantId=` when set).
 * - Match: as getSegmentGroup's.
 */
export function getApplicationSegment(args: GetApplicationSegmentArgs, opts?: ZpaLookupOptions): Promise<GetApplicationSegmentResult> {
    return byName("getApplicationSegment", "application segment", "/application", args, opts, (o) => ({
        id: o.id,
        name: o.name,
        enabled: o.enabled === true,
        domainNames: (Array.isArray(o.domainNames) ? o.domainNames : []).filter((d: unknown): d is string => typeof d === "string"),
        segmentGroupId: text(o.segmentGroupId),
        segmentGroupName: text(o.segmentGroupName),
        microtenantId: text(o.microtenantId),
    }));
}

/** {@link getApplicationSegment} for `pulumi.Input` arguments. */
export function getApplicationSegmentOutput(args: GetApplicationSegmentOutputArgs, opts?: ZpaLookupOutputOptions): pulumi.Output<GetApplicationSegmentResult> {
    return pulumi.all([pulumi.output(args), optionsOutput(opts)]).apply(([a, o]) => getApplicationSegment(a, o));
}

function text(v: unknown): string | null {
    return typeof v === "string" && v !== "" ? v : null;
}

/** The options as an Output whose secrecy does not spread to the result: the result never holds them. */
function optionsOutput(opts: ZpaLookupOutputOptions | undefined): pulumi.Output<ZpaLookupOptions> {
    return pulumi.unsecret(pulumi.output(opts ?? {})) as pulumi.Output<ZpaLookupOptions>;
}

/** Checks the arguments, resolves the settings, searches; client and settings errors say which lookup failed. */
async function byName<T>(
    lookup: string,
    noun: string,
    path: string,
    args: { name?: unknown; microtenantId?: unknown } | undefined,
    opts: ZpaLookupOptions | undefined,
    result: (o: ZpaListed) => T,
): Promise<T> {
    const wanted = args?.name;
    if (typeof wanted !== "string" || wanted.trim() === "") {
        throw new ZpaLookupError(lookup, {
            kind: "invalid",
            what: "name",
            reason: `expected a non-empty name, got ${wanted === undefined ? "nothing" : JSON.stringify(wanted)}`,
        });
    }
    const mt = args?.microtenantId;
    if (mt !== undefined && (typeof mt !== "string" || !/^\d+$/.test(mt))) {
        throw new ZpaLookupError(lookup, { kind: "invalid", what: "microtenantId", reason: `expected a ZPA id (digits), got ${JSON.stringify(mt)}` });
    }
    let baseUrl: string | undefined;
    try {
        const ctx = zpaLookupContext(opts);
        baseUrl = ctx.settings.client.baseUrl;
        const microtenantId = mt ?? ctx.settings.microtenantId;
        const found = await findByName(ctx.client, { lookup, noun, path, where: ctx.where(path), wanted, ...(microtenantId ? { microtenantId } : {}) });
        return result(found);
    } catch (e) {
        // The package's own errors say which lookup failed and, as the resources' do, which setting to check (without
        // stack frames); anything else is a fault and keeps its stack. One error object may reach several lookups
        // (a shared token request): each gets its own copy.
        throw explainZpa(isIscError(e) && !isZpaLookupError(e) ? withContext(e, `${lookup} (name ${JSON.stringify(wanted)})`) : e, baseUrl);
    }
}

/** A copy of `e` (same class, fields and cause) whose message starts with `prefix`. */
function withContext(e: IscError, prefix: string): IscError {
    const copy = Object.create(Object.getPrototypeOf(e) as object) as IscError;
    Object.assign(copy, e);
    Object.defineProperty(copy, "message", { value: `${prefix}: ${e.message}`, writable: true, configurable: true });
    Object.defineProperty(copy, "stack", { value: `${e.name}: ${prefix}: ${e.message}`, writable: true, configurable: true });
    if (e.cause !== undefined) Object.defineProperty(copy, "cause", { value: e.cause, writable: true, configurable: true });
    return copy;
}
