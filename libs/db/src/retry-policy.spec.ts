import { backoffDelayMs, isRetryableTxError } from './retry-policy';

describe('isRetryableTxError', () => {
  it.each(['40001', '40P01'])('retries SQLSTATE %s', (code) => {
    expect(isRetryableTxError(Object.assign(new Error('x'), { code }))).toBe(true);
  });

  it.each([['23505'], ['40003'], ['57014'], [undefined], [40001]])('does not retry code %p', (code) => {
    expect(isRetryableTxError(Object.assign(new Error('x'), { code }))).toBe(false);
  });

  it('does not retry values that are not objects', () => {
    expect(isRetryableTxError(null)).toBe(false);
    expect(isRetryableTxError('40001')).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  const policy = { baseMs: 10, capMs: 100 };

  it('doubles the ceiling per attempt and keeps to its upper half', () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(5);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(10);
    expect(backoffDelayMs(2, policy, () => 0)).toBe(10);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(40);
  });

  it('never exceeds the cap, however many attempts failed', () => {
    expect(backoffDelayMs(5, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(1_000, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(1_000, policy, () => 0)).toBe(50);
  });

  it('spreads delays with the random source', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4, policy)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(40);
      expect(delay).toBeLessThanOrEqual(80);
    }
  });
});
