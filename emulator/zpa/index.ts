/**
 * The ZPA emulator, in-process: `const zpa = await startZpaEmulator({ port: 0 }); ... await zpa.close();`
 * See ../README.md ("ZPA emulator") for what it emulates. Independent of the provider's code.
 */
import type { AddressInfo } from "net";
import type { Json } from "../validation";
import {
    mergeZpaConfig,
    ZPA_DEFAULT_CONFIG,
    ZPA_DEFAULT_CUSTOMER_ID,
    ZPA_DEMO_CLIENT,
    type ZpaClientCredentials,
    type ZpaConfig,
    type ZpaFaults,
    type ZpaRateLimit,
} from "./config";
import { ZpaError } from "./errors";
import { DEFAULT_APPLICATIONS, type ApplicationSeed } from "./model";
import { ZpaServer } from "./server";

export type { ZpaClientCredentials, ZpaConfig, ZpaFaultKind, ZpaFaults, ZpaRateLimit, ZpaRequestLogEntry } from "./config";
export { ZPA_DEFAULT_CONFIG, ZPA_DEFAULT_CUSTOMER_ID, ZPA_DEMO_CLIENT, ZPA_FAULT_KINDS, ZPA_NO_FAULTS } from "./config";
export { zpaKeyedFaults } from "./faults";
export type { ApplicationSeed } from "./model";
export { DEFAULT_APPLICATIONS } from "./model";
export { ONEAPI_AUDIENCE } from "./auth";

export interface ZpaEmulatorOptions {
    /** 0 (the default) picks a free port. */
    port?: number;
    host?: string;
    /** Seeds the faults and tokens. Default 1. */
    seed?: number;
    /** Default one client, zpa-demo-client / zpa-demo-secret, good for both auth modes. */
    clients?: ZpaClientCredentials[];
    /** Default "216196257331281920". */
    customerId?: string;
    /** Default 3600. */
    tokenTtlSeconds?: number;
    /** Per client id: default 20 reads and 10 writes per 10 s; null: none. */
    rateLimit?: Partial<ZpaRateLimit> | null;
    /** A read sees the state of this many ms ago. Default 0. */
    consistencyLagMs?: number;
    faults?: Partial<ZpaFaults>;
    /** A v1 PUT with more applications answers 400 payload.size.exceeded. Default: no limit. */
    v1MaxApplications?: number | null;
    /** Application segments at start-up and after every reset (in no group). Default: six (DEFAULT_APPLICATIONS). */
    applications?: ApplicationSeed[];
}

export interface ZpaEmulator {
    /** Legacy API base and `/signin`; OneAPI token URL is url + "/oauth2/v1/token", its API paths under url + "/zpa". */
    url: string;
    port: number;
    customerId: string;
    /** The token URL for OneAPI clients. */
    tokenUrl: string;
    close(): Promise<void>;
}

/** The options as a config, checked as `POST /__admin/config` checks a change; a bad option throws naming it. */
function configFrom(o: ZpaEmulatorOptions): ZpaConfig {
    const change: Record<string, Json> = {};
    if (o.tokenTtlSeconds !== undefined) change.tokenTtlSeconds = o.tokenTtlSeconds;
    if (o.consistencyLagMs !== undefined) change.consistencyLagMs = o.consistencyLagMs;
    if (o.v1MaxApplications !== undefined) change.v1MaxApplications = o.v1MaxApplications;
    if (o.rateLimit !== undefined) change.rateLimit = o.rateLimit === null ? null : (JSON.parse(JSON.stringify(o.rateLimit)) as Json);
    if (o.faults !== undefined) change.faults = JSON.parse(JSON.stringify(o.faults)) as Json;
    try {
        return mergeZpaConfig(ZPA_DEFAULT_CONFIG, change);
    } catch (e) {
        if (e instanceof ZpaError) throw new Error(`startZpaEmulator: ${e.reason}`, { cause: e });
        throw e;
    }
}

export async function startZpaEmulator(options: ZpaEmulatorOptions = {}): Promise<ZpaEmulator> {
    const customerId = options.customerId ?? ZPA_DEFAULT_CUSTOMER_ID;
    if (!/^\d+$/.test(customerId)) throw new Error(`startZpaEmulator: customerId must be a numeric string, not ${JSON.stringify(customerId)}`);
    const emu = new ZpaServer(
        options.seed ?? 1,
        customerId,
        options.clients ?? [ZPA_DEMO_CLIENT],
        configFrom(options),
        options.applications ?? DEFAULT_APPLICATIONS,
    );
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
        emu.server.once("error", reject);
        emu.server.listen(options.port ?? 0, host, () => resolve());
    });
    const port = (emu.server.address() as AddressInfo).port;
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    return {
        url,
        port,
        customerId,
        tokenUrl: `${url}/oauth2/v1/token`,
        close: () =>
            new Promise<void>((resolve) => {
                emu.server.close(() => resolve());
                emu.server.closeAllConnections();
            }),
    };
}
