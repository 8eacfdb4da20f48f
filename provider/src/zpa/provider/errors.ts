/**
 * Errors the ZPA provider raises to Pulumi, each an IscError (../../errors) with a literal `Zpa...Error` name and a
 * type guard. Messages name the resource type, the object's name and id where known, the step that failed, and carry
 * the client error's message (status, Zscaler's `id` and `reason`). The client never puts a secret in a message, so
 * neither do these.
 */
import { guardOf, IscError } from "../../errors";

/** A lifecycle step failed; nothing changed that the state does not know about. */
export class ZpaResourceError extends IscError {
    override readonly name = "ZpaResourceError" as const;
    constructor(label: string, objectName: string | undefined, id: string | undefined, step: string, cause: unknown) {
        super(`${describe(label, objectName, id)}: ${step} failed: ${messageOf(cause)}`, { cause });
    }
}

/**
 * The object exists but a later step of `create` failed (the PUT that brings an adopted group to its declared
 * state). Pulumi's host turns an error carrying `id` and `properties` into ErrorResourceInitFailed, so the state
 * records the object and the next `up` updates it instead of creating another.
 */
export class ZpaPartialCreateError extends IscError {
    override readonly name = "ZpaPartialCreateError" as const;
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

/** ZPA says the object does not exist, and not just after our own write: it was deleted outside Pulumi. */
export class ZpaDeletedOutsidePulumiError extends IscError {
    override readonly name = "ZpaDeletedOutsidePulumiError" as const;
    constructor(cause: unknown) {
        super(
            "the object no longer exists in ZPA: it was deleted outside Pulumi (in the admin portal, by a script or by another stack). " +
                "Run `pulumi up --refresh` to drop it from the state and create it again, or `pulumi refresh` first to review. " +
                `(ZPA answered: ${messageOf(cause)})`,
            { cause },
        );
    }
}

/** A second resource of this deployment declares the `adoptId` of an object another resource already holds. */
export class ZpaAdoptConflictError extends IscError {
    override readonly name = "ZpaAdoptConflictError" as const;
    constructor(
        readonly id: string,
        readonly claimant: string,
        readonly holder: string,
    ) {
        super(
            `${claimant} declares adoptId "${id}", but ${holder} already manages that object in this deployment (it created or adopted it): ` +
                "remove the adoptId (or the resource) from one of them.",
        );
    }
}

/** ZPA refused to delete a segment group that policy rules use. */
export class ZpaInUseError extends IscError {
    override readonly name = "ZpaInUseError" as const;
    constructor(
        readonly id: string,
        /** Zscaler's explanation, as it gave it. */
        readonly reason: string | undefined,
        cause: unknown,
    ) {
        super(
            `ZPA refused to delete it: it is in use by a policy rule${reason ? ` (${reason})` : ""}; remove it from the access policy rules that name it first, then destroy again`,
            { cause },
        );
    }
}

export const isZpaResourceError = guardOf<ZpaResourceError>("ZpaResourceError");
export const isZpaPartialCreateError = guardOf<ZpaPartialCreateError>("ZpaPartialCreateError");
export const isZpaDeletedOutsidePulumiError = guardOf<ZpaDeletedOutsidePulumiError>("ZpaDeletedOutsidePulumiError");
export const isZpaAdoptConflictError = guardOf<ZpaAdoptConflictError>("ZpaAdoptConflictError");
export const isZpaInUseError = guardOf<ZpaInUseError>("ZpaInUseError");

export function describe(label: string, objectName: string | undefined, id: string | undefined): string {
    const named = objectName ? `${label} "${objectName}"` : label;
    return id ? `${named} (id ${id})` : named;
}

export function messageOf(cause: unknown): string {
    return cause instanceof Error ? cause.message : String(cause);
}
