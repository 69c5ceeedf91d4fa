import { positiveIntFromEnv } from '@chat/config';

/** The gateway's ChatUp settings (README "ChatUp: matching rules"). */
export interface ChatupRateLimit {
  /** `POST /chatup` requests one user may make per minute (per gateway instance). */
  perMinute: number;
}

/** Reads `CHATUP_RATE_LIMIT_PER_MINUTE` (10). */
export function chatupRateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): ChatupRateLimit {
  return { perMinute: positiveIntFromEnv(env, 'CHATUP_RATE_LIMIT_PER_MINUTE', 10) };
}

export const CHATUP_RATE_LIMIT = Symbol('CHATUP_RATE_LIMIT');
