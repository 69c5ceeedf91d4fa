// @chat/contracts uses class-transformer's @Type, which needs the metadata API loaded before it.
import { Envelope, TOPICS, topicName, UserStatusPayload } from '@chat/contracts';
import { Database } from '@chat/db';
import { KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { startApiGateway } from '../../apps/api-gateway/src/main';
import { ApiClient } from '../support/api-client';
import { PresenceService } from '../../apps/api-gateway/src/presence/presence.service';
import { SystemUnderTest } from '../support/system-under-test';
import { TestKafka } from '../support/test-kafka';
import { TestSocket } from '../support/test-socket';
import { createTestUser, TestUser } from '../support/test-users';
import { waitFor } from '../support/wait-for';

interface PresenceRow {
  status: string;
  last_seen_at: Date | null;
}

/** Presence over real sockets: the users table, `user.events` on Kafka and `presence.changed` pushes. */
describe('presence (e2e)', () => {
  const system = new SystemUnderTest();
  const kafka = new TestKafka();
  const sockets: TestSocket[] = [];
  const heartbeatBefore = process.env.PRESENCE_HEARTBEAT_MS;
  let userEvents: KafkaMessage[];
  let db: Database;

  beforeAll(async () => {
    // A short heartbeat, so the sweep of a dead instance's connections happens within the test.
    process.env.PRESENCE_HEARTBEAT_MS = '500';
    await system.start();
    db = system.gateway.get(Database);
    userEvents = await kafka.collect(topicName(kafka.prefix, TOPICS.userEvents));
  });
  afterEach(() => Promise.all(sockets.splice(0).map((s) => s.close())));
  afterAll(async () => {
    await system.stop();
    await kafka.close();
    if (heartbeatBefore === undefined) delete process.env.PRESENCE_HEARTBEAT_MS;
    else process.env.PRESENCE_HEARTBEAT_MS = heartbeatBefore;
  });

  const connect = async (user: TestUser) => {
    const socket = await TestSocket.ready(system.baseUrl, user.token);
    sockets.push(socket);
    return socket;
  };
  const presenceOf = async (userId: string) =>
    (await db.query<PresenceRow>(`SELECT status, last_seen_at FROM users WHERE id = $1`, [userId])).rows[0];
  const statusEvents = (userId: string) =>
    userEvents
      .map((m) => JSON.parse(String(m.value)) as Envelope<UserStatusPayload>)
      .filter((e) => e.type === 'user.status' && e.payload.userId === userId)
      .map((e) => e.payload);
  const connectionsOf = async (userId: string) =>
    Number(
      (
        await db.query<{ n: string }>(`SELECT count(*) AS n FROM user_connections WHERE user_id = $1`, [
          userId,
        ])
      ).rows[0].n,
    );

  it('marks a connecting user online, records last_seen_at and publishes user.status', async () => {
    const user = await createTestUser(system);
    const before = Date.now();
    await connect(user);

    const row = await presenceOf(user.id);
    expect(row.status).toBe('online');
    expect(row.last_seen_at!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    const [event] = await waitFor(
      'user.status online on Kafka',
      () => statusEvents(user.id).length > 0 && statusEvents(user.id),
    );
    expect(event).toEqual({ userId: user.id, status: 'online', lastSeenAt: row.last_seen_at!.toISOString() });
  });

  it('pushes presence.changed to every socket of the user when their status is set', async () => {
    const user = await createTestUser(system);
    const [phone, laptop] = [await connect(user), await connect(user)];

    const res = await new ApiClient(system.baseUrl).request<{ status: string; lastSeenAt: string }>(
      'PUT',
      '/users/me/status',
      { token: user.token, body: { status: 'away' } },
    );
    expect(res.status).toBe(200);
    const view = { status: res.body.status, lastSeenAt: res.body.lastSeenAt };

    for (const socket of [phone, laptop]) {
      const pushed = await socket.next('presence.changed', (f) => f.data.status === 'away');
      expect(pushed).toEqual({ type: 'presence.changed', data: { userId: user.id, ...view } });
    }
  });

  it('keeps a status the user chose when another device connects', async () => {
    const user = await createTestUser(system);
    await connect(user);
    await new ApiClient(system.baseUrl).request('PUT', '/users/me/status', {
      token: user.token,
      body: { status: 'busy' },
    });
    await connect(user);
    expect((await presenceOf(user.id)).status).toBe('busy');
  });

  it('goes offline only when the last socket disconnects', async () => {
    const user = await createTestUser(system);
    const [first, second] = [await connect(user), await connect(user)];

    await first.close();
    await waitFor('one connection left', async () => (await connectionsOf(user.id)) === 1);
    expect((await presenceOf(user.id)).status).toBe('online');

    const seenBefore = (await presenceOf(user.id)).last_seen_at!;
    await second.close();
    const row = await waitFor('offline', async () => {
      const r = await presenceOf(user.id);
      return r.status === 'offline' && r;
    });
    expect(row.last_seen_at!.getTime()).toBeGreaterThanOrEqual(seenBefore.getTime());
    expect(await connectionsOf(user.id)).toBe(0);
    await waitFor('user.status offline on Kafka', () =>
      statusEvents(user.id).some((e) => e.status === 'offline'),
    );
    expect(statusEvents(user.id).map((e) => e.status)).toEqual(['online', 'offline']);
  });

  it('sweeps the connections of an instance that died and takes their users offline', async () => {
    const user = await createTestUser(system);
    await system.gateway.get(PresenceService).setStatus(user.id, 'online');
    await db.query(
      `INSERT INTO user_connections (id, user_id, instance_id, connected_at, heartbeat_at)
       VALUES ($1, $2, 'crashed-instance', now() - INTERVAL '1 hour', now() - INTERVAL '1 hour')`,
      [randomUUID(), user.id],
    );

    await waitFor('the dead connection swept', async () => (await connectionsOf(user.id)) === 0);
    await waitFor('offline', async () => (await presenceOf(user.id)).status === 'offline');
  });

  it('keeps the connections of this instance alive past the staleness limit', async () => {
    const user = await createTestUser(system);
    const socket = await connect(user);
    const connectedAt = Date.now();
    // Three heartbeat periods (1.5 s) make a connection stale unless its instance refreshes it.
    await waitFor('a refreshed heartbeat well past the limit', async () => {
      const { rows } = await db.query<{ heartbeat_at: Date }>(
        `SELECT heartbeat_at FROM user_connections WHERE user_id = $1`,
        [user.id],
      );
      return rows[0]?.heartbeat_at.getTime() > connectedAt + 2_000;
    });
    expect((await presenceOf(user.id)).status).toBe('online');
    await expect(socket.ask({ type: 'ping' }, 'pong')).resolves.toMatchObject({ type: 'pong' });
  });

  it('releases the connections of a gateway that shuts down and takes their users offline', async () => {
    const user = await createTestUser(system);
    const second = await startApiGateway({
      port: 0,
      env: { ...process.env, INSTANCE_ID: `second-${randomUUID()}` },
    });
    let open = true;
    try {
      const url = (await second.getUrl()).replace('[::1]', '127.0.0.1');
      const socket = await TestSocket.ready(url, user.token);
      expect((await presenceOf(user.id)).status).toBe('online');

      await second.close();
      open = false;
      await socket.waitForClose();
      expect(await connectionsOf(user.id)).toBe(0);
      expect((await presenceOf(user.id)).status).toBe('offline');
    } finally {
      if (open) await second.close();
    }
  });
});
