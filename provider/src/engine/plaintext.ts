/**
 * Credentials kept in plain text in the stack configuration (`pulumi config set <key> …` without `--secret`): the
 * message both families' programs refuse them with (issue 14 §2). Pure; the caller reads the program's configuration
 * (see provider/plaintext-credentials.ts) and wraps the text in its own error.
 */

/** The running program's configuration, as far as this check needs it. */
export interface ProgramConfig {
    /** A key's value, undefined when unset. */
    get(key: string): string | undefined;
    /** Whether the key is a secret; undefined when the runtime cannot say (then nothing is refused). */
    isSecret: ((key: string) => boolean) | undefined;
}

/** A credential setting: its stack key and the environment variable that can hold it instead. */
export interface SecretSetting {
    key: string;
    env: string;
}

/** A message naming every credential setting whose value is in plain text (never the value), or undefined. */
export function plaintextCredentialsMessage(config: ProgramConfig, settings: readonly SecretSetting[]): string | undefined {
    const { isSecret } = config;
    if (!isSecret) return undefined;
    const plain = settings.filter((spec) => {
        const value = config.get(spec.key);
        return value !== undefined && value !== "" && !isSecret(spec.key);
    });
    if (plain.length === 0) return undefined;
    const many = plain.length > 1;
    const it = many ? "them" : "it";
    const names = plain.map((spec) => spec.key).join(" and ");
    const fixes = plain.map((spec) => `\`pulumi config set --secret ${spec.key} <value>\``).join(" and ");
    const envs = plain.map((spec) => spec.env).join(" and ");
    const removes = plain.map((spec) => `\`pulumi config rm ${spec.key}\``).join(" and ");
    return (
        `${names} ${many ? "are" : "is"} in the stack configuration in plain text (set without --secret): Pulumi would copy ` +
        `${it} unencrypted into the state and its logs, so nothing was done. Set ${it} again ` +
        `as a secret with ${fixes}, or remove ${it} (${removes}) and give ${envs} in the environment ` +
        `instead. The value was readable in Pulumi.<stack>.yaml: if that file was shared or committed, rotate the credential.`
    );
}
