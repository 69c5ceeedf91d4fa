import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Histogram, Registry } from 'prom-client';
import { InjectMetricsRegistry } from './metrics.tokens';

/**
 * HTTP request duration by method, route pattern and status. The route is the matched
 * pattern (`/chats/:id`), never the raw path, so ids do not multiply the series; a request
 * no route matched is counted as `unmatched`.
 */
@Injectable()
export class HttpMetrics {
  private readonly seconds: Histogram<'method' | 'route' | 'status'>;

  constructor(@InjectMetricsRegistry() registry: Registry) {
    this.seconds = new Histogram({
      name: 'chat_http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** Express middleware timing each request until its response is finished. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const stop = this.seconds.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      stop({
        method: req.method,
        route: typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched',
        status: String(res.statusCode),
      });
    });
    next();
  };
}
