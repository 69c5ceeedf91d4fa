import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { kafkaConfigFromEnv } from '@chat/kafka';
import { createServiceLogger } from '@chat/observability';
import {
  configureServiceHttp,
  connectKafkaConsumer,
  registerWithConsul,
  reportStart,
  resolveConfig,
  ServiceStartOptions,
} from '@chat/runtime';
import { ChatupServiceModule } from './chatup-service.module';
import { chatupWorkerConsumer } from './chatup-worker.consumer';

export const SERVICE_NAME = 'chatup-service';

/** One ChatUp worker: a competing consumer of `chatup.commands`, with HTTP for health and metrics. */
export async function startChatupService(options: ServiceStartOptions = {}): Promise<NestExpressApplication> {
  const env = await resolveConfig(SERVICE_NAME, options.env ?? process.env); // the environment, then Consul KV
  const kafka = kafkaConfigFromEnv(SERVICE_NAME, env);
  const consumer = chatupWorkerConsumer();
  const logger = createServiceLogger(SERVICE_NAME, env); // ECS lines on stdout, shipped through Kafka
  const module = ChatupServiceModule.forRoot({
    service: SERVICE_NAME,
    kafka,
    consumer,
    env,
    logger,
    indexesLogs: true,
  });
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
  configureServiceHttp(app, SERVICE_NAME, env); // the only body parser (bounded, strict), access log, timings
  connectKafkaConsumer(app, { kafka, ...consumer });
  app.enableShutdownHooks(); // SIGTERM drains the consumer before the producer and the pool close
  await app.init(); // migrations, topics
  await app.startAllMicroservices(); // resolves once the consumer has joined its group
  await app.listen(options.port ?? Number(env.PORT ?? 3002), env.HOST ?? '127.0.0.1');
  await registerWithConsul(app);
  return app;
}

if (require.main === module) reportStart(SERVICE_NAME, startChatupService());
