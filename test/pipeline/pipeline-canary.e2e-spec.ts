import { PipelineCanaryIndicator } from '../../apps/api-gateway/src/health/pipeline/pipeline-canary.health';
import { SystemUnderTest } from '../support/system-under-test';

interface HealthBody {
  status: 'ok' | 'error';
  info?: Record<string, { status: string; roundTripMs?: number; instanceId?: string }>;
  error?: Record<string, { status: string; message?: string }>;
}

/** `GET /health/pipeline` over real HTTP, through real Kafka, both workers and real SQL. */
describe('pipeline canary (e2e)', () => {
  const system = new SystemUnderTest();
  const limit = 8;

  beforeAll(() => {
    process.env.PIPELINE_CHECKS_PER_MINUTE = String(limit);
    return system.start();
  });
  afterAll(async () => {
    delete process.env.PIPELINE_CHECKS_PER_MINUTE;
    await system.stop();
  });

  async function get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: HealthBody; headers: Headers }> {
    const res = await fetch(`${system.baseUrl}${path}`, { headers });
    return { status: res.status, body: (await res.json()) as HealthBody, headers: res.headers };
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

  it('probes with the validated correlation id: a 129-character one is replaced, not passed to the canary', async () => {
    // Longer than an envelope's correlation id may be: passed through, the canary was
    // dead-lettered and the check answered a false 503.
    const { status, body, headers } = await get('/health/pipeline', { 'x-correlation-id': 'c'.repeat(129) });
    expect(status).toBe(200);
    expect(body.error ?? {}).toEqual({});
    expect(headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('runs one check for callers that arrive while it is under way', async () => {
    const probe = jest.spyOn(system.gateway.get(PipelineCanaryIndicator), 'probe');
    const answers = await Promise.all(Array.from({ length: 5 }, () => get('/health/pipeline')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(probe).toHaveBeenCalledTimes(2); // one canary per worker, not ten
    probe.mockRestore();
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

  it('limits each address (PIPELINE_CHECKS_PER_MINUTE) with 429 and Retry-After', async () => {
    let refused: Awaited<ReturnType<typeof get>> | undefined;
    for (let call = 0; call <= limit && !refused; call++) {
      const answer = await get('/health/pipeline');
      if (answer.status === 429) refused = answer;
    }
    expect(refused).toBeDefined();
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
  });
});
