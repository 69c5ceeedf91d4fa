import { Inject, Injectable } from '@nestjs/common';
import { TooManyRequestsException } from '@chat/http';
import { RateLimiter } from '../../auth/rate-limit/rate-limiter';
import { GROUP_GROWTH, type GroupGrowthConfig } from './group-growth.config';

const HOUR_MS = 3_600_000;

/**
 * Limits how fast one user grows groups: groups created, and users put into groups (at
 * creation or added later), each per hour. Without them one account could push thousands
 * of strangers into chats they never asked for. Over a limit: `429` with `Retry-After`,
 * and the refused request counts nothing. Checked after validation, before publishing.
 */
@Injectable()
export class GroupGrowthLimits {
  private readonly limiter = new RateLimiter(HOUR_MS);

  constructor(@Inject(GROUP_GROWTH) private readonly config: GroupGrowthConfig) {}

  /** `userId` creates a group naming `members` other users. */
  admitGroup(userId: string, members: number): void {
    this.admit([
      [`groups:${userId}`, this.config.groupsPerHour, 1, 'groups created'],
      [`adds:${userId}`, this.config.memberAddsPerHour, members, 'users added to groups'],
    ]);
  }

  /** `userId` adds one member to a group. */
  admitAdd(userId: string): void {
    this.admit([[`adds:${userId}`, this.config.memberAddsPerHour, 1, 'users added to groups']]);
  }

  private admit(takes: [key: string, limit: number, n: number, what: string][]): void {
    for (const [key, limit, n, what] of takes) {
      const decision = this.limiter.fits(key, limit, n);
      if (!decision.allowed)
        throw new TooManyRequestsException(
          `too many ${what} this hour (at most ${limit}); retry in ${decision.retryAfterSeconds} s`,
          decision.retryAfterSeconds,
        );
    }
    for (const [key, , n] of takes) this.limiter.take(key, n);
  }
}
