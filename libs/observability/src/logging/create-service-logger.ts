import { ConsoleLogger, LoggerService, LogLevel } from '@nestjs/common';

/** Nest's levels, most verbose first; `LOG_LEVEL` keeps the named one and those after it. */
const LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** The levels `LOG_LEVEL` (default `log`) enables; an unknown name falls back to `log`. */
export function logLevelsFor(level: string | undefined): LogLevel[] {
  const from = LEVELS.indexOf((level ?? 'log') as LogLevel);
  return LEVELS.slice(from < 0 ? LEVELS.indexOf('log') : from);
}

/**
 * The service's logger: JSON lines (one object per entry, for shipping) when
 * LOG_FORMAT=json, readable coloured text otherwise. Prefixed with the service name so
 * the interleaved output of `npm start` says who spoke.
 */
export function createServiceLogger(service: string, env: NodeJS.ProcessEnv = process.env): LoggerService {
  const json = env.LOG_FORMAT === 'json';
  return new ConsoleLogger({
    prefix: service,
    json,
    colors: !json,
    logLevels: logLevelsFor(env.LOG_LEVEL),
  });
}
