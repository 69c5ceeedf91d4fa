import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Envelope, HEADERS, TopicSpec, topicName } from '@chat/contracts';
import { Partitioners, Producer } from 'kafkajs';
import { createKafkaClient } from '../kafka-client.factory';
import { KafkaConfig } from '../kafka.config';
import { InjectKafkaConfig } from '../kafka.tokens';

/** An envelope already serialised, with what its headers need. */
export interface SerializedRecord {
  /** Base topic name, before the deployment prefix. */
  topic: string;
  key: string;
  value: string;
  correlationId: string;
  type: string;
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
    for (const record of records) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: `${this.config.prefix}${topic}`,
        messages: list.map((r) => ({
          key: r.key,
          value: r.value,
          headers: { [HEADERS.correlationId]: r.correlationId, [HEADERS.messageType]: r.type },
        })),
      })),
    });
  }

  /** Sends one envelope to `topic`, waiting for the broker's acknowledgement (acks=all). */
  async publish(topic: TopicSpec, key: string, envelope: Envelope): Promise<void> {
    await this.producer.send({
      topic: topicName(this.config.prefix, topic),
      acks: -1,
      messages: [
        {
          key,
          value: JSON.stringify(envelope),
          headers: { [HEADERS.correlationId]: envelope.correlationId, [HEADERS.messageType]: envelope.type },
        },
      ],
    });
  }
}
