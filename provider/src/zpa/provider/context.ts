/**
 * What one ZPA lifecycle step runs with, and the calls it makes: one collection of one customer, through the
 * ZpaClient (or anything with its `request` and `listAll`, for tests).
 */
import type { Props } from "../../engine";
import { isZpaApiError, type ZpaClient } from "../client";
import type { ZpaResourceDescription, ZpaServerObject } from "../resources";
import { systemClock, type Clock } from "./waiting";

/** The client calls the lifecycle makes. */
export type ZpaApi = Pick<ZpaClient, "request" | "listAll">;

export interface ZpaLifecycleContext {
    desc: ZpaResourceDescription;
    client: ZpaApi;
    /** Which customer (base URL and customer id): object ids are unique within one only. */
    customerKey: string;
    /** The API client id (no secret): list snapshots are kept per reader (snapshot.ts). */
    readerKey?: string;
    /** zpa:microtenantId: the microtenant of a resource that names none. */
    microtenantId?: string;
    propagationTimeoutMs: number;
    clock?: Clock;
    /** Pulumi's log.info: each PUT is announced with the fields it changes. */
    info?: (message: string) => void;
}

export function clockOf(ctx: ZpaLifecycleContext): Clock {
    return ctx.clock ?? systemClock;
}

/** The key of an object in the process's memory (claims, last writes). */
export function objectKey(ctx: ZpaLifecycleContext, id: string): string {
    return `${ctx.customerKey}${ctx.desc.path}/${id}`;
}

/** `?microtenantId=` for calls about an object with these props (inputs or outputs), else the setting's. */
export function microtenantQuery(ctx: ZpaLifecycleContext, props: Props): Record<string, string> {
    const own = props.microtenantId;
    const id = typeof own === "string" && own !== "" ? own : ctx.microtenantId;
    return id ? { microtenantId: id } : {};
}

/** A fresh read of one object: undefined when ZPA answers 404. */
export async function getObject(ctx: ZpaLifecycleContext, id: string, props: Props): Promise<ZpaServerObject | undefined> {
    try {
        const res = await ctx.client.request<ZpaServerObject>("GET", `${ctx.desc.path}/${encodeURIComponent(id)}`, { query: microtenantQuery(ctx, props) });
        return res.status === 404 || !isObject(res.body) ? undefined : { ...res.body, id: String(res.body.id ?? id) };
    } catch (e) {
        if (isZpaApiError(e) && e.status === 404) return undefined;
        throw e;
    }
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function nameOf(props: Props): string | undefined {
    return typeof props.name === "string" ? props.name : undefined;
}
