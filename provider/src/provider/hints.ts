/**
 * Turns a failure whose cause is the connection (credentials refused, tenant unreachable) into one that
 * says which setting to check, and keeps JavaScript stack frames out of what `pulumi` prints: the
 * dynamic-provider host logs `error.stack`, and a user needs the message, not our call sites.
 */
import { CONFIG_KEYS } from "./settings";

function causes(e: unknown): Array<{ name?: unknown; message?: unknown }> {
    const chain: Array<{ name?: unknown; message?: unknown }> = [];
    for (let c: unknown = e; c && typeof c === "object" && chain.length < 10; c = (c as { cause?: unknown }).cause) {
        chain.push(c as { name?: unknown });
    }
    return chain;
}

export function hintFor(e: unknown, baseUrl: string | undefined): string | undefined {
    const names = causes(e).map((c) => c.name);
    if (names.includes("IscAuthError")) {
        return `check ${CONFIG_KEYS.clientId.key} and ${CONFIG_KEYS.clientSecret.key} (or ${CONFIG_KEYS.clientId.env} and ${CONFIG_KEYS.clientSecret.env}; or ${CONFIG_KEYS.accessToken.key})`;
    }
    if (names.includes("IscNetworkError")) {
        return `check ${CONFIG_KEYS.baseUrl.key} (or ${CONFIG_KEYS.baseUrl.env})${baseUrl ? `: ${baseUrl} could not be reached` : ""}`;
    }
    return undefined;
}

/** Adds the hint to the error's message (in place, so properties such as `id` for a partial create survive). */
export function explain<E>(e: E, baseUrl: string | undefined): E {
    if (e instanceof Error) {
        const hint = hintFor(e, baseUrl);
        if (hint && !e.message.includes(hint)) e.message = `${e.message} (${hint})`;
        e.stack = `${e.name}: ${e.message}`;
    }
    return e;
}
