import { consulConfigFromEnv } from './consul.config';

describe('consulConfigFromEnv', () => {
  it('is off without CONSUL_HTTP_ADDR', () => {
    expect(consulConfigFromEnv('chat-service', {})).toBeUndefined();
  });

  it('takes an address without a scheme, as the Consul CLI does, with defaults for the rest', () => {
    const config = consulConfigFromEnv('chat-service', { CONSUL_HTTP_ADDR: 'consul:8500' });
    expect(config).toMatchObject({
      kvPrefix: 'chat/chat-service/',
      tags: ['chat'],
      check: { interval: '10s', timeout: '5s', deregisterCriticalServiceAfter: '1m' },
    });
    expect(config?.url.href).toBe('http://consul:8500/');
  });

  it('reads the prefix, TLS, token and check durations, and refuses a duration Consul would not parse', () => {
    const env = {
      CONSUL_HTTP_ADDR: 'consul:8501',
      CONSUL_HTTP_SSL: 'true',
      CONSUL_HTTP_TOKEN: 't0ken',
      CONSUL_KV_PREFIX: 'config/gw',
      CONSUL_CHECK_INTERVAL: '30s',
    };
    expect(consulConfigFromEnv('api-gateway', env)).toMatchObject({
      url: new URL('https://consul:8501'),
      token: 't0ken',
      kvPrefix: 'config/gw/',
      check: { interval: '30s' },
    });
    expect(() => consulConfigFromEnv('api-gateway', { ...env, CONSUL_CHECK_TIMEOUT: '5 seconds' })).toThrow(
      /CONSUL_CHECK_TIMEOUT/,
    );
  });
});
