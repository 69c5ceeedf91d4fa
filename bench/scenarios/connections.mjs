/**
 * Connections: idle authenticated sockets held by one gateway process, and what each costs
 * in memory. The gateway is restarted first so its baseline is a fresh process; the
 * clients are spread over the agents, each from its own loopback address.
 */
import { split } from '../lib/agents.mjs';
import { seedUsers, startService } from '../lib/ours.mjs';
import { percentiles } from '../raw/stats.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

export async function connections(ctx, { count = 19_000, stormClients = 10_000 } = {}) {
  await ctx.ours.services['api-gateway'].stop();
  const gateway = await startService(ctx, 'api-gateway');
  ctx.ours.services['api-gateway'] = gateway;
  const entry = ctx.ours.instances.find((inst) => inst.name === 'api-gateway');
  if (entry) entry.proc = gateway;
  const users = await seedUsers(ctx, count, 'idle');
  await sleep(3_000);
  const rssBefore = gateway.rssBytes();
  ctx.progress(`connections: opening ${count} sockets (gateway RSS ${mb(rssBefore)} MB)…`);
  // In two waves: the first `stormClients` stay connected for the reconnect storm.
  const waves = [users.slice(0, stormClients), users.slice(stormClients)];
  const results = [];
  for (const wave of waves) {
    const slices = split(wave, ctx.agents.agents.length);
    results.push(
      ...(await ctx.agents.all('connect', (_, i) => ({
        system: 'ours',
        wsUrl: ctx.ours.wsUrl,
        clients: slices[i],
        concurrency: 100,
      }))),
    );
  }
  const connected = results.reduce((n, r) => n + r.connected, 0);
  const ms = results.reduce((sum, r) => sum + r.ms, 0) / ctx.agents.agents.length;
  // Let the connection-time garbage be collected before reading the resident size.
  await sleep(5_000);
  const rssAfter = gateway.rssBytes();
  const failures = merge(results.map((r) => r.failures));
  const result = {
    attempted: count,
    held: connected,
    failures,
    connectSeconds: round(ms / 1000),
    connectsPerSecond: round(connected / (ms / 1000)),
    connectMs: percentiles(results.flatMap((r) => r.times)),
    gatewayRssBeforeMB: mb(rssBefore),
    gatewayRssAfterMB: mb(rssAfter),
    bytesPerSocket: Math.round((rssAfter - rssBefore) / Math.max(connected, 1)),
  };
  ctx.progress(
    `connections: ${connected}/${count} held in ${result.connectSeconds} s; ` +
      `gateway RSS ${result.gatewayRssBeforeMB} → ${result.gatewayRssAfterMB} MB, ${result.bytesPerSocket} B per socket`,
  );
  const extra = split(waves[1], ctx.agents.agents.length);
  await ctx.agents.all('closeAll', (_, i) => ({ keys: extra[i].map((u) => u.key) }));
  ctx.stormUsers = waves[0];
  return result;
}

export function merge(maps) {
  const out = {};
  for (const m of maps) for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
  return out;
}

const mb = (bytes) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const round = (n) => Math.round(n * 10) / 10;
