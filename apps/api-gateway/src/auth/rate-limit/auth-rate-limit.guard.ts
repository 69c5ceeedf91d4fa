import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TooManyRequestsException } from '@chat/http';
import type { Request } from 'express';
import type { AuthRateLimits } from '../auth.config';
import { AUTH_RATE_LIMITS } from '../auth.tokens';
import { LoginFailures } from './login-failures';
import { RATE_LIMITED_ROUTE, RateLimitedRoute } from './rate-limited.decorator';
import { RateLimiter } from './rate-limiter';

/**
 * Counts every attempt on a `@RateLimited` route per client IP and, where the body names
 * one, per username (for `login`, the failed logins of that username from this address,
 * counted by LoginFailures); over either limit the request is answered `429` with
 * `Retry-After` before any password is hashed or checked.
 */
@Injectable()
export class AuthRateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_RATE_LIMITS) private readonly limits: AuthRateLimits,
    private readonly loginFailures: LoginFailures,
  ) {
    this.limiter = new RateLimiter(limits.windowSeconds * 1000);
  }

  canActivate(context: ExecutionContext): boolean {
    const route = this.reflector.get<RateLimitedRoute | undefined>(RATE_LIMITED_ROUTE, context.getHandler());
    if (!route) return true;
    const req = context.switchToHttp().getRequest<Request>();
    const address = req.ip ?? 'unknown';
    const decisions = [() => this.limiter.hit(`${route}:ip:${address}`, this.limits.perIp)];
    const username = usernameOf(req.body);
    if (username && route === 'login') decisions.push(() => this.loginFailures.check(username, address));
    else if (username)
      decisions.push(() => this.limiter.hit(`${route}:user:${username}`, this.limits.perUsername));
    for (const decide of decisions) {
      const decision = decide();
      if (!decision.allowed)
        throw new TooManyRequestsException(
          `too many attempts; retry in ${decision.retryAfterSeconds} s`,
          decision.retryAfterSeconds,
        );
    }
    return true;
  }
}

/** The body's username as the limiter keys it; the body is not validated yet, so anything odd is ignored. */
function usernameOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const username = (body as { username?: unknown }).username;
  return typeof username === 'string' && username.length <= 64 ? username.trim().toLowerCase() : undefined;
}
