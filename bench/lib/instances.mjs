/**
 * What each process of a system did during a step: CPU seconds (from /proc) and, for our
 * services, the change of every `chat_*` counter on its `/metrics` (records consumed by type,
 * HTTP requests by route, pushes written to sockets), so a run with two gateways and two
 * workers shows each instance doing its part.
 */

/** CPU seconds and counters of every instance now. */
export async function snapshot(instances) {
  return Promise.all(
    instances.map(async (inst) => ({
      name: inst.name,
      at: performance.now(),
      cpuSeconds: inst.proc.running ? inst.proc.cpuSeconds() : null,
      counters: inst.metricsUrl ? await scrape(inst.metricsUrl).catch(() => null) : null,
    })),
  );
}

/** Per instance: CPU seconds spent and counters advanced between two snapshots. */
export function delta(before, after) {
  return Object.fromEntries(
    after.map((a, i) => {
      const b = before[i];
      const counters = {};
      if (a.counters && b.counters)
        for (const [series, value] of Object.entries(a.counters)) {
          const d = value - (b.counters[series] ?? 0);
          if (d > 0) counters[series] = Math.round(d);
        }
      const cpu = a.cpuSeconds !== null && b.cpuSeconds !== null ? a.cpuSeconds - b.cpuSeconds : null;
      return [
        a.name,
        {
          cpuSeconds: cpu === null ? null : Math.round(cpu * 100) / 100,
          // Wall-clock seconds between the two snapshots.
          seconds: Math.round((a.at - b.at) / 100) / 10,
          ...(a.counters ? { counters, handled: handled(a.name, counters) } : {}),
        },
      ];
    }),
  );
}

/** Adds per-instance deltas (e.g. of every step of a run) together. */
export function sum(deltas) {
  const out = {};
  for (const d of deltas)
    for (const [name, inst] of Object.entries(d ?? {})) {
      const o = (out[name] ??= { cpuSeconds: 0 });
      o.cpuSeconds = Math.round((o.cpuSeconds + (inst.cpuSeconds ?? 0)) * 100) / 100;
      if (!inst.counters) continue;
      o.counters ??= {};
      for (const [k, v] of Object.entries(inst.counters)) o.counters[k] = (o.counters[k] ?? 0) + v;
      o.handled = handled(name, o.counters);
    }
  return out;
}

/**
 * The work an instance did, from its counters: for a chat worker the `message.send` records it
 * consumed (`chat_messages_total`, fed by the envelope server); for a gateway the message POSTs
 * it answered, the pushes it wrote to sockets and the push records it consumed. `null` where the service does not
 * expose the counter (the report says which counter is missing).
 */
export function handled(name, counters) {
  const total = (test) => {
    const hits = Object.entries(counters).filter(([k]) => test(k));
    return hits.length ? hits.reduce((n, [, v]) => n + v, 0) : null;
  };
  if (name.startsWith('chat-service'))
    return {
      commands: total((k) => k.startsWith('chat_messages_total{') && k.includes('type="message.send"')),
      // Transactions of the batching worker (one per run of a partition's commands).
      runs: total((k) => k.startsWith('chat_command_run_size_count{')),
    };
  if (name.startsWith('api-gateway'))
    return {
      sends: total(
        (k) =>
          k.startsWith('chat_http_request_duration_seconds_count{') &&
          k.includes('method="POST"') &&
          k.includes('/messages'),
      ),
      pushes: total((k) => k.startsWith('chat_push_latency_seconds_count{')),
      // push.deliver records this gateway consumed (every gateway reads every one while pushes
      // are broadcast; with routing, only those for its own sockets).
      pushRecords: total((k) => k.startsWith('chat_messages_total{') && k.includes('type="push.deliver"')),
    };
  return {};
}

/** The `chat_*` counters (`…_total`, and histograms' `…_count`) of a Prometheus text page. */
async function scrape(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  const out = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('chat_')) continue;
    const space = line.lastIndexOf(' ');
    const series = line.slice(0, space);
    const name = series.split('{')[0];
    if (!name.endsWith('_total') && !name.endsWith('_count')) continue;
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value)) out[series] = value;
  }
  return out;
}
