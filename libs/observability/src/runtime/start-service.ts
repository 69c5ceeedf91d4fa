import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttp, LogSampling, logSamplingFromEnv } from '@chat/http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EnvelopeServerOptions, KafkaConfig, kafkaConfigFromEnv } from '@chat/kafka';
import { createServiceLogger } from '../logging/create-service-logger';
import { accessLogMiddleware } from '../logging/access-log.middleware';
import { withLogShipping } from '../log-shipping/with-log-shipping';
import { resolveConfig } from '../consul/resolve-config';
import {
  configureOperations,
  observedEnvelopeServer,
  registerWithConsul,
  withOperations,
} from './operations';
import { ServiceStartOptions } from './service-start.options';

/** What makes one of the services: its name, root module and Kafka consumer. */
export interface ServiceDefinition {
  name: string;
  defaultPort: number;
  module: (kafka: KafkaConfig, env: NodeJS.ProcessEnv) => DynamicModule;
  consumer: (kafka: KafkaConfig) => Omit<EnvelopeServerOptions, 'kafka'>;
  /** Service-specific setup before init (WebSocket adapter, OpenAPI document). */
  configure?: (app: NestExpressApplication, env: NodeJS.ProcessEnv) => void;
  /** Offers to index the `logs` topic into Elasticsearch (the workers; `LOG_INDEXER` decides). */
  indexesLogs?: boolean;
}

/**
 * Starts one instance of a service: module hooks first (topics, schema), then its Kafka
 * consumer (resolved once the group is joined), then HTTP. SIGTERM drains the consumer
 * before the producer and the database pool close.
 */
export async function startService(
  definition: ServiceDefinition,
  options: ServiceStartOptions = {},
): Promise<INestApplication> {
  // Consul KV overrides (when configured) are read before anything reads the settings.
  const env = await resolveConfig(definition.name, options.env ?? process.env);
  const kafka = kafkaConfigFromEnv(definition.name, env);
  const consumer = definition.consumer(kafka);
  const logger = createServiceLogger(definition.name, env);
  // Request and command info lines: errors, slow ones and a sample (README "Logs").
  const sampling = logSamplingFromEnv(env);
  LogSampling.configure(definition.name, sampling);
  const root = withLogShipping(
    withOperations(definition.name, definition.module(kafka, env), kafka, consumer, env),
    logger,
    definition.name,
    definition.indexesLogs ?? false,
    env,
  );
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger,
    bodyParser: false, // configureHttp installs the only (bounded, strict) parser
  });
  configureHttp(app);
  app.use(accessLogMiddleware(definition.name, sampling));
  configureOperations(app);
  definition.configure?.(app, env);
  app.enableShutdownHooks();
  app.connectMicroservice(
    { strategy: observedEnvelopeServer(app, { kafka, ...consumer }) },
    { inheritAppConfig: true },
  );
  await app.init();
  await app.startAllMicroservices();
  await app.listen(options.port ?? Number(env.PORT ?? definition.defaultPort), env.HOST ?? '127.0.0.1');
  await registerWithConsul(app);
  return app;
}
