import { ConsoleLogger, LoggerService, LogLevel } from '@nestjs/common';
import { RequestContext } from '@chat/http/request-context';
import type { LogShipper } from '../log-shipping/log-shipper';
import { EcsLineFormatter } from './ecs-line.formatter';
import { LogSettings } from './log-settings';
import { NestLogCall, parseNestLogCall } from './nest-log-call';
import { flattenRedacted, redactText } from './redact-secrets';

/** Where ECS JSON lines are written when `LOG_FORMAT=json` (stdout; a buffer in tests). */
export interface LineSink {
  write(line: string): unknown;
}

/**
 * The service's Nest logger. Every entry is redacted first (no passwords, tokens or message
 * contents), then becomes one ECS JSON line (Elastic's formatter) carrying `service.name`,
 * `log.logger`, and, from the request or record being handled, `trace.id` (its correlation
 * id) and `user.id`. That line is what goes to Kafka; the console gets the same line with
 * `LOG_FORMAT=json`, or a readable one for a terminal. Nothing here waits on I/O but stdout.
 */
export class ServiceLogger implements LoggerService {
  private readonly formatter = new EcsLineFormatter();
  private readonly consoles = new Map<string, ConsoleLogger>();
  private consoleLevels: Set<LogLevel>;
  private readonly shippingLevels: Set<LogLevel>;

  constructor(
    private readonly settings: LogSettings,
    /** Absent when shipping is off. */
    readonly shipper?: LogShipper,
    private readonly stdout: LineSink = process.stdout,
  ) {
    this.consoleLevels = new Set(settings.consoleLevels);
    this.shippingLevels = new Set(shipper ? settings.shippingLevels : []);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest calls this for `app.useLogger`/`logger: [...]` levels: the console's threshold. */
  setLogLevels(levels: LogLevel[]): void {
    this.consoleLevels = new Set(levels);
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const toConsole = this.consoleLevels.has(level);
    const toShipper = this.shippingLevels.has(level);
    if (!toConsole && !toShipper) return;
    const call = parseNestLogCall(level, message, params);
    const scope = RequestContext.current();
    const service = scope?.service ?? this.settings.service;
    const text = redactText(call.message);
    if (toConsole && this.settings.format === 'text') this.consoleFor(service).printText(call, text);
    if (!toShipper && !(toConsole && this.settings.format === 'json')) return;

    const line = this.formatter.format(level, text, this.fieldsOf(call, service, scope));
    if (toConsole && this.settings.format === 'json') this.stdout.write(`${line}\n`);
    if (toShipper) this.shipper?.ship(line);
  }

  private fieldsOf(
    call: NestLogCall,
    service: string,
    scope: ReturnType<typeof RequestContext.current>,
  ): Record<string, unknown> {
    const fields: Record<string, unknown> = { 'service.name': service };
    if (call.context) fields['log.logger'] = call.context;
    if (scope?.correlationId) fields['trace.id'] = scope.correlationId;
    if (scope?.userId) fields['user.id'] = scope.userId;
    Object.assign(fields, flattenRedacted(call.fields));
    if (call.error) Object.assign(fields, errorFields(call.error));
    else if (call.stack) fields['error.stack_trace'] = redactText(call.stack);
    return fields;
  }

  private consoleFor(service: string): ServiceConsole {
    let console = this.consoles.get(service);
    if (!console) {
      console = new ServiceConsole({ prefix: service, logLevels: [...this.consoleLevels] });
      this.consoles.set(service, console);
    }
    return console as ServiceConsole;
  }
}

/** Nest's readable coloured output, fed the redacted text only (fields stay in the JSON line). */
class ServiceConsole extends ConsoleLogger {
  printText(call: NestLogCall, text: string): void {
    const context = call.context ?? '';
    if (call.level === 'error' || call.level === 'fatal') {
      const stack = call.error?.stack ?? call.stack;
      this[call.level](text, stack ? redactText(stack) : undefined, context);
    } else {
      this[call.level](text, context);
    }
  }
}

/** ECS `error.*` of `err`, secrets masked in its message and stack. */
function errorFields(err: Error): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    'error.type': err.name,
    'error.message': redactText(err.message),
  };
  if (err.stack) fields['error.stack_trace'] = redactText(err.stack);
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') fields['error.code'] = String(code);
  return fields;
}
