import { DynamicModule, Module } from '@nestjs/common';
import { ConsulConfig } from '../consul/consul.config';
import { ConsulModule } from '../consul/consul.module';
import { MetricsModule } from '../metrics/metrics.module';
import { MetricsOptions } from '../metrics/metrics.options';

/**
 * Wraps a service's root module with what every instance has for its operators
 * (`/metrics`, the Consul registration), so the services do not each have to import it.
 */
@Module({})
export class OperationsModule {
  static wrap(root: DynamicModule, metrics: MetricsOptions, consul?: ConsulConfig): DynamicModule {
    return {
      module: OperationsModule,
      imports: [
        root,
        MetricsModule.forRoot(metrics),
        ConsulModule.forRoot({
          service: metrics.service,
          instanceId: metrics.kafka.instanceId,
          config: consul,
        }),
      ],
    };
  }
}
