/**
 * The systems a run measures, each started on its own and stopped before the next one starts,
 * so no system pays for another's idle processes (consumers polling, relays, timers) on the
 * shared cores.
 *
 *   ours         one api-gateway, one chat-service, one chatup-service
 *   ours-2x2     two api-gateways and two chat-services (one chatup-service): recipients' sockets
 *                on one gateway, their senders posting to the other, the command partitions
 *                split between the workers
 *   peer         two socket.io processes sharing Redis
 *   raw          the raw pipeline, one command per transaction (bench/raw/pipeline.mjs)
 *   raw-batched  the raw pipeline, one transaction per partition batch (`--batched`)
 */
import { PORTS, startService } from './ours.mjs';
import { startPeer, startRaw } from './others.mjs';

export const SYSTEMS = {
  ours: { kind: 'ours', gateways: 1, workers: 1, label: 'ours (1 gateway + 1 worker)' },
  'ours-2x2': { kind: 'ours', gateways: 2, workers: 2, label: 'ours (2 gateways + 2 workers)' },
  peer: { kind: 'peer', label: 'peer (socket.io + Redis)' },
  raw: { kind: 'raw', batched: false, label: 'raw pipeline, one command per transaction' },
  'raw-batched': { kind: 'raw', batched: true, label: 'raw pipeline, batched' },
};

/**
 * `raw` (the one-at-a-time design our worker had) is left out of the default run to keep it
 * near 35 minutes: it is not a ceiling for a batching worker. `--systems …,raw` adds it.
 */
export const DEFAULT_SYSTEMS = ['ours', 'ours-2x2', 'peer', 'raw-batched'];

/** The ports of the n-th (0-based) instance of each of our services. */
const OUR_PORTS = [
  { gateway: PORTS.gateway, chatService: PORTS.chatService },
  { gateway: 3304, chatService: 3305 },
];

/**
 * Starts `name` and points the context at it (`ctx.ours`, `ctx.peer` or `ctx.raw`, as the
 * scenarios expect). Resolves with the system: `{ name, kind, instances, stop() }`, where
 * `instances` are the processes whose CPU (and, for ours, `/metrics`) the scenarios read.
 */
export async function startSystem(ctx, name) {
  const spec = SYSTEMS[name];
  if (!spec) throw new Error(`unknown system ${name}; known: ${Object.keys(SYSTEMS).join(', ')}`);
  if (spec.kind === 'ours') {
    // Topics of its own per size: a backlog one size left in chat.commands must not be the
    // next size's work.
    ctx.serviceEnv.KAFKA_PREFIX = name === 'ours' ? `bench-${ctx.runId}-` : `bench-${ctx.runId}-${name}-`;
    const services = {};
    const instances = [];
    const add = (key, proc, port) => {
      services[key] = proc;
      instances.push({ name: key, proc, metricsUrl: `http://127.0.0.1:${port}/metrics` });
    };
    for (let i = 0; i < spec.workers; i++) {
      const key = i === 0 ? 'chat-service' : `chat-service-${i + 1}`;
      const port = OUR_PORTS[i].chatService;
      add(key, await startService(ctx, 'chat-service', { port, instance: key }), port);
    }
    add('chatup-service', await startService(ctx, 'chatup-service'), PORTS.chatupService);
    const gateways = [];
    for (let i = 0; i < spec.gateways; i++) {
      const key = i === 0 ? 'api-gateway' : `api-gateway-${i + 1}`;
      const port = OUR_PORTS[i].gateway;
      add(key, await startService(ctx, 'api-gateway', { port, instance: key }), port);
      gateways.push({ baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws` });
    }
    ctx.ours = { name, services, instances, gateways, ...gateways[0] };
    return {
      name,
      kind: 'ours',
      instances,
      stop: async () => {
        // Gateways first, then the workers: nothing is accepted that no worker will read.
        for (const proc of Object.values(ctx.ours.services).reverse()) await proc.stop();
        ctx.ours = undefined;
      },
    };
  }
  if (spec.kind === 'peer') {
    ctx.peer = await startPeer(ctx);
    return {
      name,
      kind: 'peer',
      instances: ctx.peer.servers.map((proc) => ({ name: proc.name, proc })),
      stop: async () => {
        for (const proc of ctx.peer.servers) await proc.stop();
        ctx.peer = undefined;
      },
    };
  }
  ctx.raw = await startRaw(ctx, { batched: spec.batched, isolation: ctx.rawIsolation });
  return {
    name,
    kind: 'raw',
    instances: [{ name: ctx.raw.worker.name, proc: ctx.raw.worker }],
    /** Stops the worker; resolves with the counts it logged on the way out (transactions, retries, …). */
    stop: async () => {
      const { worker } = ctx.raw;
      await worker.stop();
      ctx.raw = undefined;
      const line = worker.tail.find((l) => l.startsWith('raw worker stopped '));
      try {
        return line ? JSON.parse(line.slice('raw worker stopped '.length)) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
