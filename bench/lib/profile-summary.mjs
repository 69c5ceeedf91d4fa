/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by
 * package, idle and garbage collection apart, so the hot spots of a benchmark run can be
 * read without DevTools.   node bench/lib/profile-summary.mjs <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

export function summarise(profile, top = 25) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const intervals = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (intervals[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const fns = new Map();
  const packages = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    const where = callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '');
    const key = `${name} ${where}:${callFrame.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
    packages.set(packageOf(callFrame.url, name), (packages.get(packageOf(callFrame.url, name)) ?? 0) + us);
  }
  const rank = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({
        name: k,
        ms: Math.round(us / 1000),
        share: Math.round((us / total) * 1000) / 10,
      }));
  return { totalMs: Math.round(total / 1000), packages: rank(packages), functions: rank(fns) };
}

function packageOf(url, name) {
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') return name;
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.includes('/dist/')) return 'ours (dist)';
  if (url.startsWith('node:') || url === '') return 'node core / native';
  return url;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = summarise(JSON.parse(readFileSync(process.argv[2], 'utf8')), Number(process.argv[3] ?? 25));
  process.stdout.write(`total ${s.totalMs} ms\n\nby package:\n`);
  for (const p of s.packages)
    process.stdout.write(`  ${String(p.share).padStart(5)}%  ${p.ms} ms  ${p.name}\n`);
  process.stdout.write('\nby function (self time):\n');
  for (const f of s.functions)
    process.stdout.write(`  ${String(f.share).padStart(5)}%  ${f.ms} ms  ${f.name}\n`);
}
