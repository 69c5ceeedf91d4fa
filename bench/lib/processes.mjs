/**
 * Child processes of the benchmark: our services (from `dist/`, as `npm start` runs them),
 * the peer's servers and the raw pipeline's worker. Each is started, waited for, and
 * stopped with SIGTERM (SIGKILL after a grace period).
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A child process whose output goes to a log file. Not to a pipe: Node writes stdout to a
 * pipe synchronously, so a service logging faster than the benchmark read the pipe was
 * blocked in write() (a profile showed the gateway spending a quarter of its time there),
 * and the harness measured itself. A file, like a container runtime's log, never pushes back.
 */
export class BenchProcess {
  constructor(name, args, env, { cwd, logDir = join(tmpdir(), 'chat-bench-logs') }) {
    this.name = name;
    mkdirSync(logDir, { recursive: true });
    this.logFile = join(logDir, `${name.replace(/[^a-z0-9-]/gi, '_')}-${Date.now()}.log`);
    const fd = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve(signal ?? code)),
    );
  }

  /** The last lines the process wrote. */
  get tail() {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').filter(Boolean).slice(-200);
    } catch {
      return [];
    }
  }

  get pid() {
    return this.child.pid;
  }

  get running() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resident memory of the process now, in bytes (from /proc). */
  rssBytes() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
  }

  /** CPU time (user + system) used so far, in seconds. */
  cpuSeconds() {
    const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  /** Waits until `check()` resolves true; fails early if the process exits. */
  async waitUntil(what, check, timeoutMs = 120_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running)
        throw new Error(`${this.name} exited before ${what}:\n  ${this.tail.slice(-15).join('\n  ')}`);
      if (await check().catch(() => false)) return;
      await sleep(250);
    }
    throw new Error(
      `${this.name}: ${what} not within ${timeoutMs / 1000} s:\n  ${this.tail.slice(-15).join('\n  ')}`,
    );
  }

  waitForLine(pattern, timeoutMs) {
    return this.waitUntil(`"${pattern}"`, async () => this.tail.some((l) => l.includes(pattern)), timeoutMs);
  }

  async stop(graceMs = 15_000) {
    if (!this.running) return;
    const kill = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(kill);
  }
}

/** Resolves true when `url` answers 200. */
export async function answers(url) {
  const res = await fetch(url);
  await res.arrayBuffer();
  return res.status === 200;
}
