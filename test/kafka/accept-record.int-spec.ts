import { HEADERS, TOPICS } from '@chat/contracts';
import { EnvelopeOutcome } from '@chat/kafka';
import { EnvelopeServerHarness } from '../support/envelope-server.harness';
import { header, TestKafka } from '../support/test-kafka';
import { testItem } from '../support/test-messages';
import { waitFor } from '../support/wait-for';

/**
 * `acceptRecord` is asked before a record is parsed: a refused record is committed without
 * being parsed (garbage is not dead-lettered), handled, or logged, and counted `skipped`;
 * a record it accepts, with or without the header it looks at, is handled as before.
 */
describe('acceptRecord (real Kafka)', () => {
  const kafka = new TestKafka();
  const spec = kafka.uniqueTopic('accept', 1);
  const group = `accept-${spec.name}`;
  let topic: string;
  const outcomes: { type: string; outcome: EnvelopeOutcome }[] = [];
  const asked: string[] = [];
  const worker = new EnvelopeServerHarness('accept', group, spec, undefined, 1, {
    acceptRecord: (message, from) => {
      asked.push(from);
      return header(message, 'x-keep') !== 'no';
    },
    observer: { recordFinished: (type, outcome) => void outcomes.push({ type, outcome }) },
  });

  beforeAll(async () => {
    topic = await kafka.createTopic(spec);
    await kafka.createTopic(TOPICS.deadLetter);
    await worker.start();
  });

  afterAll(async () => {
    await worker.stop();
    await kafka.close();
  });

  it('skips refused records unparsed, handles the others, and commits past both', async () => {
    const no = { 'x-keep': 'no' };
    await kafka.send(topic, [
      { key: 'k', value: Buffer.from([0xff, 0x00]), headers: no },
      { key: 'k', value: testItem('refused', 1), headers: { ...no, [HEADERS.messageType]: 'test.item' } },
      { key: 'k', value: testItem('no header', 2) },
      { key: 'k', value: testItem('kept', 3), headers: { 'x-keep': 'yes' } },
    ]);

    await waitFor('all 4 records finished', () => outcomes.length === 4);
    expect(outcomes).toEqual([
      { type: 'unparsed', outcome: 'skipped' },
      { type: 'test.item', outcome: 'skipped' },
      { type: 'test.item', outcome: 'handled' },
      { type: 'test.item', outcome: 'handled' },
    ]);
    expect(worker.received.map((e) => e.payload.item)).toEqual(['no header', 'kept']);
    expect(asked).toEqual([topic, topic, topic, topic]);

    const admin = kafka.kafka.admin();
    await admin.connect();
    try {
      await waitFor('the offset committed past all 4', async () => {
        const [committed] = await admin.fetchOffsets({ groupId: `${kafka.prefix}${group}`, topics: [topic] });
        return committed.partitions[0]?.offset === '4';
      });
    } finally {
      await admin.disconnect();
    }
  });
});
