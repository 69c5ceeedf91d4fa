import { ConsoleLogger, LoggerService } from '@nestjs/common';

/**
 * The service's logger: JSON lines (one object per entry, for shipping) when
 * LOG_FORMAT=json, readable coloured text otherwise. Prefixed with the service name so
 * the interleaved output of `npm start` says who spoke.
 */
export function createServiceLogger(service: string, env: NodeJS.ProcessEnv = process.env): LoggerService {
  const json = env.LOG_FORMAT === 'json';
  const levels = env.LOG_LEVEL === 'debug' ? undefined : (['log', 'warn', 'error', 'fatal'] as const);
  return new ConsoleLogger({
    prefix: service,
    json,
    colors: !json,
    logLevels: levels ? [...levels] : undefined,
  });
}
