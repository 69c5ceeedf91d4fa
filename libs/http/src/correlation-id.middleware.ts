import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from './request-context';

export const CORRELATION_HEADER = 'x-correlation-id';

/** A client's id is kept only when it is short and plain, so it is safe in logs and headers. */
const VALID_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Takes the client's `x-correlation-id` when valid (else makes one), echoes it, and scopes the request to it. */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header(CORRELATION_HEADER);
  const correlationId = given && VALID_ID.test(given) ? given : randomUUID();
  res.setHeader(CORRELATION_HEADER, correlationId);
  RequestContext.run({ correlationId }, next);
}
