/** A KV entry as the `consul` client returns it: `Value` already decoded from base64. */
export interface KvEntry {
  Key: string;
  Value: string | null;
}

/** Names a KV key may map to: environment-variable names, minus Consul's own settings. */
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Turns the entries under `prefix` into environment overrides: `<prefix>DB_POOL_MAX` =
 * `20` becomes `DB_POOL_MAX=20`. Folders, empty keys, nested keys, names that are not
 * environment names and `CONSUL_*` (which decide where KV is read from) are skipped and
 * returned as `ignored`, so an operator's typo is reported instead of silently lost.
 */
export function kvOverrides(
  prefix: string,
  entries: readonly KvEntry[],
): { overrides: Record<string, string>; ignored: string[] } {
  const overrides: Record<string, string> = {};
  const ignored: string[] = [];
  for (const { Key, Value } of entries) {
    const name = Key.startsWith(prefix) ? Key.slice(prefix.length) : '';
    if (name === '' || Key.endsWith('/')) continue; // the folder itself or a sub-folder
    if (!ENV_NAME.test(name) || name.startsWith('CONSUL_') || Value === null) ignored.push(Key);
    else overrides[name] = Value;
  }
  return { overrides, ignored };
}
