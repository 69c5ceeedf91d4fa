import { HEADERS, TopicSpec, topicName } from '@chat/contracts';
import { Kafka, KafkaMessage, logLevel, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

/** Raw kafkajs access for tests: producing arbitrary bytes and reading topics back. */
export class TestKafka {
  readonly kafka = new Kafka({
    clientId: 'test',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  readonly prefix = process.env.KAFKA_PREFIX ?? '';
  private producer?: Producer;
  private readonly closers: (() => Promise<void>)[] = [];

  /** A topic spec with a name unique to this test. */
  uniqueTopic(base: string, partitions: number): TopicSpec {
    return { name: `${base}-${randomUUID().slice(0, 8)}`, partitions };
  }

  /** Creates the run's copy of `spec` (already existing is fine) and returns its full name. */
  async createTopic(spec: TopicSpec): Promise<string> {
    const admin = this.kafka.admin();
    await admin.connect();
    const name = topicName(this.prefix, spec);
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: name, numPartitions: spec.partitions }],
    });
    await admin.disconnect();
    return name;
  }

  async send(
    topic: string,
    records: { key?: string; value: Buffer | string | null; headers?: Record<string, string> }[],
  ): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer();
      await this.producer.connect();
      this.closers.push(() => this.producer!.disconnect());
    }
    await this.producer.send({ topic, messages: records });
  }

  /** Collects every record of `topic` from the beginning into the returned array, as they arrive. */
  async collect(topic: string): Promise<KafkaMessage[]> {
    const seen: KafkaMessage[] = [];
    const consumer = this.kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push(message)) });
    this.closers.push(() => consumer.disconnect());
    return seen;
  }

  async close(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
    this.producer = undefined;
  }
}

export function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}

export const DLQ_REASON = HEADERS.dlqReason;
