import { LogShipper } from '../log-shipping/log-shipper';
import { logShippingConfigFromEnv } from '../log-shipping/log-shipping.config';
import { logSettingsFromEnv } from './log-settings';
import { ServiceLogger } from './service-logger';

export { logLevelsFor } from './log-settings';

/**
 * The service's logger (see ServiceLogger) and, unless `LOG_SHIPPING=off`, the shipper that
 * carries its ECS lines to Kafka. The shipper buffers until `start()` (the service's topics
 * exist by then) and is closed with the app (LogShippingModule).
 */
export function createServiceLogger(service: string, env: NodeJS.ProcessEnv = process.env): ServiceLogger {
  const shipping = logShippingConfigFromEnv(service, env);
  const logger: ServiceLogger = new ServiceLogger(
    logSettingsFromEnv(service, env),
    shipping ? new LogShipper(shipping, (stats) => logger.warn(stats, 'LogShipper')) : undefined,
  );
  return logger;
}
