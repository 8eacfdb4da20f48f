/**
 * One error hierarchy for the whole package: every error it raises on purpose, each with a message written for
 * the user, is an `IscError`: the client's (`IscApiError`, `IscAuthError`, `IscNetworkError`, `IscTransportError`,
 * `IscOutcomeUnknownError`, `IscConfigError`), the lookups' (`IscLookupError`) and the dynamic provider's
 * (`IscResourceError`, `IscPartialCreateError`, `IscDeletedOutsidePulumiError`, `IscAdoptConflictError`,
 * `IscInUseError`). Anything else that escapes (a TypeError, a ReferenceError) is a fault in the code.
 *
 * Each error has a literal `name` of the form `Isc...Error` (`Zpa...Error` for the ZPA client's), and its type guard checks that name, never the class:
 * Pulumi may load two copies of the package in one process (the provider a state serialized `require`s the
 * installed package, a program may bring its own), and `instanceof` is false across copies. The name is an own,
 * enumerable property, so it survives `JSON.stringify` too, with the error's other fields (never `message`,
 * `stack` or `cause`). No error carries a token, a secret or an Authorization header.
 */

/** The standard `cause` (not enumerable, so never in an error's JSON). */
export interface IscErrorOptions {
    cause?: unknown;
}

/** The names of the package's errors: `IscError`, every `Isc...Error`, and the ZPA half's `Zpa...Error`s. */
const NAME = /^(?:Isc(?:[A-Z][A-Za-z]*)?|Zpa[A-Z][A-Za-z]*)Error$/;

/** The base of every error the package raises on purpose. */
export class IscError extends Error {
    override readonly name: string = "IscError";

    constructor(message: string, options: IscErrorOptions = {}) {
        // `{ cause }` only when there is one, so an error without a cause has no `cause` property at all.
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
    }
}

/** Whether `name` is one of the package's error names (the convention covers an error added later too). */
export function isIscErrorName(name: unknown): boolean {
    return typeof name === "string" && NAME.test(name);
}

/** One of the package's errors, whichever copy of the package made it: by its name. */
export function isIscError(e: unknown): e is IscError {
    return typeof e === "object" && e !== null && isIscErrorName((e as { name?: unknown }).name);
}

/** The type guard of one error class: by its literal name, like isIscError. */
export function guardOf<E extends IscError>(name: E["name"]): (e: unknown) => e is E {
    return (e: unknown): e is E => typeof e === "object" && e !== null && (e as { name?: unknown }).name === name;
}
