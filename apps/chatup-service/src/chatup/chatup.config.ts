import { flagFromEnv, positiveIntFromEnv } from '@chat/config';

/** Settings of matching and of the waiting pool (README "ChatUp: matching rules"). */
export interface ChatupConfig {
  /** How long a request waits for a partner before `chatup.expired`. */
  waitSeconds: number;
  /** A pair matched within this many seconds is not matched again. */
  recentMatchSeconds: number;
  /** How long a waiting user may stay offline before leaving the pool (`chatup.cancelled`, `disconnected`). */
  disconnectGraceSeconds: number;
  /** Whether a request may be matched with a partner sharing no tag (off: it waits, then expires). */
  zeroOverlapFallback: boolean;
  /** Pause between passes of the sweeper that expires and disconnects waiting users. */
  sweepIntervalMs: number;
}

/**
 * Reads `CHATUP_WAIT_SECONDS` (60), `CHATUP_RECENT_MATCH_SECONDS` (86400),
 * `CHATUP_DISCONNECT_GRACE_SECONDS` (30), `CHATUP_ZERO_OVERLAP_FALLBACK` (false)
 * and `CHATUP_SWEEP_INTERVAL_MS` (1000).
 */
export function chatupConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ChatupConfig {
  return {
    waitSeconds: positiveIntFromEnv(env, 'CHATUP_WAIT_SECONDS', 60),
    recentMatchSeconds: positiveIntFromEnv(env, 'CHATUP_RECENT_MATCH_SECONDS', 24 * 3600),
    disconnectGraceSeconds: positiveIntFromEnv(env, 'CHATUP_DISCONNECT_GRACE_SECONDS', 30),
    zeroOverlapFallback: flagFromEnv(env, 'CHATUP_ZERO_OVERLAP_FALLBACK', false),
    sweepIntervalMs: positiveIntFromEnv(env, 'CHATUP_SWEEP_INTERVAL_MS', 1000),
  };
}
