import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/** Largest JSON body the API accepts (the contract's 64 KB); larger ones get 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** `application/json`, with no charset or UTF-8: the bodies the fast path reads itself. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset="?utf-8"?\s*)?$/i;
const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** An error shaped like body-parser's, for bodyParserErrorHandler. */
function parserError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type });
}

/**
 * Reads and parses the common JSON body (`application/json`, UTF-8 or no charset, no
 * content encoding, a Content-Length) in one pass: body-parser's chain (type-is,
 * content-type, raw-body, iconv-lite) cost more per request than the parse itself. Any
 * other request with a body is left to body-parser, installed after this, which handles
 * every charset, encoding and chunked body; it skips a request already read here. The
 * answers are body-parser's under the API's options: over `limit` bytes 413 (the body is
 * read and dropped first, so the client gets the answer), an empty body is `{}`, anything
 * but an object or array 400, malformed JSON 400 with the parser's message.
 */
export function leanJsonBody(limit: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const type = req.headers['content-type'];
    const declared = req.headers['content-length'];
    const encoding = req.headers['content-encoding'];
    if (
      type === undefined ||
      declared === undefined ||
      req.headers['transfer-encoding'] !== undefined ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity') ||
      !PLAIN_JSON.test(type)
    ) {
      return next();
    }
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) return next();
    // The request's events fire in the socket's async context: run the handlers that call
    // `next` in this one, so the rest of the request keeps its RequestContext (trace.id).
    // One resource and runInAsyncScope: `AsyncResource.bind` makes a resource and a
    // deprecation wrapper per handler, 1.6 % of the gateway's busy CPU in a bench profile.
    const scope = new AsyncResource('lean-json-body');
    const inScope =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) =>
        scope.runInAsyncScope(fn, undefined, ...args);
    if (length > limit) {
      req.resume();
      req.once(
        'end',
        inScope(() =>
          next(parserError(413, 'entity.too.large', `request entity too large (${length} > ${limit})`)),
        ),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
    });
    req.once(
      'error',
      inScope((err: Error) => {
        if (!done) next(parserError(400, 'request.aborted', err.message));
        done = true;
      }),
    );
    req.once(
      'end',
      inScope(() => {
        if (done) return;
        done = true;
        if (received !== length) {
          next(parserError(400, 'request.size.invalid', 'request size did not match content length'));
          return;
        }
        try {
          req.body = parseStrict(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received));
        } catch (err) {
          next(parserError(400, 'entity.parse.failed', (err as Error).message));
          return;
        }
        next();
      }),
    );
  };
}

/** JSON.parse of an object or array only (body-parser's `strict`); a leading BOM is dropped. */
function parseStrict(bytes: Buffer): unknown {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  let first = 0;
  while (first < text.length && WHITESPACE.has(text[first])) first++;
  if (first === text.length) throw new SyntaxError('Unexpected end of JSON input');
  if (text[first] !== '{' && text[first] !== '[') {
    throw new SyntaxError(`Unexpected token '${text[first]}' at position ${first}: expected an object`);
  }
  return JSON.parse(text);
}

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
  if (body === undefined) return next(); // only the JSON parsers set a body
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
