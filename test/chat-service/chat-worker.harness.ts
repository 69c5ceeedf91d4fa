import { INestApplication } from '@nestjs/common';
import { createEnvelope, Envelope, MessageType, PushPayload, TOPICS, topicName } from '@chat/contracts';
import { Database } from '@chat/db';
import { KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { startChatService } from '../../apps/chat-service/src/main';
import { TestKafka } from '../support/test-kafka';
import { waitFor } from '../support/wait-for';

/** One `push.deliver` record read back from `push.events`. */
export interface Push extends PushPayload {
  envelope: Envelope<PushPayload>;
}

/** A command outcome as the actor receives it. */
export interface Outcome {
  type: 'command.succeeded' | 'command.failed';
  data: { commandId: string; result?: Record<string, unknown>; code?: string; message?: string };
}

/**
 * Real chat-service instances against the run's Kafka and database: publishes command
 * envelopes to `chat.commands` as the gateway would and reads `push.events` back.
 */
export class ChatWorkerHarness {
  readonly kafka = new TestKafka();
  readonly apps: INestApplication[] = [];
  private raw: KafkaMessage[] = [];
  private read = 0;
  private readonly parsed: Push[] = [];
  private readonly seen = new Set<string>();

  async start(instances = 1): Promise<this> {
    // Instances in one process must not share the default `<host>-<pid>` id: the outbox
    // relay's lease is held per instance id.
    const started = await Promise.all(
      Array.from({ length: instances }, (_, i) =>
        startChatService({ port: 0, env: { ...process.env, INSTANCE_ID: `chat-test-${randomUUID()}-${i}` } }),
      ),
    );
    this.apps.push(...started);
    this.raw = await this.kafka.collect(topicName(this.kafka.prefix, TOPICS.pushEvents));
    return this;
  }

  async stop(): Promise<void> {
    await Promise.allSettled(this.apps.map((app) => app.close()));
    await this.kafka.close();
  }

  get db(): Database {
    return this.apps[0].get(Database);
  }

  /**
   * Every push record seen so far, once per envelope id: the outbox relay publishes at least
   * once, so a republished record (same envelope) is not a second event.
   */
  pushes(): Push[] {
    for (const message of this.raw.slice(this.read)) {
      this.read++;
      const envelope = JSON.parse(message.value!.toString()) as Envelope<PushPayload>;
      if (this.seen.has(envelope.id)) continue;
      this.seen.add(envelope.id);
      this.parsed.push({ ...envelope.payload, envelope });
    }
    return this.parsed;
  }

  /** Pushes of `type` that name `userId` among their recipients. */
  pushesTo(userId: string, type?: string): Push[] {
    return this.pushes().filter(
      (p) => (type === undefined || p.type === type) && p.recipients.some((r) => r.userId === userId),
    );
  }

  /** Builds a command envelope (its id is the command id) without sending it. */
  envelope<P extends object>(type: MessageType<P>, payload: P): Envelope<P> {
    return createEnvelope(type.type, type.version, payload, { correlationId: `corr-${randomUUID()}` });
  }

  /** Publishes envelopes to `chat.commands` under `key`, in order. */
  async publish(key: string, envelopes: readonly Envelope[]): Promise<void> {
    await this.kafka.send(
      topicName(this.kafka.prefix, TOPICS.chatCommands),
      envelopes.map((e) => ({ key, value: JSON.stringify(e) })),
    );
  }

  /** Sends one command keyed as the gateway keys it (chat id, else the actor). */
  async command<P extends { actorId: string }>(type: MessageType<P>, payload: P): Promise<Envelope<P>> {
    const envelope = this.envelope(type, payload);
    const key = (payload as { chatId?: string }).chatId ?? payload.actorId;
    await this.publish(key, [envelope]);
    return envelope;
  }

  /** Waits for the command's outcome push (to its actor only). */
  async outcome(command: Envelope<{ actorId: string }>): Promise<Outcome> {
    const push = await waitFor(`the outcome of ${command.type} ${command.id}`, () =>
      this.pushes().find(
        (p) =>
          (p.type === 'command.succeeded' || p.type === 'command.failed') &&
          (p.data as { commandId?: string }).commandId === command.id,
      ),
    );
    expect(push.recipients.map((r) => r.userId)).toEqual([command.payload.actorId]);
    return { type: push.type, data: push.data } as Outcome;
  }

  /** Sends the command and resolves its `command.succeeded` result (fails on `command.failed`). */
  async succeed<P extends { actorId: string }>(
    type: MessageType<P>,
    payload: P,
  ): Promise<Record<string, unknown>> {
    const outcome = await this.outcome(await this.command(type, payload));
    expect(outcome).toMatchObject({ type: 'command.succeeded' });
    return outcome.data.result!;
  }

  /** Sends the command and resolves the `code` of its `command.failed`. */
  async failure<P extends { actorId: string }>(
    type: MessageType<P>,
    payload: P,
  ): Promise<string | undefined> {
    const outcome = await this.outcome(await this.command(type, payload));
    return outcome.type === 'command.failed'
      ? outcome.data.code
      : `succeeded ${JSON.stringify(outcome.data)}`;
  }
}

/** A fresh user id: the worker needs no users table. */
export const newUser = (): string => randomUUID();
