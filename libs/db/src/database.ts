import { Logger, type LoggerService } from '@nestjs/common';
import { Pool, type QueryResult, type QueryResultRow } from 'pg';
import type { DbConfig } from './db-config';
import type { DbStats, PoolClientLike, PoolLike, TxClient, TxOptions } from './database.types';
import { backoffDelayMs, isRetryableTxError } from './retry-policy';

/** Statements slower than this are logged, so contention shows up before it becomes an outage. */
const SLOW_QUERY_MS = 250;

/**
 * The service's one way to SQL: one `pg.Pool`, a timed `query`, and `withTransaction`, which
 * runs a body under SERIALIZABLE and reruns it on SQLSTATE 40001 as CockroachDB requires.
 * Creating it opens no connection (the pool connects lazily); `close()` ends the pool.
 */
export class Database {
  private readonly pool: PoolLike;
  private readonly logger: LoggerService;
  private readonly counters: DbStats = { txRetries: 0, txCommitted: 0, txFailed: 0 };
  private closing?: Promise<void>;

  /** `pool` replaces the real `pg.Pool`; only unit tests pass it. */
  constructor(
    /** The settings the pool was made with. */
    readonly config: DbConfig,
    logger?: LoggerService,
    pool?: PoolLike,
  ) {
    this.logger = logger ?? new Logger(Database.name);
    this.pool =
      pool ??
      new Pool({
        connectionString: config.url,
        max: config.poolMax,
        statement_timeout: config.statementTimeoutMs,
        application_name: config.applicationName,
        // A startup parameter, so it costs no round trip; PostgreSQL and CockroachDB both
        // take `-c search_path=...` in `options`.
        ...(config.searchPath.length > 0 ? { options: `-c search_path=${config.searchPath.join(',')}` } : {}),
      });
    // An idle connection can die (server restart, network); without a listener pg's error would crash the process.
    this.pool.on('error', (err) => {
      this.logger.error(`Idle database connection failed: ${err.message}`);
    });
  }

  /** Transaction counters since creation (a copy). */
  get stats(): DbStats {
    return { ...this.counters };
  }

  /** Runs one statement on any pooled connection, outside an explicit transaction. */
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    return this.timed(this.pool, sql, params);
  }

  /**
   * Runs `fn` in a SERIALIZABLE transaction on one connection and commits it. When a statement or
   * the COMMIT fails with SQLSTATE 40001 (or 40P01), rolls back, waits a capped, jittered backoff and
   * runs `fn` again, up to `maxTxAttempts` attempts; then throws that last error. Any other error
   * rolls back and is thrown at once. `fn` may therefore run several times: keep side effects
   * other than SQL on `tx` (sending messages, calling services) out of it.
   */
  async withTransaction<T>(fn: (tx: TxClient) => Promise<T>, opts: TxOptions = {}): Promise<T> {
    const name = opts.name ?? 'transaction';
    const client = await this.pool.connect();
    let brokenBy: Error | undefined;
    // A checked-out pg client has no pool listener: if its connection dies (the database
    // restarts) while we hold it, its `error` event would be unhandled and end the process.
    // The failing statement rejects on its own; this only keeps the process alive and makes
    // sure the dead connection is destroyed on release, not pooled.
    const onConnectionError = (err: Error) => {
      brokenBy ??= err;
      this.logger.warn(`${name}: database connection failed: ${err.message}`);
    };
    client.on?.('error', onConnectionError);
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await this.attempt(client, fn, opts.isolation ?? 'serializable');
          this.counters.txCommitted++;
          return result;
        } catch (err) {
          brokenBy = (await this.rollback(client)) ?? brokenBy;
          const retry = !brokenBy && isRetryableTxError(err) && attempt < this.config.maxTxAttempts;
          if (!retry) {
            this.counters.txFailed++;
            this.logFailure(name, attempt, err, brokenBy);
            throw err;
          }
          this.counters.txRetries++;
          const delay = backoffDelayMs(attempt);
          this.logger.debug?.(`${name}: attempt ${attempt} hit ${describe(err)}; retrying in ${delay} ms`);
          await sleep(delay);
        }
      }
    } finally {
      client.removeListener?.('error', onConnectionError);
      // Passing the error makes pg destroy the connection instead of pooling one in an unknown state.
      client.release(brokenBy);
    }
  }

  /** Resolves when the database answers `SELECT 1`; for health checks. */
  async ping(): Promise<void> {
    await this.query('SELECT 1');
  }

  /** Ends the pool, waiting for checked-out connections to be released. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  private async attempt<T>(
    client: PoolClientLike,
    fn: (tx: TxClient) => Promise<T>,
    isolation: 'serializable' | 'read committed',
  ): Promise<T> {
    let open = true;
    const committed: (() => void)[] = [];
    const tx: TxClient = {
      query: <R extends QueryResultRow>(sql: string, params?: unknown[]) => {
        // A query fired after the attempt ended would land in the next attempt or another caller's work.
        if (!open) return Promise.reject(new Error('TxClient used after its transaction attempt ended'));
        return this.timed<R>(client, sql, params);
      },
      afterCommit: (callback) => committed.push(callback),
    };
    try {
      await client.query(
        isolation === 'serializable'
          ? 'BEGIN ISOLATION LEVEL SERIALIZABLE'
          : 'BEGIN ISOLATION LEVEL READ COMMITTED',
      );
      const result = await fn(tx);
      // COMMIT is inside the attempt: CockroachDB may report 40001 only here.
      await client.query('COMMIT');
      for (const callback of committed) this.runAfterCommit(callback);
      return result;
    } finally {
      open = false;
    }
  }

  /** A callback's failure is logged: the transaction has committed and stays committed. */
  private runAfterCommit(callback: () => void): void {
    try {
      callback();
    } catch (err) {
      this.logger.error(`after-commit callback failed: ${(err as Error).message}`);
    }
  }

  /** Rolls back; returns the error when that fails, meaning the connection cannot be trusted again. */
  private async rollback(client: PoolClientLike): Promise<Error | undefined> {
    try {
      await client.query('ROLLBACK');
      return undefined;
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  private async timed<R extends QueryResultRow>(
    runner: Pick<PoolLike, 'query'>,
    sql: string,
    params?: unknown[],
  ): Promise<QueryResult<R>> {
    const started = performance.now();
    try {
      return (await runner.query(sql, params)) as QueryResult<R>;
    } finally {
      const elapsed = performance.now() - started;
      if (elapsed >= SLOW_QUERY_MS) {
        // The text, never the parameters: they may carry user data.
        this.logger.warn(`Slow query (${Math.round(elapsed)} ms): ${abbreviate(sql)}`);
      }
    }
  }

  /** Only what the caller cannot see: exhausted retries and discarded connections. The error itself is theirs. */
  private logFailure(name: string, attempt: number, err: unknown, brokenBy: Error | undefined): void {
    if (brokenBy) {
      this.logger.warn(`${name}: ROLLBACK failed (${brokenBy.message}); discarding the connection`);
    } else if (isRetryableTxError(err)) {
      this.logger.warn(`${name}: gave up after ${attempt} attempts: ${describe(err)}`);
    }
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${err.message}` : err.message;
  }
  return String(err);
}

function abbreviate(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
