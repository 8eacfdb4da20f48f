/**
 * Turns a failure whose cause is the connection (credentials refused, tenant unreachable) into one that
 * says which setting to check, naming the setting the credentials actually came from; and keeps JavaScript
 * stack frames out of what `pulumi` prints for the package's own errors (every IscError, known by its name: see
 * ../errors): the dynamic-provider host logs `error.stack`, and a user needs the message, not our call sites. Any
 * other error (a TypeError, a ReferenceError, ...) is a fault in the code and keeps its stack, so it can be found.
 */
import { isCredentialSource, type CredentialSource } from "../client";
import { isIscError, isIscErrorName } from "../errors";
import { CONFIG_KEYS } from "./settings";

function causes(e: unknown): Array<{ name?: unknown; message?: unknown; credentialSource?: unknown }> {
    const chain: Array<{ name?: unknown; message?: unknown; credentialSource?: unknown }> = [];
    for (let c: unknown = e; c && typeof c === "object" && chain.length < 10; c = (c as { cause?: unknown }).cause) {
        chain.push(c as { name?: unknown });
    }
    return chain;
}

const { accessToken, clientId, clientSecret } = CONFIG_KEYS;

/** What to do about refused credentials, by where they came from. Names only: never a value. */
const CREDENTIAL_HINTS: Record<CredentialSource, string> = {
    "isc:accessToken": `the access token from ${accessToken.key} was refused: renew it (\`pulumi config set --secret ${accessToken.key} <token>\`), or remove it (\`pulumi config rm ${accessToken.key}\`) and set ${clientId.key}/${clientSecret.key}`,
    "isc:clientId/isc:clientSecret": `the client credentials from ${clientId.key}/${clientSecret.key} were refused: check ${clientId.key} and ${clientSecret.key} (\`pulumi config set --secret ${clientSecret.key} <secret>\`)`,
    "isc:clientId/SAIL_CLIENT_SECRET": `the client credentials from ${clientId.key} and ${clientSecret.env} were refused: check ${clientId.key} and the ${clientSecret.env} variable`,
    SAIL_ACCESS_TOKEN: `the access token from ${accessToken.env} was refused: renew it or set ${clientId.key}/${clientSecret.key}`,
    "SAIL_CLIENT_ID/SAIL_CLIENT_SECRET": `the client credentials from ${clientId.env}/${clientSecret.env} were refused: check ${clientId.env} and ${clientSecret.env} (they win over ${clientId.key}/${clientSecret.key}; unset them to use the stack's)`,
    accessToken: "the access token passed as accessToken was refused: renew it, or pass clientId/clientSecret instead",
    "clientId/clientSecret": "the client credentials passed as clientId/clientSecret were refused: check both",
};

/**
 * For refused credentials that came (at least partly) from the stack configuration, in a step that `pulumi refresh`,
 * `pulumi destroy` and `--refresh` run (read, delete): those commands do not run the program, and Pulumi configures the
 * provider from the copy of the stack configuration it saved with the default provider at the last `pulumi up`, so
 * credentials changed since are not the ones used (issue 14).
 */
export const SAVED_CONFIG_HINT =
    "if they were changed since the last successful `pulumi up`, this command used the copy of the stack configuration Pulumi saved then: " +
    "run it with `--run-program` (or PULUMI_RUN_PROGRAM=true) to use the configuration as it is now, or give the credentials in the environment " +
    `(${clientId.env}/${clientSecret.env}, which win over the stack's)`;

/** For an auth error that does not say where its credentials came from. */
const GENERAL_CREDENTIAL_HINT = `check ${clientId.key} and ${clientSecret.key} (or ${clientId.env} and ${clientSecret.env}; or ${accessToken.key})`;

/** Where the failing step ran: `savedConfig` for the steps that may run on the saved copy of the stack configuration (read, delete). */
export interface ExplainOptions {
    savedConfig?: boolean;
}

export function hintFor(e: unknown, baseUrl: string | undefined, options: ExplainOptions = {}): string | undefined {
    const chain = causes(e);
    const auth = chain.find((c) => c.name === "IscAuthError");
    if (auth) {
        if (!isCredentialSource(auth.credentialSource)) return GENERAL_CREDENTIAL_HINT;
        const hint = CREDENTIAL_HINTS[auth.credentialSource];
        return options.savedConfig && auth.credentialSource.startsWith("isc:") ? `${hint}; ${SAVED_CONFIG_HINT}` : hint;
    }
    if (chain.some((c) => c.name === "IscNetworkError")) {
        return `check ${CONFIG_KEYS.baseUrl.key} (or ${CONFIG_KEYS.baseUrl.env})${baseUrl ? `: ${baseUrl} could not be reached` : ""}`;
    }
    return undefined;
}

/**
 * The first fault in a known error's chain of causes: an error that is neither one of the package's own nor a
 * plain Error (the package gives reasons as plain Errors, e.g. "no segment with id ... exists: check adoptId").
 */
function faultIn(e: Error): Error | undefined {
    let c: unknown = e.cause;
    for (let depth = 0; c instanceof Error && depth < 10; depth++, c = c.cause) {
        if (!isIscErrorName(c.name) && c.name !== "Error") return c;
    }
    return undefined;
}

/**
 * Adds the hint to the error's message (in place, so properties such as `id` for a partial create, and `cause`,
 * survive). The package's own errors lose their stack frames, unless one of their causes is a fault: then the
 * stack shows that fault's. Any other error is left with its stack as it is.
 */
export function explain<E>(e: E, baseUrl: string | undefined, options: ExplainOptions = {}): E {
    if (e instanceof Error) {
        const hint = hintFor(e, baseUrl, options);
        if (hint && !e.message.includes(hint)) e.message = `${e.message} (${hint})`;
        if (isIscError(e)) {
            const fault = faultIn(e);
            e.stack = fault ? `${e.name}: ${e.message}\nCaused by: ${fault.stack ?? `${fault.name}: ${fault.message}`}` : `${e.name}: ${e.message}`;
            // Its known causes too: Node prints a cause with its own stack (e.g. a program's unhandled lookup error).
            for (let c: unknown = e.cause, depth = 0; c instanceof Error && isIscError(c) && depth < 10; c = c.cause, depth++) {
                c.stack = `${c.name}: ${c.message}`;
            }
        }
    }
    return e;
}
