import { READ_CONTRACTS } from '@chat/contracts';
import { Database, dbConfigFromEnv, runMigrations } from '@chat/db';
import { EVENT_LOG_MIGRATIONS, EventLogPruner, EventLogReader, EventLogWriter } from '@chat/event-log';
import { EnvelopeProducer, kafkaConfigFromEnv } from '@chat/kafka';
import { OUTBOX_MIGRATIONS, OutboxRelay, OutboxWriter } from '@chat/outbox';
import { randomUUID } from 'node:crypto';

/** Users' event logs on the real database, under SERIALIZABLE with concurrent writers. */
describe('event log (real SQL)', () => {
  // The log's tables in the schema of its owner (the chat worker, whose migrations these
  // are too: its views must name these tables), read as the gateway does, through the views.
  const db = new Database(dbConfigFromEnv('event-log-test', process.env, ['chat']));
  const readerDb = new Database(dbConfigFromEnv('event-log-test', process.env, [READ_CONTRACTS.eventLog]));
  const kafkaConfig = kafkaConfigFromEnv('event-log-test');
  // The relay is never started: these tests read the outbox rows the writer leaves.
  const relay = new OutboxRelay(
    db,
    new EnvelopeProducer(kafkaConfig),
    { pollMs: 50, leaseMs: 1000, batchSize: 10, sweepMs: 10_000 },
    kafkaConfig,
  );
  const writer = new EventLogWriter(new OutboxWriter(relay));
  const reader = new EventLogReader(readerDb);
  const config = { retentionSeconds: 3600, pruneIntervalMs: 60_000, pruneBatch: 1000 };
  const pruner = new EventLogPruner(db, config);
  const cause = { correlationId: 'event-log-test' };

  beforeAll(async () => {
    await runMigrations(db, OUTBOX_MIGRATIONS.name, OUTBOX_MIGRATIONS.dir, undefined, 'chat');
    await runMigrations(db, EVENT_LOG_MIGRATIONS.name, EVENT_LOG_MIGRATIONS.dir, undefined, 'chat');
  });
  afterAll(() => Promise.all([db.close(), readerDb.close()]));

  const append = (recipients: string[], n: number) =>
    db.withTransaction((tx) =>
      writer.append(tx, { type: 'test.event', data: { n }, recipients }, recipients[0], cause),
    );

  it('numbers each user’s events 1, 2, 3… and stores one push record per append', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    expect(await append([a, b, a], 1)).toEqual(
      expect.arrayContaining([
        { userId: a, seq: 1 },
        { userId: b, seq: 1 },
      ]),
    );
    expect(await append([a], 2)).toEqual([{ userId: a, seq: 2 }]);
    expect(await reader.head(a)).toBe(2);
    expect(await reader.head(randomUUID())).toBe(0);

    const page = await reader.page(a, 0, 10);
    expect(page).toMatchObject({ nextAfter: 2, hasMore: false, reset: false });
    expect(page.events.map((e) => [e.seq, e.data])).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
    ]);
    const { rows } = await db.query<{ envelope: string }>(
      `SELECT envelope FROM outbox WHERE record_key = $1`,
      [a],
    );
    const pushes = rows.map(
      (r) => JSON.parse(r.envelope) as { type: string; payload: { recipients: unknown[] } },
    );
    expect(pushes.map((p) => p.type)).toEqual(['push.deliver', 'push.deliver']);
    expect(pushes.map((p) => p.payload.recipients.length).sort()).toEqual([1, 2]);
  });

  it('keeps every user’s seq gap-free under 40 concurrent appends that share users', async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    const retriesBefore = db.stats.txRetries;
    await Promise.all(Array.from({ length: 40 }, (_, i) => append(i % 2 ? users : [users[0]], i)));
    const counts = [40, 20, 20];
    for (const [i, user] of users.entries()) {
      const page = await reader.page(user, 0, 100);
      expect(page.events.map((e) => e.seq)).toEqual(Array.from({ length: counts[i] }, (_, k) => k + 1));
    }
    // The same head rows were contended, so SERIALIZABLE conflicts happened and were retried.
    expect(db.stats.txRetries).toBeGreaterThan(retriesBefore);
  });

  it('pages with hasMore and nextAfter', async () => {
    const user = randomUUID();
    for (let n = 1; n <= 5; n++) await append([user], n);
    const first = await reader.page(user, 0, 2);
    expect(first).toMatchObject({ nextAfter: 2, hasMore: true, reset: false });
    const last = await reader.page(user, 4, 2);
    expect(last.events.map((e) => e.seq)).toEqual([5]);
    expect(last).toMatchObject({ nextAfter: 5, hasMore: false });
    expect(await reader.page(user, 5, 2)).toEqual({ events: [], nextAfter: 5, hasMore: false, reset: false });
  });

  it('answers a reset, never a hole, below what retention removed or beyond the head', async () => {
    const user = randomUUID();
    for (let n = 1; n <= 3; n++) await append([user], n);
    await db.query(
      `UPDATE user_events SET created_at = now() - interval '2 hours' WHERE user_id = $1 AND seq <= 2`,
      [user],
    );
    await append([user], 4);

    let removed = 0;
    while ((removed = await pruner.prune()) > 0);
    expect(removed).toBe(0);
    expect(await reader.page(user, 0, 10)).toEqual({ events: [], nextAfter: 4, hasMore: false, reset: true });
    expect(await reader.page(user, 1, 10)).toMatchObject({ reset: true });
    const kept = await reader.page(user, 2, 10);
    expect(kept.reset).toBe(false);
    expect(kept.events.map((e) => e.seq)).toEqual([3, 4]);
    expect(await reader.page(user, 9, 10)).toMatchObject({ reset: true, nextAfter: 4 });
  });

  it('reads bounds and rows in one snapshot: a prune committing during a page leaves no hole', async () => {
    const user = randomUUID();
    for (let n = 1; n <= 4; n++) await append([user], n);
    await db.query(
      `UPDATE user_events SET created_at = now() - interval '2 hours' WHERE user_id = $1 AND seq <= 2`,
      [user],
    );
    // The reader's database runs a whole prune after each of its reads, before answering:
    // read in two statements, the bounds would come from before the prune, the rows after.
    let pruned = 0;
    const racing = {
      query: async (sql: string, params?: unknown[]) => {
        const result = await db.query(sql, params);
        for (let n = await pruner.prune(); n > 0; n = await pruner.prune()) pruned += n;
        return result;
      },
    } as unknown as Database;

    const page = await new EventLogReader(racing).page(user, 0, 10);

    expect(pruned).toBeGreaterThanOrEqual(2); // the prune really ran during the page
    expect(page.reset).toBe(false);
    expect(page.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]); // the log as it was, whole
    expect(await reader.page(user, 0, 10)).toMatchObject({ reset: true }); // and now it is pruned
  });

  it('stores the data of an event for many users once, reads it back for each, and prunes it after them', async () => {
    const users = Array.from({ length: 5 }, () => randomUUID());
    const { rows: before } = await db.query<{ n: number }>(`SELECT count(*)::INT AS n FROM event_payloads`);
    await db.withTransaction((tx) =>
      writer.store(tx, [
        { entry: { type: 'test.big', data: { members: users }, recipients: users }, pushKey: 'k', cause },
        { entry: { type: 'test.small', data: { n: 1 }, recipients: users.slice(0, 2) }, pushKey: 'k', cause },
      ]),
    );
    const { rows: after } = await db.query<{ n: number }>(`SELECT count(*)::INT AS n FROM event_payloads`);
    expect(after[0].n - before[0].n).toBe(1);
    const { rows: own } = await db.query<{ n: number }>(
      `SELECT count(*)::INT AS n FROM user_events WHERE user_id = ANY($1::UUID[]) AND data IS NOT NULL`,
      [users],
    );
    expect(own[0].n).toBe(2); // only the two-recipient event carries its data per row
    for (const [i, user] of users.entries()) {
      const page = await reader.page(user, 0, 10);
      expect(page.events.map((e) => [e.type, e.data])).toEqual([
        ['test.big', { members: users }],
        ...(i < 2 ? [['test.small', { n: 1 }]] : []),
      ]);
    }

    // Past retention: the events go, then the payload no event points at any more.
    await db.query(
      `UPDATE user_events SET created_at = now() - interval '2 hours' WHERE user_id = ANY($1::UUID[])`,
      [users],
    );
    await db.query(
      `UPDATE event_payloads SET created_at = now() - interval '2 hours'
        WHERE id IN (SELECT payload_id FROM user_events WHERE user_id = ANY($1::UUID[]))`,
      [users],
    );
    const { rows: ids } = await db.query<{ id: string }>(
      `SELECT DISTINCT payload_id AS id FROM user_events WHERE user_id = ANY($1::UUID[]) AND payload_id IS NOT NULL`,
      [users],
    );
    while ((await pruner.prune()) > 0);
    const { rows: left } = await db.query(`SELECT 1 FROM event_payloads WHERE id = $1`, [ids[0].id]);
    expect(left).toHaveLength(0);
  });
});
