import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { authConfigFromEnv } from '../auth.config';
import { bearerTokenOf } from '../guards/jwt-auth.guard';
import { AccessTokenService } from './access-token.service';
import { VerifiedTokens } from './verified-tokens';

describe('AccessTokenService', () => {
  const config = authConfigFromEnv({ JWT_ACCESS_TTL_SECONDS: '60' });
  const user = { userId: '7b0c5a57-8b8e-4c55-9b51-3f3a3c9a1f00', username: 'alice' };
  afterEach(() => jest.useRealTimers());

  it('accepts its own token, from memory the second time, and refuses it once expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-02T06:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    const jwt = new JwtService({});
    const tokens = new AccessTokenService(jwt, config);
    const token = await tokens.sign(user);
    const verify = jest.spyOn(jwt, 'verify');
    expect(tokens.verifySync(token)).toEqual(user);
    expect(tokens.verifySync(token)).toEqual(user);
    await expect(tokens.verify(token)).resolves.toEqual(user);
    expect(verify).toHaveBeenCalledTimes(1);

    jest.setSystemTime(new Date('2026-12-02T06:00:59.999Z'));
    expect(tokens.verifySync(token)).toEqual(user);
    jest.setSystemTime(new Date('2026-12-02T06:01:00Z'));
    expect(() => tokens.verifySync(token)).toThrow(UnauthorizedException);
    await expect(tokens.verify(token)).rejects.toThrow(UnauthorizedException);
  });

  it('refuses a missing token, another secret, an altered token and a token that is not an access token', async () => {
    const jwt = new JwtService({});
    const tokens = new AccessTokenService(jwt, config);
    const other = new AccessTokenService(jwt, authConfigFromEnv({ JWT_ACCESS_SECRET: 'x'.repeat(40) }));
    const good = await tokens.sign(user);
    const refresh = await jwt.signAsync(
      { sub: user.userId, typ: 'refresh' },
      { secret: config.accessKey as never },
    );
    for (const bad of [undefined, '', await other.sign(user), `${good.slice(0, -2)}xx`, refresh]) {
      expect(() => tokens.verifySync(bad)).toThrow(UnauthorizedException);
    }
    expect(tokens.verifySync(good)).toEqual(user); // a refused look-alike did not poison the cache
  });
});

describe('VerifiedTokens', () => {
  const user = { userId: 'u', username: 'n' };

  it('forgets an entry at its expiry and the least recently used one past its limit', () => {
    const cache = new VerifiedTokens<typeof user>(2);
    cache.set('a', user, 1_000);
    expect(cache.get('a', 999)).toBe(user);
    expect(cache.get('a', 1_000)).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('a', user, 5_000);
    cache.set('b', user, 5_000);
    cache.get('a', 0); // a is now the most recently used
    cache.set('c', user, 5_000);
    expect(cache.size).toBe(2);
    expect(cache.get('b', 0)).toBeUndefined();
    expect(cache.get('a', 0)).toBe(user);
    expect(cache.get('c', 0)).toBe(user);
  });
});

describe('bearerTokenOf', () => {
  it('reads the token of a Bearer header in any case, and nothing else', () => {
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer   abc')).toBe('abc');
    expect(bearerTokenOf('Basic abc')).toBeUndefined();
    expect(bearerTokenOf('Bearer')).toBeUndefined();
    expect(bearerTokenOf(undefined)).toBeUndefined();
  });
});
