import { positiveIntFromEnv } from '@chat/config';

/** Retention of users' event logs. */
export interface EventLogConfig {
  /** Events older than this are removed; a client behind them gets a reset. */
  retentionSeconds: number;
  /** Pause between pruning passes. */
  pruneIntervalMs: number;
  /** Events removed per statement. */
  pruneBatch: number;
}

/** `EVENT_LOG_RETENTION_SECONDS` (30 days), `EVENT_LOG_PRUNE_INTERVAL_MS` (60 s), `EVENT_LOG_PRUNE_BATCH` (1000). */
export function eventLogConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventLogConfig {
  return {
    retentionSeconds: positiveIntFromEnv(env, 'EVENT_LOG_RETENTION_SECONDS', 30 * 24 * 3600),
    pruneIntervalMs: positiveIntFromEnv(env, 'EVENT_LOG_PRUNE_INTERVAL_MS', 60_000),
    pruneBatch: positiveIntFromEnv(env, 'EVENT_LOG_PRUNE_BATCH', 1000),
  };
}
