import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { TooManyRequestsException } from '@chat/http';
import type { Request } from 'express';
import type { AuthUser } from '../../../auth/tokens/access-token.service';
import { RateLimiter } from '../../../auth/rate-limit/rate-limiter';
import { CHATUP_RATE_LIMIT, type ChatupRateLimit } from '../../chatup.config';

/**
 * Limits `POST /chatup` per user (`CHATUP_RATE_LIMIT_PER_MINUTE`): each request may scan the
 * whole waiting pool, so one client must not hammer it. Over the limit: `429` with
 * `Retry-After`. Runs after `JwtAuthGuard`, which puts the caller on the request.
 */
@Injectable()
export class ChatupRateLimitGuard implements CanActivate {
  private readonly limiter = new RateLimiter(60_000);

  constructor(@Inject(CHATUP_RATE_LIMIT) private readonly limit: ChatupRateLimit) {}

  canActivate(context: ExecutionContext): boolean {
    const caller = context.switchToHttp().getRequest<Request & { user?: AuthUser }>().user;
    if (!caller) return true; // JwtAuthGuard answers 401 first
    const decision = this.limiter.hit(`chatup:${caller.userId}`, this.limit.perMinute);
    if (decision.allowed) return true;
    throw new TooManyRequestsException(
      `too many ChatUp requests; retry in ${decision.retryAfterSeconds} s`,
      decision.retryAfterSeconds,
    );
  }
}
