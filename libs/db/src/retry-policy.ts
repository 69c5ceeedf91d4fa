/**
 * When and how long `Database.withTransaction` waits before running a transaction again.
 * Pure functions, so the policy is testable without a database.
 */

/**
 * SQLSTATEs after which the whole transaction may simply run again:
 * 40001 serialization_failure (CockroachDB's "restart transaction", PostgreSQL SERIALIZABLE),
 * 40P01 deadlock_detected (PostgreSQL aborts one side; rerunning it is safe).
 * Not 40003 (statement_completion_unknown): the commit may have happened, so rerunning could apply it twice.
 */
const RETRYABLE_SQLSTATES: ReadonlySet<string> = new Set(['40001', '40P01']);

/** Shape of the exponential backoff between attempts. */
export interface BackoffPolicy {
  /** Delay ceiling before the first retry, in milliseconds. */
  baseMs: number;
  /** No delay ceiling grows past this. */
  capMs: number;
}

/** Small base because contention on one row clears in milliseconds; cap keeps a request's latency bounded. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10, capMs: 1_000 };

/** True when `err` carries a SQLSTATE (`err.code`, as pg sets it) that means "run the transaction again". */
export function isRetryableTxError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const { code } = err;
  return typeof code === 'string' && RETRYABLE_SQLSTATES.has(code);
}

/**
 * Delay before the retry that follows failed attempt number `attempt` (1-based).
 * The ceiling doubles per attempt up to `capMs`; "equal jitter" then picks a point in its upper half,
 * so transactions that collided together do not collide again, and no retry is immediate.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
