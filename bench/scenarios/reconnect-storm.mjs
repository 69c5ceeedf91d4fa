/**
 * Reconnect storm: the connected clients (10,000) lose their sockets at once (a gateway
 * restart or a network blip), events for them pile up while they are away (a private chat
 * each), then they all reconnect at the same moment and catch up over `GET /sync`.
 * Measures the time until every client is back in sync.
 */
import { post } from '../lib/ours.mjs';
import { pool } from '../lib/pool.mjs';
import { percentiles } from '../raw/stats.mjs';
import { merge } from './connections.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

export async function reconnectStorm(ctx) {
  // The clients the connections scenario left connected.
  const users = ctx.stormUsers;
  const count = users.length;
  await ctx.agents.all('drop');
  const missed = await eventsWhileAway(ctx, users);
  ctx.progress(
    `reconnect storm: ${count} clients reconnecting at once (${missed} events each on average to catch up)…`,
  );
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

/** Pairs the clients up with a private chat each, so every client misses its `chat.created`. */
async function eventsWhileAway(ctx, users) {
  const pairs = [];
  for (let i = 0; i + 1 < users.length; i += 2) pairs.push([users[i], users[i + 1]]);
  await pool(pairs, 50, async ([a, b]) => {
    const res = await post(`${ctx.ours.baseUrl}/chats/private`, a.token, { userId: b.userId });
    if (res.status !== 202) throw new Error(`POST /chats/private answered ${res.status}`);
  });
  // Both members' events are in their logs once the chat's membership is stored.
  await waitForChats(ctx, pairs);
  // chat.created for both members, and command.succeeded (a stored event too) for the creator.
  return 1.5;
}

async function waitForChats(ctx, pairs) {
  const users = pairs.flat().map((u) => u.userId);
  const byPair = new Map();
  await waitUntil(async () => {
    const { rows } = await ctx.db.query(
      `SELECT chat_id, user_id FROM chat.chat_members WHERE user_id = ANY($1::UUID[]) ORDER BY chat_id, user_id`,
      [users],
    );
    const members = new Map();
    for (const row of rows) members.set(row.chat_id, [...(members.get(row.chat_id) ?? []), row.user_id]);
    for (const [chatId, ids] of members) if (ids.length === 2) byPair.set([...ids].sort().join('|'), chatId);
    return byPair.size >= pairs.length;
  });
  return pairs.map(([a, b]) => byPair.get([a.userId, b.userId].sort().join('|')));
}

async function waitUntil(check, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the events for the storm were not stored in time');
    await sleep(500);
  }
}
