/**
 * Reads a whole number greater than zero (a size, a count, a duration in the unit its name
 * says) from `env[name]`. Unset or blank means `fallback`, so a deployment that writes
 * `NAME=` gets the default rather than a refusal to start.
 * @throws Error naming the setting and the value when it is set to anything else, so a typo
 *   stops the service at start-up instead of running with a surprising value.
 */
export function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
