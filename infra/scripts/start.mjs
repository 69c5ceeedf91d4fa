/**
 * `npm start`: the whole system on this machine. Starts the engines that are not
 * configured externally (downloading them on first use), builds, starts the three
 * services (each migrates its schema on start), waits until each is healthy, prints
 * where everything listens, and on Ctrl-C stops the services and the engines it started.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureEngines, stopEngines } from '../engines/index.mjs';
import { repoRoot } from './repo-root.mjs';
import { portOf, SERVICES } from './services.mjs';

const say = (line) => process.stdout.write(`[start] ${line}\n`);
const children = new Map();
let engines = { started: [] };
let stopping = false;

async function main() {
  const began = Date.now();
  say('starting engines (Kafka, Elasticsearch, PostgreSQL) unless external ones are configured…');
  engines = await ensureEngines({ log: (line) => process.stdout.write(`${line}\n`) });

  say('building the services (tsc)…');
  const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');

  const env = { ...process.env, ...engines.env };
  for (const service of SERVICES) {
    const port = portOf(service);
    const child = spawn(process.execPath, [join(repoRoot, service.main)], {
      cwd: repoRoot,
      env: { ...env, PORT: String(port) },
      stdio: 'inherit',
    });
    children.set(service.name, child);
    child.on('exit', (code, signal) => {
      children.delete(service.name);
      if (!stopping) {
        say(`${service.name} exited (${signal ?? code}); stopping everything`);
        void shutdown(1);
      }
    });
  }
  await Promise.all(SERVICES.map((s) => waitHealthy(s.name, portOf(s))));

  const gateway = `http://127.0.0.1:${portOf(SERVICES[2])}`;
  say(`all up in ${((Date.now() - began) / 1000).toFixed(1)} s`);
  for (const s of SERVICES) say(`  ${s.name.padEnd(15)} http://127.0.0.1:${portOf(s)}  (GET /health)`);
  say(`  pipeline canary  ${gateway}/health/pipeline`);
  for (const [name, value] of Object.entries(engines.env)) say(`  ${name}=${value}`);
  say('press Ctrl-C to stop');
}

async function waitHealthy(name, port, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(name)) throw new Error(`${name} exited before it was healthy`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} was not healthy within ${timeoutMs / 1000} s`);
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  say('stopping services…');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise((resolve) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => resolve(clearTimeout(kill)));
          child.kill('SIGTERM');
        }),
    ),
  );
  if (engines.started.length > 0) {
    say(`stopping engines started here: ${engines.started.join(', ')}`);
    await stopEngines(engines.started);
  }
  say('stopped');
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((err) => {
  say(`failed: ${err.message}`);
  void shutdown(1);
});
