/**
 * Percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value
 * at rank ceil(p / 100 * n) (1-based), so every reported figure is a value that was observed
 * (rounded to 0.1).
 *
 * @param {ArrayLike<number>} values latencies (any unit); not modified
 * @returns {{ p50: number | null, p95: number | null, p99: number | null, max: number | null, count: number }}
 *   all null (count 0) for an empty input
 */
export function percentiles(values) {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  if (count === 0) return { p50: null, p95: null, p99: null, max: null, count: 0 };
  // A tenth of a millisecond is finer than anything measured here resolves.
  const round = (v) => Math.round(v * 10) / 10;
  const at = (p) => round(sorted[Math.min(count, Math.max(1, Math.ceil((p / 100) * count))) - 1]);
  return { p50: at(50), p95: at(95), p99: at(99), max: round(sorted[count - 1]), count };
}
