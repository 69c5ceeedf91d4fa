/**
 * Engine manager: brings up the engines the project needs (PostgreSQL, Kafka, Elasticsearch)
 * as detached background daemons under `<repo>/.data/`, reuses them across commands, stops
 * them on request. Used by `infra/engines/cli.mjs` and by jest's global setup/teardown.
 *
 * An engine whose env var (DATABASE_URL, KAFKA_BROKERS, ELASTICSEARCH_URL) is already set is
 * "external": never started or stopped here, its value is passed through.
 *
 * Each engine module (postgres.mjs, kafka.mjs, elasticsearch.mjs) provides: name, envVar,
 * pidFile, logFile, url(), ports(), markers() (strings on its command line), start({log}) →
 * pid, healthy(url) → boolean, optional ready(), stopSignal, startTimeoutMs, stopTimeoutMs.
 */
import path from 'node:path';
import elasticsearch from './elasticsearch.mjs';
import kafka from './kafka.mjs';
import postgres from './postgres.mjs';
import { LOCK_DIR } from './paths.mjs';
import {
  elapsed,
  engineError,
  findProcess,
  isAlive,
  isOurProcess,
  portInUse,
  readPidFile,
  removeFile,
  sleep,
  stopProcess,
  waitUntilHealthy,
  withLock,
  writePidFile,
} from './process-utils.mjs';

const ENGINES = { postgres, kafka, elasticsearch };
export const ENGINE_NAMES = Object.keys(ENGINES);

const PORT_VARS = { postgres: 'POSTGRES_PORT', kafka: 'KAFKA_PORT', elasticsearch: 'ELASTICSEARCH_PORT' };

function select(names = ENGINE_NAMES) {
  const unknown = names.filter((n) => !ENGINES[n]);
  if (unknown.length)
    throw new Error(`[engines] unknown engine(s): ${unknown.join(', ')} (known: ${ENGINE_NAMES.join(', ')})`);
  return names.map((n) => ENGINES[n]);
}

const lockOf = (engine) => path.join(LOCK_DIR, `${engine.name}.lock`);
const checkQuietly = (engine, url) => engine.healthy(url).catch(() => false);

/**
 * Pid of our running engine, or null. A pid file whose process is gone (or is now some other
 * program) is removed. If the pid file was lost while the engine still runs, it is found by
 * its command line and the pid file rewritten, so it can still be reused and stopped.
 */
function runningPid(engine) {
  const markers = engine.markers();
  const pid = readPidFile(engine.pidFile);
  if (pid && isOurProcess(pid, markers)) return pid;
  if (pid) removeFile(engine.pidFile);
  const found = findProcess(markers);
  if (found) writePidFile(engine.pidFile, found);
  return found;
}

/** Brings one engine up (or finds it up). Resolves to 'external' | 'reused' | 'started'. */
async function ensureOne(engine, log) {
  const external = process.env[engine.envVar];
  if (external) {
    const ok = await checkQuietly(engine, external);
    log(
      `[engines] ${engine.name}: external (${engine.envVar}=${external})${ok ? '' : ' — WARNING: it does not answer'}`,
    );
    return 'external';
  }
  const url = engine.url();
  // The lock makes concurrent callers queue: the second one then finds the engine up.
  return withLock(lockOf(engine), async () => {
    const began = Date.now();
    let pid = runningPid(engine);
    if (pid) {
      // Give a just-booting or briefly busy engine some time before deciding it is broken.
      for (let i = 0; i < 30 && !(await checkQuietly(engine, url)); i++) await sleep(1000);
      if (await checkQuietly(engine, url)) {
        log(`[engines] ${engine.name}: already running (pid ${pid}, ${url})`);
        return 'reused';
      }
      log(
        `[engines] ${engine.name}: pid ${pid} runs but does not answer at ${url} (port changed?); restarting it`,
      );
      await stopProcess(pid, { signal: engine.stopSignal, timeoutMs: engine.stopTimeoutMs });
      removeFile(engine.pidFile);
    }
    for (const port of engine.ports()) {
      if (await portInUse(port)) {
        throw new Error(
          `[engines] ${engine.name}: port ${port} is in use by another program. Stop it, set ${engine.envVar} to use that server, or set ${PORT_VARS[engine.name]} to another port.`,
        );
      }
    }
    log(`[engines] ${engine.name}: starting…`);
    pid = null;
    try {
      pid = await engine.start({ log });
      writePidFile(engine.pidFile, pid);
      await waitUntilHealthy({
        name: engine.name,
        check: () => engine.healthy(url),
        timeoutMs: engine.startTimeoutMs,
        logFile: engine.logFile,
        isRunning: () => isAlive(pid),
      });
      await engine.ready?.();
    } catch (err) {
      // Don't leave a half-started daemon behind holding the port.
      if (pid && isAlive(pid))
        await stopProcess(pid, { signal: engine.stopSignal, timeoutMs: engine.stopTimeoutMs });
      removeFile(engine.pidFile);
      throw err.message.startsWith('[engines]') ? err : engineError(engine.name, err.message, engine.logFile);
    }
    log(`[engines] ${engine.name}: up in ${elapsed(began)} (pid ${pid}, ${url})`);
    return 'started';
  });
}

