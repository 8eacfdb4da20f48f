/**
 * ISC's rate limit as a sliding window of accepted requests, counted at arrival: per client id (scope "client",
 * every version prefix and collection together) or per client id and version prefix ("client-version").
 */
import type { RateLimitConfig } from "./config";

export class RateWindows {
    /**
     * Accepted API requests per client id, oldest first, with their version prefix: the scope is applied when
     * counting, so changing it at run time keeps the requests already made.
     */
    private readonly windows = new Map<string, Array<{ at: number; version: string }>>();

    /** null when the request is admitted (and counted); otherwise the whole seconds for `Retry-After`. */
    admit(limit: RateLimitConfig, clientId: string, version: string, now = Date.now()): number | null {
        const w = (this.windows.get(clientId) ?? []).filter((r) => r.at > now - limit.windowMs);
        this.windows.set(clientId, w);
        const counted = limit.scope === "client" ? w : w.filter((r) => r.version === version);
        if (counted.length >= limit.limit) {
            // Whole seconds until the oldest counted request leaves the window and frees a slot.
            return Math.max(1, Math.ceil((counted[0].at + limit.windowMs - now) / 1000));
        }
        w.push({ at: now, version });
        return null;
    }

    clear(): void {
        this.windows.clear();
    }
}
