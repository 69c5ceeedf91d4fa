import { LogLevel } from '@nestjs/common';

/** Nest's levels, most verbose first; a threshold keeps the named one and those after it. */
const LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];

/** The levels a threshold (default `log`) enables; an unknown name falls back to `log`. */
export function logLevelsFor(level: string | undefined): LogLevel[] {
  const from = LEVELS.indexOf((level ?? 'log') as LogLevel);
  return LEVELS.slice(from < 0 ? LEVELS.indexOf('log') : from);
}

/** How one service logs (README "Configuration" and "Operating it / Logs"). */
export interface LogSettings {
  service: string;
  /** `json`: ECS JSON lines on stdout (containers); `text`: readable lines for a terminal. */
  format: 'json' | 'text';
  consoleLevels: LogLevel[];
  /** Levels shipped to Kafka (`LOG_SHIPPING_LEVEL`, default `LOG_LEVEL`): the console can stay quieter. */
  shippingLevels: LogLevel[];
}

export function logSettingsFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): LogSettings {
  return {
    service,
    format: env.LOG_FORMAT === 'json' ? 'json' : 'text',
    consoleLevels: logLevelsFor(env.LOG_LEVEL),
    shippingLevels: logLevelsFor(env.LOG_SHIPPING_LEVEL || env.LOG_LEVEL),
  };
}
