/**
 * One fixed-rate step: sends at `rate` messages/s for `seconds` and measures each message
 * from the moment it was due to the moment its recipient's socket had it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { percentiles } from '../raw/stats.mjs';
import { split } from './agents.mjs';
import { untilQuiet } from './quiet.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long after the last send the step waits for the stragglers. */
const DRAIN_MS = 10_000;

/** Our system or the peer, driven through the agents (`targets` from `pairs.mjs`). */
export async function agentStep(ctx, system, targets, rate, seconds) {
  const { agents } = ctx.agents;
  const idleBefore = await untilQuiet();
  const tag = `${system}${rate}x${Date.now() % 1e6}`;
  await ctx.agents.all('collect', () => ({ tag })); // forget what earlier steps left
  const slices = split(targets, agents.length);
  const baseUrl = system === 'ours' ? ctx.ours.baseUrl : ctx.peer.urls[0];
  const sends = await ctx.agents.all('send', (_, i) => ({
    system,
    baseUrl,
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
  const deadline = Date.now() + DRAIN_MS;
  for (;;) {
    for (const r of await ctx.agents.all('collect', () => ({ tag }))) {
      latencies.push(...r.latencies);
      sinceStored.push(...r.sinceStored);
    }
    if (latencies.length >= accepted || Date.now() > deadline) break;
    await sleep(250);
  }
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
  return { ...step, storedToSocketMs: percentiles(sinceStored), sendLagMs, idleBefore };
}

/** The raw pipeline: its `load` role does the sending and the measuring in one process. */
export async function rawStep(ctx, rate, seconds) {
  const idleBefore = await untilQuiet();
  const step = await rawLoad(ctx, rate, seconds);
  return { ...step, idleBefore };
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
