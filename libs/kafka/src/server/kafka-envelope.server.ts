import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { HEADERS, MessageType, parseEnvelope, TOPICS, topicName } from '@chat/contracts';
import { Consumer, EachMessagePayload, IHeaders, KafkaMessage, Partitioners, Producer } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { createKafkaClient } from '../kafka-client.factory';
import { EnvelopeContext } from './envelope.context';
import { EnvelopeOutcome } from './envelope-observer';
import { EnvelopeServerOptions } from './envelope-server.options';
import { RecordScope } from './record-scope';
import { isTransientError } from './transient-error';

const GROUP_JOIN_TIMEOUT_MS = 30_000;
const MAX_BACKOFF_MS = 5_000;

/**
 * A Nest microservice transport over kafkajs that speaks the project's envelopes:
 * records are validated against the contracts and routed by `type` to the
 * `@EventPattern(type)` handlers of `*.message.controller.ts` classes.
 *
 * A record that cannot be accepted (bad bytes, bad schema, unknown type, a handler that
 * keeps failing on it) goes to the dead-letter topic with the reason; a valid record of a
 * type the options `ignore` is committed unhandled. A record whose
 * handler fails for a transient reason is retried until it succeeds, so nothing accepted
 * is dropped while a dependency is away. Offsets are committed only after the handler
 * finishes: delivery to handlers is at-least-once, and handlers are idempotent.
 */
export class KafkaEnvelopeServer extends Server implements CustomTransportStrategy {
  private readonly consumer: Consumer;
  private readonly dlqProducer: Producer;
  private readonly known: ReadonlyMap<string, MessageType<object>>;
  private readonly ignored: ReadonlySet<string>;
  private readonly groupId: string;
  private stopping = false;

  constructor(private readonly options: EnvelopeServerOptions) {
    super();
    const { kafka } = options;
    this.groupId = `${kafka.prefix}${options.group}`;
    const client = createKafkaClient(kafka, `consumer-${options.group}`);
    this.consumer = client.consumer({
      groupId: this.groupId,
      sessionTimeout: kafka.sessionTimeoutMs,
      heartbeatInterval: kafka.heartbeatIntervalMs,
      allowAutoTopicCreation: false,
      // A fetch with nothing to return waits at most this long; readiness waits for one.
      maxWaitTimeInMs: 1_000,
    });
    this.dlqProducer = client.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    const ignore = options.ignore ?? [];
    this.known = new Map([...options.messages, ...ignore].map((m) => [m.type, m]));
    this.ignored = new Set(ignore.map((m) => m.type));
  }

  /** Connects, subscribes and resolves `callback` once this instance has joined its group. */
  async listen(callback: (err?: unknown) => void): Promise<void> {
    const contradiction = this.handledButIgnored();
    if (contradiction) return callback(contradiction);
    const joined = this.waitForGroupJoin();
    try {
      await this.dlqProducer.connect();
      await this.consumer.connect();
      for (const topic of this.options.topics) {
        await this.consumer.subscribe({
          topic: topicName(this.options.kafka.prefix, topic),
          fromBeginning: this.options.fromBeginning ?? true,
        });
      }
      await this.consumer.run({
        partitionsConsumedConcurrently: this.options.kafka.partitionsConsumedConcurrently,
        // Each record in a context of its own: its log lines carry its correlation id.
        eachMessage: (payload) =>
          RecordScope.run(this.options.kafka.clientId, () => this.observeRecord(payload)),
      });
      await joined.promise;
      this.logger.log(
        `consumer group ${this.groupId} joined (${this.options.topics.map((t) => t.name).join(', ')})`,
      );
      callback();
    } catch (err) {
      joined.cancel();
      callback(err);
    }
  }

  /** Drains: the in-flight record finishes and its offset is committed before disconnecting. */
  async close(): Promise<void> {
    this.stopping = true;
    await this.consumer.disconnect();
    await this.dlqProducer.disconnect();
    this.logger.log(`consumer group ${this.groupId} left`);
  }

