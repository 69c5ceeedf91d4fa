/**
 * A load agent: one child process of `npm run bench` holding client sockets and sending
 * HTTP commands, as real clients would, so the load is not generated inside the process
 * that measures it. The orchestrator drives it over IPC (`bench/lib/agents.mjs`).
 *
 * Timing: every benchmark message carries, in its content, the `process.hrtime.bigint()`
 * of the moment it was due to be sent (`bench:<ns>`). hrtime reads CLOCK_MONOTONIC,
 * which is the same clock in every process of this machine, so a receiver in another
 * process computes the delivery latency by subtraction. Measuring from the *intended*
 * send time, not the actual one, keeps a slow sender from hiding queueing delay.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import WebSocket from 'ws';
import { pool } from './lib/pool.mjs';
import { connectPeer } from './peer/client.mjs';
import { percentiles } from './raw/stats.mjs';

const NS_PER_MS = 1e6;
/** Sockets, by client index, of this agent. */
const clients = new Map();
/** Latencies (ms) of benchmark messages received since the last `collect`. */
let latencies = [];
/** For the same messages: ms from the message's `createdAt` (when the server stored it) to its arrival. */
let sinceStored = [];
/** Frames received since the last `collect`, by type. */
let frameCounts = {};
let http;

/**
 * A request not answered in 30 s counts as failed (`error:UND_ERR_HEADERS_TIMEOUT`), as the
 * SDK gives a command up after 30 s; without the bound, a step against a system far past its
 * capacity waited minutes for its queue of requests.
 */
function dispatcher(localAddress) {
  http ??= new Agent({
    connections: 256,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
    localAddress,
  });
  return http;
}

/**
 * BENCH_TRACE=<dir>: every measured message's due time, answer time and delivery time are
 * written to <dir>/<tag>-<pid>.json when the step is collected, to see where in a step a
 * latency tail comes from (not used by the report).
 */
const TRACE = process.env.BENCH_TRACE;
let traced = [];
let answered = [];
let traceWrites = 0;

/** The step whose messages are being measured; stragglers of an earlier step are not counted. */
let activeTag = '';

/** Reads the due time out of a benchmark message (`bench:<ns>:<tag>:<k>`) and records how late it arrived. */
function received({ content, createdAt }) {
  if (typeof content !== 'string' || !content.startsWith('bench:')) return;
  const [, due, tag] = content.split(':');
  if (tag !== activeTag) return;
  latencies.push(Number(process.hrtime.bigint() - BigInt(due)) / NS_PER_MS);
  if (TRACE) traced.push({ k: Number(content.split(':')[3]), due, deliveredMs: latencies.at(-1) });
  if (createdAt) sinceStored.push(Date.now() - Date.parse(createdAt));
}

function count(type) {
  frameCounts[type] = (frameCounts[type] ?? 0) + 1;
}

/** Opens our `/ws` for one client; resolves with its `ready` frame's lastSeq. */
function connectOurs(client, { wsUrl, localAddress, timeoutMs = 30_000 }) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}?token=${client.token}`, {
      localAddress,
      perMessageDeflate: false,
    });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('no ready frame in time'));
    }, timeoutMs);
    socket.on('message', (raw) => {
      const frame = JSON.parse(raw.toString());
      count(frame.type);
      if (frame.seq !== undefined) client.lastSeq = Math.max(client.lastSeq ?? 0, frame.seq);
      if (frame.type === 'message.created') received(frame.data);
      else if (frame.type === 'chat.created') (client.chats ??= []).push(frame.data.id);
      else if (frame.type === 'ready') {
        clearTimeout(timer);
        client.lastSeq = frame.data.lastSeq;
        resolve(socket);
      }
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`closed ${code}`));
    });
  });
}

async function connectOne(system, client, options) {
  if (system === 'ours') {
    const socket = await connectOurs(client, options);
    return { close: () => closeWs(socket) };
  }
  const peer = await connectPeer({
    url: options.peerUrl,
    token: client.token,
    localAddress: options.localAddress,
    onMessage: (message) => {
      count('message.created');
      received(message);
    },
  });
  return peer;
}

function closeWs(socket) {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.close(1000);
    setTimeout(() => {
      socket.terminate();
      resolve();
    }, 5_000).unref();
  });
}

/** Connects `clients` (each `{ key, userId, token }`); resolves with counts and connect times. */
async function connect({ system, clients: list, concurrency = 200, ...options }) {
  const times = [];
  const failures = {};
  const began = performance.now();
  await pool(list, concurrency, async (client) => {
    const started = performance.now();
    try {
      const handle = await connectOne(system, client, options);
      client.handle = handle;
      clients.set(client.key, client);
      times.push(performance.now() - started);
    } catch (err) {
      const reason = err.message.slice(0, 80);
      failures[reason] = (failures[reason] ?? 0) + 1;
    }
  });
  return { connected: times.length, failures, ms: performance.now() - began, times };
}

/** Closes and forgets the clients named by `keys`, or every client. */
async function closeAll({ keys } = {}) {
  const chosen = keys ? keys.map((k) => clients.get(k)).filter(Boolean) : [...clients.values()];
  for (const c of chosen) clients.delete(c.key);
  await pool(chosen, 500, (c) => c.handle.close());
  return { closed: chosen.length };
}

/**
 * Open-loop sends at `rate` per second for `seconds`: every tick sends what is due, whether
 * or not earlier requests have been answered. `targets` are `{ token, chatId }`, used in turn.
 */
async function send({ system, baseUrl, rate, seconds, targets, localAddress, tag }) {
  const total = Math.round(rate * seconds);
  const statuses = {};
  let sent = 0;
  const agent = dispatcher(localAddress);
  const origin = new URL(baseUrl).origin;
  const start = process.hrtime.bigint();
  const intervalNs = 1e9 / rate;
  const lags = [];
  const done = [];
  const post = (k) => {
    const target = targets[k % targets.length];
    const due = start + BigInt(Math.round(k * intervalNs));
    lags.push(Number(process.hrtime.bigint() - due) / NS_PER_MS);
    const path = `/chats/${target.chatId}/messages`;
    const body = JSON.stringify({ clientMessageId: randomUUID(), content: `bench:${due}:${tag}:${k}` });
    done.push(
      request(origin + path, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${target.token}` },
        body,
      }).then(
        async (res) => {
          if (TRACE)
            answered.push({
              k,
              due: String(due),
              answeredMs: Number(process.hrtime.bigint() - due) / NS_PER_MS,
            });
          await res.body.dump();
          statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        },
        (err) => {
          const key = `error:${err.code ?? err.message}`;
          statuses[key] = (statuses[key] ?? 0) + 1;
        },
      ),
    );
  };
  await new Promise((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(Number(process.hrtime.bigint() - start) / intervalNs) + 1);
      while (sent < due) post(sent++);
      if (sent >= total) return resolve();
      // Sleep until the next message is due: waking every few ms whatever the rate, four
      // agents kept the two cores busy enough to double our system's latency at 50/s.
      const untilNextMs = (sent * intervalNs - Number(process.hrtime.bigint() - start)) / NS_PER_MS;
      setTimeout(tick, Math.max(1, Math.min(50, untilNextMs)));
    };
    tick();
  });
  const sendMs = Number(process.hrtime.bigint() - start) / NS_PER_MS;
  await Promise.all(done);
  const doneMs = Number(process.hrtime.bigint() - start) / NS_PER_MS;
  // How late the agent itself sent (a busy agent would charge its own delay to the system).
  const sendLagMs = percentiles(lags);
  return { system, sent, statuses, sendMs, doneMs, sendLagMs };
}

