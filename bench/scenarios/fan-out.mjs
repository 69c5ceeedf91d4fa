/**
 * Fan-out: one message to a 1,000-member group, every member connected; the time until
 * every socket has it (the slowest member's latency), repeated a few times; also the time
 * from creating the group until every member was told `chat.created`. Our system (either
 * size) or the peer, with the members' sockets spread over the agents.
 */
import { split } from '../lib/agents.mjs';
import { post, seedUsers } from '../lib/ours.mjs';
import { assertAllConnected } from '../lib/pairs.mjs';
import { percentiles } from '../raw/stats.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

export async function fanOut(ctx, system, { members = 1000, messages = 5 } = {}) {
  const kind = system.kind;
  const users = await seedUsers(ctx, members, `fan${system.name.replace(/[^a-z0-9]/g, '')}`);
  const slices = split(users, ctx.agents.agents.length);
  // With several gateways the members are spread over them, agent i on gateway i (mod n).
  const connectArgs = (_, i) =>
    kind === 'ours'
      ? { system: kind, wsUrl: ctx.ours.gateways[i % ctx.ours.gateways.length].wsUrl, clients: slices[i] }
      : { system: kind, peerUrl: ctx.peer.urls[i % 2], clients: slices[i] };
  try {
    return await measure(ctx, system, users, slices, connectArgs, messages);
  } finally {
    await ctx.agents.all('closeAll');
  }
}

async function measure(ctx, system, users, slices, connectArgs, messages) {
  const kind = system.kind;
  const members = users.length;
  const [creator] = users;
  assertAllConnected(await ctx.agents.all('connect', connectArgs), members);
  const memberIds = users.slice(1).map((u) => u.userId);
  const { chatId, createdMs } =
    kind === 'ours'
      ? await createOurGroup(ctx, creator, memberIds, slices)
      : await createPeerGroup(ctx, creator, memberIds);
  const base = kind === 'ours' ? ctx.ours.baseUrl : ctx.peer.urls[0];
  const tag = `fan${system.name.replace(/[^a-z0-9]/g, '')}`;
  await ctx.agents.all('collect', () => ({ tag }));
  const rounds = [];
  for (let m = 0; m < messages; m++) {
    const due = process.hrtime.bigint();
    const res = await post(`${base}/chats/${chatId}/messages`, creator.token, {
      clientMessageId: crypto.randomUUID(),
      content: `bench:${due}:${tag}:${m}`,
    });
    if (res.status !== 202 && res.status !== 201) throw new Error(`fan-out send answered ${res.status}`);
    const latencies = [];
    const deadline = Date.now() + 30_000;
    while (latencies.length < members && Date.now() < deadline) {
      await sleep(50);
      for (const r of await ctx.agents.all('collect', () => ({ tag }))) latencies.push(...r.latencies);
    }
    const p = percentiles(latencies);
    rounds.push({ delivered: latencies.length, allMs: p.max, p50Ms: p.p50, p99Ms: p.p99 });
  }
  const all = rounds.map((r) => r.allMs).sort((a, b) => a - b);
  const result = {
    members,
    groupCreatedMs: createdMs,
    rounds,
    medianAllMs: all[Math.floor(all.length / 2)],
    delivered: rounds.every((r) => r.delivered === members),
  };
  ctx.progress(
    `fan-out ${system.name}: ${members} members, group created (every member told) in ${createdMs} ms, ` +
      `every socket had the message after ${result.medianAllMs} ms (median of ${messages})`,
  );
  return result;
}

/** Creates the group and waits until every member's socket was told `chat.created`. */
async function createOurGroup(ctx, creator, memberIds, slices) {
  const started = performance.now();
  const res = await post(`${ctx.ours.baseUrl}/chats/group`, creator.token, { name: 'fan-out', memberIds });
  if (res.status !== 202) throw new Error(`POST /chats/group answered ${res.status}`);
  for (;;) {
    const told = Object.assign(
      {},
      ...(await ctx.agents.all('chatsOf', (_, i) => ({ keys: slices[i].map((c) => c.key) }))),
    );
    const ids = Object.values(told).map((chats) => chats.at(-1));
    if (ids.every(Boolean) && ids.length === memberIds.length + 1)
      return { chatId: ids[0], createdMs: Math.round(performance.now() - started) };
    if (performance.now() - started > 60_000) throw new Error('the group was not created in 60 s');
    await sleep(100);
  }
}

async function createPeerGroup(ctx, creator, memberIds) {
  const started = performance.now();
  const res = await post(`${ctx.peer.urls[0]}/chats`, creator.token, { memberIds });
  if (res.status !== 201) throw new Error(`peer POST /chats answered ${res.status}`);
  return { chatId: res.body.chatId, createdMs: Math.round(performance.now() - started) };
}
