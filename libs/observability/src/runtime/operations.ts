import { DynamicModule, INestApplication } from '@nestjs/common';
import { EnvelopeServerOptions, KafkaConfig, KafkaEnvelopeServer } from '@chat/kafka';
import type { Consumer } from 'kafkajs';
import type { AddressInfo } from 'node:net';
import { consulConfigFromEnv } from '../consul/consul.config';
import { ConsulRegistration } from '../consul/consul-registration';
import { ConsumerReadiness } from '../health/consumer-readiness';
import { EnvelopeMetrics } from '../metrics/envelope.metrics';
import { HttpMetrics } from '../metrics/http.metrics';
import { OperationsModule } from './operations.module';

/** The service's root module with `/metrics` and the Consul registration around it. */
export function withOperations(
  service: string,
  root: DynamicModule,
  kafka: KafkaConfig,
  consumer: Omit<EnvelopeServerOptions, 'kafka'>,
  env: NodeJS.ProcessEnv,
): DynamicModule {
  return OperationsModule.wrap(root, { service, kafka, consumer }, consulConfigFromEnv(service, env));
}

/** Times every HTTP request; install before the routes (before `init`). */
export function configureOperations(app: INestApplication): void {
  app.use(app.get(HttpMetrics).middleware);
}

/** The service's envelope server, measured (`/metrics`) and watched by `/health/ready`. */
export function observedEnvelopeServer(
  app: INestApplication,
  options: EnvelopeServerOptions,
): KafkaEnvelopeServer {
  const server = new KafkaEnvelopeServer({ ...options, observer: app.get(EnvelopeMetrics) });
  app.get(ConsumerReadiness, { strict: false }).watch(server.unwrap<Consumer>());
  return server;
}

/** Registers the listening instance with Consul (when configured). */
export async function registerWithConsul(app: INestApplication): Promise<void> {
  const bound = (app.getHttpServer() as { address(): AddressInfo }).address();
  await app.get(ConsulRegistration).register(bound);
}
