/**
 * Reconnect storm: `count` connected clients lose their sockets at once (a gateway restart
 * or a network blip), events for them pile up while they are away (a private chat and a
 * message for each), then they all reconnect at the same moment and catch up over
 * `GET /sync`. Measures the time until every client is back in sync.
 */
import { split } from '../lib/agents.mjs';
import { post } from '../lib/ours.mjs';
import { percentiles } from '../raw/stats.mjs';
import { merge } from './connections.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function reconnectStorm(ctx, { count = 10_000 } = {}) {
  const users = ctx.idleUsers.slice(0, count);
  const slices = split(users, ctx.agents.agents.length);
  ctx.progress(`reconnect storm: connecting ${count} clients…`);
  await ctx.agents.all('connect', (_, i) => ({ system: 'ours', wsUrl: ctx.ours.wsUrl, clients: slices[i] }));
  await ctx.agents.all('drop');
  const missed = await eventsWhileAway(ctx, users);
  ctx.progress(`reconnect storm: ${count} clients reconnecting at once (${missed} events each to catch up)…`);
  const results = await ctx.agents.all('reconnect', () => ({
    wsUrl: ctx.ours.wsUrl,
    baseUrl: ctx.ours.baseUrl,
  }));
  const resynced = results.reduce((n, r) => n + r.resynced, 0);
  const result = {
    clients: count,
    resynced,
    failures: merge(results.map((r) => r.failures)),
    eventsSynced: results.reduce((n, r) => n + r.eventsSynced, 0),
    eventsExpected: count * missed,
    allInSyncSeconds: Math.round(Math.max(...results.map((r) => r.ms)) / 100) / 10,
    inSyncMs: percentiles(results.flatMap((r) => r.times)),
  };
  ctx.progress(
    `reconnect storm: ${resynced}/${count} back in sync in ${result.allInSyncSeconds} s ` +
      `(p50 ${result.inSyncMs.p50} ms, p99 ${result.inSyncMs.p99} ms), ${result.eventsSynced} events fetched`,
  );
  await ctx.agents.all('closeAll');
  return result;
}

/** Pairs the clients up: one private chat and one message per pair, so each misses two events. */
async function eventsWhileAway(ctx, users) {
  const pairs = [];
  for (let i = 0; i + 1 < users.length; i += 2) pairs.push([users[i], users[i + 1]]);
  await pool(pairs, 50, async ([a, b]) => {
    const res = await post(`${ctx.ours.baseUrl}/chats/private`, a.token, { userId: b.userId });
    if (res.status !== 202) throw new Error(`POST /chats/private answered ${res.status}`);
  });
  const chatIds = await waitForChats(ctx, pairs);
  await pool(pairs, 50, async ([a], i) => {
    const res = await post(`${ctx.ours.baseUrl}/chats/${chatIds[i]}/messages`, a.token, {
      clientMessageId: crypto.randomUUID(),
      content: 'while you were away',
    });
    if (res.status !== 202) throw new Error(`POST /chats/:id/messages answered ${res.status}`);
  });
  // Both events of every pair are in the log once the last message is stored.
  await waitUntil(async () => {
    const { rows } = await ctx.db.query(
      `SELECT count(*)::INT AS n FROM messages WHERE chat_id = ANY($1::UUID[])`,
      [chatIds],
    );
    return rows[0].n >= pairs.length;
  });
  return 2;
}

async function waitForChats(ctx, pairs) {
  let rows = [];
  await waitUntil(async () => {
    ({ rows } = await ctx.db.query(
      `SELECT c.id, min(m.user_id)::TEXT AS a, max(m.user_id)::TEXT AS b FROM chats c JOIN chat_members m ON m.chat_id = c.id
        WHERE m.user_id = ANY($1::UUID[]) GROUP BY c.id HAVING count(*) = 2`,
      [pairs.flat().map((u) => u.userId)],
    ));
    return rows.length >= pairs.length;
  });
  const byPair = new Map(rows.map((r) => [`${r.a}|${r.b}`, r.id]));
  return pairs.map(([a, b]) => byPair.get([a.userId, b.userId].sort().join('|')));
}

async function waitUntil(check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the events for the storm were not stored in time');
    await sleep(500);
  }
}

async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i], i);
      }
    }),
  );
}
