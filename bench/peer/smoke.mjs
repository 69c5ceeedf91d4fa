#!/usr/bin/env node
// Self-check of the peer: two server processes on one Redis, a message crossing between them.
//   node bench/peer/smoke.mjs [port1 port2] [--redis redis://127.0.0.1:6379] [--count 200]
// Exits non-zero on a failed check; always stops its servers and deletes its Redis keys.
import { spawn } from 'node:child_process';
import { randomUUID, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createClient } from 'redis';
import { signJwt } from './jwt.mjs';
import { connectPeer } from './client.mjs';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { redis: { type: 'string' }, count: { type: 'string' } },
});
const ports = [Number(positionals[0] ?? 3100), Number(positionals[1] ?? 3101)];
const redisUrl = opts.redis ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const COUNT = Number(opts.count ?? 200);
const prefix = `peer-smoke-${randomBytes(4).toString('hex')}:`;
const secret = randomBytes(32).toString('hex');
const serverPath = fileURLToPath(new URL('./server.mjs', import.meta.url));
const out = (line) => process.stdout.write(`${line}\n`);

let failures = 0;
function check(ok, what) {
  out(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

function startServer(port) {
  const child = spawn(
    process.execPath,
    [serverPath, '--port', String(port), '--redis', redisUrl, '--prefix', prefix, '--jwt-secret', secret],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(child, 'exit');
  const listening = new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes(`peer listening on ${port}`)) resolve();
    });
    exited.then(([code]) => reject(new Error(`server on ${port} exited early (${code})`)));
  });
  return { child, port, exited, listening };
}

async function stopServer(s) {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return s.child.exitCode;
  s.child.kill('SIGTERM');
  const [code] = await s.exited;
  return code;
}

const token = (userId) =>
  signJwt({ sub: userId, username: `u-${userId.slice(0, 8)}`, typ: 'access' }, secret);

