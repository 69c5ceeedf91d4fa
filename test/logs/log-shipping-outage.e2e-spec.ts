import { INestApplication } from '@nestjs/common';
import { LogShippingStats } from '@chat/observability';
import { startApiGateway } from '../../apps/api-gateway/src/main';
import { ApiClient } from '../support/api-client';
import { waitFor } from '../support/wait-for';
import { logIndexPrefix, shippingEnv } from './log-test-support';

/**
 * Log shipping whose Kafka is unreachable (a dead broker address just for the logs):
 * requests are still answered promptly, and the lines that could not be shipped are
 * dropped and counted instead of piling up or holding anything.
 */
describe('Log shipping with its Kafka unreachable (e2e)', () => {
  let gateway: INestApplication;
  let api: ApiClient;

  beforeAll(async () => {
    gateway = await startApiGateway({
      port: 0,
      env: {
        ...process.env,
        ...shippingEnv(logIndexPrefix('outage'), {
          LOG_KAFKA_BROKERS: '127.0.0.1:1',
          LOG_BUFFER_LIMIT: '20',
        }),
        INSTANCE_ID: `gw-outage-${Date.now()}`,
      },
    });
    api = new ApiClient((await gateway.getUrl()).replace('[::1]', '127.0.0.1'));
  }, 60_000);
  afterAll(() => gateway?.close());

  it('answers requests promptly and counts the dropped lines', async () => {
    const session = await api.register();
    const timings: number[] = [];
    for (let i = 0; i < 40; i++) {
      const began = performance.now();
      const res = await api.request('GET', '/users/me', { token: session.accessToken });
      timings.push(performance.now() - began);
      expect(res.status).toBe(200);
    }
    expect(Math.max(...timings)).toBeLessThan(1_000);

    const stats = gateway.get(LogShippingStats);
    const { dropped, buffered, shipped } = await waitFor('dropped lines to be counted', () => {
      const now = stats.stats();
      return now.dropped >= 40 && now;
    });
    expect(shipped).toBe(0);
    expect(buffered).toBeLessThanOrEqual(20);
    expect(dropped).toBeGreaterThanOrEqual(40);
  });
});
