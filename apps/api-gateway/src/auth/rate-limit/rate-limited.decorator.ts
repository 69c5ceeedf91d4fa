import { SetMetadata } from '@nestjs/common';

/** Which auth route's counters an attempt counts against. */
export type RateLimitedRoute = 'register' | 'login' | 'refresh' | 'logout';

export const RATE_LIMITED_ROUTE = 'auth:rate-limited-route';

/** Marks an auth route for `AuthRateLimitGuard`. */
export const RateLimited = (route: RateLimitedRoute): MethodDecorator =>
  SetMetadata(RATE_LIMITED_ROUTE, route);
