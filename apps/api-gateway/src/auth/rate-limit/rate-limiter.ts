/** The answer for one attempt: allowed, or refused until `retryAfterSeconds` have passed. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Fixed-window counters per key, in this process's memory. Each gateway instance limits on
 * its own, so N instances behind a balancer allow up to N times the limit; a shared store
 * is the step up if that matters (it is written down in the README).
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private lastSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt under `key` and says whether it is within `limit` for the current window. */
  hit(key: string, limit: number): RateDecision {
    const now = this.now();
    const window = this.liveWindow(key, now);
    window.count += 1;
    if (window.count <= limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  /** Whether `n` more attempts under `key` stay within `limit` in the current window; counts nothing. */
  fits(key: string, limit: number, n: number): RateDecision {
    const now = this.now();
    const window = this.windows.get(key);
    const live = window && window.resetAt > now ? window : undefined;
    if ((live?.count ?? 0) + n <= limit) return { allowed: true };
    // More than the limit at once never fits; a fresh window is the soonest to try again.
    const resetAt = live?.resetAt ?? now + this.windowMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now) / 1000)) };
  }

  /** Counts `n` attempts under `key` (after `fits` said they fit). */
  take(key: string, n: number): void {
    this.liveWindow(key, this.now()).count += n;
  }

  /** Whether one more attempt under `key` would be within `limit`; counts nothing. */
  peek(key: string, limit: number): RateDecision {
    return this.fits(key, limit, 1);
  }

  /** Forgets `key`'s attempts. */
  clear(key: string): void {
    this.windows.delete(key);
  }

  /** `key`'s window at `now`, a fresh one when it has none or its last one ended. */
  private liveWindow(key: string, now: number): Window {
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Drops finished windows now and then, so memory follows the active keys only. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }

  get size(): number {
    return this.windows.size;
  }
}
