import { kafkaConfigFromEnv } from './kafka.config';

describe('kafkaConfigFromEnv', () => {
  it('reads brokers, prefix and timings', () => {
    const config = kafkaConfigFromEnv('svc', {
      KAFKA_BROKERS: 'a:1, b:2',
      KAFKA_PREFIX: 'run1.',
      INSTANCE_ID: 'i-1',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    });
    expect(config).toMatchObject({
      brokers: ['a:1', 'b:2'],
      prefix: 'run1.',
      instanceId: 'i-1',
      sessionTimeoutMs: 6000,
      rebalanceTimeoutMs: 12_000,
    });
  });

  it('takes a rebalance timeout of its own when given', () => {
    expect(kafkaConfigFromEnv('svc', { KAFKA_REBALANCE_TIMEOUT_MS: '9000' }).rebalanceTimeoutMs).toBe(9000);
  });

  it('defaults to the local broker and no prefix', () => {
    expect(kafkaConfigFromEnv('svc', {})).toMatchObject({
      brokers: ['127.0.0.1:9092'],
      prefix: '',
      clientId: 'svc',
    });
  });

  it('names the bad setting', () => {
    expect(() => kafkaConfigFromEnv('svc', { KAFKA_SESSION_TIMEOUT_MS: 'soon' })).toThrow(
      /KAFKA_SESSION_TIMEOUT_MS/,
    );
    expect(() => kafkaConfigFromEnv('svc', { KAFKA_BROKERS: ' , ' })).toThrow(/KAFKA_BROKERS/);
  });
});
