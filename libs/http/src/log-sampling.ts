/**
 * Which per-request and per-command info lines are written (README "Logs"). Errors are
 * always logged; a success is logged when its trace is in the sample or it was slow.
 */
export interface LogSamplingSettings {
  /** Share of traces (0–1) whose request and command lines are logged (`LOG_SAMPLE_RATE`). */
  sampleRate: number;
  /** A request or command taking at least this many ms is logged anyway (`LOG_SLOW_MS`). */
  slowMs: number;
}

/** Why an info line was written; `labels.logged` of the line. */
export type LoggedBecause = 'sample' | 'slow';

const DEFAULTS: LogSamplingSettings = { sampleRate: 0.01, slowMs: 500 };

/** Reads `LOG_SAMPLE_RATE` (0–1, default 0.01) and `LOG_SLOW_MS` (default 500). */
export function logSamplingFromEnv(env: NodeJS.ProcessEnv = process.env): LogSamplingSettings {
  const rate = env.LOG_SAMPLE_RATE?.trim();
  const slow = env.LOG_SLOW_MS?.trim();
  const sampleRate = rate ? Number(rate) : DEFAULTS.sampleRate;
  const slowMs = slow ? Number(slow) : DEFAULTS.slowMs;
  if (!(sampleRate >= 0 && sampleRate <= 1)) {
    throw new Error(`LOG_SAMPLE_RATE must be a number from 0 to 1, got "${rate}"`);
  }
  if (!(slowMs >= 0 && Number.isFinite(slowMs))) {
    throw new Error(`LOG_SLOW_MS must be a number of milliseconds, got "${slow}"`);
  }
  return { sampleRate, slowMs };
}

/**
 * Sampling decided by the trace id, not by a coin toss: every service makes the same
 * choice for one `trace.id`, so a sampled request is logged end to end (gateway and
 * workers), and a trace that is not sampled costs no line anywhere. FNV-1a, 32 bits.
 */
export function inSample(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  let hash = 0x811c9dc5;
  for (let i = 0; i < traceId.length; i++) {
    hash ^= traceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x1_0000_0000 < rate;
}

const byService = new Map<string, LogSamplingSettings>();

/**
 * The settings of each service in this process (tests run several services in one), set
 * once at start-up; a service never configured uses the process environment.
 */
export const LogSampling = {
  configure(service: string, settings: LogSamplingSettings): void {
    byService.set(service, settings);
  },

  of(service: string | undefined): LogSamplingSettings {
    const key = service ?? '';
    let settings = byService.get(key);
    if (!settings) {
      settings = logSamplingFromEnv();
      byService.set(key, settings);
    }
    return settings;
  },

  /**
   * Why a successful request or command of `traceId` that took `ms` is logged, or
   * undefined when it is not. The sample is checked first, so the sampled lines stay an
   * unbiased sample (their durations give true percentiles); `slow` marks the others.
   */
  reason(settings: LogSamplingSettings, traceId: string, ms: number): LoggedBecause | undefined {
    if (inSample(traceId, settings.sampleRate)) return 'sample';
    return ms >= settings.slowMs ? 'slow' : undefined;
  },
};