/** Drops every held socket (the client records stay, with their last seq). */
async function drop() {
  const list = [...clients.values()];
  await pool(list, 1000, (c) => c.handle.close());
  return { dropped: list.length };
}

/**
 * The reconnect storm: every dropped client reconnects at once, then fetches what it
 * missed with `GET /sync?after=<its last seq>` (paging until `hasMore` is false). A client
 * refused or failed backs off with jitter and tries again, as the SDK does. Resolves with
 * each client's time from the start to being in sync.
 */
async function reconnect({ wsUrl, baseUrl, localAddress }) {
  const list = [...clients.values()];
  const agent = dispatcher(localAddress);
  const times = [];
  const failures = {};
  let eventsSynced = 0;
  const began = performance.now();
  await Promise.all(
    list.map(async (client) => {
      // What the client had processed before it dropped; `ready` will tell the server's head.
      const after = client.lastSeq ?? 0;
      for (let attempt = 0; attempt < 6; attempt++) {
        try {
          const socket = await connectOurs(client, { wsUrl, localAddress });
          client.handle = { close: () => closeWs(socket) };
          let cursor = after;
          for (;;) {
            const res = await request(`${baseUrl}/sync?after=${cursor}&limit=500`, {
              dispatcher: agent,
              headers: { authorization: `Bearer ${client.token}` },
            });
            const page = await res.body.json();
            if (res.statusCode !== 200) throw new Error(`sync answered ${res.statusCode}`);
            eventsSynced += page.events.length;
            cursor = page.nextAfter;
            if (!page.hasMore) break;
          }
          client.lastSeq = Math.max(client.lastSeq, cursor);
          times.push(performance.now() - began);
          return;
        } catch (err) {
          const reason = err.message.slice(0, 80);
          failures[reason] = (failures[reason] ?? 0) + 1;
          await new Promise((r) => setTimeout(r, 250 * 2 ** attempt * (0.5 + Math.random())));
        }
      }
    }),
  );
  return {
    clients: list.length,
    resynced: times.length,
    failures,
    times,
    eventsSynced,
    ms: performance.now() - began,
  };
}

/** Returns and forgets what was received; `tag` (when given) names the step measured from now on. */
function collect({ tag } = {}) {
  const measured = activeTag;
  if (tag !== undefined) activeTag = tag;
  const result = { latencies, sinceStored, frameCounts, sockets: clients.size };
  if (TRACE && (traced.length > 0 || answered.length > 0)) {
    writeFileSync(
      join(TRACE, `${measured || 'untagged'}-${process.pid}-${++traceWrites}.json`),
      JSON.stringify({ traced, answered }),
    );
    traced = [];
    answered = [];
  }
  latencies = [];
  sinceStored = [];
  frameCounts = {};
  return result;
}

/** The chats each of `keys` has been told about (`chat.created`) so far. */
function chatsOf({ keys }) {
  return Object.fromEntries(keys.map((key) => [key, clients.get(key)?.chats ?? []]));
}

const OPS = { connect, closeAll, send, drop, reconnect, collect, chatsOf };

process.on('message', async ({ id, op, args }) => {
  try {
    const result = await OPS[op](args ?? {});
    process.send({ id, result });
  } catch (err) {
    process.send({ id, error: err.stack ?? String(err) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ ready: true });
