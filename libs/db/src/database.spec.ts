import type { LoggerService } from '@nestjs/common';
import type { QueryResult } from 'pg';
import { Database } from './database';
import type { PoolClientLike, PoolLike } from './database.types';

const config = {
  url: 'postgres://stub',
  poolMax: 2,
  statementTimeoutMs: 1_000,
  maxTxAttempts: 3,
  applicationName: 'spec',
  searchPath: [],
};

const result = (rows: object[] = []): QueryResult =>
  ({ rows, rowCount: rows.length, command: '', oid: 0, fields: [] }) as QueryResult;

const sqlError = (code: string, message = `error ${code}`) => Object.assign(new Error(message), { code });

const quietLogger = (): LoggerService => ({
  log: jest.fn(),
  warn: jest.fn(),
  error: jest.fn(),
  debug: jest.fn(),
});

/** A pool whose single client answers each statement with `answer` (a value or a rejection). */
function stubPool(answer: (sql: string) => Promise<QueryResult> = () => Promise.resolve(result())) {
  const client = {
    query: jest.fn((sql: string) => answer(sql)),
    release: jest.fn(),
  } satisfies PoolClientLike;
  const pool = {
    connect: jest.fn(() => Promise.resolve(client)),
    query: jest.fn(() => Promise.resolve(result([{ '?column?': 1 }]))),
    end: jest.fn(() => Promise.resolve()),
    on: jest.fn(),
  } satisfies PoolLike;
  const sent = (sql: string) => client.query.mock.calls.filter(([s]) => s === sql).length;
  return { pool, client, sent };
}

/** Fails the first `times` calls with `err`, then succeeds. */
function failingFirst(times: number, err: () => Error) {
  let calls = 0;
  return () => (++calls <= times ? Promise.reject(err()) : Promise.resolve(result()));
}

