import { Client } from '@elastic/elasticsearch';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ApiClient, newAccount } from '../support/api-client';
import { ChatUser } from '../support/chat-user';
import { SystemUnderTest } from '../support/system-under-test';
import { TestSocket } from '../support/test-socket';
import { waitFor } from '../support/wait-for';
import { dropLogIndices, logIndexPrefix, shippingEnv } from '../logs/log-test-support';
import { printReport } from './support/fault-report';
import { ServiceProcess } from './support/service-process';

/** Scenario 7 (issue 7): refresh-token reuse, rate limits, secrets in logs, limits, headers, CORS, audit. */
describe('Security checks (faults)', () => {
  const figures: Record<string, number | string> = {};

  afterAll(() => printReport('security checks', figures));

  describe('against one in-process gateway', () => {
    const system = new SystemUnderTest({
      gateways: 1,
      chatWorkers: 0,
      chatupWorkers: 0,
      env: { AUTH_RATE_LIMIT_PER_IP: '10', CORS_ORIGINS: 'https://app.example' },
    });
    let api: ApiClient;

    beforeAll(async () => {
      await system.start();
      api = new ApiClient(system.baseUrl);
    }, 120_000);
    afterAll(() => system.stop());

    it('a reused refresh token revokes its whole family', async () => {
      const session = await api.register();
      const first = await api.request<{ refreshToken: string }>('POST', '/auth/refresh', {
        body: { refreshToken: session.refreshToken },
      });
      expect(first.status).toBe(200);
      const reuse = await api.request('POST', '/auth/refresh', {
        body: { refreshToken: session.refreshToken },
      });
      expect(reuse.status).toBe(401);
      // The token issued before the theft was detected is dead too.
      const after = await api.request('POST', '/auth/refresh', {
        body: { refreshToken: first.body.refreshToken },
      });
      expect(after.status).toBe(401);
      figures['refresh reuse → family revoked'] = 'yes (401, then 401 for the newer token)';
    });

    it('holds the per-IP rate limit under a parallel burst', async () => {
      const burst = await Promise.all(
        Array.from({ length: 40 }, () =>
          api.request('POST', '/auth/login', {
            body: { username: `nobody_${randomUUID().slice(0, 8)}`, password: 'wrong-password' },
          }),
        ),
      );
      const limited = burst.filter((r) => r.status === 429);
      // Each auth route has its own per-IP budget (10 here): 10 wrong passwords, then 429s.
      expect(burst.filter((r) => r.status === 401)).toHaveLength(10);
      expect(limited).toHaveLength(30);
      expect(limited.every((r) => Number(r.headers.get('retry-after')) > 0)).toBe(true);
      figures['login burst: 40 → 429s'] = limited.length;
    });

    it('refuses bodies over 64 KB with 413 and sets the helmet headers', async () => {
      const res = await fetch(`${system.baseUrl}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'x', password: 'y'.repeat(70 * 1024) }),
      });
      expect(res.status).toBe(413);
      const headers = (await fetch(`${system.baseUrl}/health/live`)).headers;
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(headers.get('x-powered-by')).toBeNull();
      figures['body > 64 KB'] = res.status;
      figures['helmet headers'] = 'nosniff, SAMEORIGIN, HSTS, CSP; no x-powered-by';
    });

    it('answers CORS for an allowed origin only', async () => {
      const preflight = (origin: string) =>
        fetch(`${system.baseUrl}/users/me`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'GET',
            'access-control-request-headers': 'authorization',
          },
        });
      const allowed = await preflight('https://app.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const refused = await preflight('https://evil.example');
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      figures['CORS'] = 'allowed origin echoed; other origin gets no allow-origin';
    });
  });

  it('sends no CORS headers when CORS_ORIGINS is unset (same-origin only)', async () => {
    const system = await new SystemUnderTest({ gateways: 1, chatWorkers: 0, chatupWorkers: 0 }).start();
    try {
      const res = await fetch(`${system.baseUrl}/health/live`, {
        headers: { origin: 'https://app.example' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await system.stop();
    }
  }, 120_000);

  it('never writes passwords or tokens to stdout or Elasticsearch', async () => {
    const prefix = logIndexPrefix('faults-secrets');
    const env = {
      ...shippingEnv(prefix),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    };
    const tag = randomUUID().slice(0, 6);
    const worker = await ServiceProcess.create('chat-service', `secrets-w-${tag}`, env);
    const chatup = await ServiceProcess.create('chatup-service', `secrets-cu-${tag}`, env);
    const gateway = await ServiceProcess.create('api-gateway', `secrets-gw-${tag}`, env);
    const es = new Client({ node: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200' });
    try {
      await worker.start();
      await chatup.start();
      await gateway.start();
      const api = new ApiClient(gateway.url);
      const account = newAccount();
      const reg = await api.request<{ accessToken: string; refreshToken: string }>('POST', '/auth/register', {
        body: account,
      });
      const login = await api.request<{ accessToken: string; refreshToken: string }>('POST', '/auth/login', {
        body: { username: account.username, password: account.password },
      });
      const refreshed = await api.request<{ accessToken: string; refreshToken: string }>(
        'POST',
        '/auth/refresh',
        {
          body: { refreshToken: login.body.refreshToken },
        },
      );
      await api.request('POST', '/auth/login', {
        body: { username: account.username, password: `${account.password}-wrong` },
      });
      const socket = await TestSocket.ready(gateway.url, refreshed.body.accessToken); // token in the query string
      await socket.close();
      // A ChatUp request, so the ChatUp worker's lines are scanned too.
      await api.request('POST', '/chatup', {
        body: { tags: ['secrets'] },
        token: refreshed.body.accessToken,
      });
      const bob = await ChatUser.create(gateway.url);
      await api.request('GET', '/users/me', { token: `${reg.body.accessToken}tampered` });
      await bob.close();
      const secrets = [
        account.password,
        reg.body.accessToken,
        reg.body.refreshToken,
        login.body.accessToken,
        login.body.refreshToken,
        refreshed.body.accessToken,
        refreshed.body.refreshToken,
        bob.session.password,
      ];
      // Every line these requests cause reaches Elasticsearch through Kafka: wait for each of
      // them (how many of each), not just one, so none is scanned before it arrived.
      const expected: [string, number][] = [
        ['POST /auth/register', 2], // the account and bob
        ['POST /auth/login', 2], // right, then wrong
        ['POST /auth/refresh', 1],
        ['GET /users/me', 1], // the tampered token
        ['POST /chatup', 1],
        ['"service.name":"chatup-service"', 1], // the ChatUp worker's own lines
      ];
      let missing: string[] = [];
      const docs = await waitFor(
        'every expected log line in Elasticsearch',
        async () => {
          await es.indices.refresh({ index: `${prefix}*`, ignore_unavailable: true, allow_no_indices: true });
          const found = await es.search({
            index: `${prefix}*`,
            size: 5_000,
            ignore_unavailable: true,
            allow_no_indices: true,
          });
          const hits = found.hits.hits.map((h) => JSON.stringify(h._source));
          missing = expected
            .filter(([marker, n]) => hits.filter((h) => h.includes(marker)).length < n)
            .map(([marker]) => marker);
          return missing.length === 0 && hits;
        },
        60_000,
        1_000,
      ).catch((err: Error) => {
        throw new Error(`${err.message}; still missing: ${missing.join(', ')}`);
      });
      const stdout = [...gateway.output, ...worker.output, ...chatup.output];
      const inStdout = secrets.filter((s) => stdout.some((line) => line.includes(s)));
      const inEs = secrets.filter((s) => docs.some((d) => d.includes(s)));
      figures['log lines on stdout checked (gateway, chat and ChatUp workers)'] = stdout.length;
      figures['log documents in Elasticsearch checked'] = docs.length;
      figures['secrets found (stdout / Elasticsearch)'] = `${inStdout.length} / ${inEs.length}`;
      expect(stdout.length).toBeGreaterThan(20);
      expect(inStdout).toEqual([]);
      expect(inEs).toEqual([]);
    } finally {
      await Promise.allSettled([gateway.stop(), chatup.stop(), worker.stop()]);
      await dropLogIndices(es, prefix).catch(() => undefined);
      await es.close();
    }
  }, 180_000);

  // Run once when the file loads, so an unreachable registry shows as a SKIPPED test
  // ("not checked"), never as a pass.
  const audit = npmAudit();
  const auditIt = audit.counts ? it : it.skip;
  if (!audit.counts) figures['npm audit --omit=dev'] = `not checked: ${audit.why}`;
  auditIt(
    `has no high or critical advisories in production dependencies (npm audit --omit=dev)${audit.counts ? '' : ` — NOT CHECKED: ${audit.why}`}`,
    () => {
      const counts = audit.counts!;
      figures['npm audit --omit=dev'] = Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      expect((counts.high ?? 0) + (counts.critical ?? 0)).toBe(0);
    },
  );
});

/** `npm audit --omit=dev`'s counts by severity, or why there are none (the registry unreachable). */
function npmAudit(): { counts?: Record<string, number>; why?: string } {
  const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], {
    cwd: join(__dirname, '..', '..'),
    encoding: 'utf8',
    timeout: 60_000,
  });
  try {
    const report = JSON.parse(run.stdout) as {
      metadata?: { vulnerabilities?: Record<string, number> };
      message?: string;
    };
    if (report.metadata?.vulnerabilities) return { counts: report.metadata.vulnerabilities };
    // npm's own error, e.g. the audit endpoint refused ("405 Method Not Allowed")
    if (report.message) return { why: `the audit endpoint answered: ${report.message}` };
  } catch {
    // no JSON: npm could not run or reach the registry
  }
  return { why: run.error?.message ?? 'the registry could not be reached' };
}
