import { trustProxySetting } from './bootstrap';

describe('trustProxySetting', () => {
  it('reads a hop count, true, or an address list', () => {
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toBe('loopback, 10.0.0.0/8');
  });
});
