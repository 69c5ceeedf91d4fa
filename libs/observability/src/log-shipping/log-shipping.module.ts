import { DynamicModule, Module, Provider } from '@nestjs/common';
import { LogIndexer } from './log-indexer';
import { LogIndexerConfig } from './log-indexer.config';
import { LogShipper, LogShipperStats } from './log-shipper';
import { LogShipperLifecycle } from './log-shipper.lifecycle';

/** What `/metrics` (and tests) read about log shipping: zeros when shipping is off. */
export abstract class LogShippingStats {
  abstract stats(): LogShipperStats;
}

const NONE: LogShipperStats = { shipped: 0, dropped: 0, buffered: 0 };

/**
 * The lifecycle of the service logger's shipper and, in the services that offer it, the
 * log indexer. Global, so a metrics collector can inject `LogShippingStats`.
 */
@Module({})
export class LogShippingModule {
  static forRoot(
    shipper: LogShipper | undefined,
    indexer: LogIndexerConfig | null,
    env: NodeJS.ProcessEnv,
  ): DynamicModule {
    const providers: Provider[] = [
      { provide: LogShipperLifecycle, useValue: new LogShipperLifecycle(shipper) },
      { provide: LogShippingStats, useValue: { stats: () => shipper?.stats() ?? { ...NONE } } },
    ];
    if (indexer) providers.push({ provide: LogIndexer, useFactory: () => new LogIndexer(indexer, env) });
    return { module: LogShippingModule, global: true, providers, exports: [LogShippingStats] };
  }
}
