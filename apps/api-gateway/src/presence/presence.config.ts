import { positiveIntFromEnv } from '@chat/config';

/** How this instance keeps its connection rows fresh and finds rows nobody refreshes. */
export interface PresenceConfig {
  /** Period of this instance's heartbeat refresh and sweep (`PRESENCE_HEARTBEAT_MS`, 15000). */
  heartbeatMs: number;
  /** A connection whose heartbeat is older than this (3 periods) belongs to a dead instance. */
  staleAfterMs: number;
}

/** Reads `PRESENCE_HEARTBEAT_MS` (default 15000). */
export function presenceConfigFromEnv(env: NodeJS.ProcessEnv = process.env): PresenceConfig {
  const heartbeatMs = positiveIntFromEnv(env, 'PRESENCE_HEARTBEAT_MS', 15_000);
  return { heartbeatMs, staleAfterMs: 3 * heartbeatMs };
}
