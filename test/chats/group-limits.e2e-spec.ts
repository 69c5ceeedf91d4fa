import { INestApplication } from '@nestjs/common';
import { startApiGateway } from '../../apps/api-gateway/src/main';
import { ApiClient } from '../support/api-client';

/**
 * Group growth limits over real HTTP, on a gateway started with low ones: groups created
 * per user per hour, and users put into groups (created with or added) per user per hour.
 */
describe('Group growth limits (e2e)', () => {
  let gateway: INestApplication;
  let api: ApiClient;

  beforeAll(async () => {
    gateway = await startApiGateway({
      port: 0,
      env: { ...process.env, GROUPS_PER_HOUR: '2', GROUP_MEMBER_ADDS_PER_HOUR: '4' },
    });
    api = new ApiClient((await gateway.getUrl()).replace('[::1]', '127.0.0.1'));
  });
  afterAll(() => gateway?.close());

  it('answers 429 with Retry-After beyond either limit, and lets other users go on', async () => {
    const [spammer, other, ...strangers] = await Promise.all(Array.from({ length: 5 }, () => api.register()));
    const as = (session: { accessToken: string }) => (method: string, path: string, body: unknown) =>
      api.request(method, path, { body, token: session.accessToken });
    const spam = as(spammer);
    const ids = strangers.map((s) => s.user.id);

    const first = await spam('POST', '/chats/group', { name: 'one', memberIds: ids.slice(0, 2) });
    expect(first.status).toBe(202);
    expect((await spam('POST', '/chats/group', { name: 'two', memberIds: ids.slice(2, 3) })).status).toBe(
      202,
    );
    const third = await spam('POST', '/chats/group', { name: 'three', memberIds: ids.slice(0, 1) });
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    // Three users put into groups so far: one more add fits, the next does not.
    // Any chat id: the gateway counts and answers before a worker looks at the chat.
    const chatId = '00000000-0000-4000-8000-000000000001';
    expect((await spam('POST', `/chats/${chatId}/members`, { userId: other.user.id })).status).toBe(202);
    const fifth = await spam('POST', `/chats/${chatId}/members`, { userId: ids[2] });
    expect(fifth.status).toBe(429);
    expect(fifth.body).toMatchObject({ message: expect.stringMatching(/users added to groups/) });

    // The limits are the spammer's own.
    const byOther = await as(other)('POST', '/chats/group', { name: 'mine', memberIds: ids.slice(0, 2) });
    expect(byOther.status).toBe(202);
  });
});
