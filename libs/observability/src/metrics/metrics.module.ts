import { DynamicModule, Module } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ConsumerLagCollector } from './consumer-lag.collector';
import { EnvelopeMetrics } from './envelope.metrics';
import { HttpMetrics } from './http.metrics';
import { MetricsHttpController } from './metrics.http.controller';
import { METRICS_OPTIONS, MetricsOptions } from './metrics.options';
import { METRICS_REGISTRY } from './metrics.tokens';

/**
 * `/metrics` for one service instance: message handling, consumer lag, HTTP durations and
 * the process metrics, every series labelled with the service and instance. Global, so a
 * service adds its own metrics (the gateway's sockets and pushes) to the same registry.
 */
@Module({})
export class MetricsModule {
  static forRoot(options: MetricsOptions): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsHttpController],
      providers: [
        { provide: METRICS_OPTIONS, useValue: options },
        { provide: METRICS_REGISTRY, useFactory: () => createRegistry(options) },
        EnvelopeMetrics,
        HttpMetrics,
        ConsumerLagCollector,
      ],
      exports: [METRICS_REGISTRY, EnvelopeMetrics, HttpMetrics],
    };
  }
}

function createRegistry({ service, kafka }: MetricsOptions): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance: kafka.instanceId });
  collectDefaultMetrics({ register: registry });
  return registry;
}
