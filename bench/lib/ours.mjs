/**
 * Our system under test: the three services started from `dist/` on a database and a Kafka
 * prefix of this run's own, and the users the scenarios need.
 */
import { hash } from '@node-rs/argon2';
import { join } from 'node:path';
import { signJwt } from '../peer/jwt.mjs';
import { answers, BenchProcess } from './processes.mjs';

export const PORTS = { gateway: 3300, chatService: 3301, chatupService: 3302, secondGateway: 3303 };

const SERVICES = [
  { name: 'chat-service', port: PORTS.chatService },
  { name: 'chatup-service', port: PORTS.chatupService },
  { name: 'api-gateway', port: PORTS.gateway },
];

/** Starts one service and waits until `/health/ready` answers (migrated, consumers joined). */
export async function startService(ctx, name, { port, instance = name } = {}) {
  const service = { ...SERVICES.find((s) => s.name === name), ...(port ? { port } : {}) };
  const proc = new BenchProcess(
    name,
    // `--profile` runs each service under V8's CPU profiler (`--cpu-prof`).
    [...(ctx.nodeArgs ?? []), join(ctx.root, 'dist', 'apps', name, 'src', 'main.js')],
    {
      ...process.env,
      ...ctx.serviceEnv,
      PORT: String(service.port),
      HOST: '127.0.0.1',
      INSTANCE_ID: `bench-${instance}`,
    },
    { cwd: ctx.profileDir ?? ctx.root },
  );
  (ctx.pidNames ??= new Map()).set(proc.pid, instance);
  await proc.waitUntil('ready', () => answers(`http://127.0.0.1:${service.port}/health/ready`), 120_000);
  return proc;
}

/** Starts chat-service, chatup-service and the gateway, in that order (one instance each). */
export async function startOurs(ctx) {
  const services = {};
  for (const { name } of SERVICES) services[name] = await startService(ctx, name);
  return {
    services,
    baseUrl: `http://127.0.0.1:${PORTS.gateway}`,
    wsUrl: `ws://127.0.0.1:${PORTS.gateway}/ws`,
  };
}

let passwordHash;

/**
 * Puts `count` users straight into the gateway's `users` table and signs their access tokens
 * with the run's secret, as the gateway would at login. Registering thousands of users over
 * HTTP would spend minutes hashing passwords (argon2id, deliberately slow) and measure
 * nothing the scenarios are about; the registration path has its own tests.
 */
export async function seedUsers(ctx, count, label) {
  passwordHash ??= await hash('bench-password-not-used');
  const { rows } = await ctx.db
    .query(
      `INSERT INTO gateway.users (username, email, password_hash, display_name)
         SELECT $1 || '_' || i, $1 || '_' || i || '@bench.test', $2, 'Bench ' || i FROM generate_series(1, $3) AS i
       RETURNING id, username`,
      [`b${ctx.runId}_${label}`, passwordHash, count],
    )
    .catch((err) => {
      // No `gateway.users` table: our services never ran in this run (e.g. `--systems peer`); the
      // peer only needs ids its tokens name.
      if (err.code !== '42P01') throw err;
      return {
        rows: Array.from({ length: count }, (_, i) => ({
          id: crypto.randomUUID(),
          username: `b${ctx.runId}_${label}_${i + 1}`,
        })),
      };
    });
  const exp = Math.floor(Date.now() / 1000) + 4 * 3600;
  return rows.map((row, i) => ({
    key: `${label}:${i}`,
    userId: row.id,
    username: row.username,
    token: signJwt({ sub: row.id, username: row.username, typ: 'access', exp }, ctx.secret),
  }));
}

/** POSTs JSON with a bearer token; resolves with `{ status, body }`. */
export async function post(url, token, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
