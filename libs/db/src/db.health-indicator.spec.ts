import { HealthIndicatorService } from '@nestjs/terminus';
import type { Database } from './database';
import { DbHealthIndicator } from './db.health-indicator';

const indicatorFor = (ping: () => Promise<void>) =>
  new DbHealthIndicator({ ping } as unknown as Database, new HealthIndicatorService());

describe('DbHealthIndicator', () => {
  afterEach(() => jest.useRealTimers());

  it('reports up when the database answers', async () => {
    await expect(indicatorFor(() => Promise.resolve()).isHealthy()).resolves.toEqual({
      database: { status: 'up' },
    });
  });

  it('reports down with the error message', async () => {
    const indicator = indicatorFor(() => Promise.reject(new Error('connection refused')));
    await expect(indicator.isHealthy('db')).resolves.toEqual({
      db: { status: 'down', message: 'connection refused' },
    });
  });

  it('reports down when the database does not answer within 2 s', async () => {
    jest.useFakeTimers();
    const pending = indicatorFor(() => new Promise<void>(() => undefined)).isHealthy();
    await jest.advanceTimersByTimeAsync(2_000);
    await expect(pending).resolves.toEqual({
      database: { status: 'down', message: 'database did not answer within 2000 ms' },
    });
  });
});
