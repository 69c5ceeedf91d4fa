import { createSecretKey, KeyObject } from 'node:crypto';
import { positiveIntFromEnv } from '@chat/config';

/** Settings of authentication, read once from the environment (see README "Auth for clients"). */
export interface AuthConfig {
  /** HMAC secret of access tokens (HS256). */
  accessSecret: string;
  /**
   * The same secret as a key object, made once. Given a string, jsonwebtoken first tries
   * to parse it as a public key on every verification, and that failing parse was the
   * gateway's largest single cost per request (docs/benchmarks.md).
   */
  accessKey: KeyObject;
  /** Lifetime of an access token. Short: a revoked session ends within it. */
  accessTtlSeconds: number;
  /** Lifetime of a refresh token family since its last rotation. */
  refreshTtlSeconds: number;
}

/** Used only outside production, so a fresh clone runs without setup. */
export const DEV_ACCESS_SECRET = 'dev-only-access-secret-change-me-0123456789abcdef';
const MIN_SECRET_LENGTH = 32;

/**
 * Reads `JWT_ACCESS_SECRET`, `JWT_ACCESS_TTL_SECONDS` (900) and `REFRESH_TTL_SECONDS`
 * (30 days). With `NODE_ENV=production` a missing, default or short secret stops the
 * gateway from starting.
 */
export function authConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const production = env.NODE_ENV === 'production';
  const secret = env.JWT_ACCESS_SECRET;
  if (production && (!secret || secret === DEV_ACCESS_SECRET || secret.length < MIN_SECRET_LENGTH)) {
    throw new Error(
      `JWT_ACCESS_SECRET must be set to a secret of at least ${MIN_SECRET_LENGTH} characters in production`,
    );
  }
  const accessSecret = secret || DEV_ACCESS_SECRET;
  return {
    accessSecret,
    accessKey: createSecretKey(Buffer.from(accessSecret, 'utf8')),
    accessTtlSeconds: positiveIntFromEnv(env, 'JWT_ACCESS_TTL_SECONDS', 900),
    refreshTtlSeconds: positiveIntFromEnv(env, 'REFRESH_TTL_SECONDS', 30 * 24 * 3600),
  };
}

/** Limits of the auth routes, per gateway instance (see README "Auth for clients"). */
export interface AuthRateLimits {
  windowSeconds: number;
  /** Attempts per route per client IP per window. Generous: carrier NAT puts many phones behind one IP. */
  perIp: number;
  /**
   * Per username per window: failed logins from one address (LoginFailures), and
   * registration attempts. Slows password guessing on one account without letting anyone
   * lock its owner out.
   */
  perUsername: number;
}

/** Reads `AUTH_RATE_LIMIT_WINDOW_SECONDS` (60), `AUTH_RATE_LIMIT_PER_IP` (60), `AUTH_RATE_LIMIT_PER_USERNAME` (10). */
export function authRateLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthRateLimits {
  return {
    windowSeconds: positiveIntFromEnv(env, 'AUTH_RATE_LIMIT_WINDOW_SECONDS', 60),
    perIp: positiveIntFromEnv(env, 'AUTH_RATE_LIMIT_PER_IP', 60),
    perUsername: positiveIntFromEnv(env, 'AUTH_RATE_LIMIT_PER_USERNAME', 10),
  };
}
