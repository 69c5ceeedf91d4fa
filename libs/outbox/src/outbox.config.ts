import { positiveIntFromEnv } from '@chat/config';

/** How the relay polls the outbox. */
export interface OutboxConfig {
  /** Pause between passes when the outbox was empty. */
  pollMs: number;
  /** How long a relay's lease lasts without renewal; a crashed relay's successor waits this long. */
  leaseMs: number;
  /** Records published per pass. */
  batchSize: number;
  /** How often a partition owner looks for records of its shards left unpublished, and how old they must be. */
  sweepMs: number;
}

export function outboxConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OutboxConfig {
  return {
    pollMs: positiveIntFromEnv(env, 'OUTBOX_POLL_MS', 100),
    leaseMs: positiveIntFromEnv(env, 'OUTBOX_LEASE_MS', 5_000),
    batchSize: positiveIntFromEnv(env, 'OUTBOX_BATCH_SIZE', 500),
    sweepMs: positiveIntFromEnv(env, 'OUTBOX_SWEEP_MS', 10_000),
  };
}
