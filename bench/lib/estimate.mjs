/**
 * A rough forecast of a run's duration, printed before it starts and refreshed after each
 * system: per system a ladder climbed to an assumed knee, a failed rung, the bisections, the
 * repeats, and the other scenarios. The knees are taken from the newest results file in
 * bench/results when it has them, else assumed (see KNEES); the forecast says which.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RATES } from '../scenarios/throughput.mjs';

/** Assumed sustained rates (msg/s) where no earlier run says otherwise: the targets and measurements. */
const KNEES = { ours: 1000, 'ours-2x2': 1000, peer: 1000, raw: 200, 'raw-batched': 2000 };
/** Seconds: a rung that holds costs its length plus the drain and the quiet wait; a failed one waits for the backlog. */
const PASS_EXTRA = 3.5;
const FAIL_EXTRA = 23;

export function previousKnees(root) {
  const dir = join(root, 'bench', 'results');
  try {
    const newest = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .at(-1);
    const t = JSON.parse(readFileSync(join(dir, newest), 'utf8')).scenarios?.throughput ?? {};
    return Object.fromEntries(
      Object.entries(t)
        .filter(([, r]) => typeof r?.sustainedRate === 'number')
        .map(([system, r]) => [system, r.sustainedRate]),
    );
  } catch {
    return {};
  }
}

/** Seconds one system takes, by scenario, under `opts` (run.mjs's options). */
export function systemSeconds(name, kind, opts, knee) {
  const pass = opts.rungSeconds + PASS_EXTRA;
  const fail = opts.rungSeconds + FAIL_EXTRA;
  const out = {
    start: (kind === 'ours' ? (name === 'ours-2x2' ? 5 : 3) * 12 : 6) + 15 + (kind === 'ours' ? 10 : 0),
  };
  if (opts.only.includes('throughput')) {
    const climbed = RATES.filter((r) => r <= knee).length;
    const refine = opts.bisect * ((pass + fail) / 2) + (knee > RATES[0] ? opts.bisect * pass : 0);
    const first = climbed * pass + fail + refine;
    const later = 2 * pass + fail + refine; // one more to find the p99 < 100 ms knee again
    out.throughput = 20 + 5 + pass + first + (opts.repeat - 1) * later;
  }
  if (opts.only.includes('latency'))
    out.latency = opts.latencyRates.length * (10 + PASS_EXTRA + (name === 'ours' ? 12 : 0));
  if (opts.only.includes('fanOut') && kind !== 'raw') out.fanOut = 30;
  if (name === 'ours') {
    if (opts.only.includes('connections')) out.connections = 20 + opts.connections / 220;
    if (opts.only.includes('reconnectStorm')) out.reconnectStorm = 30 + opts.storm / 40;
  }
  return out;
}

/** `{ total, bySystem, knees, source }` for the whole run. */
export function estimate(root, opts, kinds) {
  const previous = previousKnees(root);
  const knees = Object.fromEntries(opts.systems.map((s) => [s, previous[s] ?? KNEES[s] ?? 500]));
  const bySystem = Object.fromEntries(
    opts.systems.map((s) => {
      const parts = systemSeconds(s, kinds[s], opts, knees[s]);
      return [s, Math.round(Object.values(parts).reduce((a, b) => a + b, 0))];
    }),
  );
  const total = 60 + Object.values(bySystem).reduce((a, b) => a + b, 0);
  const source = opts.systems.map((s) => `${s} ${knees[s]}${previous[s] !== undefined ? ' (last run)' : ''}`);
  return { total, bySystem, knees, source: source.join(', ') };
}
