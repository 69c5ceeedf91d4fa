/**
 * Throughput: the highest send rate (HTTP accepted → recipient socket) a system sustains.
 * Two figures per system:
 *  - `maxRate`, the issue's: every message delivered and p99 under 100 ms;
 *  - `sustainedRate`: every message delivered and p99 under 1 s (the system keeps up, with
 *    a bounded queue), which still separates systems that never get p99 under 100 ms.
 *
 * One run climbs a ladder of rates until a rung is not sustained, then refines the knee: it
 * bisects between the last sustained rate and the failed one (`bisect` times), and likewise
 * between the highest rate with p99 < 100 ms and the lowest above it without, so neither
 * figure is off by a whole ladder step. The run is repeated (`repeat`, 3 by default); later
 * runs start at the highest ladder rate the first run sustained (stepping down if it fails). The figures
 * reported are the medians of the runs' figures; every run and step is in the JSON.
 * The system first runs 5 s at the lowest rate, discarded (warm-up).
 */
import { agentStep, holds, rawStep } from '../lib/rate-run.mjs';

export const RATES = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 4000, 5000, 6000];

export async function throughput(
  ctx,
  system,
  { seconds = 6, rates = RATES, repeat = 3, bisect = 2, onStep = () => {} } = {},
) {
  const run = (rate, s) =>
    system.kind === 'raw'
      ? rawStep(ctx, rate, s, system.instances)
      : agentStep(ctx, system.kind, ctx.targets[system.name], rate, s, system.instances);
  // Warm-up, discarded: the first requests pay for JIT compilation, pools and metadata.
  const warm = await run(rates[0], 5);
  ctx.progress(
    `throughput ${system.name}: warm-up at ${rates[0]}/s (discarded), p99 ${warm.latencyMs.p99} ms`,
  );
  const runs = [];
  let startIndex = 0;
  for (let r = 0; r < repeat; r++) {
    const measure = async (rate) => {
      const step = await run(rate, seconds);
      step.holds = holds(step);
      step.sustained = holds(step, 1_000);
      ctx.progress(
        `throughput ${system.name} [run ${r + 1}/${repeat}] ${rate}/s: p50 ${step.latencyMs.p50} p99 ${step.latencyMs.p99} ms, ` +
          `${step.received}/${step.sent} delivered, ${step.achievedRate}/s accepted — ` +
          (step.holds ? 'holds' : step.sustained ? 'sustained (p99 ≥ 100 ms)' : 'not sustained'),
      );
      onStep(step);
      return step;
    };
    const result = await oneRun(measure, rates, startIndex, bisect, runs[0]?.maxRate ?? 0);
    runs.push(result);
    ctx.progress(
      `throughput ${system.name} run ${r + 1}/${repeat}: p99 < 100 ms up to ${result.maxRate}/s, sustained up to ${result.sustainedRate}/s`,
    );
    if (r === 0)
      startIndex = Math.max(
        0,
        rates.findLastIndex((rate) => rate <= result.sustainedRate),
      );
  }
  return {
    maxRate: median(runs.map((x) => x.maxRate)),
    sustainedRate: median(runs.map((x) => x.sustainedRate)),
    maxRates: runs.map((x) => x.maxRate),
    sustainedRates: runs.map((x) => x.sustainedRate),
    runs,
  };
}

/**
 * One run: climb (or step down) the ladder from `startIndex`, then bisect at both knees.
 * `holdsHint`, the first run's p99 < 100 ms figure, is where a later run looks for that knee.
 */
export async function oneRun(measure, rates, startIndex, bisect, holdsHint = 0) {
  const steps = [];
  const step = async (rate) => {
    const s = await measure(rate);
    steps.push(s);
    return s;
  };
  let i = startIndex;
  const first = await step(rates[i]);
  if (first.sustained) {
    while (steps.at(-1).sustained && i + 1 < rates.length) await step(rates[++i]);
  } else {
    while (!steps.at(-1).sustained && i > 0) await step(rates[--i]);
  }
  const sustained = () => knee(steps, 'sustained');
  for (let k = 0; k < bisect; k++) {
    const { below, above } = sustained();
    const mid = between(below, above);
    if (mid === undefined) break;
    await step(mid);
  }
  const held = () => knee(steps, 'holds');
  // A later run that started high may have no rate with p99 < 100 ms yet: measure the ladder
  // rate at (or below) the first run's figure, stepping down while it fails.
  if (held().below === 0) {
    let j = Math.max(
      0,
      rates.findLastIndex((rate) => rate <= holdsHint),
    );
    while (!steps.some((x) => x.rate <= rates[j])) {
      const st = await step(rates[j]);
      if (st.holds || j === 0) break;
      j--;
    }
  }
  for (let k = 0; k < bisect; k++) {
    const { below, above } = held();
    // Nothing held at the lowest rung: the figure is "below it", not worth a search; and a
    // gap within 20 % is as close as the noise between runs allows.
    if (below === 0 || above === undefined || above <= below * 1.2) break;
    // Far above (a later run's high start): the next ladder rate first, then halves.
    const next = rates.find((rate) => rate > below);
    const mid = next < above ? next : between(below, above);
    if (mid === undefined) break;
    await step(mid);
  }
  const s = sustained();
  const h = held();
  return {
    maxRate: h.below,
    sustainedRate: s.below,
    // Rates below a figure that failed it (noise from outside; none on a quiet machine).
    failedBelow: { sustained: s.noise, holds: h.noise },
    // The ladder ended with the system still keeping up: the figure is a lower bound.
    topOfLadder: s.above === undefined,
    steps,
  };
}

/**
 * The highest rate that met `key` ("below"), the lowest rate above it that did not ("above";
 * undefined if none did), and any lower rates that failed it (`noise`: on a quiet machine
 * there are none; the repeats' median is what absorbs them).
 */
function knee(steps, key) {
  const below = Math.max(0, ...steps.filter((s) => s[key]).map((s) => s.rate));
  const failed = steps.filter((s) => !s[key]).map((s) => s.rate);
  const above = failed.filter((r) => r > below).sort((a, b) => a - b)[0];
  return { below, above, noise: failed.filter((r) => r < below) };
}

/** A round rate halfway between two, or undefined when there is none worth measuring. */
function between(below, above) {
  if (below === 0 || above === undefined) return undefined;
  const mid = (below + above) / 2;
  const unit = mid < 200 ? 5 : mid < 1000 ? 10 : 50;
  const rate = Math.round(mid / unit) * unit;
  return rate > below && rate < above ? rate : undefined;
}

/** The median; of an even count, the lower middle (the conservative figure). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
