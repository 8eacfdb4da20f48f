/**
 * Errors the provider raises to Pulumi, each an IscError (../errors) with a literal `name` and a type guard.
 * Messages name the resource type, the object's name and id where known, the step that failed, and carry the
 * client error's message (status, detailCode, the server's text and trackingId). The client never puts a secret
 * in a message, so neither do these.
 */
import { guardOf, IscError } from "../errors";

/** A lifecycle step failed; nothing changed that the state does not know about. */
export class IscResourceError extends IscError {
    override readonly name = "IscResourceError";
    constructor(label: string, objectName: string | undefined, id: string | undefined, step: string, cause: unknown) {
        super(`${describe(label, objectName, id)}: ${step} failed: ${messageOf(cause)}`, { cause });
    }
}

/**
 * The object exists in the tenant but a later step of `create` failed (for example the patch that brings an
 * adopted object to its declared state). Pulumi's host turns an error carrying `id` and `properties` into
 * ErrorResourceInitFailed, so the engine records the object in the state and the next `up` updates it
 * instead of creating another.
 */
export class IscPartialCreateError extends IscError {
    override readonly name = "IscPartialCreateError";
    readonly reasons: string[];
    constructor(
        label: string,
        objectName: string | undefined,
        readonly id: string,
        readonly properties: Record<string, unknown>,
        step: string,
        cause: unknown,
    ) {
        super(`${describe(label, objectName, id)}: ${step} failed: ${messageOf(cause)}`, { cause });
        this.reasons = [this.message];
    }
}

/**
 * ISC says the object does not exist, and it is not one that this process wrote moments ago (a replica that
 * has not seen it yet): it was deleted outside Pulumi (in the ISC UI, by a script, by another stack). The state
 * still holds it; a refresh drops it, and the same `up` then creates it again.
 */
export class IscDeletedOutsidePulumiError extends IscError {
    override readonly name = "IscDeletedOutsidePulumiError";
    constructor(cause: unknown) {
        super(
            "the object no longer exists in ISC: it was deleted outside Pulumi (in the ISC UI, by a script or by another stack). " +
                "Run `pulumi up --refresh` to drop it from the state and create it again, or `pulumi refresh` first to review. " +
                `(ISC answered: ${messageOf(cause)})`,
            { cause },
        );
    }
}

/**
 * A second resource of this deployment declares the `adoptId` of an object that another resource already created
 * or adopted. Pulumi does not give a dynamic provider its resources' names, so each is named by its kind and
 * declared `name`.
 */
export class IscAdoptConflictError extends IscError {
    override readonly name = "IscAdoptConflictError";
    constructor(
        readonly id: string,
        readonly claimant: string,
        readonly holder: string,
    ) {
        super(
            `${claimant} declares adoptId "${id}", but ${holder} already manages that object in this deployment (it created or adopted it). ` +
                "Two resources managing one ISC object would overwrite each other on every update: remove the adoptId (or the resource) from one of them. " +
                "(Resources are named by their kind and declared name: Pulumi does not tell a dynamic provider its resources' own names.)",
        );
    }
}

/** An object that uses another, as ISC names it in a refused delete (e.g. `{type: "ROLE", id, name}`). */
export interface UsedBy {
    type?: string;
    id?: string;
    name?: string;
}

/** ISC refused to delete an object that other objects use. */
export class IscInUseError extends IscError {
    override readonly name = "IscInUseError" as const;
    constructor(
        readonly id: string,
        readonly usedBy: UsedBy[],
    ) {
        const users = usedBy.map((u) =>
            `${u.type ?? "object"} ${u.name !== undefined ? JSON.stringify(u.name) : ""}${u.id ? ` (id ${u.id})` : ""}`.replace(/\s+/g, " ").trim(),
        );
        super(
            `ISC refused to delete it: it is in use by ${users.length ? users.join(", ") : "another object"}; remove it from ${users.length === 1 ? "that object" : "those objects"} first`,
        );
    }
}

export const isIscResourceError = guardOf<IscResourceError>("IscResourceError");
export const isIscPartialCreateError = guardOf<IscPartialCreateError>("IscPartialCreateError");
export const isIscDeletedOutsidePulumiError = guardOf<IscDeletedOutsidePulumiError>("IscDeletedOutsidePulumiError");
export const isIscAdoptConflictError = guardOf<IscAdoptConflictError>("IscAdoptConflictError");
export const isIscInUseError = guardOf<IscInUseError>("IscInUseError");

export function describe(label: string, objectName: string | undefined, id: string | undefined): string {
    const named = objectName ? `${label} "${objectName}"` : label;
    return id ? `${named} (id ${id})` : named;
}

export function messageOf(cause: unknown): string {
    return cause instanceof Error ? cause.message : String(cause);
}
