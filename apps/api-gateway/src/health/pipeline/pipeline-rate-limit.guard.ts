import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { positiveIntFromEnv } from '@chat/config';
import type { Request, Response } from 'express';
import { RateLimiter } from '../../auth/rate-limit/rate-limiter';

/**
 * Limits `GET /health/pipeline` per client address (`PIPELINE_CHECKS_PER_MINUTE`, 30): the
 * route is public and each call publishes canaries to Kafka, so nobody may turn it into a
 * way to flood the workers. Over the limit: `429` with `Retry-After`. The address is
 * Express's `req.ip`, which follows `TRUST_PROXY`.
 */
@Injectable()
export class PipelineRateLimitGuard implements CanActivate {
  private readonly limiter = new RateLimiter(60_000);
  private readonly perMinute = positiveIntFromEnv(process.env, 'PIPELINE_CHECKS_PER_MINUTE', 30);

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const address = http.getRequest<Request>().ip ?? 'unknown';
    const decision = this.limiter.hit(`pipeline:${address}`, this.perMinute);
    if (decision.allowed) return true;
    http.getResponse<Response>().setHeader('Retry-After', String(decision.retryAfterSeconds));
    throw new HttpException(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `too many pipeline checks; retry in ${decision.retryAfterSeconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
