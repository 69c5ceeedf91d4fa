import { DynamicModule, Module } from '@nestjs/common';
import { SERVICE_ENV } from '@chat/config';
import { EnvelopeServerOptions, KafkaConfig } from '@chat/kafka';
import {
  HealthModule,
  logIndexerConfigFromEnv,
  LogShippingModule,
  MetricsModule,
  ServiceLogger,
} from '@chat/observability';
import { consulConfigFromEnv } from './consul/consul.config';
import { ConsulModule } from './consul/consul.module';

/** What PlatformModule needs to know about the service instance. */
export interface PlatformOptions {
  service: string;
  kafka: KafkaConfig;
  /** The service's Kafka consumer, for the lag metrics and the readiness probe. */
  consumer: Omit<EnvelopeServerOptions, 'kafka'>;
  env: NodeJS.ProcessEnv;
  /** The logger the app was created with: its shipper starts and stops with the app. */
  logger: ServiceLogger;
  /** Offers to index the `logs` topic into Elasticsearch (the workers; `LOG_INDEXER` decides). */
  indexesLogs?: boolean;
}

/**
 * What every service instance has for its operators, imported by each root module:
 * `/health` (live, ready), `/metrics`, its Consul registration, and the shipping of its
 * logs through Kafka (and, in the workers, their indexing into Elasticsearch). It also
 * provides SERVICE_ENV, the instance's resolved settings, to every module.
 */
@Module({})
export class PlatformModule {
  static forService(options: PlatformOptions): DynamicModule {
    const { service, kafka, consumer, env, logger } = options;
    const indexer = logIndexerConfigFromEnv(service, options.indexesLogs ?? false, env);
    return {
      module: PlatformModule,
      global: true,
      providers: [{ provide: SERVICE_ENV, useValue: env }],
      exports: [SERVICE_ENV],
      imports: [
        HealthModule,
        MetricsModule.forRoot({ service, kafka, consumer }),
        ConsulModule.forRoot({
          service,
          instanceId: kafka.instanceId,
          config: consulConfigFromEnv(service, env),
        }),
        LogShippingModule.forRoot(logger.shipper, indexer, env),
      ],
    };
  }
}
