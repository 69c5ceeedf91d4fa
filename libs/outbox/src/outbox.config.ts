/** How the relay polls the outbox. */
export interface OutboxConfig {
  /** Pause between passes when the outbox was empty. */
  pollMs: number;
  /** How long a relay's lease lasts without renewal; a crashed relay's successor waits this long. */
  leaseMs: number;
  /** Records published per pass. */
  batchSize: number;
}

export function outboxConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OutboxConfig {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
    return value;
  };
  return {
    pollMs: int('OUTBOX_POLL_MS', 100),
    leaseMs: int('OUTBOX_LEASE_MS', 5_000),
    batchSize: int('OUTBOX_BATCH_SIZE', 500),
  };
}
