import { createEnvelope, Envelope } from '@chat/contracts';
import { Database, dbConfigFromEnv, runMigrations } from '@chat/db';
import { EnvelopeProducer, kafkaConfigFromEnv } from '@chat/kafka';
import { OUTBOX_MIGRATIONS, OutboxRelay, OutboxWriter } from '@chat/outbox';
import { KafkaMessage } from 'kafkajs';
import { TestKafka } from '../support/test-kafka';
import { TestItem, TestItemPayload } from '../support/test-messages';
import { waitFor } from '../support/wait-for';

/** Two relays over one real outbox table and real Kafka: one publishes at a time, in order, and the other takes over. */
describe('outbox relay (real SQL and Kafka)', () => {
  const kafka = new TestKafka();
  const spec = kafka.uniqueTopic('outbox', 3);
  // An outbox of its own, as each service has one in its schema.
  const db = new Database(dbConfigFromEnv('outbox-test', process.env, ['outbox_test']));
  const config = { pollMs: 50, leaseMs: 1_000, batchSize: 40, sweepMs: 10_000 };

  function relay(instanceId: string) {
    const kafkaConfig = { ...kafkaConfigFromEnv('outbox-test'), instanceId };
    const producer = new EnvelopeProducer(kafkaConfig);
    return { producer, relay: new OutboxRelay(db, producer, config, kafkaConfig) };
  }
  const a = relay('relay-a');
  const b = relay('relay-b');
  const writer = new OutboxWriter(a.relay);

  async function write(key: string, from: number, count: number): Promise<void> {
    await db.withTransaction(async (tx) => {
      for (let n = from; n < from + count; n++) {
        const envelope = createEnvelope(
          TestItem.type,
          TestItem.version,
          { item: key, n },
          { correlationId: `c-${key}` },
        );
        await writer.add(tx, spec, key, envelope);
      }
    });
  }

  let raw: KafkaMessage[] = [];
  const all = () => raw.map((m) => JSON.parse(m.value!.toString()) as Envelope<TestItemPayload>);

  beforeAll(async () => {
    await runMigrations(db, OUTBOX_MIGRATIONS.name, OUTBOX_MIGRATIONS.dir, undefined, 'outbox_test');
    await kafka.createTopic(spec);
    await Promise.all([a.producer.onModuleInit(), b.producer.onModuleInit()]);
    raw = await kafka.collect(`${kafka.prefix}${spec.name}`);
  });

  afterAll(async () => {
    await Promise.allSettled([a.relay.beforeApplicationShutdown(), b.relay.beforeApplicationShutdown()]);
    await Promise.allSettled([a.producer.onApplicationShutdown(), b.producer.onApplicationShutdown()]);
    await kafka.close();
    await db.close();
  });

  it('publishes every committed record once, in order per key, from one relay at a time', async () => {
    a.relay.onApplicationBootstrap();
    b.relay.onApplicationBootstrap();
    const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];
    for (let round = 0; round < 4; round++) await Promise.all(keys.map((key) => write(key, round * 10, 10)));
    await expect(
      db.withTransaction(async (tx) => {
        await writer.add(
          tx,
          spec,
          'k1',
          createEnvelope(TestItem.type, 1, { item: 'rolled-back', n: 0 }, { correlationId: 'x' }),
        );
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');

    await waitFor('200 records on the topic', () => all().length >= 200);
    const records = all();
    expect(records).toHaveLength(200);
    expect(new Set(records.map((r) => r.id)).size).toBe(200);
    expect(records.some((r) => r.payload.item === 'rolled-back')).toBe(false);
    for (const key of keys) {
      const ns = records.filter((r) => r.payload.item === key).map((r) => r.payload.n);
      expect(ns).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
    // A relay counts a batch once its delete has committed, just after consumers can see it.
    await waitFor('the relays to count them', () => a.relay.published + b.relay.published >= 200);
    expect([a.relay.published, b.relay.published].sort((x, y) => x - y)).toEqual([0, 200]);
    const { rows } = await db.query<{ count: string }>(`SELECT count(*) AS count FROM outbox`);
    expect(Number(rows[0].count)).toBe(0);
  });

  it('lets the other relay take over when the holder stops', async () => {
    const [holder, other] = a.relay.published > 0 ? [a, b] : [b, a];
    await holder.relay.beforeApplicationShutdown();
    await write('after', 0, 30);
    await waitFor('30 more records from the other relay', () => all().length >= 230);
    await waitFor('the other relay to count them', () => other.relay.published >= 30);
    expect(other.relay.published).toBe(30);
    expect(
      all()
        .filter((r) => r.payload.item === 'after')
        .map((r) => r.payload.n),
    ).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });
});
