/**
 * Reads an on/off setting from `env[name]`: `true`/`1` or `false`/`0`; unset or blank means
 * `fallback`.
 * @throws Error naming the setting and the value for anything else: a misspelt flag must not
 *   silently mean "off".
 */
export function flagFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}
