/** The gateway's ChatUp settings (README "ChatUp: matching rules"). */
export interface ChatupRateLimit {
  /** `POST /chatup` requests one user may make per minute (per gateway instance). */
  perMinute: number;
}

/** Reads `CHATUP_RATE_LIMIT_PER_MINUTE` (10). */
export function chatupRateLimitFromEnv(env: NodeJS.ProcessEnv = process.env): ChatupRateLimit {
  const raw = env.CHATUP_RATE_LIMIT_PER_MINUTE;
  if (raw === undefined || raw === '') return { perMinute: 10 };
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`CHATUP_RATE_LIMIT_PER_MINUTE must be a positive integer, got "${raw}"`);
  return { perMinute: value };
}

export const CHATUP_RATE_LIMIT = Symbol('CHATUP_RATE_LIMIT');