/**
 * Makes sure the engines run; starts the missing ones in parallel and waits until all are
 * healthy. If any fails, the ones this call started are stopped again and the error (naming
 * the engine, with its log tail) is thrown.
 *
 * @param {{ log?: (line: string) => void, names?: string[] }} [options] names: subset of ENGINE_NAMES
 * @returns {Promise<{ started: string[], reused: string[], external: string[],
 *   env: { DATABASE_URL: string, KAFKA_BROKERS: string, ELASTICSEARCH_URL: string } }>}
 */
export async function ensureEngines({ log = console.log, names } = {}) {
  const engines = select(names);
  const results = await Promise.allSettled(engines.map((e) => ensureOne(e, log)));
  const by = (state) => engines.filter((e, i) => results[i].value === state).map((e) => e.name);
  const started = by('started');
  // Every failure names its engine (some errors come from deep inside, without a name).
  const failures = engines
    .map((e, i) => results[i].status === 'rejected' && results[i].reason)
    .map(
      (err, i) =>
        err &&
        (String(err.message).startsWith('[engines]')
          ? err
          : new Error(`[engines] ${engines[i].name}: ${err.message}`)),
    )
    .filter(Boolean);
  if (failures.length) {
    if (started.length) {
      log(`[engines] stopping what this call started: ${started.join(', ')}`);
      await stopEngines(started, { log });
    }
    throw new Error(failures.map((f) => f.message).join('\n\n'));
  }
  const env = Object.fromEntries(engines.map((e) => [e.envVar, process.env[e.envVar] || e.url()]));
  return { started, reused: by('reused'), external: by('external'), env };
}

/**
 * Stops the named engines (default: all) that run from this checkout, whether or not an env
 * var points elsewhere: signal, wait for exit, SIGKILL after the engine's timeout; removes the
 * pid files. Resolves to the names that were running and are now stopped.
 *
 * @param {string[]} [names]
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<string[]>}
 */
export async function stopEngines(names = ENGINE_NAMES, { log = () => {} } = {}) {
  const engines = select(names);
  const stopped = await Promise.all(
    engines.map((engine) =>
      withLock(lockOf(engine), async () => {
        const pid = runningPid(engine);
        if (!pid) {
          removeFile(engine.pidFile);
          return null;
        }
        const began = Date.now();
        const how = await stopProcess(pid, { signal: engine.stopSignal, timeoutMs: engine.stopTimeoutMs });
        removeFile(engine.pidFile);
        log(`[engines] ${engine.name}: ${how} (pid ${pid}) in ${elapsed(began)}`);
        return engine.name;
      }),
    ),
  );
  return stopped.filter(Boolean);
}

/**
 * @returns {Promise<Record<string, { running: boolean, healthy: boolean, pid: number | null,
 *   url: string, external: boolean, logFile: string | null }>>}
 *   running: our daemon's process is alive (for an external engine: it answers);
 *   healthy: the health check passes at `url`.
 */
export async function engineStatus() {
  const entries = await Promise.all(
    ENGINE_NAMES.map(async (name) => {
      const engine = ENGINES[name];
      const external = process.env[engine.envVar];
      const url = external || engine.url();
      const healthy = await checkQuietly(engine, url);
      const pid = external ? null : runningPid(engine);
      return [
        name,
        {
          running: external ? healthy : pid !== null,
          healthy,
          pid,
          url,
          external: Boolean(external),
          logFile: external ? null : engine.logFile,
        },
      ];
    }),
  );
  return Object.fromEntries(entries);
}
