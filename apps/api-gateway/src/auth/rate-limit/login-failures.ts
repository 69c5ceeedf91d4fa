import { Inject, Injectable } from '@nestjs/common';
import type { AuthRateLimits } from '../auth.config';
import { AUTH_RATE_LIMITS } from '../auth.tokens';
import { RateDecision, RateLimiter } from './rate-limiter';

/**
 * Failed logins per username and client address (`AUTH_RATE_LIMIT_PER_USERNAME` per
 * window). Only failures count, and only against the address they came from: someone
 * guessing a user's password from elsewhere cannot lock the user out, and the user's right
 * password works from any address not itself over its limits. (Guessing from many
 * addresses is bounded by the per-address limit of every route, `AUTH_RATE_LIMIT_PER_IP`.)
 */
@Injectable()
export class LoginFailures {
  private readonly limiter: RateLimiter;

  constructor(@Inject(AUTH_RATE_LIMITS) private readonly limits: AuthRateLimits) {
    this.limiter = new RateLimiter(limits.windowSeconds * 1000);
  }

  /** Whether `username` may try again from `address`; counts nothing. */
  check(username: string, address: string): RateDecision {
    return this.limiter.peek(key(username, address), this.limits.perUsername);
  }

  failed(username: string, address: string): void {
    this.limiter.hit(key(username, address), this.limits.perUsername);
  }

  succeeded(username: string, address: string): void {
    this.limiter.clear(key(username, address));
  }
}

/** Usernames are matched case-insensitively, as the users table does. */
function key(username: string, address: string): string {
  return `${username.trim().toLowerCase()}@${address}`;
}
