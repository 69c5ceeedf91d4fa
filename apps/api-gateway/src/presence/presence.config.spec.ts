import { presenceConfigFromEnv } from './presence.config';

describe('presenceConfigFromEnv', () => {
  it('defaults to a 15 s heartbeat and a 45 s staleness limit', () => {
    expect(presenceConfigFromEnv({})).toEqual({ heartbeatMs: 15_000, staleAfterMs: 45_000 });
  });

  it('reads PRESENCE_HEARTBEAT_MS', () => {
    expect(presenceConfigFromEnv({ PRESENCE_HEARTBEAT_MS: '500' })).toEqual({
      heartbeatMs: 500,
      staleAfterMs: 1_500,
    });
  });

  it.each(['0', '-1', '1.5', 'soon'])('refuses PRESENCE_HEARTBEAT_MS=%s', (value) => {
    expect(() => presenceConfigFromEnv({ PRESENCE_HEARTBEAT_MS: value })).toThrow(/PRESENCE_HEARTBEAT_MS/);
  });
});
