/**
 * Credentials kept in plain text in the stack configuration (`pulumi config set isc:clientSecret …` without
 * `--secret`) are refused, in the program, before any resource is registered (issue 14 §2).
 *
 * Such a value sits in clear in `Pulumi.<stack>.yaml`, and Pulumi copies it in clear into the state (the default
 * provider's inputs: the whole stack configuration, see settings.ts) and into its verbose logs.
 *
 * Only the program can tell: the dynamic-provider host unwraps every value before `configure()` sees it (its
 * `configure` drops the secret mark of each argument), so the provider cannot know a plain value from a secret.
 * The program's runtime can: the language host passes the names of the secret keys (PULUMI_CONFIG_SECRET_KEYS),
 * which `pulumi.runtime.isConfigSecret` reads (not in the published types; when an SDK lacks it, nothing is checked).
 */
import * as pulumi from "@pulumi/pulumi";
import { IscConfigError } from "../client";
import { plaintextCredentialsMessage, type ProgramConfig } from "../engine";
import { CONFIG_KEYS } from "./settings";

export type { ProgramConfig };

/** The settings that hold a credential, which must be secrets in the stack configuration. */
export const SECRET_SETTINGS = [CONFIG_KEYS.clientSecret, CONFIG_KEYS.accessToken] as const;

/** The running program's configuration, as Pulumi's runtime holds it (empty outside a program). */
export function runtimeConfig(): ProgramConfig {
    const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: unknown }).isConfigSecret;
    return {
        get: (key) => pulumi.runtime.getConfig(key),
        isSecret: typeof isConfigSecret === "function" ? (key) => (isConfigSecret as (k: string) => boolean)(key) === true : undefined,
    };
}

/** An error naming every credential setting whose value is in plain text (never the value), or undefined. */
export function plaintextCredentialsError(config: ProgramConfig = runtimeConfig()): IscConfigError | undefined {
    const message = plaintextCredentialsMessage(config, SECRET_SETTINGS);
    return message === undefined ? undefined : new IscConfigError(message);
}

/** Throws plaintextCredentialsError's error, if any, with its message as its whole stack (Pulumi prints the stack). */
export function refusePlaintextCredentials(config: ProgramConfig = runtimeConfig()): void {
    const e = plaintextCredentialsError(config);
    if (!e) return;
    e.stack = `${e.name}: ${e.message}`;
    throw e;
}