  on(): never {
    throw new Error('KafkaEnvelopeServer does not expose transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** A type both ignored and handled is a mistake that would silently starve its handler. */
  private handledButIgnored(): Error | undefined {
    const both = [...this.ignored].filter((type) => this.getHandlerByPattern(type));
    if (both.length === 0) return undefined;
    return new Error(`ignored message types have handlers: ${both.join(', ')}`);
  }

  /**
   * Resolves once the group is joined and a first fetch has completed: only then are the
   * starting offsets of new partitions resolved, so a record produced afterwards (a reply
   * to a canary this instance is about to send) cannot be skipped. Listeners are added
   * before `run` starts, so no event is missed.
   */
  private waitForGroupJoin(): { promise: Promise<void>; cancel: () => void } {
    let timer: NodeJS.Timeout | undefined;
    const removers: (() => void)[] = [];
    const cancel = () => {
      clearTimeout(timer);
      removers.splice(0).forEach((remove) => remove());
    };
    const promise = new Promise<void>((resolve, reject) => {
      let joined = false;
      timer = setTimeout(
        () => reject(new Error(`group ${this.groupId} not ready in ${GROUP_JOIN_TIMEOUT_MS} ms`)),
        GROUP_JOIN_TIMEOUT_MS,
      );
      removers.push(this.consumer.on(this.consumer.events.GROUP_JOIN, () => (joined = true)));
      removers.push(
        this.consumer.on(this.consumer.events.FETCH, () => {
          if (!joined) return;
          cancel();
          resolve();
        }),
      );
    });
    return { promise, cancel };
  }

  /** Times each record for the observer (metrics); how the record is handled does not change. */
  private async observeRecord(record: EachMessagePayload): Promise<void> {
    const observer = this.options.observer;
    if (!observer) {
      await this.handleRecord(record);
      return;
    }
    const started = performance.now();
    const seen = { type: 'invalid' };
    const seconds = () => (performance.now() - started) / 1_000;
    try {
      const outcome = await this.handleRecord(record, seen); // sets seen.type once parsed
      observer.recordFinished(seen.type, outcome, seconds());
    } catch (err) {
      observer.recordFinished(seen.type, 'abandoned', seconds());
      throw err;
    }
  }

  private async handleRecord(
    record: EachMessagePayload,
    seen: { type: string } = { type: 'invalid' },
  ): Promise<EnvelopeOutcome> {
    const { topic, partition, message } = record;
    const parsed = parseEnvelope(message.value, this.known);
    if (!parsed.ok) return this.deadLetter(topic, partition, message, parsed.reason);
    const { envelope } = parsed;
    seen.type = envelope.type;
    if (this.ignored.has(envelope.type)) return 'ignored';
    const scope = RecordScope.enter(envelope, topic);
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) return this.deadLetter(topic, partition, message, `no handler for "${envelope.type}"`);

    const context = new EnvelopeContext([topic, partition, message.offset]);
    const maxAttempts = this.options.maxHandlerAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.invoke(handler, envelope, context);
        scope.handled();
        return 'handled';
      } catch (err) {
        const transient = isTransientError(err);
        const reason = `handler for "${envelope.type}" failed: ${(err as Error).message}`;
        if (this.stopping) throw err; // leave the offset uncommitted: another instance redoes it
        if (!transient && attempt >= maxAttempts) return this.deadLetter(topic, partition, message, reason);
        this.logger.warn(
          `${reason} (attempt ${attempt}${transient ? ', transient' : `/${maxAttempts}`}), retrying`,
        );
        await sleep(Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(attempt, 6)));
        await record.heartbeat(); // keeps the partition; throws during a rebalance so the record is redone elsewhere
      }
    }
  }

  private async invoke(handler: MessageHandler, envelope: object, context: EnvelopeContext): Promise<void> {
    const result: unknown = await handler(envelope, context);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: string,
  ): Promise<'dead-lettered'> {
    this.logger.error(`dead-lettering ${topic}[${partition}]@${message.offset}: ${reason}`);
    const headers: IHeaders = {
      ...message.headers,
      [HEADERS.dlqReason]: reason.slice(0, 1_000),
      [HEADERS.dlqSourceTopic]: topic,
      [HEADERS.dlqSourcePartition]: String(partition),
      [HEADERS.dlqSourceOffset]: message.offset,
      [HEADERS.dlqConsumerGroup]: this.groupId,
    };
    await this.dlqProducer.send({
      topic: topicName(this.options.kafka.prefix, TOPICS.deadLetter),
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    return 'dead-lettered';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
