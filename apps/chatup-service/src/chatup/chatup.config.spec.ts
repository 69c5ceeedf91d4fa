import { chatupConfigFromEnv } from './chatup.config';

describe('chatupConfigFromEnv', () => {
  it('defaults to a 60 s wait, 24 h between rematches, 30 s grace and no zero-overlap fallback', () => {
    expect(chatupConfigFromEnv({})).toEqual({
      waitSeconds: 60,
      recentMatchSeconds: 86400,
      disconnectGraceSeconds: 30,
      zeroOverlapFallback: false,
      sweepIntervalMs: 1000,
    });
  });

  it('reads the environment', () => {
    const config = chatupConfigFromEnv({
      CHATUP_WAIT_SECONDS: '3',
      CHATUP_ZERO_OVERLAP_FALLBACK: 'true',
      CHATUP_SWEEP_INTERVAL_MS: '200',
    });
    expect(config).toMatchObject({ waitSeconds: 3, zeroOverlapFallback: true, sweepIntervalMs: 200 });
  });

  it('refuses values that are not what they should be', () => {
    expect(() => chatupConfigFromEnv({ CHATUP_WAIT_SECONDS: '0' })).toThrow(/CHATUP_WAIT_SECONDS/);
    expect(() => chatupConfigFromEnv({ CHATUP_ZERO_OVERLAP_FALLBACK: 'maybe' })).toThrow(
      /CHATUP_ZERO_OVERLAP_FALLBACK/,
    );
  });
});
