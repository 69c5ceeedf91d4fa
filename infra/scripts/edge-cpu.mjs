/**
 * CPU the gateway spends per `POST /chats/:id/messages` (issue 13, "a lean edge").
 *
 *   npm run build && node infra/scripts/edge-cpu.mjs [requests=3000] [concurrency=8]
 *
 * Starts the built gateway alone (`dist/`) on a database and Kafka prefix of its own against
 * the running engines (DATABASE_URL, KAFKA_BROKERS, defaults as `npm start`), with the
 * settings `npm start` uses (log shipping on), registers one user, sends a warm-up, then
 * `requests` authenticated sends with undici and reads the gateway process's user + system
 * CPU time from /proc before and after (also less what the idle gateway spends in as long,
 * measured for 5 s before). No worker runs: the route answers 202 once Kafka has
 * the command, which is all the edge does. Prints ms of CPU per request. Extra settings for
 * the gateway can be passed as environment variables prefixed `EDGE_` (EDGE_LOG_SAMPLE_RATE=1),
 * node options as EDGE_NODE_ARGS (`--prof` for a V8 tick profile in the repository root).
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Pool } from 'undici';
import { REPO_ROOT } from '../engines/paths.mjs';

const requests = Number(process.argv[2] ?? 3000);
const concurrency = Number(process.argv[3] ?? 8);
const port = Number(process.env.EDGE_PORT ?? 3390);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5433/chat';
const runId = `edge${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const base = `http://127.0.0.1:${port}`;

const ticksPerSecond = 100; // USER_HZ on Linux
function cpuMs(pid) {
  // Fields after the command name (which may hold spaces): utime is 14th, stime 15th overall.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

async function createDatabase() {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${runId}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${runId}`;
  return url.toString();
}

async function dropDatabase() {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${runId} WITH (FORCE)`).catch(() => undefined);
  await client.end();
}

const extra = Object.fromEntries(
  Object.entries(process.env)
    .filter(([k]) => k.startsWith('EDGE_') && k !== 'EDGE_PORT' && k !== 'EDGE_NODE_ARGS')
    .map(([k, v]) => [k.slice(5), v]),
);

const databaseUrl = await createDatabase();
const logFile = join('/tmp', `${runId}.gateway.log`);
const out = openSync(logFile, 'a');
const nodeArgs = (process.env.EDGE_NODE_ARGS ?? '').split(' ').filter(Boolean);
const gateway = spawn(
  process.execPath,
  [...nodeArgs, join(REPO_ROOT, 'dist', 'apps', 'api-gateway', 'src', 'main.js')],
  {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      KAFKA_PREFIX: `${runId}.`,
      INSTANCE_ID: runId,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_RATE_LIMIT_PER_IP: '100000',
      ...extra,
    },
    stdio: ['ignore', out, out],
  },
);

const pool = new Pool(base, { connections: concurrency });
try {
  for (let i = 0; ; i++) {
    if (gateway.exitCode !== null) throw new Error(`gateway exited; see ${logFile}`);
    const ok = await pool
      .request({ path: '/health', method: 'GET' })
      .then(async (r) => (await r.body.text(), r.statusCode === 200))
      .catch(() => false);
    if (ok) break;
    if (i > 240) throw new Error(`gateway not healthy after 120 s; see ${logFile}`);
    await sleep(500);
  }
  const username = `e${runId}`.slice(0, 32);
  const reg = await pool.request({
    path: '/auth/register',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, email: `${username}@edge.test`, password: 'edge-password-1' }),
  });
  const { accessToken } = await reg.body.json();
  if (reg.statusCode !== 201) throw new Error(`register answered ${reg.statusCode}`);
  const chatId = randomUUID();
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` };
  const statuses = new Map();

  async function send(count) {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        next++;
        const res = await pool.request({
          path: `/chats/${chatId}/messages`,
          method: 'POST',
          headers,
          body: JSON.stringify({ clientMessageId: randomUUID(), content: 'hello from the edge bench' }),
        });
        await res.body.text();
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  await send(Math.min(1000, requests)); // warm-up: JIT, connections, producer batches
  statuses.clear();
  await sleep(1000);
  // What the idle gateway spends anyway (consumer fetch loops, timers), per ms of wall time:
  // on a busy machine the sends take longer and would otherwise carry more of it.
  const idleFrom = cpuMs(gateway.pid);
  const idleBegan = performance.now();
  await sleep(5000);
  const idlePerMs = (cpuMs(gateway.pid) - idleFrom) / (performance.now() - idleBegan);
  const cpuBefore = cpuMs(gateway.pid);
  const began = performance.now();
  await send(requests);
  const wallMs = performance.now() - began;
  await sleep(500); // let the last finish-handlers and log shipping run
  const cpu = cpuMs(gateway.pid) - cpuBefore;
  const idle = idlePerMs * (wallMs + 500);
  console.log(
    JSON.stringify({
      requests,
      concurrency,
      statuses: Object.fromEntries(statuses),
      gatewayCpuMs: cpu,
      cpuMsPerRequest: Number((cpu / requests).toFixed(3)),
      idleCpuMsPerSecond: Number((idlePerMs * 1000).toFixed(1)),
      cpuMsPerRequestLessIdle: Number(((cpu - idle) / requests).toFixed(3)),
      requestsPerSecond: Math.round(requests / (wallMs / 1000)),
      settings: extra,
    }),
  );
} finally {
  await pool.close();
  gateway.kill('SIGTERM');
  await new Promise((resolve) => (gateway.exitCode !== null ? resolve() : gateway.once('exit', resolve)));
  await dropDatabase();
}
