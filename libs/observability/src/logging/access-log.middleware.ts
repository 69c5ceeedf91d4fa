import { Logger, LogLevel } from '@nestjs/common';
import { RequestContext } from '@chat/http/request-context';
import type { NextFunction, Request, Response } from 'express';

/** Probes hit these all the time; their lines are debug-level noise. */
const PROBES = /^\/(health|metrics)(\/|$)/;

/**
 * One ECS line per HTTP request when its response is finished: `event.action` is the
 * route (`POST /chats/private`, with parameters, not ids), plus method, path, status and
 * `event.duration` in ns. It runs inside the request's context (the correlation middleware
 * comes first), so the line carries the request's `trace.id` and the `user.id` the auth
 * guard found. It also names the service handling the request for every line logged in it.
 */
export function accessLogMiddleware(service: string) {
  const logger = new Logger('http');
  return (req: Request, res: Response, next: NextFunction): void => {
    const scope = RequestContext.current();
    if (scope) scope.service = service;
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const line = () => logger[levelOf(req, res)](accessLine(req, res, process.hrtime.bigint() - started));
      if (scope) RequestContext.run(scope, line);
      else line();
    });
    next();
  };
}

function levelOf(req: Request, res: Response): LogLevel {
  if (res.statusCode >= 500) return 'error';
  return PROBES.test(req.path) ? 'debug' : 'log';
}

function accessLine(req: Request, res: Response, elapsedNs: bigint): Record<string, unknown> {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  const action =
    typeof route === 'string' ? `${req.method} ${req.baseUrl}${route}` : `${req.method} (no route)`;
  const ms = Number(elapsedNs) / 1e6;
  return {
    message: `${req.method} ${req.path} ${res.statusCode} ${ms.toFixed(1)} ms`,
    'event.action': action,
    'event.dataset': 'chat.http',
    'event.duration': Number(elapsedNs),
    'event.outcome': res.statusCode < 400 ? 'success' : 'failure',
    'http.request.method': req.method,
    'http.response.status_code': res.statusCode,
    'url.path': req.path,
  };
}
