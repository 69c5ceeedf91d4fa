import { topicName } from '@chat/contracts';
import { EnvelopeServerHarness } from '../support/envelope-server.harness';
import { TestKafka } from '../support/test-kafka';
import { testItem } from '../support/test-messages';
import { waitFor } from '../support/wait-for';

/**
 * Two instances of a worker in one consumer group split the partitions, and when one
 * stops the other takes all of them over and keeps consuming.
 */
describe('competing consumers (real Kafka)', () => {
  const kafka = new TestKafka();
  const spec = kafka.uniqueTopic('group-split', 6);
  const group = `workers-${spec.name}`;
  let topic: string;
  const a = new EnvelopeServerHarness('a', group, spec);
  const b = new EnvelopeServerHarness('b', group, spec);

  beforeAll(async () => {
    topic = await kafka.createTopic(spec);
  });

  afterAll(async () => {
    await Promise.allSettled([a.stop(), b.stop()]);
    await kafka.close();
  });

  it('splits the partitions between two instances, then fails over to the survivor', async () => {
    await a.start();
    await b.start();
    await waitFor('both instances to hold disjoint halves of the 6 partitions', () => {
      const all = [...a.assigned, ...b.assigned].sort((x, y) => x - y);
      return a.assigned.length > 0 && b.assigned.length > 0 && all.join() === '0,1,2,3,4,5';
    });

    await kafka.send(
      topic,
      Array.from({ length: 60 }, (_, i) => ({ key: `chat-${i}`, value: testItem(`first-${i}`, i) })),
    );
    await waitFor('60 records consumed', () => a.received.length + b.received.length === 60);
    expect(a.received.length).toBeGreaterThan(0);
    expect(b.received.length).toBeGreaterThan(0);
    const firstItems = [...a.received, ...b.received].map((e) => e.payload.item).sort();
    expect(new Set(firstItems).size).toBe(60);

    await a.stop();
    await waitFor('the survivor to own all 6 partitions', () => b.assigned.join() === '0,1,2,3,4,5');
    const before = b.received.length;
    await kafka.send(
      topic,
      Array.from({ length: 30 }, (_, i) => ({ key: `chat-${i}`, value: testItem(`second-${i}`, i) })),
    );
    await waitFor('the survivor to consume all 30 later records', () => b.received.length - before === 30);
    expect(a.received.filter((e) => e.payload.item.startsWith('second-'))).toHaveLength(0);
    expect(topic).toBe(topicName(kafka.prefix, spec));
  });
});
