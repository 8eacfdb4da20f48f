/**
 * The ISC emulator, in-process: `const emu = await startEmulator({ port: 0 }); ... await emu.close();`
 * See README.md in this folder for what it emulates and how.
 */
import type { AddressInfo } from "net";
import { ClientCredentials, DEFAULT_CONFIG, DEMO_CLIENT, EmulatorConfig, EmulatorServer, Faults, NO_FAULTS, RateLimitConfig } from "./server";

export type { ClientCredentials, EmulatorConfig, Faults, RateLimitConfig, RequestLogEntry } from "./server";
export { DEMO_CLIENT, DEFAULT_CONFIG, NO_FAULTS } from "./server";
export { EmulatorAdmin } from "./admin-client";
export type { ConfigChange, ObjectKind, StoredObject, TenantState } from "./admin-client";

export interface EmulatorOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    host?: string;
    /** Seeds the tenant's ids and every random choice (lag, faults). Default 1. */
    seed?: number;
    /** Default: demo-client / demo-secret. */
    clients?: ClientCredentials[];
    tokenLifetimeSeconds?: number;
    /** Default 100 requests per 10 s per client id and API version; null disables. */
    rateLimit?: RateLimitConfig | null;
    consistencyLagMs?: number;
    faults?: Partial<Faults>;
}

export interface Emulator {
    /** The tenant base URL, e.g. http://127.0.0.1:41234 (the token URL is url + "/oauth/token"). */
    url: string;
    port: number;
    close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
    const config: EmulatorConfig = {
        tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? DEFAULT_CONFIG.tokenLifetimeSeconds,
        rateLimit: options.rateLimit === undefined ? DEFAULT_CONFIG.rateLimit : options.rateLimit,
        consistencyLagMs: options.consistencyLagMs ?? 0,
        faults: { ...NO_FAULTS, ...(options.faults ?? {}) },
    };
    const emu = new EmulatorServer(options.seed ?? 1, options.clients ?? [DEMO_CLIENT], config);
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
        emu.server.once("error", reject);
        emu.server.listen(options.port ?? 0, host, () => resolve());
    });
    const port = (emu.server.address() as AddressInfo).port;
    const shownHost = host.includes(":") ? `[${host}]` : host;
    return {
        url: `http://${shownHost}:${port}`,
        port,
        close: () =>
            new Promise<void>((resolve) => {
                emu.server.close(() => resolve());
                emu.server.closeAllConnections();
            }),
    };
}
