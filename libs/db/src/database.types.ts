import type { QueryResult, QueryResultRow } from 'pg';

/** What a transaction body may do: run statements on the transaction's one connection, nothing else. */
export interface TxClient {
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>>;
  /**
   * Runs `callback` once the transaction has committed (never if it rolls back; an attempt
   * that is retried drops the callbacks it registered). Absent outside a transaction.
   */
  afterCommit?(callback: () => void): void;
}

/** Options of one `Database.withTransaction` call. */
export interface TxOptions {
  /** Names the transaction in retry and failure logs. */
  name?: string;
  /**
   * SERIALIZABLE unless said otherwise. READ COMMITTED is for bookkeeping whose reads need
   * no serializability (the outbox relay's): under PostgreSQL's SERIALIZABLE its reads of
   * the small, hot outbox table took predicate locks that turned concurrent commands into
   * read/write cycles and aborted them. CockroachDB runs it as READ COMMITTED where enabled,
   * else as SERIALIZABLE; either is correct for such a transaction.
   */
  isolation?: 'serializable' | 'read committed';
}

/** Transaction counters since the `Database` was created, for operators and tests. */
export interface DbStats {
  /** Attempts that failed with a retryable SQLSTATE and were run again. */
  txRetries: number;
  /** Transactions that committed. */
  txCommitted: number;
  /** Transactions that ended in an error thrown to the caller. */
  txFailed: number;
}

/** The part of a `pg.PoolClient` that `Database` uses; `release(err)` destroys the connection. */
export interface PoolClientLike {
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  release(err?: Error | boolean): void;
  /** pg's client emits `error` when its connection dies; optional so stubs may omit it. */
  on?(event: 'error', listener: (err: Error) => void): unknown;
  removeListener?(event: 'error', listener: (err: Error) => void): unknown;
}

/** The part of a `pg.Pool` that `Database` uses, so unit tests can stand in for it. */
export interface PoolLike {
  connect(): Promise<PoolClientLike>;
  query(sql: string, params?: unknown[]): Promise<QueryResult>;
  end(): Promise<void>;
  on(event: 'error', listener: (err: Error) => void): unknown;
}
