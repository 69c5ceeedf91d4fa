/** How this instance keeps its connection rows fresh and finds rows nobody refreshes. */
export interface PresenceConfig {
  /** Period of this instance's heartbeat refresh and sweep (`PRESENCE_HEARTBEAT_MS`, 15000). */
  heartbeatMs: number;
  /** A connection whose heartbeat is older than this (3 periods) belongs to a dead instance. */
  staleAfterMs: number;
}

/** Reads `PRESENCE_HEARTBEAT_MS` (default 15000). */
export function presenceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PresenceConfig {
  const raw = env.PRESENCE_HEARTBEAT_MS;
  const heartbeatMs = raw === undefined || raw === '' ? 15_000 : Number(raw);
  if (!Number.isInteger(heartbeatMs) || heartbeatMs <= 0)
    throw new Error(`PRESENCE_HEARTBEAT_MS must be a positive integer of milliseconds, got "${raw}"`);
  return { heartbeatMs, staleAfterMs: 3 * heartbeatMs };
}
