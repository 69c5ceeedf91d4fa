/**
 * CPU per push record on a gateway that holds no sockets (issue 13, item 3).
 *
 *   node bench/push-cpu.mjs [--records 20000] [--rate <records/s> [--every 10]] [--recipients 2]
 *                           [--no-header] [--profile] [--root <dir with dist/>]
 *
 * Starts one gateway from `<root>/dist` (default: this checkout) on a database and a Kafka
 * prefix of its own, against the running engines (KAFKA_BROKERS, DATABASE_URL; defaults as
 * `npm start`'s), waits until it is ready and idle, then produces `--records` `push.deliver`
 * envelopes (random recipients, none of them connected, with the `x-push-recipients`
 * header unless `--no-header`) to its `push.events` from this process (in batches of 500 as
 * fast as the broker takes them, or a steady `--rate` sent every `--every` ms), and reads the
 * gateway's CPU time (/proc/<pid>/stat, user + system) from before the first record to the
 * moment its consumer group has committed the last one. The gateway's idle CPU over the
 * same time (measured for a few seconds before) is subtracted as well as reported.
 * `--profile` runs the gateway under `--cpu-prof` and prints the profile's summary.
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { answers, BenchProcess } from './lib/processes.mjs';
import { summarise } from './lib/profile-summary.mjs';

const { values: opts } = parseArgs({
  options: {
    records: { type: 'string', default: '20000' },
    recipients: { type: 'string', default: '2' },
    'no-header': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    root: { type: 'string', default: resolve(import.meta.dirname, '..') },
    port: { type: 'string', default: '3310' },
    rate: { type: 'string' },
    every: { type: 'string', default: '10' },
    // `counted`: wait for /metrics to count every record instead (for a consumer that commits rarely).
    until: { type: 'string', default: 'committed' },
  },
});
const N = Number(opts.records);
const root = resolve(opts.root);
const port = Number(opts.port);
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5433/chat';
const runId = `p${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const prefix = `pushcpu-${runId}-`;
const instance = `pushcpu-${runId}`;
const database = `pushcpu_${runId}`;

const { pushEnvelope, HEADERS } = await import(join(root, 'dist/libs/contracts/src/index.js'));
const headerName = HEADERS.pushRecipients ?? 'x-push-recipients';

const dbUrl = (name) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
async function admin(sql) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const kafka = new Kafka({ clientId: 'push-cpu', brokers, logLevel: logLevel.NOTHING });
const kadmin = kafka.admin();
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
let gateway;
const window = {};
const profileDir = opts.profile ? mkdtempSync(join(tmpdir(), 'push-cpu-prof-')) : undefined;

const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${gateway.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

/** Records of `topic` the gateway's group has not committed yet. */
async function lag(topic, groupId) {
  const ends = await kadmin.fetchTopicOffsets(topic);
  const [committed] = await kadmin.fetchOffsets({ groupId, topics: [topic] });
  const at = new Map(committed.partitions.map((p) => [p.partition, Number(p.offset)]));
  return ends.reduce((sum, p) => sum + Number(p.high) - Math.max(0, at.get(p.partition) ?? 0), 0);
}

/** `push.deliver` records the gateway has finished, whatever their outcome. */
async function counted() {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('chat_messages_total{') && l.includes('type="push.deliver"'))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
}

