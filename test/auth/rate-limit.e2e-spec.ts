import { INestApplication } from '@nestjs/common';
import { startApiGateway } from '../../apps/api-gateway/src/main';
import { ApiClient, newAccount } from '../support/api-client';

/** Auth rate limits over real HTTP, on a gateway started with low limits. */
describe('Auth rate limits (e2e)', () => {
  let gateway: INestApplication;
  let api: ApiClient;

  beforeAll(async () => {
    gateway = await startApiGateway({
      port: 0,
      env: {
        ...process.env,
        AUTH_RATE_LIMIT_PER_IP: '6',
        AUTH_RATE_LIMIT_PER_USERNAME: '3',
        AUTH_RATE_LIMIT_WINDOW_SECONDS: '60',
      },
    });
    api = new ApiClient((await gateway.getUrl()).replace('[::1]', '127.0.0.1'));
  });
  afterAll(() => gateway?.close());

  it('counts failed logins per username and address: that address is refused, the right password works from another', async () => {
    const account = await api.register();
    const elsewhere = new ApiClient(api.baseUrl, '127.0.0.2');
    const attempt = (client: ApiClient, password: string) =>
      client.request('POST', '/auth/login', { body: { username: account.user.username, password } });
    // Successes do not count: four right logins in a row from one address.
    for (let i = 0; i < 4; i++) expect((await attempt(elsewhere, account.password)).status).toBe(200);

    for (let i = 0; i < 3; i++) expect((await attempt(api, 'wrong-password')).status).toBe(401);
    const limited = await attempt(api, account.password);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // The guesser's failures do not lock the owner out: the right password from elsewhere.
    expect((await attempt(elsewhere, account.password)).status).toBe(200);
  });

  it('limits logout per IP', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (
          await api.request('POST', '/auth/logout', {
            body: { refreshToken: `unknown-${i}`.padEnd(43, 'x') },
          })
        ).status,
      );
    }
    expect(statuses.slice(6)).toEqual([429, 429]);
    expect(statuses.slice(0, 6)).not.toContain(429);
  });

  it('limits refresh per IP: a burst beyond the limit is refused, and earlier tokens were served', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        (await api.request('POST', '/auth/refresh', { body: { refreshToken: `unknown-${i}` } })).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429]);
  });

  it('limits register per IP across usernames', async () => {
    // One registration was made by the first test; the limit is 6 per window.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await api.request('POST', '/auth/register', { body: newAccount() })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