async function api(port, method, path, tok, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const redis = createClient({ url: redisUrl });
redis.on('error', (err) => process.stderr.write(`smoke redis: ${err}\n`));
const servers = [];
const conns = [];
try {
  await redis.connect();
  servers.push(startServer(ports[0]), startServer(ports[1]));
  await Promise.all(servers.map((s) => s.listening));
  out(`servers up on ${ports.join(', ')}, prefix ${prefix}`);

  const [A, B, C, D, E] = Array.from({ length: 5 }, () => randomUUID());
  const tA = token(A);
  const received = { B: [], C: [], D: [] };
  const latencyB = [];
  const url = (i) => `http://127.0.0.1:${ports[i]}`;

  check((await api(ports[0], 'GET', '/health')).status === 200, 'GET /health 200');
  check(
    (await api(ports[0], 'POST', '/chats', 'bad.token.x', { memberIds: [B] })).status === 401,
    'bad token 401',
  );
  const badSocket = await connectPeer({ url: url(1), token: 'nope', timeoutMs: 3000 }).then(
    (c) => (c.close(), 'connected'),
    (err) => err.message,
  );
  check(badSocket.includes('unauthorized'), `bad socket token rejected (${badSocket})`);

  // B on process 2 and C on process 1 connect before the chat exists; D (process 2) after.
  conns.push(
    await connectPeer({
      url: url(1),
      token: token(B),
      localAddress: '127.0.0.2',
      onMessage: (m) => {
        received.B.push(m);
        latencyB.push(Number(process.hrtime.bigint() - BigInt(m.content.split(' ')[0])) / 1e6);
      },
    }),
  );
  conns.push(await connectPeer({ url: url(0), token: token(C), onMessage: (m) => received.C.push(m) }));

  check(
    (await api(ports[0], 'POST', '/chats', tA, { memberIds: [] })).status === 400,
    'POST /chats with no memberIds 400',
  );
  const created = await api(ports[0], 'POST', '/chats', tA, { memberIds: [B, C, D] });
  check(
    created.status === 201 && typeof created.body.chatId === 'string',
    `POST /chats 201 ${created.body.chatId}`,
  );
  const { chatId } = created.body;
  conns.push(await connectPeer({ url: url(1), token: token(D), onMessage: (m) => received.D.push(m) }));

  const post = (tok, body) => api(ports[0], 'POST', `/chats/${chatId}/messages`, tok, body);
  check(
    (await post(tA, { clientMessageId: 'x', content: 'hi' })).body.error?.includes('clientMessageId'),
    'bad clientMessageId 400 names the field',
  );
  check(
    (await post(tA, { clientMessageId: randomUUID(), content: '' })).body.error?.includes('content'),
    'empty content 400 names the field',
  );
  check(
    (await post(token(E), { clientMessageId: randomUUID(), content: 'x' })).status === 403,
    'non-member 403',
  );

  const sent = [];
  const postMs = [];
  for (let i = 0; i < COUNT; i++) {
    const clientMessageId = randomUUID();
    const t = process.hrtime.bigint();
    const res = await post(tA, { clientMessageId, content: `${t} message ${i}` });
    postMs.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.status !== 201) check(false, `message ${i}: ${res.status} ${JSON.stringify(res.body)}`);
    sent.push({ clientMessageId, ...res.body });
  }
  check(
    sent.every((s, i) => s.seq === i + 1),
    `${COUNT} messages posted via process 1, seq 1..${COUNT}`,
  );

  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && Object.values(received).some((r) => r.length < COUNT)) await sleep(20);
  for (const [who, msgs] of Object.entries(received)) {
    const where =
      who === 'C' ? 'process 1, before the chat' : who === 'B' ? 'process 2, before' : 'process 2, after';
    check(
      msgs.length === COUNT && msgs.every((m, i) => m.seq === i + 1 && m.id === sent[i].messageId),
      `${who} (${where}) received ${msgs.length}/${COUNT} in seq order`,
    );
  }

  const dup = await post(tA, { clientMessageId: sent[0].clientMessageId, content: 'retry' });
  await sleep(300);
  check(
    dup.status === 200 && dup.body.messageId === sent[0].messageId && dup.body.seq === 1,
    `duplicate clientMessageId -> ${dup.status} same messageId/seq`,
  );
  check(
    Object.values(received).every((r) => r.length === COUNT),
    'duplicate emitted no second event',
  );

  const history = await api(
    ports[1],
    'GET',
    `/chats/${chatId}/messages?after=${COUNT - 50}&limit=100`,
    token(B),
  );
  const hs = history.body.messages ?? [];
  check(
    history.status === 200 && hs.length === 50 && hs.every((m, i) => m.seq === COUNT - 50 + i + 1),
    `GET messages after=${COUNT - 50} via process 2: ${hs.length} messages`,
  );

  latencyB.sort((a, b) => a - b);
  postMs.sort((a, b) => a - b);
  const f = (x) => x.toFixed(2);
  out(
    `delivery latency, post -> B on the other process (ms): p50 ${f(pct(latencyB, 50))}  p99 ${f(pct(latencyB, 99))}  max ${f(latencyB.at(-1))}`,
  );
  out(`POST /messages round trip (ms): p50 ${f(pct(postMs, 50))}  p99 ${f(pct(postMs, 99))}`);
} catch (err) {
  check(false, `smoke aborted: ${err?.stack ?? err}`);
} finally {
  await Promise.all(conns.map((c) => c.close()));
  const codes = await Promise.all(servers.map(stopServer));
  check(
    codes.every((c) => c === 0),
    `servers stopped on SIGTERM with exit codes ${codes.join(', ')}`,
  );
  if (redis.isOpen) {
    let deleted = 0;
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      const keys = Array.isArray(batch) ? batch : [batch];
      if (keys.length > 0) deleted += await redis.del(keys);
    }
    out(`deleted ${deleted} redis keys under ${prefix}`);
    await redis.close();
  }
}
out(failures === 0 ? 'SMOKE PASSED' : `SMOKE FAILED (${failures})`);
process.exit(failures === 0 ? 0 : 1);
