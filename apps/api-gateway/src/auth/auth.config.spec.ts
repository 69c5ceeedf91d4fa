import { KeyObject } from 'node:crypto';
import { authConfigFromEnv, authRateLimitsFromEnv, DEV_ACCESS_SECRET } from './auth.config';

describe('authConfigFromEnv', () => {
  const strong = 's'.repeat(40);

  it('uses the development secret and default lifetimes outside production', () => {
    expect(authConfigFromEnv({})).toEqual({
      accessSecret: DEV_ACCESS_SECRET,
      accessKey: expect.any(KeyObject),
      accessTtlSeconds: 900,
      refreshTtlSeconds: 30 * 24 * 3600,
    });
  });

  it('keeps the secret as a key object as well, holding the same bytes', () => {
    const { accessKey } = authConfigFromEnv({ JWT_ACCESS_SECRET: strong });
    expect(accessKey.type).toBe('secret');
    expect(accessKey.export().toString('utf8')).toBe(strong);
  });

  it.each([
    ['missing', {}],
    ['empty', { JWT_ACCESS_SECRET: '' }],
    ['the development default', { JWT_ACCESS_SECRET: DEV_ACCESS_SECRET }],
    ['shorter than 32 characters', { JWT_ACCESS_SECRET: 'short-secret' }],
  ])('refuses to start in production with a secret that is %s', (_name, env) => {
    expect(() => authConfigFromEnv({ NODE_ENV: 'production', ...env })).toThrow(/JWT_ACCESS_SECRET/);
  });

  it('accepts a real secret in production and reads the lifetimes', () => {
    const config = authConfigFromEnv({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: strong,
      JWT_ACCESS_TTL_SECONDS: '60',
      REFRESH_TTL_SECONDS: '3600',
    });
    expect(config).toEqual({
      accessSecret: strong,
      accessKey: expect.any(KeyObject),
      accessTtlSeconds: 60,
      refreshTtlSeconds: 3600,
    });
  });

  it('refuses a lifetime that is not a positive integer, naming it', () => {
    expect(() => authConfigFromEnv({ JWT_ACCESS_TTL_SECONDS: '-5' })).toThrow(/JWT_ACCESS_TTL_SECONDS/);
    expect(() => authConfigFromEnv({ REFRESH_TTL_SECONDS: '1.5' })).toThrow(/REFRESH_TTL_SECONDS/);
  });
});

describe('authRateLimitsFromEnv', () => {
  it('defaults to 60 per IP and 10 per username per 60 s, and reads overrides', () => {
    expect(authRateLimitsFromEnv({})).toEqual({ windowSeconds: 60, perIp: 60, perUsername: 10 });
    expect(
      authRateLimitsFromEnv({ AUTH_RATE_LIMIT_PER_IP: '5', AUTH_RATE_LIMIT_PER_USERNAME: '2' }),
    ).toMatchObject({
      perIp: 5,
      perUsername: 2,
    });
  });
});