describe('Database.withTransaction', () => {
  it('reruns the body after 40001 until it commits, then releases the client', async () => {
    const failUpdate = failingFirst(2, () => sqlError('40001'));
    const { pool, client, sent } = stubPool((sql) =>
      sql.startsWith('UPDATE') ? failUpdate() : Promise.resolve(result()),
    );
    const db = new Database(config, quietLogger(), pool);
    const fn = jest.fn(async (tx: { query: (sql: string) => Promise<QueryResult> }) => {
      await tx.query('UPDATE counters SET n = n + 1');
      return 'done';
    });

    await expect(db.withTransaction(fn)).resolves.toBe('done');

    expect(fn).toHaveBeenCalledTimes(3);
    expect(sent('BEGIN ISOLATION LEVEL SERIALIZABLE')).toBe(3);
    expect(sent('ROLLBACK')).toBe(2);
    expect(sent('COMMIT')).toBe(1);
    expect(db.stats).toEqual({ txRetries: 2, txCommitted: 1, txFailed: 0 });
    expect(pool.connect).toHaveBeenCalledTimes(1);
    expect(client.release).toHaveBeenCalledTimes(1);
    expect(client.release).toHaveBeenCalledWith(undefined);
  });

  it('runs after-commit callbacks once, only for the attempt that committed', async () => {
    const failUpdate = failingFirst(1, () => sqlError('40001'));
    const { pool } = stubPool((sql) => (sql.startsWith('UPDATE') ? failUpdate() : Promise.resolve(result())));
    const db = new Database(config, quietLogger(), pool);
    const committed: number[] = [];
    let attempt = 0;

    await db.withTransaction(async (tx) => {
      const mine = ++attempt;
      tx.afterCommit?.(() => committed.push(mine));
      await tx.query('UPDATE counters SET n = n + 1');
    });

    expect(committed).toEqual([2]);
  });

  it('never runs after-commit callbacks of a transaction that failed', async () => {
    const { pool } = stubPool((sql) =>
      sql === 'COMMIT' ? Promise.reject(sqlError('23505')) : Promise.resolve(result()),
    );
    const db = new Database(config, quietLogger(), pool);
    const callback = jest.fn();

    await expect(db.withTransaction((tx) => Promise.resolve(tx.afterCommit?.(callback)))).rejects.toThrow();

    expect(callback).not.toHaveBeenCalled();
  });

  it('rolls back and rethrows any other error at once', async () => {
    const { client, pool, sent } = stubPool();
    const db = new Database(config, quietLogger(), pool);
    const failure = sqlError('23505', 'duplicate key');
    const fn = jest.fn(() => Promise.reject(failure));

    await expect(db.withTransaction(fn)).rejects.toBe(failure);

    expect(fn).toHaveBeenCalledTimes(1);
    expect(sent('ROLLBACK')).toBe(1);
    expect(sent('COMMIT')).toBe(0);
    expect(db.stats).toEqual({ txRetries: 0, txCommitted: 0, txFailed: 1 });
    expect(client.release).toHaveBeenCalledWith(undefined);
  });

  it('rethrows the 40001 error once maxTxAttempts attempts failed', async () => {
    const { client, pool, sent } = stubPool();
    const logger = quietLogger();
    const db = new Database(config, logger, pool);
    const errors: Error[] = [];
    const fn = jest.fn(() => {
      errors.push(sqlError('40001', `conflict ${errors.length + 1}`));
      return Promise.reject(errors[errors.length - 1]);
    });

    const thrown = await db.withTransaction(fn, { name: 'bump' }).catch((err: unknown) => err);

    expect(thrown).toBe(errors[2]);
    expect(fn).toHaveBeenCalledTimes(config.maxTxAttempts);
    expect(sent('ROLLBACK')).toBe(3);
    expect(db.stats).toEqual({ txRetries: 2, txCommitted: 0, txFailed: 1 });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('bump: gave up after 3 attempts'));
    expect(client.release).toHaveBeenCalledTimes(1);
  });

  it('retries a 40001 raised by COMMIT', async () => {
    const failCommit = failingFirst(1, () => sqlError('40001', 'restart transaction'));
    const { pool, sent } = stubPool((sql) => (sql === 'COMMIT' ? failCommit() : Promise.resolve(result())));
    const db = new Database(config, quietLogger(), pool);
    const fn = jest.fn(() => Promise.resolve(7));

    await expect(db.withTransaction(fn)).resolves.toBe(7);

    expect(fn).toHaveBeenCalledTimes(2);
    expect(sent('COMMIT')).toBe(2);
    expect(db.stats).toEqual({ txRetries: 1, txCommitted: 1, txFailed: 0 });
  });

  it('retries a 40P01 deadlock too', async () => {
    const { pool } = stubPool();
    const db = new Database(config, quietLogger(), pool);
    const fn = jest.fn(failingFirst(1, () => sqlError('40P01', 'deadlock detected')));

    await db.withTransaction(fn);

    expect(fn).toHaveBeenCalledTimes(2);
    expect(db.stats.txRetries).toBe(1);
  });

  it('destroys the connection and stops retrying when ROLLBACK fails', async () => {
    const broken = new Error('Connection terminated');
    const { client, pool } = stubPool((sql) =>
      sql === 'ROLLBACK' ? Promise.reject(broken) : Promise.resolve(result()),
    );
    const db = new Database(config, quietLogger(), pool);
    const conflict = sqlError('40001');
    const fn = jest.fn(() => Promise.reject(conflict));

    await expect(db.withTransaction(fn)).rejects.toBe(conflict);

    expect(fn).toHaveBeenCalledTimes(1);
    expect(client.release).toHaveBeenCalledWith(broken);
  });

  it('survives the connection dying while the client is held, and destroys it on release', async () => {
    const { EventEmitter } = await import('node:events');
    const events = new EventEmitter();
    const lost = Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' });
    const client = Object.assign(events, {
      query: jest.fn((sql: string) =>
        sql.startsWith('SELECT') ? Promise.reject(lost) : Promise.resolve(result()),
      ),
      release: jest.fn(),
    });
    const pool = { connect: () => Promise.resolve(client), query: jest.fn(), end: jest.fn(), on: jest.fn() };
    const db = new Database(config, quietLogger(), pool);

    const run = db.withTransaction(async (tx) => {
      // pg emits `error` on the client as well as rejecting the statement: no listener would crash.
      client.emit('error', lost);
      await tx.query('SELECT 1');
    });

    await expect(run).rejects.toBe(lost);
    expect(client.release).toHaveBeenCalledWith(lost);
    expect(client.listenerCount('error')).toBe(0);
  });

  it('refuses queries on a TxClient whose attempt has ended', async () => {
    const { pool } = stubPool();
    const db = new Database(config, quietLogger(), pool);
    const leaked = await db.withTransaction((tx) => Promise.resolve(tx));

    await expect(leaked.query('SELECT 1')).rejects.toThrow(/after its transaction attempt ended/);
  });
});

describe('Database', () => {
  it('sends query and ping through the pool', async () => {
    const { pool } = stubPool();
    const db = new Database(config, quietLogger(), pool);

    await db.query('SELECT $1::int', [1]);
    await db.ping();

    expect(pool.query).toHaveBeenNthCalledWith(1, 'SELECT $1::int', [1]);
    expect(pool.query).toHaveBeenNthCalledWith(2, 'SELECT 1', undefined);
  });

  it('ends the pool once however often it is closed', async () => {
    const { pool } = stubPool();
    const db = new Database(config, quietLogger(), pool);

    await Promise.all([db.close(), db.close()]);
    await db.close();

    expect(pool.end).toHaveBeenCalledTimes(1);
  });

  it('does not connect when created', () => {
    const { pool } = stubPool();
    new Database(config, quietLogger(), pool);

    expect(pool.connect).not.toHaveBeenCalled();
    expect(pool.on).toHaveBeenCalledWith('error', expect.any(Function));
  });
});
