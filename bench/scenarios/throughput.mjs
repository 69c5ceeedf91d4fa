/**
 * Throughput: the highest send rate (HTTP accepted → recipient socket) a system sustains,
 * climbing the same ladder of rates for our system, the peer and the raw pipeline. Two
 * figures per system:
 *  - `maxRate`, the issue's: every message delivered and p99 under 100 ms;
 *  - `sustainedRate`: every message delivered and p99 under 1 s (the system keeps up, with
 *    a bounded queue), which still separates systems that never get p99 under 100 ms.
 * Each system first runs 5 s at the lowest rate, discarded (warm-up). A system stops
 * climbing at the first rate it does not sustain.
 */
import { agentStep, holds, rawStep } from '../lib/rate-run.mjs';

export const RATES = [50, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 4000, 6000];

export async function throughput(ctx, { seconds = 8, rates = RATES } = {}) {
  const result = {};
  for (const system of ctx.systems) {
    const run = (rate, s) =>
      system === 'raw' ? rawStep(ctx, rate, s) : agentStep(ctx, system, ctx.targets[system], rate, s);
    // Warm-up, discarded: the first requests pay for JIT compilation, pools and metadata.
    const warm = await run(rates[0], 5);
    ctx.progress(`throughput ${system}: warm-up at ${rates[0]}/s (discarded), p99 ${warm.latencyMs.p99} ms`);
    const steps = [];
    for (const rate of rates) {
      const step = await run(rate, seconds);
      step.holds = holds(step);
      step.sustained = holds(step, 1_000);
      steps.push(step);
      ctx.progress(
        `throughput ${system} ${rate}/s: p50 ${step.latencyMs.p50} p99 ${step.latencyMs.p99} ms, ` +
          `${step.received}/${step.sent} delivered, ${step.achievedRate}/s accepted — ` +
          (step.holds ? 'holds' : step.sustained ? 'sustained (p99 ≥ 100 ms)' : 'not sustained'),
      );
      if (!step.sustained) break;
    }
    const best = (key) => Math.max(0, ...steps.filter((s) => s[key]).map((s) => s.rate));
    result[system] = { maxRate: best('holds'), sustainedRate: best('sustained'), steps };
  }
  return result;
}
