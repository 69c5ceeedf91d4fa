import { CreatePrivateChat } from '@chat/contracts';
import { createElasticsearchClient } from '@chat/observability';
import { ApiClient } from '../support/api-client';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';
import { dropLogIndices, logIndexPrefix, LogRecord, searchLogs, shippingEnv } from './log-test-support';

/**
 * The whole log path on the real engines: services log ECS JSON, ship it through the
 * `logs` topic, the workers' indexer writes it into Elasticsearch, and one request is
 * found there by its trace id, from the gateway and from the worker.
 */
describe('Logs from HTTP through Kafka into Elasticsearch (e2e)', () => {
  const indexPrefix = logIndexPrefix('pipeline');
  const system = new SystemUnderTest({ gateways: 1, chatWorkers: 1, env: shippingEnv(indexPrefix) });
  const es = createElasticsearchClient();

  beforeAll(() => system.start(), 120_000);
  afterAll(async () => {
    await system.stop();
    await dropLogIndices(es, indexPrefix);
    await es.close();
  });

  const byTrace = (traceId: string) => searchLogs(es, indexPrefix, { term: { 'trace.id': traceId } });

  it('finds the gateway and worker lines of one command by its trace.id within 15 s', async () => {
    const [alice, bob] = await Promise.all([
      ChatUser.create(system.baseUrl),
      ChatUser.create(system.baseUrl),
    ]);
    try {
      const res = await alice.request<{ commandId: string }>('POST', '/chats/private', { userId: bob.id });
      expect(res.status).toBe(202);
      const traceId = res.headers.get('x-correlation-id') as string;
      expect(traceId).toBeTruthy();

      const lines = await waitFor(
        'the gateway and the worker lines of the command in Elasticsearch',
        async () => {
          const found = await byTrace(traceId);
          const services = new Set(found.map((r) => r['service.name']));
          return services.has('api-gateway') && services.has('chat-service') && found;
        },
        15_000,
        250,
      );
      const gateway = lines.find((r) => r['service.name'] === 'api-gateway') as LogRecord;
      const worker = lines.find(
        (r) => r['service.name'] === 'chat-service' && r['event.dataset'] === 'chat.command',
      ) as LogRecord;
      expect(gateway).toMatchObject({
        'log.level': 'info',
        'event.action': 'POST /chats/private',
        'http.response.status_code': 202,
        'user.id': alice.id,
        'labels.logged': 'sample',
      });
      expect(worker).toMatchObject({
        'log.level': 'info',
        'event.action': CreatePrivateChat.type,
        'event.duration': expect.any(Number),
        'user.id': alice.id,
        'trace.id': traceId,
        'labels.logged': 'sample',
      });
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });

  it('never lets a password or token reach Elasticsearch', async () => {
    const api = new ApiClient(system.baseUrl);
    const username = `logs_${Date.now().toString(36)}`;
    const password = `Secret-${Math.random().toString(36).slice(2)}-pw`;
    const registered = await api.request<{ accessToken: string; refreshToken: string }>(
      'POST',
      '/auth/register',
      {
        body: { username, email: `${username}@example.com`, password },
      },
    );
    expect(registered.status).toBe(201);
    const refreshed = await api.request<{ accessToken: string; refreshToken: string }>(
      'POST',
      '/auth/refresh',
      {
        body: { refreshToken: registered.body.refreshToken },
      },
    );
    expect(refreshed.status).toBe(200);
    const traceIds = [registered, refreshed].map((r) => r.headers.get('x-correlation-id') as string);

    await waitFor(
      'the register and refresh lines in Elasticsearch',
      async () => (await Promise.all(traceIds.map(byTrace))).every((found) => found.length > 0),
      15_000,
      250,
    );
    const everything = JSON.stringify(await searchLogs(es, indexPrefix, { match_all: {} }));
    for (const secret of [
      password,
      registered.body.accessToken,
      registered.body.refreshToken,
      refreshed.body.accessToken,
      refreshed.body.refreshToken,
    ])
      expect(everything).not.toContain(secret);
  });
});
