import type { NextFunction, Request, Response } from 'express';

/** Largest JSON body the API accepts (the contract's 64 KB); larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Keys that could reach an object's prototype once a body is mapped onto a class. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first prototype key anywhere in a parsed JSON value, or undefined. `JSON.parse`
 * makes `"__proto__"` an own property (it never sets the prototype), so walking the
 * parsed value finds every such key; this replaces a reviver, which made the parser call
 * back into JavaScript for every value of every body. Iterative, so deep nesting cannot
 * overflow the stack.
 */
export function findProtoKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const pending: object[] = [value];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (Array.isArray(next)) {
      for (const item of next as unknown[]) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    for (const key of Object.keys(next)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      const item = (next as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return undefined;
}

/**
 * Refuses with a 400 a JSON body that is not an object (an array, a string, a number) or
 * that has a prototype key (`__proto__`, `constructor`, `prototype`) at any depth.
 */
export function requireObjectBody(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  if (body === undefined || !req.is('application/json')) return next();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: ['body must be a JSON object'] });
    return;
  }
  const key = findProtoKey(body);
  if (key !== undefined) {
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: [`body: ${key} is not an allowed property name`],
    });
    return;
  }
  next();
}

interface ParserError {
  type?: string;
  status?: number;
  message?: string;
}

/**
 * Express error handler placed right after the body parser: its errors (too large,
 * malformed JSON, a refused key) leave in the contract's error shape, naming the problem.
 */
export function bodyParserErrorHandler(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const parser = err as ParserError | undefined;
  if (!parser || typeof parser.status !== 'number' || typeof parser.type !== 'string') return next(err);
  if (parser.type === 'entity.too.large') {
    res.status(413).json({
      statusCode: 413,
      error: 'Payload Too Large',
      message: `request body exceeds ${MAX_BODY_BYTES / 1024} KB`,
    });
  } else if (parser.status === 415) {
    res.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message: parser.message });
  } else {
    res.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: [`body: ${parser.message ?? 'invalid JSON'}`],
    });
  }
}
