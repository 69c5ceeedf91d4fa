/**
 * `npm run bench`: the benchmark (docs/benchmarks.md). Starts or reuses the engines, builds,
 * then measures each system ALONE: starts it on a database and Kafka prefix of this run's
 * own, runs the scenarios against it with load agents in separate processes, stops it, and
 * goes on to the next. Writes `bench/results/<date>.json`, `.md` and `.svg`.
 *
 *   npm run bench                       every scenario, every system (an estimate is printed first)
 *   npm run bench -- --only throughput,latency
 *   npm run bench -- --systems ours,raw-batched --no-build
 *   npm run bench -- --repeat 1 --bisect 0   one climb of the ladder, no refinement
 *   npm run bench -- --raw-isolation serializable   the raw pipelines under SERIALIZABLE (default:
 *                                       our chat worker's, READ COMMITTED unless CHAT_COMMANDS_ISOLATION says)
 *   npm run bench -- --latency-rates 500,1000
 *   npm run bench -- --profile          our services under --cpu-prof; hot spots in the results
 *   npm run bench -- --connections 2000 --storm 1000   a quick try at smaller sizes
 *
 * Systems (bench/lib/systems.mjs): ours, ours-2x2, peer, raw-batched by default; raw on request.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureEngines } from '../infra/engines/index.mjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAgents } from './lib/agents.mjs';
import { addHistory } from './lib/background.mjs';
import { estimate } from './lib/estimate.mjs';
import { delta, snapshot } from './lib/instances.mjs';
import { untilQuiet } from './lib/quiet.mjs';
import { oursPairs, peerPairs } from './lib/pairs.mjs';
import { stopAll } from './lib/others.mjs';
import { summarise } from './lib/profile-summary.mjs';
import { DEFAULT_SYSTEMS, startSystem, SYSTEMS } from './lib/systems.mjs';
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
  const number = (name, fallback, min = 0) => {
    const n = Number(value(name) ?? fallback);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  };
  // By default the raw pipelines run under the isolation our chat worker runs its command
  // transactions under: READ COMMITTED unless CHAT_COMMANDS_ISOLATION=serializable (the
  // services get this process's environment, so both follow the same variable).
  const rawIsolation =
    value('raw-isolation') ??
    (process.env.CHAT_COMMANDS_ISOLATION === 'serializable' ? 'serializable' : 'read-committed');
  if (!['serializable', 'read-committed'].includes(rawIsolation))
    throw new Error('--raw-isolation must be serializable or read-committed');
  return {
    only: value('only')?.split(',') ?? Object.keys(SCENARIOS),
    systems: value('systems')?.split(',') ?? DEFAULT_SYSTEMS,
    build: !argv.includes('--no-build'),
    profile: argv.includes('--profile'),
    agents: number('agents', 4, 1),
    // Smaller figures for a quick try of the harness; the issue's are the defaults.
    connections: number('connections', 19_000, 1),
    storm: number('storm', 10_000, 1),
    repeat: number('repeat', 3, 1),
    bisect: number('bisect', 2),
    rungSeconds: number('rung-seconds', 6, 1),
    latencyRates: (value('latency-rates') ?? '500').split(',').map(Number),
    rawIsolation,
  };
}

async function main() {
  const opts = options(process.argv.slice(2));
  const unknown = opts.only.filter((s) => !SCENARIOS[s]);
  if (unknown.length)
    throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`);
  const unknownSystems = opts.systems.filter((s) => !SYSTEMS[s]);
  if (unknownSystems.length)
    throw new Error(
      `unknown system(s) ${unknownSystems.join(', ')}; known: ${Object.keys(SYSTEMS).join(', ')}`,
    );
  const runId = randomBytes(3).toString('hex');
  const ctx = {
    root,
    runId,
    progress,
    systems: opts.systems,
    secret: randomBytes(32).toString('hex'),
    rawIsolation: opts.rawIsolation,
  };
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
  const kinds = Object.fromEntries(opts.systems.map((s) => [s, SYSTEMS[s].kind]));
  const forecast = estimate(root, opts, kinds);
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
    labels: Object.fromEntries(opts.systems.map((s) => [s, SYSTEMS[s].label])),
    options: { ...opts, build: undefined, profile: undefined },
    estimateSeconds: forecast.total,
    idle: {},
    scenarios: {},
  };
  progress(
    `estimate: about ${Math.round(forecast.total / 60)} min (${opts.systems
      .map((s) => `${s} ${Math.round(forecast.bySystem[s] / 60)}`)
      .join(', ')} min; assumed sustained rates: ${forecast.source})`,
  );
  try {
    progress('engines: starting or reusing Kafka, PostgreSQL, Elasticsearch…');
    const engines = await ensureEngines({ log: (line) => progress(line) });
    if (opts.build && opts.systems.some((s) => kinds[s] === 'ours')) {
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
      // The scenarios' own users create and fill groups far faster than a person would.
      GROUPS_PER_HOUR: '100000',
      GROUP_MEMBER_ADDS_PER_HOUR: '10000000',
    };
    ctx.db = new pg.Pool({ connectionString: ctx.serviceEnv.DATABASE_URL, max: 4 });
    progress(`run ${runId}: database ${database}, Kafka prefix ${ctx.serviceEnv.KAFKA_PREFIX}`);
    progress(`starting ${opts.agents} load agents…`);
    ctx.agents = await startAgents(opts.agents);
    const historyAdded = new Set();
    for (const [index, name] of opts.systems.entries()) {
      const t0 = Date.now();
      progress(
        `system ${name} (${index + 1}/${opts.systems.length}): starting ${SYSTEMS[name].label}, the others stopped…`,
      );
      const system = await startSystem(ctx, name);
      try {
        // Ours and the raw pipelines get the same history in their schemas, once (see background.mjs).
        const schema = { ours: 'chat', raw: 'bench_raw' }[system.kind];
        if (schema && !historyAdded.has(schema)) {
          progress(`adding a history of 20,000 chats to schema ${schema}, then ANALYZE…`);
          await addHistory(ctx.db, schema);
          historyAdded.add(schema);
        }
        results.idle[name] = await idleCost(system);
        await runScenarios(ctx, system, opts, results);
      } finally {
        await ctx.agents.all('closeAll').catch(() => undefined);
        const stats = await system.stop();
        // The raw workers' own counts over the whole system run: transactions, serialization
        // retries, commands per transaction, time per statement.
        if (stats) (results.workerStats ??= {})[name] = stats;
      }
      const left = opts.systems.slice(index + 1).reduce((n, s) => n + forecast.bySystem[s], 0);
      progress(
        `system ${name} done in ${Math.round((Date.now() - t0) / 1000)} s (estimated ${forecast.bySystem[name]} s); ` +
          `about ${Math.round(left / 60)} min to go`,
      );
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
  progress(
    `results: ${files.join(', ')} (${results.durationSeconds} s in all; estimated ${forecast.total} s)`,
  );
}

/** The scenarios of `--only` that apply to `system`, in order; each one's result under its system's name. */
async function runScenarios(ctx, system, opts, results) {
  const name = system.name;
  if (opts.only.some((s) => s === 'throughput' || s === 'latency') && system.kind !== 'raw') {
    progress(`setting up 50 conversations for ${name}…`);
    const label = `tp${name.replace(/[^a-z0-9]/g, '')}`;
    ctx.targets = {
      [name]: system.kind === 'ours' ? await oursPairs(ctx, 50, label) : await peerPairs(ctx, 50, label),
    };
  }
  for (const scenario of opts.only) {
    // Connections and the storm are about one gateway process: ours with one gateway only.
    if ((scenario === 'connections' || scenario === 'reconnectStorm') && name !== 'ours') continue;
    if (scenario === 'fanOut' && system.kind === 'raw') continue;
    // The storm reconnects every client the agents hold: only the connections scenario's.
    if (scenario === 'connections' || (scenario === 'reconnectStorm' && !ctx.stormUsers))
      await ctx.agents.all('closeAll');
    if (scenario === 'reconnectStorm' && !ctx.stormUsers)
      await connections(ctx, { count: opts.storm, stormClients: opts.storm });
    // A system that fell behind in the previous scenario keeps working off its backlog for a
    // while; the next scenario should not measure that. Immediate on a quiet machine.
    if (scenario !== opts.only[0]) {
      const idle = await untilQuiet({ timeoutMs: 90_000 });
      if (idle < 0.8)
        progress(`warning: the machine was still busy (${Math.round(idle * 100)} % idle) after 90 s`);
    }
    progress(`scenario ${scenario} for ${name}…`);
    const t0 = Date.now();
    const out = (results.scenarios[scenario] ??= {});
    try {
      if (scenario === 'throughput')
        out[name] = await throughput(ctx, system, {
          seconds: opts.rungSeconds,
          repeat: opts.repeat,
          bisect: opts.bisect,
        });
      else if (scenario === 'latency') out[name] = await latency(ctx, system, { rates: opts.latencyRates });
      else if (scenario === 'fanOut') out[name] = await fanOut(ctx, system);
      else if (scenario === 'connections')
        results.scenarios.connections = await connections(ctx, {
          count: opts.connections,
          stormClients: opts.storm,
        });
      else results.scenarios.reconnectStorm = await reconnectStorm(ctx);
    } catch (err) {
      progress(`scenario ${scenario} for ${name} failed: ${err.stack}`);
      if (scenario === 'connections' || scenario === 'reconnectStorm')
        results.scenarios[scenario] = { error: err.message };
      else out[name] = { error: err.message };
    }
    progress(`scenario ${scenario} for ${name} done in ${Math.round((Date.now() - t0) / 1000)} s`);
  }
}

/**
 * CPU each process of a freshly started system spends doing nothing, over 10 s: what an extra
 * instance costs before it handles anything (consumers polling, heartbeats, timers).
 */
async function idleCost(system) {
  const before = await snapshot(system.instances);
  await sleep(10_000);
  const spent = delta(before, await snapshot(system.instances));
  const out = Object.fromEntries(
    Object.entries(spent).map(([inst, d]) => [
      inst,
      { cpuPercent: Math.round((d.cpuSeconds ?? 0) * 10 * 10) / 10 },
    ]),
  );
  progress(
    `idle CPU of ${system.name}: ${Object.entries(out)
      .map(([inst, d]) => `${inst} ${d.cpuPercent} %`)
      .join(', ')}`,
  );
  return out;
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
