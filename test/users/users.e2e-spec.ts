import { Envelope, TOPICS, topicName } from '@chat/contracts';
import { KafkaMessage } from 'kafkajs';
import { ApiClient } from '../support/api-client';
import { SystemUnderTest } from '../support/system-under-test';
import { TestKafka } from '../support/test-kafka';
import { waitFor } from '../support/wait-for';

/** The users part of API.md over real HTTP, and the user events it publishes on the real Kafka. */
describe('Users (e2e)', () => {
  const system = new SystemUnderTest();
  const kafka = new TestKafka();
  let api: ApiClient;
  let userEvents: KafkaMessage[];

  beforeAll(async () => {
    await system.start();
    api = new ApiClient(system.baseUrl);
    userEvents = await kafka.collect(topicName(kafka.prefix, TOPICS.userEvents));
  });
  afterAll(async () => {
    await kafka.close();
    await system.stop();
  });

  const eventsOf = (userId: string, type: string): Envelope[] =>
    userEvents
      .filter((m) => m.key?.toString() === userId)
      .map((m) => JSON.parse(m.value!.toString()) as Envelope)
      .filter((e) => e.type === type);

  it('publishes user.registered keyed by user id, with the profile and nothing secret', async () => {
    const account = await api.register({ tags: ['Chess', 'go'] });
    const [event] = await waitFor(
      'user.registered',
      () => eventsOf(account.user.id, 'user.registered')[0] && eventsOf(account.user.id, 'user.registered'),
    );
    expect(event.payload).toEqual({
      userId: account.user.id,
      username: account.user.username,
      displayName: account.user.username,
      tags: ['chess', 'go'],
    });
    const raw = JSON.stringify(event);
    expect(raw).not.toContain(account.password);
    expect(raw).not.toContain(account.user.email);
  });

  it('PATCH /users/me changes only the given fields and publishes user.updated with the tags', async () => {
    const account = await api.register({ displayName: 'Before', tags: ['a'] });
    const res = await api.request('PATCH', '/users/me', {
      token: account.accessToken,
      body: { tags: ['Rust', 'rust', 'Go '] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: account.user.id, displayName: 'Before', tags: ['rust', 'go'] });
    const me = await api.request('GET', '/users/me', { token: account.accessToken });
    expect(me.body).toEqual(res.body);

    const [updated] = await waitFor('user.updated', () => {
      const found = eventsOf(account.user.id, 'user.updated');
      return found.length > 0 && found;
    });
    expect(updated.payload).toEqual({
      userId: account.user.id,
      username: account.user.username,
      displayName: 'Before',
      tags: ['rust', 'go'],
    });
  });

  it('PATCH /users/me that changes nothing answers 200 and publishes nothing new', async () => {
    const account = await api.register({ displayName: 'Same' });
    await api.request('PATCH', '/users/me', { token: account.accessToken, body: { displayName: 'Other' } });
    await waitFor('first user.updated', () => eventsOf(account.user.id, 'user.updated').length === 1);
    const res = await api.request('PATCH', '/users/me', {
      token: account.accessToken,
      body: { displayName: 'Other' },
    });
    expect(res.status).toBe(200);
    // A later change is published; had the no-op published too, there would be three.
    await api.request('PATCH', '/users/me', { token: account.accessToken, body: { displayName: 'Third' } });
    await waitFor('second user.updated', () => eventsOf(account.user.id, 'user.updated').length >= 2);
    expect(
      eventsOf(account.user.id, 'user.updated').map(
        (e) => (e.payload as { displayName: string }).displayName,
      ),
    ).toEqual(['Other', 'Third']);
  });

  it.each([
    ['displayName', { displayName: '' }],
    ['tags', { tags: ['x'.repeat(40)] }],
    ['username', { username: 'renamed' }],
    ['email', { email: 'new@example.test' }],
  ])('PATCH /users/me answers 400 naming %s', async (field, body) => {
    const account = await api.register();
    const res = await api.request<{ message: string[] }>('PATCH', '/users/me', {
      token: account.accessToken,
      body,
    });
    expect(res.status).toBe(400);
    expect(res.body.message.some((line) => line.startsWith(`${field}: `))).toBe(true);
  });

  it('PUT /users/me/status sets the status others see and publishes user.status', async () => {
    const account = await api.register();
    const viewer = await api.register();
    const res = await api.request('PUT', '/users/me/status', {
      token: account.accessToken,
      body: { status: 'busy' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ userId: account.user.id, status: 'busy', lastSeenAt: expect.any(String) });
    const profile = await api.request('GET', `/users/${account.user.id}/profile`, {
      token: viewer.accessToken,
    });
    expect(profile.body).toMatchObject({ status: 'busy', lastSeenAt: res.body.lastSeenAt });
    const [event] = await waitFor('user.status', () => {
      const found = eventsOf(account.user.id, 'user.status');
      return found.length > 0 && found;
    });
    expect(event.payload).toEqual({
      userId: account.user.id,
      status: 'busy',
      lastSeenAt: res.body.lastSeenAt,
    });
  });

  it.each([[{ status: 'sleeping' }], [{}], [{ status: 'busy', mood: 'ok' }]])(
    'PUT /users/me/status answers 400 for %j',
    async (body) => {
      const account = await api.register();
      const res = await api.request<{ message: string[] }>('PUT', '/users/me/status', {
        token: account.accessToken,
        body,
      });
      expect(res.status).toBe(400);
      expect(res.body.message.some((line) => /^(status|mood): /.test(line))).toBe(true);
    },
  );

  it('GET /users/:id/profile shows the public profile without the email', async () => {
    const viewer = await api.register();
    const other = await api.register({ displayName: 'Grace', tags: ['cobol'] });
    const res = await api.request('GET', `/users/${other.user.id}/profile`, { token: viewer.accessToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: other.user.id,
      username: other.user.username,
      displayName: 'Grace',
      tags: ['cobol'],
      status: 'offline',
      lastSeenAt: null,
    });
  });

  it('GET /users/:id/profile answers 404 for an unknown id and 400 naming id for a non-UUID', async () => {
    const viewer = await api.register();
    const missing = await api.request('GET', '/users/00000000-0000-4000-8000-000000000000/profile', {
      token: viewer.accessToken,
    });
    expect(missing.status).toBe(404);
    const bad = await api.request<{ message: string[] }>('GET', '/users/not-a-uuid/profile', {
      token: viewer.accessToken,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['id: id must be a UUID']);
  });

  it.each([
    ['GET', '/users/me'],
    ['PATCH', '/users/me'],
    ['GET', '/users/00000000-0000-4000-8000-000000000000/profile'],
    ['PUT', '/users/me/status'],
  ])('%s %s answers 401 without a token', async (method, path) => {
    const res = await api.request(method, path, method === 'GET' ? {} : { body: {} });
    expect(res.status).toBe(401);
  });
});
