import { ecsFormat } from '@elastic/ecs-pino-format';
import { LogLevel } from '@nestjs/common';
import { hostname } from 'node:os';
import pino, { Logger as PinoLogger } from 'pino';

/** Nest's levels as pino's (ECS `log.level` is pino's label: Nest's `log` is `info`). */
const PINO_LEVEL: Record<LogLevel, pino.Level> = {
  verbose: 'trace',
  debug: 'debug',
  log: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'fatal',
};

/**
 * Keys the formatter writes itself; a field of the same name would be a duplicate JSON key,
 * which Elasticsearch refuses.
 */
const RESERVED = new Set([
  '@timestamp',
  'log.level',
  'ecs.version',
  'process.pid',
  'host.hostname',
  'message',
]);

/**
 * Turns one log entry into one ECS JSON line with Elastic's formatter for pino
 * (`@timestamp`, `log.level`, `ecs.version`, `message`, `process.pid`, `host.hostname`). pino writes
 * synchronously into this object, so `format` returns the line it just produced.
 */
export class EcsLineFormatter {
  private line = '';
  private readonly pino: PinoLogger;

  constructor() {
    this.pino = pino(
      {
        // Errors arrive as flat `error.*` fields already (redacted), like every other field.
        ...ecsFormat({ apmIntegration: false, convertErr: false }),
        level: 'trace',
        base: { pid: process.pid, hostname: hostname() },
      },
      { write: (line: string) => void (this.line = line) },
    );
  }

  /** `fields` are flat dotted ECS keys, already redacted. */
  format(level: LogLevel, message: string, fields: Record<string, unknown>): string {
    const record: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(fields)) if (!RESERVED.has(key)) record[key] = value;
    this.line = '';
    this.pino[PINO_LEVEL[level]](record, message);
    return this.line.endsWith('\n') ? this.line.slice(0, -1) : this.line;
  }
}
