import { Envelope, TopicSpec } from '@chat/contracts';
import { EnvelopeServerOptions, kafkaConfigFromEnv, KafkaEnvelopeServer } from '@chat/kafka';
import { Consumer } from 'kafkajs';
import { TestItem, TestItemPayload } from './test-messages';

/** One `KafkaEnvelopeServer` outside Nest, with a handler for `test.item` and its assignment tracked. */
export class EnvelopeServerHarness {
  readonly received: Envelope<TestItemPayload>[] = [];
  assigned: number[] = [];
  readonly server: KafkaEnvelopeServer;

  constructor(
    readonly name: string,
    group: string,
    topic: TopicSpec,
    handle: (e: Envelope<TestItemPayload>) => Promise<void> = () => Promise.resolve(),
    maxHandlerAttempts?: number,
    more: Pick<EnvelopeServerOptions, 'ignore' | 'observer' | 'acceptRecord'> = {},
  ) {
    const kafka = { ...kafkaConfigFromEnv(`test-${name}`), instanceId: name };
    this.server = new KafkaEnvelopeServer({
      kafka,
      group,
      topics: [topic],
      messages: [TestItem],
      maxHandlerAttempts,
      ...more,
    });
    this.server.addHandler(
      TestItem.type,
      async (envelope: Envelope<TestItemPayload>) => {
        await handle(envelope);
        this.received.push(envelope);
      },
      true,
    );
    const consumer = this.server.unwrap<Consumer>();
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assigned = Object.values(payload.memberAssignment)
        .flat()
        .sort((a, b) => a - b);
    });
  }

  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      void this.server.listen((err?: unknown) =>
        err
          ? reject(err instanceof Error ? err : new Error(`listen failed: ${JSON.stringify(err)}`))
          : resolve(),
      );
    });
  }

  stop(): Promise<void> {
    return this.server.close();
  }
}
