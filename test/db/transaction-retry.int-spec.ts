import { Database } from '@chat/db';
import { barrier, databaseUrl, RecordingLogger, testDbConfig, uniqueName } from './db-test-support';

/** Real serialization failures from the engine, and `withTransaction` riding them out. */
describe('Database.withTransaction against the real engine', () => {
  const schema = uniqueName('t');
  const logger = new RecordingLogger();
  let db: Database;

  beforeAll(async () => {
    // Generous attempts: twenty transactions on one row retry a lot, and this test is about correctness.
    db = new Database(testDbConfig(databaseUrl(), { poolMax: 10, maxTxAttempts: 30 }), logger);
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(
      `CREATE TABLE ${schema}.counters (id UUID PRIMARY KEY DEFAULT gen_random_uuid(), value INT NOT NULL)`,
    );
    await db.query(`CREATE TABLE ${schema}.doctors (name TEXT PRIMARY KEY, on_call BOOL NOT NULL)`);
  });

  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.close();
  });

  it('applies every one of 20 concurrent read-then-write increments exactly once', async () => {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO ${schema}.counters (value) VALUES (0) RETURNING id`,
    );
    const id = rows[0].id;
    const before = db.stats;

    const increments = Array.from({ length: 20 }, () =>
      db.withTransaction(
        async (tx) => {
          const current = await tx.query<{ value: number }>(
            `SELECT value FROM ${schema}.counters WHERE id = $1`,
            [id],
          );
          await tx.query(`UPDATE ${schema}.counters SET value = $2 WHERE id = $1`, [
            id,
            current.rows[0].value + 1,
          ]);
        },
        { name: 'increment' },
      ),
    );
    await Promise.all(increments);

    const final = await db.query<{ value: number }>(`SELECT value FROM ${schema}.counters WHERE id = $1`, [
      id,
    ]);
    expect(final.rows[0].value).toBe(20);
    const after = db.stats;
    expect(after.txCommitted - before.txCommitted).toBe(20);
    expect(after.txFailed - before.txFailed).toBe(0);
    expect(after.txRetries - before.txRetries).toBeGreaterThan(0);
    expect(logger.lines.some((line) => line.startsWith('increment:') && line.includes(' 40001 '))).toBe(true);
  });

  it('prevents write skew: of two doctors going off call at once, one retries and stays', async () => {
    await db.query(`INSERT INTO ${schema}.doctors (name, on_call) VALUES ('alice', true), ('bob', true)`);
    const before = db.stats;
    // Both first attempts read before either writes: the interleaving SERIALIZABLE must refuse.
    const bothHaveRead = barrier(2);

    const goOffCall = (name: string) =>
      db.withTransaction(async (tx) => {
        const onCall = await tx.query<{ n: string }>(
          `SELECT count(*) AS n FROM ${schema}.doctors WHERE on_call`,
        );
        await bothHaveRead();
        if (Number(onCall.rows[0].n) < 2) return false;
        await tx.query(`UPDATE ${schema}.doctors SET on_call = false WHERE name = $1`, [name]);
        return true;
      });
    const outcomes = await Promise.all([goOffCall('alice'), goOffCall('bob')]);

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const stillOnCall = await db.query(`SELECT name FROM ${schema}.doctors WHERE on_call`);
    expect(stillOnCall.rowCount).toBe(1);
    expect(db.stats.txRetries - before.txRetries).toBeGreaterThanOrEqual(1);
    expect(db.stats.txCommitted - before.txCommitted).toBe(2);
  });
});
