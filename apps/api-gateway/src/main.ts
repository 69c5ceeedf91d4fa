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
import { apiGatewayConsumer } from './api-gateway.consumer';
import { ApiGatewayModule } from './api-gateway.module';
import { configureConsole } from './console/configure-console';
import { configureDocs } from './docs/configure-docs';
import { configureEdge } from './edge/configure-edge';
import { configureRealtime } from './realtime/configure-realtime';
import { PushRecordFilter } from './realtime/events/push-record-filter';

export const SERVICE_NAME = 'api-gateway';

/** One gateway: HTTP commands and queries, the WebSocket at /ws, and the pushes it consumes. */
export async function startApiGateway(options: ServiceStartOptions = {}): Promise<NestExpressApplication> {
  const env = await resolveConfig(SERVICE_NAME, options.env ?? process.env); // the environment, then Consul KV
  const kafka = kafkaConfigFromEnv(SERVICE_NAME, env);
  const pushes = new PushRecordFilter(); // knows whom this instance holds sockets for
  const consumer = apiGatewayConsumer(kafka, pushes);
  const logger = createServiceLogger(SERVICE_NAME, env); // ECS lines on stdout, shipped through Kafka
  const module = ApiGatewayModule.forRoot({ service: SERVICE_NAME, kafka, consumer, env, logger });
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false });
  configureServiceHttp(app, SERVICE_NAME, env); // the only body parser (bounded, strict), access log, timings
  configureEdge(app, env); // TRUST_PROXY, CORS
  configureRealtime(app, pushes); // the WebSocket server
  configureDocs(app); // /docs, /docs-json
  configureConsole(app); // the browser console at /console
  connectKafkaConsumer(app, { kafka, ...consumer });
  app.enableShutdownHooks(); // SIGTERM drains the consumer before the producer and the pool close
  await app.init(); // migrations, topics
  await app.startAllMicroservices(); // resolves once the consumer has joined its group
  await app.listen(options.port ?? Number(env.PORT ?? 3000), env.HOST ?? '127.0.0.1');
  await registerWithConsul(app);
  return app;
}

if (require.main === module) reportStart(SERVICE_NAME, startApiGateway());
