/** Writes a run's results: the JSON, a Markdown summary and an SVG chart, under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const COLORS = { ours: '#2563eb', peer: '#f59e0b', raw: '#6b7280' };
const NAMES = { ours: 'ours', peer: 'peer (socket.io + Redis)', raw: 'raw pipeline' };

export function writeReport(root, results) {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.replace(/:/g, '-').replace(/\..*/, '');
  results.ratios = ratios(results);
  const base = join(dir, stamp);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.svg`, chart(results));
  writeFileSync(`${base}.md`, markdown(results, `${stamp}.svg`));
  return [`${base}.json`, `${base}.md`, `${base}.svg`];
}

/** Our throughput as a fraction of the raw pipeline's and of the peer's. */
export function ratios(results) {
  const t = results.scenarios.throughput;
  if (!t || t.error) return {};
  const r = (a, b) => (b ? Math.round(((a ?? 0) / b) * 100) / 100 : null);
  return {
    oursVsRaw: r(t.ours?.maxRate, t.raw?.maxRate),
    oursVsPeer: r(t.ours?.maxRate, t.peer?.maxRate),
    sustainedOursVsRaw: r(t.ours?.sustainedRate, t.raw?.sustainedRate),
    sustainedOursVsPeer: r(t.ours?.sustainedRate, t.peer?.sustainedRate),
    goals: { oursVsRaw: 0.5, oursVsPeer: 1.0 },
  };
}

function markdown(results, svgName) {
  const s = results.scenarios;
  const lines = [
    `# Benchmark run ${results.runId} — ${results.startedAt}`,
    '',
    `Machine: ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGB} GB, Node ${results.machine.node}. ` +
      `Took ${results.durationSeconds} s.`,
    '',
    `![results](${svgName})`,
    '',
  ];
  if (s.throughput) {
    lines.push(
      '## Throughput',
      '',
      'max rate: every message delivered and p99 < 100 ms; sustained: delivered and p99 < 1 s.',
      '',
      '| system | max rate (msg/s) | sustained (msg/s) | steps (rate: p50 / p99 ms; (s) sustained only, ✗ neither) |',
      '|---|---|---|---|',
    );
    for (const [system, r] of Object.entries(s.throughput)) {
      if (system === 'error') continue;
      const steps = r.steps
        .map(
          (st) =>
            `${st.rate}: ${st.latencyMs.p50} / ${st.latencyMs.p99}${st.holds ? '' : st.sustained ? ' (s)' : ' ✗'}`,
        )
        .join(', ');
      lines.push(`| ${NAMES[system]} | ${r.maxRate} | ${r.sustainedRate} | ${steps} |`);
    }
    const ra = results.ratios;
    lines.push(
      '',
      `Max rate, ours ÷ raw: **${ra.oursVsRaw ?? 'n/a'}** (goal ≥ 0.5); ours ÷ peer: **${ra.oursVsPeer ?? 'n/a'}** (goal ≥ 1.0).`,
      `Sustained, ours ÷ raw: **${ra.sustainedOursVsRaw ?? 'n/a'}**; ours ÷ peer: **${ra.sustainedOursVsPeer ?? 'n/a'}**.`,
      '',
    );
  }
  if (s.latency) {
    lines.push(
      '## Latency at a fixed 1,000 messages/s',
      '',
      '| system | p50 ms | p95 ms | p99 ms | max ms | delivered |',
      '|---|---|---|---|---|---|',
    );
    for (const [system, r] of Object.entries(s.latency)) {
      if (system === 'error') continue;
      const l = r.latencyMs;
      lines.push(
        `| ${NAMES[system]} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${r.received}/${r.sent} |`,
      );
    }
    lines.push('');
  }
  if (s.fanOut) {
    lines.push(
      '## Fan-out to a 1,000-member group',
      '',
      '| system | every socket has it (median ms) | rounds (ms) | group created (ms) |',
      '|---|---|---|---|',
    );
    for (const [system, r] of Object.entries(s.fanOut)) {
      if (system === 'error') continue;
      lines.push(
        `| ${NAMES[system]} | ${r.medianAllMs} | ${r.rounds.map((x) => x.allMs).join(', ')} | ${r.groupCreatedMs} |`,
      );
    }
    lines.push('');
  }
  if (s.connections && !s.connections.error) {
    const c = s.connections;
    lines.push(
      '## Idle connections on one gateway process',
      '',
      `${c.held}/${c.attempted} held (connected in ${c.connectSeconds} s, ${c.connectsPerSecond}/s); gateway RSS ` +
        `${c.gatewayRssBeforeMB} → ${c.gatewayRssAfterMB} MB: **${c.bytesPerSocket} bytes per socket**.`,
      '',
    );
  }
  if (s.reconnectStorm && !s.reconnectStorm.error) {
    const r = s.reconnectStorm;
    lines.push(
      '## Reconnect storm',
      '',
      `${r.resynced}/${r.clients} clients reconnected and caught up (${r.eventsSynced}/${r.eventsExpected} events) in ` +
        `**${r.allInSyncSeconds} s**; per client p50 ${r.inSyncMs.p50} ms, p99 ${r.inSyncMs.p99} ms. Failures retried: ${JSON.stringify(r.failures)}.`,
      '',
    );
  }
  for (const [name, r] of Object.entries(s)) if (r.error) lines.push(`**${name} failed:** ${r.error}`, '');
  return `${lines.join('\n')}\n`;
}

/** Two panels: max throughput per system, and latency percentiles at 1,000 msg/s. */
function chart(results) {
  const W = 900;
  const H = 360;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  const t = results.scenarios.throughput;
  if (t && !t.error) {
    const bars = Object.entries(t).flatMap(([system, r]) => [
      { system, label: `${system} p99<100ms`, value: r.maxRate },
      { system, label: `${system} p99<1s`, value: r.sustainedRate },
    ]);
    parts.push(panel(20, 'Throughput, msg/s (all delivered)', bars));
  }
  const l = results.scenarios.latency;
  if (l && !l.error) {
    const bars = Object.entries(l).flatMap(([system, r]) =>
      ['p50', 'p95', 'p99'].map((p) => ({ system, label: `${system} ${p}`, value: r.latencyMs[p] })),
    );
    parts.push(panel(470, 'Delivery latency at 1,000 msg/s, ms', bars));
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function panel(x0, title, bars) {
  const width = 410;
  const height = 260;
  const top = 50;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const slot = width / Math.max(bars.length, 1);
  const out = [`<text x="${x0}" y="28" font-size="14" font-weight="bold">${escape(title)}</text>`];
  out.push(`<line x1="${x0}" y1="${top + height}" x2="${x0 + width}" y2="${top + height}" stroke="#999"/>`);
  bars.forEach((b, i) => {
    const h = ((b.value ?? 0) / max) * (height - 20);
    const x = x0 + i * slot + slot * 0.15;
    const w = slot * 0.7;
    const y = top + height - h;
    out.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${COLORS[b.system]}"/>`,
    );
    out.push(
      `<text x="${(x + w / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${b.value ?? 'n/a'}</text>`,
    );
    out.push(
      `<text x="${(x + w / 2).toFixed(1)}" y="${top + height + 16}" text-anchor="middle" font-size="${bars.length > 4 ? 10 : 12}">${escape(b.label)}</text>`,
    );
  });
  return out.join('\n');
}

const escape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
