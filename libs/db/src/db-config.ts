import { positiveIntFromEnv } from '@chat/config';

/** Connection settings for one service's pool (see `dbConfigFromEnv`). */
export interface DbConfig {
  /** PostgreSQL wire URL: CockroachDB in production, PostgreSQL in tests. */
  url: string;
  /** Most connections this service holds open at once. */
  poolMax: number;
  /** Server-side cap on any one statement, so a stuck query cannot hold a connection forever. */
  statementTimeoutMs: number;
  /** Attempts (not retries) `withTransaction` makes before it gives up on SQLSTATE 40001. */
  maxTxAttempts: number;
  /** Shown in the engine's session list, so operators can tell which service a session belongs to. */
  applicationName: string;
}

/**
 * Reads a service's `DbConfig` from the environment:
 * `DATABASE_URL` (required), `DB_POOL_MAX` (10), `DB_STATEMENT_TIMEOUT_MS` (10000),
 * `DB_TX_MAX_ATTEMPTS` (8). The service name (with `INSTANCE_ID` when set) becomes the `application_name`.
 * @throws Error when `DATABASE_URL` is missing or a number is not a positive integer.
 */
export function dbConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): DbConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) {
    throw new Error(`DATABASE_URL is not set: ${service} needs it to reach the database`);
  }
  return {
    url,
    poolMax: positiveIntFromEnv(env, 'DB_POOL_MAX', 10),
    statementTimeoutMs: positiveIntFromEnv(env, 'DB_STATEMENT_TIMEOUT_MS', 10_000),
    maxTxAttempts: positiveIntFromEnv(env, 'DB_TX_MAX_ATTEMPTS', 8),
    // With the instance, an operator (or a fault test) can tell the instances' sessions apart.
    applicationName: env.INSTANCE_ID ? `${service}/${env.INSTANCE_ID}`.slice(0, 63) : service,
  };
}
