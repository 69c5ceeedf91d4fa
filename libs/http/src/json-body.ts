import type { NextFunction, Request, Response } from 'express';

/** Largest JSON body the API accepts (the contract's 64 KB); larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Keys that could reach an object's prototype once a body is mapped onto a class. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse reviver refusing prototype keys anywhere in a body. The body parser turns
 * the throw into a 400 whose message names the key.
 */
export function refuseProtoKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`${key} is not an allowed property name`);
  return value;
}

/** Refuses a JSON body that is not an object (an array, a string, a number) with a 400. */
export function requireObjectBody(req: Request, res: Response, next: NextFunction): void {
  const body: unknown = req.body;
  const parsedJson = req.is('application/json') && body !== undefined;
  if (parsedJson && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: ['body must be a JSON object'] });
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
