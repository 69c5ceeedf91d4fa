import { createHmac } from 'node:crypto';

/** The gateway's development secret (tests run without JWT_ACCESS_SECRET). */
const DEV_SECRET = 'dev-only-access-secret-change-me-0123456789abcdef';

/** An HS256 access token for `userId` that expired `agoSeconds` ago, signed with the real secret. */
export function expiredAccessToken(userId: string, username: string, agoSeconds = 60): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: userId,
    username,
    typ: 'access',
    iat: now - 900 - agoSeconds,
    exp: now - agoSeconds,
  })}`;
  const secret = process.env.JWT_ACCESS_SECRET || DEV_SECRET;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}
