import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureHttp } from '@chat/http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { EnvelopeServerOptions, KafkaConfig, kafkaConfigFromEnv, KafkaEnvelopeServer } from '@chat/kafka';
import { createServiceLogger } from '../logging/create-service-logger';
import { ServiceStartOptions } from './service-start.options';

/** What makes one of the services: its name, root module and Kafka consumer. */
export interface ServiceDefinition {
  name: string;
  defaultPort: number;
  module: (kafka: KafkaConfig, env: NodeJS.ProcessEnv) => DynamicModule;
  consumer: (kafka: KafkaConfig) => Omit<EnvelopeServerOptions, 'kafka'>;
  /** Service-specific setup before init (WebSocket adapter, OpenAPI document). */
  configure?: (app: NestExpressApplication, env: NodeJS.ProcessEnv) => void;
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
  const env = options.env ?? process.env;
  const kafka = kafkaConfigFromEnv(definition.name, env);
  const app = await NestFactory.create<NestExpressApplication>(definition.module(kafka, env), {
    logger: createServiceLogger(definition.name, env),
    bodyParser: false, // configureHttp installs the only (bounded, strict) parser
  });
  configureHttp(app);
  definition.configure?.(app, env);
  app.enableShutdownHooks();
  app.connectMicroservice(
    { strategy: new KafkaEnvelopeServer({ kafka, ...definition.consumer(kafka) }) },
    { inheritAppConfig: true },
  );
  await app.init();
  await app.startAllMicroservices();
  await app.listen(options.port ?? Number(env.PORT ?? definition.defaultPort), env.HOST ?? '127.0.0.1');
  return app;
}
