import { LogLevel } from '@nestjs/common';

/** One call of Nest's `LoggerService` method, taken apart. */
export interface NestLogCall {
  level: LogLevel;
  message: string;
  /** Nest's context: the class or area that logged (ECS `log.logger`). */
  context?: string;
  /** Structured fields: a plain-object message (`{ message, ...fields }`) and object params. */
  fields: Record<string, unknown>;
  error?: Error;
  /** A stack passed as a string, as `logger.error(message, err.stack)` does. */
  stack?: string;
}

const STACK_LINE = /\n\s+at /;

/**
 * Reads Nest's calling convention the way its ConsoleLogger does: the last string param is
 * the context; for errors a stack string may come first. A plain-object message carries
 * fields (`logger.log({ message: 'handled', 'event.action': type })`).
 */
export function parseNestLogCall(level: LogLevel, message: unknown, params: unknown[]): NestLogCall {
  const rest = [...params];
  const last = rest[rest.length - 1];
  const context = typeof last === 'string' && !STACK_LINE.test(last) ? (rest.pop() as string) : undefined;
  const call: NestLogCall = { level, message: '', context, fields: {} };
  const texts: string[] = [];
  absorb(call, message, texts, true);
  for (const param of rest) absorb(call, param, texts, false);
  call.message = texts.join(' ');
  return call;
}

function absorb(call: NestLogCall, value: unknown, texts: string[], first: boolean): void {
  if (value === undefined || value === null) return;
  if (value instanceof Error) {
    call.error ??= value;
    if (first) texts.push(value.message);
  } else if (typeof value === 'string') {
    if (!first && STACK_LINE.test(value)) call.stack ??= value;
    else texts.push(value);
  } else if (typeof value === 'object' && !Array.isArray(value)) {
    const { message, msg, ...fields } = value as Record<string, unknown>;
    const text = message ?? msg;
    if (typeof text === 'string') texts.push(text);
    Object.assign(call.fields, fields);
  } else {
    texts.push(typeof value === 'symbol' ? value.toString() : JSON.stringify(value));
  }
}
