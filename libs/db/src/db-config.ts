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
  /**
   * The schemas unqualified names resolve in, in order: the service's own schema (where its
   * migrations create its tables) and the read contracts it may use (other services' views).
   * Empty: the engine's default (`public`), for tools and tests that name schemas themselves.
   */
  searchPath: readonly string[];
}

/** A schema name we put in SQL ourselves: lower-case letters, digits and `_` only. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(name: string): string {
  if (!SCHEMA_NAME.test(name)) throw new Error(`"${name}" is not a schema name (a-z, 0-9, _)`);
  return name;
}

/**
 * Reads a service's `DbConfig` from the environment:
 * `DATABASE_URL` (required), `DB_POOL_MAX` (10), `DB_STATEMENT_TIMEOUT_MS` (10000),
 * `DB_TX_MAX_ATTEMPTS` (8). The service name (with `INSTANCE_ID` when set) becomes the `application_name`;
 * `searchPath` is the service's schema and the read contracts it uses.
 * @throws Error when `DATABASE_URL` is missing or a number is not a positive integer.
 */
export function dbConfigFromEnv(
  service: string,
  env: NodeJS.ProcessEnv = process.env,
  searchPath: readonly string[] = [],
): DbConfig {
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
    searchPath: searchPath.map(assertSchemaName),
  };
}
