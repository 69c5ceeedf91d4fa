import { Envelope, HEADERS, TOPICS, topicName } from '@chat/contracts';
import { assignedPattern, batchPattern, kafkaConfigFromEnv, KafkaEnvelopeServer } from '@chat/kafka';
import { header, TestKafka } from '../support/test-kafka';
import { testItem, TestItem, TestItemPayload, TestOther } from '../support/test-messages';
import { waitFor } from '../support/wait-for';

/**
 * The envelope server's batch mode against real Kafka: records of the batched type reach
 * the batch handler in runs, in partition order; a record of another type is handled alone
 * between runs; a run that fails for a non-transient reason is split until the poison
 * record is alone, which is dead-lettered while every other record is handled once.
 */
describe('batched topic (real Kafka)', () => {
  const kafka = new TestKafka();
  const spec = kafka.uniqueTopic('runs', 1);
  const runs: string[][] = [];
  const singles: string[] = [];
  const assignments: number[][] = [];
  let server: KafkaEnvelopeServer;
  let topic: string;

  beforeAll(async () => {
    topic = await kafka.createTopic(spec);
    await kafka.createTopic(TOPICS.deadLetter);
    server = new KafkaEnvelopeServer({
      kafka: { ...kafkaConfigFromEnv('test-runs'), instanceId: 'runs' },
      group: `runs-${spec.name}`,
      topics: [spec],
      messages: [TestItem, TestOther],
      maxHandlerAttempts: 2,
      batch: { topic: spec, types: [TestItem], maxRecords: 8 },
    });
    server.addHandler(
      batchPattern(spec),
      (items: Envelope<TestItemPayload>[]) => {
        if (items.some((e) => e.payload.item === 'explodes')) return Promise.reject(new Error('handler bug'));
        runs.push(items.map((e) => e.payload.item));
        return Promise.resolve();
      },
      true,
    );
    server.addHandler(
      assignedPattern(spec),
      (partitions: number[]) => {
        assignments.push(partitions);
        return Promise.resolve();
      },
      true,
    );
    server.addHandler(
      TestOther.type,
      (e: Envelope<TestItemPayload>) => {
        singles.push(e.payload.item);
        return Promise.resolve();
      },
      true,
    );
    await new Promise<void>(
      (resolve, reject) =>
        void server.listen((err?: unknown) =>
          err ? reject(err instanceof Error ? err : new Error('listen failed')) : resolve(),
        ),
    );
  }, 60_000);

  afterAll(async () => {
    await server.close();
    await kafka.close();
  });

  it('hands runs to the batch handler in order, handles others alone, and isolates a poison record', async () => {
    const items = Array.from({ length: 20 }, (_, i) => (i === 6 ? 'explodes' : `m${i}`));
    await kafka.send(topic, [
      ...items.slice(0, 12).map((item, n) => ({ key: 'k', value: testItem(item, n) })),
      { key: 'k', value: testItem('other', 0, TestOther) },
      ...items.slice(12).map((item, n) => ({ key: 'k', value: testItem(item, n) })),
    ]);
    const dead = await kafka.collect(topicName(kafka.prefix, TOPICS.deadLetter));

    await waitFor('every good record handled', () => runs.flat().length === 19);
    await waitFor('the poison record dead-lettered', () =>
      dead.some((m) => header(m, HEADERS.dlqSourceTopic) === topic),
    );
    expect(runs.flat()).toEqual(items.filter((i) => i !== 'explodes'));
    expect(runs.some((run) => run.length > 1)).toBe(true);
    expect(Math.max(...runs.map((run) => run.length))).toBeLessThanOrEqual(8);
    expect(singles).toEqual(['other']);
    const poison = dead.filter((m) => header(m, HEADERS.dlqSourceTopic) === topic);
    expect(poison).toHaveLength(1);
    expect(poison[0].value!.toString()).toContain('"explodes"');
    expect(header(poison[0], HEADERS.dlqReason)).toMatch(/handler bug/);
    expect(assignments).toEqual([[0]]);
  }, 60_000);
});
