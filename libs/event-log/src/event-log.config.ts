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
  const int = (name: string, fallback: number): number => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive integer, got "${raw}"`);
    return value;
  };
  return {
    retentionSeconds: int('EVENT_LOG_RETENTION_SECONDS', 30 * 24 * 3600),
    pruneIntervalMs: int('EVENT_LOG_PRUNE_INTERVAL_MS', 60_000),
    pruneBatch: int('EVENT_LOG_PRUNE_BATCH', 1000),
  };
}