try {
  await admin(`CREATE DATABASE ${database}`);
  gateway = new BenchProcess(
    'api-gateway',
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      join(root, 'dist/apps/api-gateway/src/main.js'),
    ],
    {
      ...process.env,
      DATABASE_URL: dbUrl(database),
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_PREFIX: prefix,
      INSTANCE_ID: instance,
      JWT_ACCESS_SECRET: randomBytes(24).toString('hex'),
      LOG_SHIPPING: 'off',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    { cwd: root },
  );
  await gateway.waitUntil('ready', () => answers(`http://127.0.0.1:${port}/health/ready`), 120_000);
  await Promise.all([kadmin.connect(), producer.connect()]);
  const topic = `${prefix}push.events`;
  const groupId = `${prefix}api-gateway.${instance}`;

  // Serialised up front, so producing costs this process little and the gateway's pace rules.
  const batches = [];
  for (let i = 0; i < N; i += 500) {
    const messages = [];
    for (let j = i; j < Math.min(N, i + 500); j++) {
      const recipients = Array.from({ length: Number(opts.recipients) }, (_, k) => ({
        userId: randomUUID(),
        seq: j + k + 1,
      }));
      const chatId = randomUUID();
      const envelope = pushEnvelope(
        {
          type: 'message.created',
          data: {
            chatId,
            messageId: randomUUID(),
            senderId: recipients[0].userId,
            text: `bench push ${j}`,
            seq: j + 1,
          },
          recipients,
        },
        { correlationId: randomUUID() },
      );
      const headers = {
        [HEADERS.correlationId]: envelope.correlationId,
        [HEADERS.messageType]: envelope.type,
      };
      if (!opts['no-header']) headers[headerName] = recipients.map((r) => r.userId).join(',');
      messages.push({ key: chatId, value: JSON.stringify(envelope), headers });
    }
    batches.push(messages);
  }

  await sleep(3_000); // start-up work settles
  const idle0 = cpuSeconds();
  const idleT0 = performance.now();
  await sleep(5_000);
  const idleRate = (cpuSeconds() - idle0) / ((performance.now() - idleT0) / 1000);

  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  window.from = process.hrtime.bigint() / 1000n; // µs of the monotonic clock, as V8's profiles
  if (opts.rate) {
    // A steady stream: every `--every` ms the records due by then, as a chat worker publishes
    // each transaction's pushes after it commits.
    const perMs = Number(opts.rate) / 1000;
    const all = batches.flat();
    let sent = 0;
    while (sent < all.length) {
      const due = Math.min(all.length, Math.floor((performance.now() - t0) * perMs) + 1);
      if (due > sent) await producer.send({ topic, acks: -1, messages: all.slice(sent, due) });
      sent = Math.max(sent, due);
      await sleep(Number(opts.every));
    }
  } else for (const messages of batches) await producer.send({ topic, acks: -1, messages });
  const produced = performance.now();
  if (opts.until === 'counted') while ((await counted()) < N) await sleep(1_000);
  else while ((await lag(topic, groupId)) > 0) await sleep(200);
  window.to = process.hrtime.bigint() / 1000n;
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  const net = cpu - idleRate * wall;
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const counters = metrics
    .split('\n')
    .filter((l) => l.startsWith('chat_messages_total') && l.includes('push.deliver'));

  console.log(
    JSON.stringify(
      {
        root,
        records: N,
        recipientsPerRecord: Number(opts.recipients),
        header: !opts['no-header'],
        producedInS: +((produced - t0) / 1000).toFixed(2),
        drainedInS: +wall.toFixed(2),
        gatewayCpuS: +cpu.toFixed(2),
        idleCpuPerS: +idleRate.toFixed(4),
        msCpuPerRecord: +((cpu * 1000) / N).toFixed(4),
        msCpuPerRecordLessIdle: +((net * 1000) / N).toFixed(4),
        counters,
      },
      null,
      2,
    ),
  );
} finally {
  await producer.disconnect().catch(() => {});
  await kadmin.disconnect().catch(() => {});
  await gateway?.stop();
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
  if (profileDir) {
    for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
      const summary = summarise(during(JSON.parse(readFileSync(join(profileDir, file), 'utf8'))), 20);
      console.log(`profile ${join(profileDir, file)}, from the first record produced to the last committed:`);
      console.log(JSON.stringify(summary, null, 2));
    }
  }
}

/** `profile` with only the samples taken between `window.from` and `window.to`. */
function during(profile) {
  const samples = [];
  const timeDeltas = [];
  let at = BigInt(profile.startTime);
  profile.samples.forEach((id, i) => {
    at += BigInt(profile.timeDeltas[i]);
    if (at >= window.from && at <= window.to) {
      samples.push(id);
      timeDeltas.push(profile.timeDeltas[i]);
    }
  });
  return { ...profile, samples, timeDeltas };
}
