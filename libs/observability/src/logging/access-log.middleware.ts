import { Logger, LogLevel } from '@nestjs/common';
import { LoggedBecause, LogSampling, LogSamplingSettings } from '@chat/http/log-sampling';
import { RequestContext } from '@chat/http/request-context';
import type { NextFunction, Request, Response } from 'express';

/** Probes hit these all the time; their lines are debug-level noise. */
const PROBES = /^\/(health|metrics)(\/|$)/;

/**
 * One ECS line per HTTP request worth a line, when its response is finished: every `5xx`
 * (at `error`), and otherwise only a request that is slow or whose trace is in the sample
 * (LogSampling; `labels.logged` says which), so the hot path builds no line at all.
 * `event.action` is the route (`POST /chats/private`, with parameters, not ids), plus
 * method, path, status and `event.duration` in ns. It runs inside the request's context
 * (the correlation middleware comes first), so the line carries the request's `trace.id`
 * and the `user.id` the auth guard found. It also names the service handling the request
 * for every line logged in it.
 */
export function accessLogMiddleware(
  service: string,
  sampling: LogSamplingSettings = LogSampling.of(service),
) {
  const logger = new Logger('http');
  return (req: Request, res: Response, next: NextFunction): void => {
    const scope = RequestContext.current();
    if (scope) scope.service = service;
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const elapsed = process.hrtime.bigint() - started;
      const failed = res.statusCode >= 500;
      const reason = failed
        ? 'error'
        : LogSampling.reason(sampling, scope?.correlationId ?? '', Number(elapsed) / 1e6);
      if (!reason) return;
      const line = () => logger[levelOf(req, failed)](accessLine(req, res, elapsed, reason));
      if (scope) RequestContext.run(scope, line);
      else line();
    });
    next();
  };
}

function levelOf(req: Request, failed: boolean): LogLevel {
  if (failed) return 'error';
  return PROBES.test(req.path) ? 'debug' : 'log';
}

function accessLine(
  req: Request,
  res: Response,
  elapsedNs: bigint,
  reason: LoggedBecause | 'error',
): Record<string, unknown> {
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
    'labels.logged': reason,
  };
}
