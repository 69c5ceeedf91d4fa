import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { CanaryPing, CanaryTarget, createEnvelope, TOPICS } from '@chat/contracts';
import { EnvelopeProducer, InjectKafkaConfig, KafkaConfig } from '@chat/kafka';
import { CanaryReplies } from './canary-replies';

const COMMAND_TOPIC = {
  'chat-service': TOPICS.chatCommands,
  'chatup-service': TOPICS.chatupCommands,
} as const;

/**
 * Sends a canary command through a worker's real command topic and waits for its reply
 * on the results topic: the whole async path (gateway → Kafka → worker → SQL → Kafka →
 * gateway), timed.
 */
@Injectable()
export class PipelineCanaryIndicator {
  constructor(
    private readonly producer: EnvelopeProducer,
    private readonly replies: CanaryReplies,
    private readonly health: HealthIndicatorService,
    @InjectKafkaConfig() private readonly kafka: KafkaConfig,
  ) {}

  async probe(
    target: CanaryTarget,
    correlationId: string,
    timeoutMs: number,
  ): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(target);
    const ping = createEnvelope(
      CanaryPing.type,
      CanaryPing.version,
      { target, replyTo: this.kafka.instanceId, sentAt: new Date().toISOString() },
      { correlationId },
    );
    const started = performance.now();
    const reply = this.replies.expect(ping.id, timeoutMs);
    try {
      await this.producer.publish(COMMAND_TOPIC[target], ping.id, ping);
      const { instanceId, dbMs } = await reply;
      return indicator.up({ roundTripMs: Math.round(performance.now() - started), instanceId, dbMs });
    } catch (err) {
      this.replies.forget(ping.id);
      reply.catch(() => undefined); // its timeout no longer matters
      return indicator.down({ message: (err as Error).message });
    }
  }
}
