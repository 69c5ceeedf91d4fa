import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Envelope, HEADERS, MessageType, parseEnvelope, TOPICS, topicName } from '@chat/contracts';
import {
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  IHeaders,
  KafkaMessage,
  Partitioners,
  Producer,
} from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { createKafkaClient } from '../kafka-client.factory';
import { assignedPattern, batchPattern } from './batch-patterns';
import { EnvelopeContext } from './envelope.context';
import { EnvelopeOutcome } from './envelope-observer';
import { EnvelopeServerOptions } from './envelope-server.options';
import { IntervalCommits } from './interval-commits';
import { RecordScope } from './record-scope';
import { retryBackoff } from './retry-backoff';
import { isTransientError } from './transient-error';

const GROUP_JOIN_TIMEOUT_MS = 30_000;

type ParseResult = ReturnType<typeof parseEnvelope>;

/** A record of a batched type waiting for its run. */
interface RunRecord {
  message: KafkaMessage;
  envelope: Envelope;
}

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
  /** The batched topic's full name and types (`options.batch`), if any. */
  private readonly batchTopic?: string;
  private readonly batchTypes: ReadonlySet<string>;
  /** The assigned-partitions handler's work for the latest assignment; batches wait for it. */
  private assignment: Promise<void> = Promise.resolve();
  private readonly commits?: IntervalCommits;
  private stopping = false;
  private readonly handlers = new Map<string, MessageHandler | undefined>();

  constructor(private readonly options: EnvelopeServerOptions) {
    super();
    const { kafka } = options;
    this.groupId = `${kafka.prefix}${options.group}`;
    const client = createKafkaClient(kafka, `consumer-${options.group}`);
    this.consumer = client.consumer({
      groupId: this.groupId,
      sessionTimeout: kafka.sessionTimeoutMs,
      rebalanceTimeout: kafka.rebalanceTimeoutMs,
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
    if (options.commitIntervalMs && !options.batch)
      this.commits = new IntervalCommits(this.consumer, options.commitIntervalMs, (err) => {
        this.logger.warn(`offsets not committed: ${err.message}`);
      });
    const ignore = options.ignore ?? [];
    this.known = new Map([...options.messages, ...ignore].map((m) => [m.type, m]));
    this.ignored = new Set(ignore.map((m) => m.type));
    this.batchTypes = new Set(options.batch?.types.map((m) => m.type) ?? []);
    if (options.batch) this.batchTopic = topicName(kafka.prefix, options.batch.topic);
  }

  /** Connects, subscribes and resolves `callback` once this instance has joined its group. */
  async listen(callback: (err?: unknown) => void): Promise<void> {
    const contradiction = this.handledButIgnored() ?? this.missingBatchHandler();
    if (contradiction) return callback(contradiction);
    const joined = this.waitForGroupJoin();
    this.watchAssignments();
    try {
      await this.dlqProducer.connect();
      await this.consumer.connect();
      for (const topic of this.options.topics) {
        await this.consumer.subscribe({
          topic: topicName(this.options.kafka.prefix, topic),
          fromBeginning: this.options.fromBeginning ?? true,
        });
      }
      const concurrency = this.options.concurrency ?? this.options.kafka.partitionsConsumedConcurrently;
      if (this.batchTopic) {
        await this.consumer.run({
          partitionsConsumedConcurrently: concurrency,
          eachBatchAutoResolve: false,
          eachBatch: (payload) => this.handleBatch(payload),
        });
      } else {
        await this.consumer.run({
          partitionsConsumedConcurrently: concurrency,
          autoCommit: !this.commits,
          // Each record in a context of its own: its log lines carry its correlation id.
          eachMessage: async (payload) => {
            await RecordScope.run(this.options.kafka.clientId, () => this.observeRecord(payload));
            this.commits?.handled(payload.topic, payload.partition, payload.message.offset);
          },
        });
        this.commits?.start();
      }
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
    await this.commits?.stop();
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

  /** A batched topic needs its batch handler; without it every run would be dead-lettered. */
  private missingBatchHandler(): Error | undefined {
    const batch = this.options.batch;
    if (!batch || this.getHandlerByPattern(batchPattern(batch.topic))) return undefined;
    return new Error(`no @EventPattern('${batchPattern(batch.topic)}') handler for the batched topic`);
  }

  /**
   * Tells the assigned-partitions handler (if any) of each new assignment of the batched
   * topic. kafkajs emits GROUP_JOIN before fetching for the new generation, and every batch
   * of that topic waits for the handler's work, so it comes first on every partition.
   */
  private watchAssignments(): void {
    const batch = this.options.batch;
    const handler = batch && this.getHandlerByPattern(assignedPattern(batch.topic));
    if (!batch || !handler) return;
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      const partitions = payload.memberAssignment[this.batchTopic!] ?? [];
      const context = new EnvelopeContext([this.batchTopic!, -1, '-1']);
      this.assignment = this.invoke(handler, partitions, context).catch((err: Error) => {
        this.logger.error(`assigned-partitions handler failed: ${err.message}`);
      });
    });
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
  private async observeRecord(record: EachMessagePayload, preParsed?: ParseResult): Promise<void> {
    const observer = this.options.observer;
    if (!observer) {
      await this.handleRecord(record, undefined, preParsed);
      return;
    }
    const started = performance.now();
    const seen = { type: 'invalid' };
    const seconds = () => (performance.now() - started) / 1_000;
    try {
      const outcome = await this.handleRecord(record, seen, preParsed); // sets seen.type once parsed
      observer.recordFinished(seen.type, outcome, seconds());
    } catch (err) {
      observer.recordFinished(seen.type, 'abandoned', seconds());
      throw err;
    }
  }

  /**
   * One fetched batch of one partition (batch mode): runs of batched records go to the batch
   * handler together, everything else one record at a time, all in partition order. Stops
   * early when the partition was taken away (a rebalance) or the consumer stops; what was
   * not resolved is redone by the partition's next owner.
   */
  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const batched = batch.topic === this.batchTopic;
    if (batched) await this.assignment;
    const live = () => payload.isRunning() && !payload.isStale();
    let run: RunRecord[] = [];
    const flush = async (): Promise<boolean> => {
      const records = run;
      run = [];
      return records.length === 0 || (await this.handleRun(payload, records));
    };
    for (const message of batch.messages) {
      if (!live()) return;
      const parsed = batched ? parseEnvelope(message.value, this.known) : undefined;
      if (parsed?.ok && this.batchTypes.has(parsed.envelope.type)) {
        run.push({ message, envelope: parsed.envelope });
        if (run.length >= this.options.batch!.maxRecords && !(await flush())) return;
        continue;
      }
      if (!(await flush()) || !live()) return;
      const record = { topic: batch.topic, partition: batch.partition, message, ...payload };
      await RecordScope.run(this.options.kafka.clientId, () => this.observeRecord(record, parsed));
      payload.resolveOffset(message.offset);
      await payload.heartbeat();
    }
    await flush();
  }

  /**
   * Hands one run to the batch handler. A transient failure retries the run; any other
   * failure splits it in halves (the poison record ends up alone) and a lone record that
   * keeps failing is dead-lettered. False when the partition was lost on the way.
   */
  private async handleRun(payload: EachBatchPayload, run: RunRecord[]): Promise<boolean> {
    const { topic, partition } = payload.batch;
    const handler = this.handlerFor(batchPattern(this.options.batch!.topic))!;
    const maxAttempts = this.options.maxHandlerAttempts ?? 5;
    const started = process.hrtime.bigint();
    for (let attempt = 1; ; attempt++) {
      if (!payload.isRunning() || payload.isStale()) return false;
      try {
        const context = new EnvelopeContext([topic, partition, run[0].message.offset]);
        await RecordScope.run(this.options.kafka.clientId, () =>
          this.invoke(
            handler,
            run.map((r) => r.envelope),
            context,
          ),
        );
        payload.resolveOffset(run[run.length - 1].message.offset);
        this.observeRun(run, 'handled', started);
        // Each record's line in its own context, so it carries the record's trace id.
        for (const { envelope } of run)
          RecordScope.run(this.options.kafka.clientId, () =>
            RecordScope.enter(envelope, topic, started).handled(),
          );
        return true;
      } catch (err) {
        if (this.stopping) throw err; // leave the offsets uncommitted: another instance redoes the run
        const transient = isTransientError(err);
        const reason = `batch handler for ${topic}[${partition}] failed: ${(err as Error).message}`;
        if (!transient && run.length > 1) {
          this.logger.warn(`${reason}; splitting the run of ${run.length} to isolate the record`);
          const half = Math.ceil(run.length / 2);
          return (
            (await this.handleRun(payload, run.slice(0, half))) &&
            (await this.handleRun(payload, run.slice(half)))
          );
        }
        if (!transient && attempt >= maxAttempts) {
          await this.deadLetter(topic, partition, run[0].message, reason);
          payload.resolveOffset(run[0].message.offset);
          this.observeRun(run, 'dead-lettered', started);
          return true;
        }
        this.logger.warn(
          `${reason} (attempt ${attempt}${transient ? ', transient' : `/${maxAttempts}`}), retrying`,
        );
        await retryBackoff(attempt);
        await payload.heartbeat(); // throws during a rebalance so the run is redone elsewhere
      }
    }
  }

  private observeRun(run: RunRecord[], outcome: EnvelopeOutcome, started: bigint): void {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const { envelope } of run) this.options.observer?.recordFinished(envelope.type, outcome, seconds);
  }

  private async handleRecord(
    record: EachMessagePayload,
    seen: { type: string } = { type: 'invalid' },
    preParsed?: ParseResult,
  ): Promise<EnvelopeOutcome> {
    const { topic, partition, message } = record;
    if (this.options.acceptRecord?.(message, topic) === false) {
      seen.type = message.headers?.[HEADERS.messageType]?.toString() ?? 'unparsed';
      return 'skipped';
    }
    const parsed = preParsed ?? parseEnvelope(message.value, this.known);
    if (!parsed.ok) return this.deadLetter(topic, partition, message, parsed.reason);
    const { envelope } = parsed;
    seen.type = envelope.type;
    if (this.ignored.has(envelope.type)) return 'ignored';
    const scope = RecordScope.enter(envelope, topic);
    const handler = this.handlerFor(envelope.type);
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
        await retryBackoff(attempt);
        await record.heartbeat(); // keeps the partition; throws during a rebalance so the record is redone elsewhere
      }
    }
  }

  /**
   * The handler of `pattern`, looked up once: Nest's lookup parses and normalises the
   * pattern on every call (1.3 % of a gateway's busy CPU in a bench profile), and handlers
   * are all registered before `listen`.
   */
  private handlerFor(pattern: string): MessageHandler | undefined {
    if (!this.handlers.has(pattern))
      this.handlers.set(pattern, this.getHandlerByPattern(pattern) ?? undefined);
    return this.handlers.get(pattern);
  }

  private async invoke(handler: MessageHandler, data: object, context: EnvelopeContext): Promise<void> {
    const result: unknown = await handler(data, context);
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
