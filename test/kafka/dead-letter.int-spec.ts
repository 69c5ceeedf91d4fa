import { createEnvelope, HEADERS, TOPICS, topicName } from '@chat/contracts';
import { EnvelopeOutcome } from '@chat/kafka';
import { randomUUID } from 'node:crypto';
import { EnvelopeServerHarness } from '../support/envelope-server.harness';
import { header, TestKafka } from '../support/test-kafka';
import { testItem, TestOther } from '../support/test-messages';
import { waitFor } from '../support/wait-for';

/**
 * Poison records go to the dead-letter topic with their reason; valid ones around them are
 * still processed, and a valid one of a type the consumer ignores is committed unhandled.
 */
describe('dead-letter path (real Kafka)', () => {
  const kafka = new TestKafka();
  const spec = kafka.uniqueTopic('poison', 1);
  const group = `dlq-${spec.name}`;
  let topic: string;
  const outcomes: { type: string; outcome: EnvelopeOutcome }[] = [];
  const worker = new EnvelopeServerHarness(
    'dlq',
    group,
    spec,
    (e) => (e.payload.item === 'explodes' ? Promise.reject(new Error('handler bug')) : Promise.resolve()),
    2,
    {
      ignore: [TestOther],
      observer: { recordFinished: (type, outcome) => void outcomes.push({ type, outcome }) },
    },
  );

  beforeAll(async () => {
    topic = await kafka.createTopic(spec);
    await kafka.createTopic(TOPICS.deadLetter);
    await worker.start();
  });

  afterAll(async () => {
    await worker.stop();
    await kafka.close();
  });

  it('dead-letters garbage, bad schemas, unknown types and failing handlers, skips ignored types, and keeps going', async () => {
    const correlationId = randomUUID();
    const unknownType = JSON.stringify(
      createEnvelope('test.nobody-knows', 1, { item: 'x', n: 1 }, { correlationId }),
    );
    const badPayload = JSON.stringify(
      createEnvelope('test.item', 1, { item: '', n: -1, extra: true }, { correlationId }),
    );
    const wrongVersion = JSON.stringify(
      createEnvelope('test.item', 7, { item: 'x', n: 1 }, { correlationId }),
    );
    const protoKey = `{"__proto__":{"polluted":true},"id":"${randomUUID()}"}`;
    await kafka.send(topic, [
      { key: 'k', value: Buffer.from([0xff, 0x00, 0x13, 0x37]) },
      { key: 'k', value: '{"id": "not-a-uuid", "type": 5}' },
      { key: 'k', value: unknownType },
      { key: 'k', value: testItem('ignored', 3, TestOther) },
      { key: 'k', value: badPayload },
      { key: 'k', value: wrongVersion },
      { key: 'k', value: protoKey },
      { key: 'k', value: null },
      { key: 'k', value: testItem('explodes', 1) },
      { key: 'k', value: testItem('survivor', 2) },
    ]);

    const dead = await kafka.collect(topicName(kafka.prefix, TOPICS.deadLetter));
    await waitFor('the valid record after the poison ones', () =>
      worker.received.some((e) => e.payload.item === 'survivor'),
    );
    const mine = () => dead.filter((m) => header(m, HEADERS.dlqSourceTopic) === topic);
    await waitFor('8 dead-letter records', () => mine().length === 8);

    const reasons = mine()
      .sort((x, y) => Number(header(x, HEADERS.dlqSourceOffset)) - Number(header(y, HEADERS.dlqSourceOffset)))
      .map((m) => header(m, HEADERS.dlqReason));
    expect(reasons[0]).toMatch(/invalid JSON/);
    expect(reasons[1]).toMatch(/invalid envelope: .*id.*type/);
    expect(reasons[2]).toMatch(/unknown message type "test.nobody-knows"/);
    expect(reasons[3]).toMatch(/invalid payload of "test.item": /);
    expect(reasons[3]).toMatch(/item: item must be longer/);
    expect(reasons[3]).toMatch(/n: n must not be less than 0/);
    expect(reasons[3]).toMatch(/extra: property extra should not exist/);
    expect(reasons[4]).toMatch(/unsupported version 7/);
    expect(reasons[5]).toMatch(/forbidden key "__proto__"/);
    expect(reasons[6]).toMatch(/empty record value/);
    expect(reasons[7]).toMatch(/handler for "test.item" failed: handler bug/);
    expect(mine().every((m) => header(m, HEADERS.dlqConsumerGroup) === `${kafka.prefix}${group}`)).toBe(true);
    expect(mine()[0].value).toEqual(Buffer.from([0xff, 0x00, 0x13, 0x37]));
    expect(worker.received.map((e) => e.payload.item)).toEqual(['survivor']);
    // The ignored record is neither handled nor among the 8 dead letters (one partition, in order).
    await waitFor('all 10 records finished', () => outcomes.length === 10);
    expect(outcomes.filter((o) => o.outcome === 'ignored')).toEqual([
      { type: 'test.other', outcome: 'ignored' },
    ]);
    expect(outcomes.map((o) => o.outcome).slice(-2)).toEqual(['dead-lettered', 'handled']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
