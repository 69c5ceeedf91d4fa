import { INestApplication } from '@nestjs/common';
import { EnvelopeServerOptions, KafkaEnvelopeServer } from '@chat/kafka';
import { ConsumerReadiness, EnvelopeMetrics } from '@chat/observability';
import type { Consumer } from 'kafkajs';

/**
 * Connects the service's Kafka consumer (a Nest microservice sharing the app's pipes and
 * filters), measured for `/metrics` and watched by `/health/ready`. It joins its group at
 * `app.startAllMicroservices()`.
 */
export function connectKafkaConsumer(app: INestApplication, options: EnvelopeServerOptions): void {
  const server = new KafkaEnvelopeServer({ ...options, observer: app.get(EnvelopeMetrics) });
  app.get(ConsumerReadiness, { strict: false }).watch(server.unwrap<Consumer>());
  app.connectMicroservice({ strategy: server }, { inheritAppConfig: true });
}
