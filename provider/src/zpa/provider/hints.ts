/**
 * Turns a ZPA failure whose cause is the connection into one that says which setting to check, and keeps JavaScript
 * stack frames out of what `pulumi` prints for the package's own errors (any other error is a fault in the code and
 * keeps its stack). Names settings only, never a value.
 */
import { isIscError, isIscErrorName } from "../../errors";
import { ZPA_CONFIG_KEYS } from "./settings";

function chainOf(e: unknown): Array<{ name?: unknown; credentialSource?: unknown }> {
    const chain: Array<{ name?: unknown; credentialSource?: unknown }> = [];
    for (let c: unknown = e; c && typeof c === "object" && chain.length < 10; c = (c as { cause?: unknown }).cause) chain.push(c as { name?: unknown });
    return chain;
}

export function zpaHintFor(e: unknown, baseUrl: string | undefined): string | undefined {
    const chain = chainOf(e);
    const auth = chain.find((c) => c.name === "ZpaAuthError");
    if (auth) {
        const from =
            typeof auth.credentialSource === "string" && auth.credentialSource
                ? auth.credentialSource
                : `${ZPA_CONFIG_KEYS.clientId.key}/${ZPA_CONFIG_KEYS.clientSecret.key}`;
        return `the credentials from ${from} were refused: check them and ${ZPA_CONFIG_KEYS.customerId.key}, and for OneAPI ${ZPA_CONFIG_KEYS.vanityDomain.key}`;
    }
    if (chain.some((c) => c.name === "ZpaNetworkError")) {
        const { baseUrl: b, cloud } = ZPA_CONFIG_KEYS;
        return `check ${b.key} (or ${b.env}) and ${cloud.key}${baseUrl ? `: ${baseUrl} could not be reached` : ""}`;
    }
    return undefined;
}

/** The first cause that is neither one of the package's errors nor a plain Error: a fault in the code (kept with its stack). */
function faultIn(e: Error): Error | undefined {
    let c: unknown = e.cause;
    for (let depth = 0; c instanceof Error && depth < 10; depth++, c = c.cause) if (!isIscErrorName(c.name) && c.name !== "Error") return c;
    return undefined;
}

/** Adds the hint to the message (in place, so `id` and `properties` of a partial create survive); strips our stacks. */
export function explainZpa<E>(e: E, baseUrl: string | undefined): E {
    if (!(e instanceof Error)) return e;
    const hint = zpaHintFor(e, baseUrl);
    if (hint && !e.message.includes(hint)) e.message = `${e.message} (${hint})`;
    if (isIscError(e)) {
        const fault = faultIn(e);
        e.stack = fault ? `${e.name}: ${e.message}\nCaused by: ${fault.stack ?? `${fault.name}: ${fault.message}`}` : `${e.name}: ${e.message}`;
        for (let c: unknown = e.cause, depth = 0; c instanceof Error && isIscError(c) && depth < 10; c = c.cause, depth++) c.stack = `${c.name}: ${c.message}`;
    }
    return e;
}
