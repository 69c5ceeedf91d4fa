/** The baselines' processes (the peer's two servers, the raw pipeline's worker) and the run's clean-up. */
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { createClient } from 'redis';
import { answers, BenchProcess } from './processes.mjs';

export const PEER_PORTS = [3310, 3311];

/** Two socket.io processes sharing Redis through the adapter, as the peer scales out. */
export async function startPeer(ctx) {
  const prefix = `bench-${ctx.runId}:`;
  const servers = PEER_PORTS.map(
    (port) =>
      new BenchProcess(
        `peer:${port}`,
        [
          join(ctx.root, 'bench', 'peer', 'server.mjs'),
          '--port',
          String(port),
          '--redis',
          process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
          '--prefix',
          prefix,
          '--jwt-secret',
          ctx.secret,
        ],
        process.env,
        { cwd: ctx.root },
      ),
  );
  ctx.peerPrefix = prefix;
  await Promise.all(
    servers.map((s, i) =>
      s.waitUntil('healthy', () => answers(`http://127.0.0.1:${PEER_PORTS[i]}/health`), 30_000),
    ),
  );
  return { servers, prefix, urls: PEER_PORTS.map((p) => `http://127.0.0.1:${p}`) };
}

/**
 * The raw pipeline's worker (its load role is started per step, see rate-run.mjs): one command
 * per transaction, or with `batched` one transaction per partition batch; `isolation` is
 * `serializable` (as our worker) or `read-committed`. Each variant has topics of its own.
 */
export async function startRaw(ctx, { batched = false, isolation = 'serializable' } = {}) {
  const prefix = `bench-${ctx.runId}-${batched ? 'rawb' : 'raw'}-`;
  const worker = new BenchProcess(
    batched ? 'raw-batched-worker' : 'raw-worker',
    [
      join(ctx.root, 'bench', 'raw', 'pipeline.mjs'),
      'worker',
      ...(batched ? ['--batched'] : []),
      '--isolation',
      isolation,
      '--brokers',
      ctx.serviceEnv.KAFKA_BROKERS,
      '--database-url',
      ctx.serviceEnv.DATABASE_URL,
      '--prefix',
      prefix,
    ],
    process.env,
    { cwd: ctx.root },
  );
  await worker.waitForLine('raw worker ready', 60_000);
  return { worker, prefix, batched, isolation };
}

/** Stops every process of the run and deletes the run's Kafka topics. */
export async function stopAll(ctx) {
  const procs = [
    ...Object.values(ctx.ours?.services ?? {}).reverse(),
    ...(ctx.peer?.servers ?? []),
    ...(ctx.raw ? [ctx.raw.worker] : []),
  ];
  for (const proc of procs) await proc.stop();
  if (ctx.peerPrefix)
    await deleteRedisKeys(ctx.peerPrefix).catch((err) => ctx.progress(`warning: ${err.message}`));
  if (!ctx.serviceEnv) return;
  const admin = new Kafka({
    clientId: 'bench-cleanup',
    brokers: ctx.serviceEnv.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`bench-${ctx.runId}-`));
    if (topics.length) await admin.deleteTopics({ topics });
  } catch (err) {
    ctx.progress(`warning: the run's topics were not deleted: ${err.message}`);
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the peer's keys of this run (Redis here keeps nothing on disk, but a long session adds up). */
async function deleteRedisKeys(prefix) {
  const redis = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  await redis.connect();
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 }))
      if (keys.length) await redis.del(keys);
  } finally {
    await redis.close();
  }
}
