import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { waitFor } from '../support/wait-for';

const urlOf = async (app: INestApplication) => (await app.getUrl()).replace('[::1]', '127.0.0.1');

async function scrape(app: INestApplication): Promise<string> {
  const res = await fetch(`${await urlOf(app)}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

/** The value of the first sample of `name` whose labels include every `labels` pair. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

/**
 * `/metrics` on every service after real traffic: a conversation over HTTP and WebSocket
 * through Kafka and the workers, then each instance scraped as Prometheus would.
 */
describe('/metrics (e2e)', () => {
  const system = new SystemUnderTest();

  beforeAll(() => system.start(), 120_000);
  afterAll(() => system.stop());

  it('reports commands, lag, sockets, pushes and HTTP durations after a conversation', async () => {
    const [alice, bob] = await Promise.all([
      ChatUser.create(system.baseUrl),
      ChatUser.create(system.baseUrl),
    ]);
    const { chatId } = await alice.succeed<{ chatId: string }>('POST', '/chats/private', { userId: bob.id });
    await alice.succeed('POST', `/chats/${chatId}/messages`, {
      clientMessageId: randomUUID(),
      content: 'hi',
    });
    await bob.socket.next('message.created', (f) => f.data.chatId === chatId);

    const gateway = await scrape(system.gateway);
    expect(sample(gateway, 'chat_ws_sockets', { service: 'api-gateway' })).toBeGreaterThanOrEqual(2);
    expect(sample(gateway, 'chat_push_latency_seconds_count', { type: 'message.created' })).toBeGreaterThan(
      0,
    );
    expect(
      sample(gateway, 'chat_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/chats/:id/messages',
        status: '202',
      }),
    ).toBeGreaterThan(0);
    // The gateway consumes the results and push topics in a group of its own.
    expect(
      sample(gateway, 'chat_messages_total', { type: 'push.deliver', outcome: 'handled' }),
    ).toBeGreaterThan(0);
    expect(sample(gateway, 'chat_kafka_consumer_lag', { topic: 'push.events' })).toBeGreaterThanOrEqual(0);

    // The worker's offsets are committed shortly after it handled the command.
    const chat = await waitFor('the chat worker to report its command and lag', async () => {
      const text = await scrape(system.chat);
      return sample(text, 'chat_kafka_consumer_lag', { topic: 'chat.commands' }) !== undefined && text;
    });
    expect(
      sample(chat, 'chat_message_handling_seconds_count', { type: 'message.send', outcome: 'handled' }),
    ).toBeGreaterThan(0);
    expect(
      sample(chat, 'chat_messages_total', { service: 'chat-service', outcome: 'handled' }),
    ).toBeGreaterThan(0);

    const chatup = await scrape(system.chatup);
    expect(sample(chatup, 'chat_kafka_consumer_lag', { topic: 'chatup.commands' })).toBeGreaterThanOrEqual(0);
    expect(sample(chatup, 'process_cpu_user_seconds_total', { service: 'chatup-service' })).toBeGreaterThan(
      0,
    );
    await Promise.all([alice.close(), bob.close()]);
  });

  it('answers the probes on every service: live without dependencies, ready with the consumer joined', async () => {
    for (const app of [system.gateway, system.chat, system.chatup]) {
      const base = await urlOf(app);
      const live = await fetch(`${base}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        info: { kafka: { status: 'up' }, database: { status: 'up' }, consumer: { status: 'up' } },
      });
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(Object.keys(((await health.json()) as { info: object }).info).sort()).toEqual([
        'database',
        'kafka',
      ]);
    }
  });

  it('serves /metrics without a token and keeps the OpenAPI document honest about it', async () => {
    const res = await fetch(`${system.baseUrl}/docs-json`);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { security?: unknown }>> };
    expect(doc.paths['/metrics']?.get).toBeDefined();
    // Public: an empty security requirement (no token), as the document declares for every public route.
    expect(doc.paths['/metrics'].get.security).toEqual([]);
    expect(doc.paths['/health/live']?.get.security).toEqual([]);
    expect(doc.paths['/health/ready']?.get.security).toEqual([]);
    expect((await fetch(`${system.baseUrl}/metrics`)).status).toBe(200);
  });
});
