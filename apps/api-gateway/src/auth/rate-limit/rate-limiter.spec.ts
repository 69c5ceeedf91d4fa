import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  let now = 1_000_000;
  const limiter = (): RateLimiter => new RateLimiter(60_000, () => now);

  it('allows up to the limit per key and then refuses with the seconds left', () => {
    const rl = limiter();
    expect(rl.hit('a', 2)).toEqual({ allowed: true });
    expect(rl.hit('a', 2)).toEqual({ allowed: true });
    now += 15_000;
    expect(rl.hit('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(rl.hit('b', 2)).toEqual({ allowed: true });
  });

  it('opens a new window once the old one has ended', () => {
    const rl = limiter();
    rl.hit('a', 1);
    expect(rl.hit('a', 1).allowed).toBe(false);
    now += 60_000;
    expect(rl.hit('a', 1)).toEqual({ allowed: true });
  });

  it('forgets finished windows', () => {
    const rl = limiter();
    rl.hit('a', 1);
    rl.hit('b', 1);
    now += 61_000;
    rl.hit('c', 1);
    expect(rl.size).toBe(1);
  });

  it('never answers a Retry-After below one second', () => {
    const rl = limiter();
    rl.hit('a', 1);
    now += 59_999;
    expect(rl.hit('a', 1)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('peeks without counting, and forgets a cleared key', () => {
    const rl = limiter();
    expect(rl.peek('a', 2)).toEqual({ allowed: true });
    rl.hit('a', 2);
    expect(rl.peek('a', 2)).toEqual({ allowed: true });
    rl.hit('a', 2);
    expect(rl.peek('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(rl.peek('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 60 }); // peeking counted nothing
    rl.clear('a');
    expect(rl.peek('a', 2)).toEqual({ allowed: true });
  });
});
