/**
 * Conversations for the throughput and latency scenarios: `count` pairs of users, each
 * pair with a private chat; the recipients hold sockets (spread over the agents), the
 * senders post over HTTP.
 */
import { split } from './agents.mjs';
import { post, seedUsers } from './ours.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Our system: `POST /chats/private` per pair, then waits until each recipient was told
 * `chat.created`. With several gateways, agent i's recipients connect to gateway i (mod n).
 * `label` keeps the users of one system's run apart from another's.
 */
export async function oursPairs(ctx, count, label = 'tp') {
  const senders = await seedUsers(ctx, count, `${label}s`);
  const recipients = await seedUsers(ctx, count, `${label}r`);
  const slices = split(recipients, ctx.agents.agents.length);
  const { gateways } = ctx.ours;
  const connected = await ctx.agents.all('connect', (_, i) => ({
    system: 'ours',
    wsUrl: gateways[i % gateways.length].wsUrl,
    clients: slices[i],
  }));
  assertAllConnected(connected, count);
  for (let i = 0; i < count; i++) {
    const res = await post(`${ctx.ours.baseUrl}/chats/private`, senders[i].token, {
      userId: recipients[i].userId,
    });
    if (res.status !== 202) throw new Error(`POST /chats/private answered ${res.status}`);
  }
  const deadline = Date.now() + 60_000;
  for (;;) {
    const told = Object.assign(
      {},
      ...(await ctx.agents.all('chatsOf', (_, i) => ({ keys: slices[i].map((c) => c.key) }))),
    );
    const chatIds = recipients.map((r) => told[r.key]?.[0]);
    if (chatIds.every(Boolean)) return senders.map((s, i) => ({ token: s.token, chatId: chatIds[i] }));
    if (Date.now() > deadline)
      throw new Error(`only ${chatIds.filter(Boolean).length}/${count} chats created`);
    await sleep(200);
  }
}

/** The peer: `POST /chats` per pair (answered with the chat id once stored). */
export async function peerPairs(ctx, count, label = 'pp') {
  const senders = await seedUsers(ctx, count, `${label}s`);
  const recipients = await seedUsers(ctx, count, `${label}r`);
  const slices = split(recipients, ctx.agents.agents.length);
  const connected = await ctx.agents.all('connect', (_, i) => ({
    system: 'peer',
    // Recipients on the second peer process, senders post to the first: messages cross Redis.
    peerUrl: ctx.peer.urls[1],
    clients: slices[i],
  }));
  assertAllConnected(connected, count);
  const targets = [];
  for (let i = 0; i < count; i++) {
    const res = await post(`${ctx.peer.urls[0]}/chats`, senders[i].token, {
      memberIds: [recipients[i].userId],
    });
    if (res.status !== 201) throw new Error(`peer POST /chats answered ${res.status}`);
    targets.push({ token: senders[i].token, chatId: res.body.chatId });
  }
  return targets;
}

export function assertAllConnected(results, expected) {
  const connected = results.reduce((n, r) => n + r.connected, 0);
  if (connected !== expected) {
    const failures = results.map((r) => r.failures);
    throw new Error(`${connected}/${expected} sockets connected: ${JSON.stringify(failures)}`);
  }
}
