import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { InjectServiceEnv, positiveIntFromEnv } from '@chat/config';
import { TooManyRequestsException } from '@chat/http';
import type { Request } from 'express';
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
  private readonly perMinute: number;

  constructor(@InjectServiceEnv() env: NodeJS.ProcessEnv) {
    this.perMinute = positiveIntFromEnv(env, 'PIPELINE_CHECKS_PER_MINUTE', 30);
  }

  canActivate(context: ExecutionContext): boolean {
    const address = context.switchToHttp().getRequest<Request>().ip ?? 'unknown';
    const decision = this.limiter.hit(`pipeline:${address}`, this.perMinute);
    if (decision.allowed) return true;
    throw new TooManyRequestsException(
      `too many pipeline checks; retry in ${decision.retryAfterSeconds} s`,
      decision.retryAfterSeconds,
    );
  }
}
