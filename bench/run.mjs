/**
 * `npm run bench`: the benchmark (docs/benchmarks.md). Starts or reuses the engines, builds,
 * starts our services, the peer (socket.io + Redis) and the raw pipeline on a database and
 * Kafka prefix of this run's own, runs the scenarios with load agents in separate
 * processes, and writes `bench/results/<date>.json`, `.md` and `.svg`.
 *
 *   npm run bench                       every scenario
 *   npm run bench -- --only throughput,latency
 *   npm run bench -- --systems ours,raw --no-build
 *   npm run bench -- --profile          our services under --cpu-prof; hot spots in the results
 *   npm run bench -- --connections 2000 --storm 1000   a quick try at smaller sizes
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureEngines } from '../infra/engines/index.mjs';
import { startAgents } from './lib/agents.mjs';
import { addHistory } from './lib/background.mjs';
import { oursPairs, peerPairs } from './lib/pairs.mjs';
import { startOurs } from './lib/ours.mjs';
import { startPeer, startRaw, stopAll } from './lib/others.mjs';
import { summarise } from './lib/profile-summary.mjs';
import { writeReport } from './lib/report.mjs';
import { connections } from './scenarios/connections.mjs';
import { fanOut } from './scenarios/fan-out.mjs';
import { latency } from './scenarios/latency.mjs';
import { reconnectStorm } from './scenarios/reconnect-storm.mjs';
import { throughput } from './scenarios/throughput.mjs';

const SCENARIOS = { throughput, latency, fanOut, connections, reconnectStorm };
const root = fileURLToPath(new URL('..', import.meta.url));
const began = Date.now();
const progress = (line) => process.stdout.write(`[bench ${clock()}] ${line}\n`);
const clock = () => {
  const s = Math.floor((Date.now() - began) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function options(argv) {
  const value = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    only: value('only')?.split(',') ?? Object.keys(SCENARIOS),
    systems: value('systems')?.split(',') ?? ['ours', 'peer', 'raw'],
    build: !argv.includes('--no-build'),
    profile: argv.includes('--profile'),
    agents: Number(value('agents') ?? 4),
    // Smaller figures for a quick try of the harness; the are the defaults.
    connections: Number(value('connections') ?? 19_000),
    storm: Number(value('storm') ?? 10_000),
  };
}

async function main() {
  const opts = options(process.argv.slice(2));
  const unknown = opts.only.filter((s) => !SCENARIOS[s]);
  if (unknown.length)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const runId = randomBytes(3).toString('hex');
  const ctx = { root, runId, progress, systems: opts.systems, secret: randomBytes(32).toString('hex') };
  if (opts.profile) {
    ctx.profileDir = join(root, 'bench', 'results', 'profiles', runId);
    mkdirSync(ctx.profileDir, { recursive: true });
    ctx.nodeArgs = [
      '--cpu-prof',
      '--cpu-prof-dir',
      ctx.profileDir,
      '-r',
      join(root, 'bench', 'lib', 'exit-on-reraise.cjs'),
    ];
  }
  const results = {
    startedAt: new Date(began).toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      memoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    runId,
    systems: opts.systems,
    scenarios: {},
  };
  try {
    progress('engines: starting or reusing Kafka, PostgreSQL, Elasticsearch…');
    const engines = await ensureEngines({ log: (line) => progress(line) });
    if (opts.build) {
      progress('building the services (npm run build)…');
      if (spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0)
        throw new Error('build failed');
    }
    const env = {
      ...engines.env,
      ...pick(process.env, ['DATABASE_URL', 'KAFKA_BROKERS', 'ELASTICSEARCH_URL']),
    };
    const database = `bench_${runId}`;
    await adminQuery(env.DATABASE_URL, `CREATE DATABASE ${database}`);
    ctx.database = database;
    ctx.serviceEnv = {
      DATABASE_URL: withDatabase(env.DATABASE_URL, database),
      KAFKA_BROKERS: env.KAFKA_BROKERS,
      ELASTICSEARCH_URL: env.ELASTICSEARCH_URL,
      KAFKA_PREFIX: `bench-${runId}-`,
      JWT_ACCESS_SECRET: ctx.secret,
    };
    ctx.db = new pg.Pool({ connectionString: ctx.serviceEnv.DATABASE_URL, max: 4 });
    progress(`run ${runId}: database ${database}, Kafka prefix ${ctx.serviceEnv.KAFKA_PREFIX}`);
    if (opts.systems.includes('ours')) {
      progress('starting our services (chat-service, chatup-service, api-gateway)…');
      ctx.ours = await startOurs(ctx);
    }
    if (opts.systems.includes('peer')) {
      progress('starting the peer (2 socket.io processes on Redis)…');
      ctx.peer = await startPeer(ctx);
    }
    if (opts.systems.includes('raw')) {
      progress('starting the raw pipeline worker…');
      ctx.raw = await startRaw(ctx);
    }
    progress('adding a history of 20,000 chats to each database schema, then ANALYZE…');
    if (ctx.ours) await addHistory(ctx.db, 'public');
    if (ctx.raw) await addHistory(ctx.db, 'bench_raw');
    progress(`starting ${opts.agents} load agents…`);
    ctx.agents = await startAgents(opts.agents);
    if (opts.only.some((s) => s === 'throughput' || s === 'latency')) {
      progress('setting up 50 conversations per system…');
      ctx.targets = {};
      if (ctx.ours) ctx.targets.ours = await oursPairs(ctx, 50);
      if (ctx.peer) ctx.targets.peer = await peerPairs(ctx, 50);
    }
    for (const name of opts.only) {
      if ((name === 'connections' || name === 'reconnectStorm') && !ctx.ours) continue;
      if (name === 'reconnectStorm' && !ctx.stormUsers)
        await connections(ctx, { count: opts.storm, stormClients: opts.storm });
      progress(`scenario ${name}…`);
      const t0 = Date.now();
      try {
        const args =
          name === 'connections' ? { count: opts.connections, stormClients: opts.storm } : undefined;
        results.scenarios[name] = await SCENARIOS[name](ctx, args);
      } catch (err) {
        progress(`scenario ${name} failed: ${err.stack}`);
        results.scenarios[name] = { error: err.message };
      }
      progress(`scenario ${name} done in ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  } finally {
    results.durationSeconds = Math.round((Date.now() - began) / 1000);
    progress('stopping agents and services…');
    await ctx.agents?.stop();
    await stopAll(ctx);
    await ctx.db?.end();
    if (ctx.profileDir) results.profiles = profileSummaries(ctx);
    if (ctx.database)
      await adminQuery(
        ctx.serviceEnv.DATABASE_URL,
        `DROP DATABASE IF EXISTS ${ctx.database} WITH (FORCE)`,
        true,
      );
  }
  const files = writeReport(root, results);
  progress(`results: ${files.join(', ')} (${results.durationSeconds} s in all)`);
}

/** Hot spots of each profiled service process (see bench/lib/profile-summary.mjs). */
function profileSummaries(ctx) {
  const out = {};
  for (const file of readdirSync(ctx.profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    const pid = Number(file.split('.')[3]);
    const name = ctx.pidNames?.get(pid) ?? `pid ${pid}`;
    out[`${name} (${file})`] = summarise(JSON.parse(readFileSync(join(ctx.profileDir, file), 'utf8')), 15);
  }
  progress(`profiles in ${ctx.profileDir}`);
  return out;
}

function pick(source, keys) {
  return Object.fromEntries(keys.filter((k) => source[k]).map((k) => [k, source[k]]));
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs one statement on the server's `postgres` database (creating or dropping the run's own). */
async function adminQuery(url, sql, quiet = false) {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  try {
    await client.connect();
    await client.query(sql);
  } catch (err) {
    if (!quiet) throw err;
    progress(`warning: ${sql}: ${err.message}`);
  } finally {
    await client.end();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    progress(`failed: ${err.stack}`);
    process.exit(1);
  },
);
