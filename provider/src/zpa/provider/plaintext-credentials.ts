/**
 * A ZPA client secret kept in plain text in the stack configuration (`pulumi config set zpa:clientSecret …` without
 * `--secret`) is refused in the program, before any resource is registered, as the ISC half refuses `isc:` credentials
 * (provider/src/provider/plaintext-credentials.ts says why only the program can tell; the message is the engine's).
 */
import * as pulumi from "@pulumi/pulumi";
import { plaintextCredentialsMessage, type ProgramConfig } from "../../engine";
import { ZpaConfigError } from "../client";
import { ZPA_CONFIG_KEYS } from "./settings";

/** The settings that hold a credential: the secret, whose environment name depends on the auth mode. */
export const ZPA_SECRET_SETTINGS = [
    { key: ZPA_CONFIG_KEYS.clientSecret.key, env: `${ZPA_CONFIG_KEYS.clientSecret.env} (or ${ZPA_CONFIG_KEYS.clientSecret.oneApiEnv} for OneAPI)` },
] as const;

/** The running program's configuration, as Pulumi's runtime holds it (empty outside a program). */
export function zpaRuntimeConfig(): ProgramConfig {
    const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: unknown }).isConfigSecret;
    return {
        get: (key) => pulumi.runtime.getConfig(key),
        isSecret: typeof isConfigSecret === "function" ? (key) => (isConfigSecret as (k: string) => boolean)(key) === true : undefined,
    };
}

/** Throws a ZpaConfigError naming a plain-text credential (never its value), its message as its whole stack. */
export function refuseZpaPlaintextCredentials(config: ProgramConfig = zpaRuntimeConfig()): void {
    const message = plaintextCredentialsMessage(config, ZPA_SECRET_SETTINGS);
    if (message === undefined) return;
    const e = new ZpaConfigError(message);
    e.stack = `${e.name}: ${e.message}`;
    throw e;
}
