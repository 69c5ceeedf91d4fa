import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import {
  Envelope,
  HEADERS,
  PushDeliver,
  PushPayload,
  pushRecipientsHeader,
  TopicSpec,
} from '@chat/contracts';
import { Partitioners, Producer } from 'kafkajs';
import { createKafkaClient } from '../kafka-client.factory';
import { KafkaConfig } from '../kafka.config';
import { InjectKafkaConfig } from '../kafka.tokens';
import { SendCoalescer } from './send-coalescer';

/** An envelope already serialised, with what its headers need. */
export interface SerializedRecord {
  /** Base topic name, before the deployment prefix. */
  topic: string;
  key: string;
  value: string;
  correlationId: string;
  type: string;
  /** More headers besides the correlation id and type (e.g. a push's recipients). */
  headers?: Record<string, string>;
}

/** The headers an envelope's record carries besides correlation id and type. */
export function extraHeaders(envelope: Envelope): Record<string, string> | undefined {
  if (envelope.type !== PushDeliver.type) return undefined;
  const recipients = (envelope.payload as PushPayload).recipients;
  return { [HEADERS.pushRecipients]: pushRecipientsHeader(recipients) };
}

/** An envelope as the producer sends it: serialised once, with its headers. `topic` is the base name. */
export function serializeRecord(
  topic: string,
  key: string,
  envelope: Envelope,
  value = JSON.stringify(envelope),
): SerializedRecord {
  return {
    topic,
    key,
    value,
    correlationId: envelope.correlationId,
    type: envelope.type,
    headers: extraHeaders(envelope),
  };
}

/**
 * Publishes envelopes with an idempotent producer (no duplicates from producer retries,
 * order kept per partition). The record key decides the partition: one chat's commands
 * share a key so they stay in order.
 */
@Injectable()
export class EnvelopeProducer implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(EnvelopeProducer.name);
  private readonly producer: Producer;
  /** Single publishes made while one is in flight share the next request. */
  private readonly singles = new SendCoalescer<SerializedRecord>((records) =>
    this.publishSerialized(records),
  );

  constructor(@InjectKafkaConfig() private readonly config: KafkaConfig) {
    this.producer = createKafkaClient(config, 'producer').producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.producer.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    this.logger.log('producer disconnected');
  }

  /**
   * Sends already-serialised envelopes in one batch (the outbox relay's path); order is
   * kept per partition. `topic` is the base name, before the deployment prefix.
   */
  async publishSerialized(records: readonly SerializedRecord[]): Promise<void> {
    const byTopic = new Map<string, SerializedRecord[]>();
    for (const record of records) {
      const list = byTopic.get(record.topic);
      if (list) list.push(record);
      else byTopic.set(record.topic, [record]);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: `${this.config.prefix}${topic}`,
        messages: list.map((r) => ({
          key: r.key,
          value: r.value,
          headers: { ...r.headers, [HEADERS.correlationId]: r.correlationId, [HEADERS.messageType]: r.type },
        })),
      })),
    });
  }

  /**
   * Sends one envelope to `topic`, resolving once the broker acknowledged it (acks=all).
   * Envelopes published while an earlier send is in flight go together in the next request.
   */
  publish(topic: TopicSpec, key: string, envelope: Envelope): Promise<void> {
    return this.singles.send(serializeRecord(topic.name, key, envelope));
  }
}
