/**
 * Throughput: the highest sustained send rate (HTTP accepted → recipient socket) at which
 * p99 stays under 100 ms, for our system, the peer and the raw pipeline, climbing the same
 * ladder of rates and stopping at the first rate a system does not hold.
 */
import { agentStep, holds, rawStep } from '../lib/rate-run.mjs';

export const RATES = [50, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000];

export async function throughput(ctx, { seconds = 8, rates = RATES } = {}) {
  const result = {};
  for (const system of ctx.systems) {
    const steps = [];
    for (const rate of rates) {
      const step =
        system === 'raw'
          ? await rawStep(ctx, rate, seconds)
          : await agentStep(ctx, system, ctx.targets[system], rate, seconds);
      step.holds = holds(step);
      steps.push(step);
      ctx.progress(
        `throughput ${system} ${rate}/s: p99 ${step.latencyMs.p99} ms, ${step.received}/${step.sent} delivered, ` +
          `${step.achievedRate}/s accepted — ${step.holds ? 'holds' : 'does not hold'}`,
      );
      if (!step.holds) break;
    }
    const held = steps.filter((s) => s.holds).map((s) => s.rate);
    result[system] = { maxRate: held.length ? Math.max(...held) : 0, steps };
  }
  return result;
}
