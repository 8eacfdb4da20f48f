/**
 * One ZpaClient per connection per process: its token cache and pacing are then shared by every resource and lookup
 * of a run. Keyed by what identifies the connection; the secret enters the key only as a hash.
 */
import { createHash } from "crypto";
import { ZpaClient } from "../client";
import type { ZpaProviderSettings } from "./settings";

const clients = new Map<string, ZpaClient>();

/** What identifies a connection (base URL, customer, auth, pace), the secret hashed. */
export function connectionKey(settings: ZpaProviderSettings): string {
    const o = settings.client;
    const secret = createHash("sha256").update(o.auth.clientSecret).digest("hex").slice(0, 16);
    const tokenUrl = o.auth.mode === "oneapi" ? o.auth.tokenUrl : "";
    return JSON.stringify([o.baseUrl, o.customerId, o.auth.mode, tokenUrl, o.auth.clientId, secret, o.readsPer10Seconds, o.writesPer10Seconds]);
}

/** The process's client for these settings (for the lifecycle and the lookups). */
export function zpaClientFor(settings: ZpaProviderSettings): ZpaClient {
    const key = connectionKey(settings);
    let client = clients.get(key);
    if (!client) {
        client = new ZpaClient(settings.client);
        clients.set(key, client);
    }
    return client;
}
