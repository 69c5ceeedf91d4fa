import { inSample, LogSampling, logSamplingFromEnv } from './log-sampling';
import { randomUUID } from 'node:crypto';

describe('log sampling', () => {
  it('reads LOG_SAMPLE_RATE and LOG_SLOW_MS, with defaults, and refuses nonsense', () => {
    expect(logSamplingFromEnv({})).toEqual({ sampleRate: 0.01, slowMs: 500 });
    expect(logSamplingFromEnv({ LOG_SAMPLE_RATE: '1', LOG_SLOW_MS: '250' })).toEqual({
      sampleRate: 1,
      slowMs: 250,
    });
    expect(() => logSamplingFromEnv({ LOG_SAMPLE_RATE: '2' })).toThrow(/LOG_SAMPLE_RATE/);
    expect(() => logSamplingFromEnv({ LOG_SAMPLE_RATE: 'all' })).toThrow(/LOG_SAMPLE_RATE/);
    expect(() => logSamplingFromEnv({ LOG_SLOW_MS: '-1' })).toThrow(/LOG_SLOW_MS/);
  });

  it('samples about the configured share of trace ids, the same way every time', () => {
    const ids = Array.from({ length: 20_000 }, () => randomUUID());
    const share = ids.filter((id) => inSample(id, 0.1)).length / ids.length;
    expect(share).toBeGreaterThan(0.08);
    expect(share).toBeLessThan(0.12);
    for (const id of ids.slice(0, 100)) expect(inSample(id, 0.1)).toBe(inSample(id, 0.1));
    expect(ids.every((id) => inSample(id, 1))).toBe(true);
    expect(ids.some((id) => inSample(id, 0))).toBe(false);
  });

  it('logs a sampled trace as "sample" even when slow, an unsampled slow one as "slow", else nothing', () => {
    const all = { sampleRate: 1, slowMs: 100 };
    const none = { sampleRate: 0, slowMs: 100 };
    expect(LogSampling.reason(all, 't', 500)).toBe('sample');
    expect(LogSampling.reason(none, 't', 100)).toBe('slow');
    expect(LogSampling.reason(none, 't', 99.9)).toBeUndefined();
  });

  it('keeps settings per service, falling back to the environment', () => {
    LogSampling.configure('svc-a', { sampleRate: 0.5, slowMs: 10 });
    expect(LogSampling.of('svc-a')).toEqual({ sampleRate: 0.5, slowMs: 10 });
    expect(LogSampling.of('svc-unknown')).toEqual(logSamplingFromEnv());
  });
});
