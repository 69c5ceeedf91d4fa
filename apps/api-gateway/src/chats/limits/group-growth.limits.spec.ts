import { TooManyRequestsException } from '@chat/http';
import { GroupGrowthLimits } from './group-growth.limits';

describe('GroupGrowthLimits', () => {
  const limits = () => new GroupGrowthLimits({ groupsPerHour: 2, memberAddsPerHour: 5 });

  it('counts groups and the users put into them, per user', () => {
    const l = limits();
    l.admitGroup('u', 2);
    l.admitGroup('u', 2);
    expect(() => l.admitGroup('u', 0)).toThrow(/too many groups created this hour \(at most 2\)/);
    l.admitAdd('u'); // 5 of 5 users
    expect(() => l.admitAdd('u')).toThrow(/too many users added to groups this hour \(at most 5\)/);
    l.admitGroup('someone else', 5);
  });

  it('counts nothing for a refused request, and says when to retry', () => {
    const l = limits();
    let refused: unknown;
    try {
      l.admitGroup('u', 6); // more users than an hour allows at once
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(TooManyRequestsException);
    expect((refused as TooManyRequestsException).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refused as TooManyRequestsException).getStatus()).toBe(429);
    // Neither the group nor its users were counted: two groups of 2 and one add still fit.
    l.admitGroup('u', 2);
    l.admitGroup('u', 2);
    l.admitAdd('u');
  });
});
