// HS256 JWTs with node:crypto only: the peer verifies them, the benchmark mints them for both systems.
import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

function hmac(input, secret) {
  return createHmac('sha256', secret).update(input).digest();
}

/** Signs `claims` (e.g. `{ sub, username, typ: 'access', exp? }`); adds `iat` unless given. */
export function signJwt(claims, secret) {
  const payload = { iat: Math.floor(Date.now() / 1000), ...claims };
  const body = `${HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${hmac(body, secret).toString('base64url')}`;
}

/** The token's claims, or throws for a malformed, wrongly signed, non-HS256 or expired token. */
export function verifyJwt(token, secret) {
  if (typeof token !== 'string') throw new Error('missing token');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('malformed token');
  const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
  if (header.alg !== 'HS256') throw new Error('unsupported alg');
  const expected = hmac(`${parts[0]}.${parts[1]}`, secret);
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('bad signature');
  const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  if (typeof claims.exp === 'number' && claims.exp <= Date.now() / 1000) throw new Error('token expired');
  return claims;
}
