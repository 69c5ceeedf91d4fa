import { Injectable } from '@nestjs/common';
import {
  CanaryPingPayload,
  CanaryReply,
  CanaryTarget,
  causedBy,
  createEnvelope,
  Envelope,
  TOPICS,
} from '@chat/contracts';
import { Database } from '@chat/db';
import { EnvelopeProducer, InjectKafkaConfig, KafkaConfig } from '@chat/kafka';

/**
 * A worker's half of the pipeline canary: it proves its SQL write path (one
 * SERIALIZABLE transaction recording that this instance answered) and replies on the
 * results topic, keyed by the asking gateway.
 */
@Injectable()
export class CanaryResponder {
  constructor(
    private readonly db: Database,
    private readonly producer: EnvelopeProducer,
    @InjectKafkaConfig() private readonly kafka: KafkaConfig,
  ) {}

  async answer(service: CanaryTarget, ping: Envelope<CanaryPingPayload>): Promise<void> {
    const started = performance.now();
    await this.db.withTransaction(
      (tx) =>
        tx.query(
          `INSERT INTO service_instances (service, instance_id, last_canary_at) VALUES ($1, $2, now())
           ON CONFLICT (service, instance_id) DO UPDATE SET last_canary_at = excluded.last_canary_at`,
          [service, this.kafka.instanceId],
        ),
      { name: 'canary' },
    );
    const dbMs = Math.round(performance.now() - started);
    const reply = createEnvelope(
      CanaryReply.type,
      CanaryReply.version,
      { canaryId: ping.id, service, instanceId: this.kafka.instanceId, replyTo: ping.payload.replyTo, dbMs },
      causedBy(ping),
    );
    await this.producer.publish(TOPICS.commandResults, ping.payload.replyTo, reply);
  }
}
