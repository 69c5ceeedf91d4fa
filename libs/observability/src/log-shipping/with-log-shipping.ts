import { DynamicModule } from '@nestjs/common';
import type { ServiceLogger } from '../logging/service-logger';
import { logIndexerConfigFromEnv } from './log-indexer.config';
import { LogShippingModule } from './log-shipping.module';

/**
 * The service's root module plus log shipping: the logger's shipper is started and closed
 * with the app, and a service that offers to (`indexesLogs`) also runs the log indexer.
 */
export function withLogShipping(
  root: DynamicModule,
  logger: ServiceLogger,
  service: string,
  indexesLogs: boolean,
  env: NodeJS.ProcessEnv,
): DynamicModule {
  const indexer = logIndexerConfigFromEnv(service, indexesLogs, env);
  return {
    ...root,
    imports: [...(root.imports ?? []), LogShippingModule.forRoot(logger.shipper, indexer, env)],
  };
}
