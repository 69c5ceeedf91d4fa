import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { KafkaAdmin } from './admin/kafka-admin';
import { KafkaHealthIndicator } from './health/kafka.health';
import { KafkaConfig } from './kafka.config';
import { KAFKA_CONFIG } from './kafka.tokens';
import { EnvelopeProducer } from './producer/envelope.producer';

/** Kafka for one service: its config, topic provisioning, idempotent producer and health. */
@Module({})
export class KafkaModule {
  static forRoot(config: KafkaConfig): DynamicModule {
    return {
      module: KafkaModule,
      global: true,
      imports: [TerminusModule],
      providers: [
        { provide: KAFKA_CONFIG, useValue: config },
        KafkaAdmin,
        EnvelopeProducer,
        KafkaHealthIndicator,
      ],
      exports: [KAFKA_CONFIG, KafkaAdmin, EnvelopeProducer, KafkaHealthIndicator],
    };
  }
}
