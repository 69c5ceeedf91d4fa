import { SystemUnderTest } from '../support/system-under-test';

interface HealthBody {
  status: 'ok' | 'error';
  info?: Record<string, { status: string; roundTripMs?: number; instanceId?: string }>;
  error?: Record<string, { status: string; message?: string }>;
}

/** `GET /health/pipeline` over real HTTP, through real Kafka, both workers and real SQL. */
describe('pipeline canary (e2e)', () => {
  const system = new SystemUnderTest();

  beforeAll(() => system.start());
  afterAll(() => system.stop());

  async function get(path: string): Promise<{ status: number; body: HealthBody }> {
    const res = await fetch(`${system.baseUrl}${path}`);
    return { status: res.status, body: (await res.json()) as HealthBody };
  }

  it('reports every service healthy on GET /health', async () => {
    for (const app of [system.gateway, system.chat, system.chatup]) {
      const res = await fetch(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/health`);
      const body = (await res.json()) as HealthBody;
      expect(res.status).toBe(200);
      expect(body.info).toMatchObject({ kafka: { status: 'up' }, database: { status: 'up' } });
    }
  });

  it('answers 200 with both workers round trips', async () => {
    const { status, body } = await get('/health/pipeline');
    expect(status).toBe(200);
    for (const worker of ['chat-service', 'chatup-service']) {
      expect(body.info?.[worker]?.status).toBe('up');
      expect(body.info?.[worker]?.roundTripMs).toEqual(expect.any(Number));
      expect(body.info?.[worker]?.roundTripMs).toBeLessThan(5_000);
    }
  });

  it('answers 503 naming the worker that does not answer', async () => {
    await system.chatup.close();
    const began = Date.now();
    const { status, body } = await get('/health/pipeline');
    expect(status).toBe(503);
    expect(body.error?.['chatup-service']).toMatchObject({
      status: 'down',
      message: expect.stringMatching(/no reply/),
    });
    expect(body.info?.['chat-service']?.status).toBe('up');
    expect(Date.now() - began).toBeLessThan(7_000);
  });
});
