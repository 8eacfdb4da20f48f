/**
 * Errors the provider raises to Pulumi. Messages name the resource type, the object's name and id where
 * known, the step that failed, and carry the client error's message (status, detailCode, the server's
 * text and trackingId). The client never puts a secret in a message, so neither do these.
 */

/** A lifecycle step failed; nothing changed that the state does not know about. */
export class IscResourceError extends Error {
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
export class IscPartialCreateError extends Error {
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

export function describe(label: string, objectName: string | undefined, id: string | undefined): string {
    const named = objectName ? `${label} "${objectName}"` : label;
    return id ? `${named} (id ${id})` : named;
}

function messageOf(cause: unknown): string {
    return cause instanceof Error ? cause.message : String(cause);
}
