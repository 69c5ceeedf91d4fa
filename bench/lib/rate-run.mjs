/**
 * One fixed-rate step: sends at `rate` messages/s for `seconds` and measures each message
 * from the moment it was due to the moment its recipient's socket had it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { percentiles } from '../raw/stats.mjs';
import { split } from './agents.mjs';
import { delta, snapshot } from './instances.mjs';
import { untilQuiet } from './quiet.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long after the last send the step waits for the stragglers. */
const DRAIN_MS = 10_000;
/**
 * A step with more than 1 % of its messages still missing this long after the sends ended
 * has p99 above this whatever arrives later: it is not sustained, and the drain stops there
 * (`cutShort`; its percentiles are of the messages delivered by then).
 */
const GIVE_UP_MS = 3_000;

/**
 * Where agent `i` sends: ours with several gateways posts to the gateway after the one its
 * recipients' sockets are on (`pairs.mjs` connects agent i to gateway i), so every message
 * crosses instances, as the peer's do.
 */
export function sendUrl(ctx, kind, i) {
  if (kind !== 'ours') return ctx.peer.urls[0];
  const { gateways } = ctx.ours;
  return gateways[(i + 1) % gateways.length].baseUrl;
}

/**
 * Our system or the peer, driven through the agents (`targets` from `pairs.mjs`). With
 * `instances` (startSystem's), the step also records each instance's CPU and counters.
 */
export async function agentStep(ctx, kind, targets, rate, seconds, instances) {
  const { agents } = ctx.agents;
  const idleBefore = await untilQuiet();
  const tag = `${kind}${rate}x${Date.now() % 1e6}`;
  await ctx.agents.all('collect', () => ({ tag })); // forget what earlier steps left
  const slices = split(targets, agents.length);
  const before = instances ? await snapshot(instances) : undefined;
  const sends = await ctx.agents.all('send', (_, i) => ({
    system: kind,
    baseUrl: sendUrl(ctx, kind, i),
    rate: rate / agents.length,
    seconds,
    targets: slices[i],
    tag,
  }));
  const statuses = {};
  for (const s of sends)
    for (const [k, v] of Object.entries(s.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const sent = sends.reduce((n, s) => n + s.sent, 0);
  const accepted = (statuses[202] ?? 0) + (statuses[201] ?? 0);
  const doneMs = Math.max(...sends.map((s) => s.doneMs));
  const latencies = [];
  const sinceStored = [];
  const drainStart = Date.now();
  let cutShort = false;
  for (;;) {
    for (const r of await ctx.agents.all('collect', () => ({ tag }))) {
      latencies.push(...r.latencies);
      sinceStored.push(...r.sinceStored);
    }
    if (latencies.length >= accepted || Date.now() > drainStart + DRAIN_MS) break;
    if (Date.now() > drainStart + GIVE_UP_MS && accepted - latencies.length > 0.01 * accepted) {
      cutShort = true;
      break;
    }
    await sleep(250);
  }
  const work = instances ? delta(before, await snapshot(instances)) : undefined;
  const step = summarize({
    rate,
    seconds,
    sent,
    accepted,
    received: latencies.length,
    doneMs,
    statuses,
    latencies,
  });
  // How idle the machine was before the step (1 = idle): a low figure means leftovers ran alongside.
  // The part after the server stored the message (its createdAt, wall clock, ms resolution).
  const sendLagMs = Object.fromEntries(
    ['p50', 'p99', 'max'].map((p) => [
      p,
      Math.round(Math.max(...sends.map((x) => x.sendLagMs[p] ?? 0)) * 10) / 10,
    ]),
  );
  return {
    ...step,
    storedToSocketMs: percentiles(sinceStored),
    sendLagMs,
    idleBefore,
    cutShort,
    ...(work ? { instances: work } : {}),
  };
}

/** The raw pipeline: its `load` role does the sending and the measuring in one process. */
export async function rawStep(ctx, rate, seconds, instances) {
  const idleBefore = await untilQuiet();
  const before = instances ? await snapshot(instances) : undefined;
  const step = await rawLoad(ctx, rate, seconds);
  const work = instances ? delta(before, await snapshot(instances)) : undefined;
  return { ...step, idleBefore, ...(work ? { instances: work } : {}) };
}

function rawLoad(ctx, rate, seconds) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        join(ctx.root, 'bench', 'raw', 'pipeline.mjs'),
        'load',
        '--brokers',
        ctx.serviceEnv.KAFKA_BROKERS,
        '--database-url',
        ctx.serviceEnv.DATABASE_URL,
        '--prefix',
        ctx.raw.prefix,
        '--rate',
        String(rate),
        '--seconds',
        String(seconds),
        // The size of our send command's envelope with the agents' short content.
        '--envelope-bytes',
        '400',
      ],
      { cwd: ctx.root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop();
      if (code !== 0 || !last) return reject(new Error(`raw load exited ${code}: ${err.slice(-800)}`));
      const r = JSON.parse(last);
      resolve({
        rate,
        seconds,
        sent: r.sent,
        accepted: r.sent - r.errors,
        received: r.received,
        achievedRate: r.achievedRate,
        latencyMs: r.latencyMs,
        statuses: { errors: r.errors },
        cutShort: r.cutShort,
      });
    });
  });
}

function summarize({ rate, seconds, sent, accepted, received, doneMs, statuses, latencies }) {
  return {
    rate,
    seconds,
    sent,
    accepted,
    received,
    achievedRate: Math.round((accepted / doneMs) * 1000 * 10) / 10,
    latencyMs: percentiles(latencies),
    statuses,
  };
}

/**
 * A step holds when the system kept up: p99 under the bound, everything sent was accepted
 * and delivered, and the senders reached the rate.
 */
export function holds(step, p99BoundMs = 100) {
  return (
    step.latencyMs.p99 < p99BoundMs &&
    step.accepted >= step.sent * 0.999 &&
    step.received >= step.accepted * 0.999 &&
    step.achievedRate >= step.rate * 0.95
  );
}
