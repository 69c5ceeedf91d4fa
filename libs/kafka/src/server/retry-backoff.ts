import { setTimeout as sleep } from 'node:timers/promises';

const MAX_BACKOFF_MS = 5_000;

/**
 * Waits before the next attempt at work that failed on a broker or database that may come
 * back: 200 ms after the first failure, doubling, capped at 5 s. Consumers retry a
 * transient failure without limit, so the cap keeps a long outage from stretching the
 * wait once it ends.
 */
export function retryBackoff(attempt: number): Promise<void> {
  return sleep(Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(attempt, 6)));
}
