/**
 * Process plumbing shared by the engines: detached spawning, pid files, waiting for health,
 * stopping, cross-process locks, and errors that carry the tail of the engine's log (an
 * engine that fails to start almost always says why in its last lines).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** True when `pid` is a live process. A zombie (exited, not yet reaped) counts as dead. */
export function isAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false; // EPERM: alive, owned by another user
  }
  try {
    // /proc/<pid>/stat: "pid (comm) STATE ..."; comm may contain spaces, so split after ')'.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** The command line of `pid` as one space-joined string, or '' if unreadable. */
export function cmdlineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}

/**
 * True when `pid` is alive AND its command line contains every marker. Guards against a pid
 * file that outlived its process (after a reboot the number may belong to anything).
 */
export function isOurProcess(pid, markers) {
  if (!isAlive(pid)) return false;
  const cmd = cmdlineOf(pid);
  return cmd !== '' && markers.every((m) => cmd.includes(m));
}

/** Finds a live process whose command line holds every marker (used when the pid file is lost). */
export function findProcess(markers) {
  let entries;
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return null;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid !== process.pid && isOurProcess(pid, markers)) return pid;
  }
  return null;
}

export function readPidFile(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim().split('\n')[0], 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function writePidFile(file, pid) {
  fs.writeFileSync(file, `${pid}\n`);
}

export function removeFile(file) {
  fs.rmSync(file, { force: true });
}

/** Keeps the previous run's log as `<file>.1` so each start begins a fresh, bounded log. */
export function rotateLog(file) {
  if (fs.existsSync(file)) fs.renameSync(file, `${file}.1`);
}

// Java stack frames bury the "Caused by:" lines that say what went wrong: leave them out.
const STACK_FRAME = /^\s+(at |\.\.\. \d+ (more|common frames omitted))/;

/**
 * The last `lines` lines of a text file ('' if missing), without Java stack frames. Reads
 * only the end of big files.
 */
export function tailFile(file, lines = 30) {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const length = Math.min(size, 64 * 1024);
      const buf = Buffer.alloc(length);
      fs.readSync(fd, buf, 0, length, size - length);
      const kept = buf
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .filter((l) => !STACK_FRAME.test(l));
      return kept.slice(-lines).join('\n');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** An Error that names the engine and quotes the end of its log. */
export function engineError(name, message, logFile) {
  const tail = logFile ? tailFile(logFile, 30) : '';
  const detail = tail
    ? `\n--- last lines of ${logFile} ---\n${tail}\n---`
    : logFile
      ? ` (log ${logFile} is empty)`
      : '';
  return new Error(`[engines] ${name}: ${message}${detail}`);
}

/**
 * Spawns a long-running process that outlives us: its own session (detached: no terminal
 * signals from our Ctrl-C), stdio to a log file, not waited for (unref). Returns its pid.
 * `uid`/`gid` drop privileges for engines that refuse to run as root.
 */
export function spawnDetached(command, args, { cwd, env, logFile, uid, gid } = {}) {
  const out = fs.openSync(logFile, 'a');
  try {
    const child = spawn(command, args, { cwd, env, uid, gid, detached: true, stdio: ['ignore', out, out] });
    child.on('error', () => {}); // reported through the health wait (process not alive)
    child.unref();
    if (!child.pid) throw new Error(`could not spawn ${command}`);
    return child.pid;
  } finally {
    fs.closeSync(out); // the child has its own copy of the descriptor
  }
}

/**
 * Runs a command to completion. Output is appended to `logFile` (when given) and each line is
 * passed to `onLine`. Resolves with the collected stdout; rejects on a non-zero exit.
 * `detached` puts it in its own session, for launchers whose children must outlive us.
 */
export function run(command, args, { cwd, env, uid, gid, logFile, onLine, detached = false } = {}) {
  return new Promise((resolve, reject) => {
    const sink = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
    const child = spawn(command, args, { cwd, env, uid, gid, detached, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let pending = '';
    const feed = (chunk, isStdout) => {
      const text = chunk.toString('utf8');
      if (isStdout) stdout += text;
      sink?.write(text);
      if (!onLine) return;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop();
      lines.forEach((line) => onLine(line.replace(/\r$/, '')));
    };
    child.stdout.on('data', (c) => feed(c, true));
    child.stderr.on('data', (c) => feed(c, false));
    child.on('error', (err) => {
      sink?.end();
      reject(new Error(`could not run ${command}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      if (pending && onLine) onLine(pending);
      const done = () =>
        code === 0
          ? resolve(stdout)
          : reject(new Error(`${path.basename(command)} ${args[0] ?? ''} exited with ${signal ?? code}`));
      if (sink) sink.end(done);
      else done();
    });
  });
}

/**
 * Polls `check()` until it returns true. Fails early when the engine process died (no point
 * waiting out the timeout), and on timeout; both errors carry the log tail.
 */
export async function waitUntilHealthy({ name, check, timeoutMs, logFile, isRunning, intervalMs = 500 }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (isRunning && !isRunning()) throw engineError(name, 'the process exited while starting', logFile);
    if (Date.now() > deadline)
      throw engineError(name, `not healthy after ${Math.round(timeoutMs / 1000)} s`, logFile);
    await sleep(intervalMs);
  }
}

/**
 * Stops a process and waits for it to be gone: `signal` first (SIGTERM lets engines flush and
 * exit cleanly), SIGKILL after `timeoutMs`. Resolves to how it ended.
 */
export async function stopProcess(pid, { signal = 'SIGTERM', timeoutMs = 30_000 } = {}) {
  if (!isAlive(pid)) return 'not running';
  try {
    process.kill(pid, signal);
  } catch {
    return 'not running';
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'stopped';
    await sleep(200);
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* exited meanwhile */
  }
  while (isAlive(pid)) await sleep(100);
  return 'killed';
}

/** True when something accepts TCP connections on host:port. */
export function portInUse(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const finish = (used) => {
      socket.destroy();
      resolve(used);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/**
 * Cross-process mutex (mkdir is atomic). Two commands bringing engines up at once (say, jest
 * and `npm run engines:up`) must not both start Kafka on the same port or both run Maven into
 * the same folder. A lock whose owner died is taken over.
 */
export async function withLock(lockPath, fn, { timeoutMs = 15 * 60_000 } = {}) {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const ownerFile = path.join(lockPath, 'owner');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lockPath);
      fs.writeFileSync(ownerFile, `${process.pid}\n`);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = readPidFile(ownerFile);
      const age = Date.now() - (fs.statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      // Owner gone (or never wrote its pid within 5 s): the lock is stale.
      if ((owner && !isAlive(owner)) || (!owner && age > 5000)) {
        fs.rmSync(lockPath, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for lock ${lockPath} (held by pid ${owner})`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockPath, { recursive: true, force: true });
  }
}

/** "12.3 s" from a start timestamp. */
export const elapsed = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
