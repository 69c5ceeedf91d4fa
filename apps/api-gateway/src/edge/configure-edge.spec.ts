import { trustProxySetting } from './configure-edge';

describe('trustProxySetting', () => {
  it('reads a hop count or an address list', () => {
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });

  it('refuses to trust any X-Forwarded-For', () => {
    for (const raw of ['true', 'TRUE', 'yes', '*', ' '])
      expect(() => trustProxySetting(raw)).toThrow(/TRUST_PROXY=.* is not allowed/);
  });
});
