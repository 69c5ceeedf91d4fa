import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '../../support/wait-for';

const ROOT = join(__dirname, '..', '..', '..');

/** A free TCP port on loopback (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type ServiceName = 'api-gateway' | 'chat-service' | 'chatup-service';

/**
 * One service instance as its own OS process, started from `dist/` exactly as `npm start`
 * does, so it can be killed with SIGKILL mid-transaction. Every line it prints is kept
 * (`output`), across restarts, for the log checks.
 */
export class ServiceProcess {
  readonly output: string[] = [];
  child?: ChildProcess;
  exits: { code: number | null; signal: NodeJS.Signals | null }[] = [];
  starts = 0;

  constructor(
    readonly service: ServiceName,
    readonly instanceId: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  static async create(service: ServiceName, instanceId: string, env: NodeJS.ProcessEnv = {}) {
    return new ServiceProcess(service, instanceId, await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process; resolves once `/health/ready` answers 200 (its consumer joined its group). */
  async start(timeoutMs = 60_000): Promise<this> {
    this.spawn();
    await this.ready(timeoutMs);
    return this;
  }

  spawn(): void {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', this.service, 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.env,
        INSTANCE_ID: this.instanceId,
        PORT: String(this.port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.starts++;
    const keep = (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => this.exits.push({ code, signal }));
    this.child = child;
  }

  /** `/health/ready` answers 200: dependencies up and the consumer in its group. */
  ready(timeoutMs = 60_000): Promise<true> {
    return this.probe('ready', timeoutMs);
  }

  /** `/health/live` answers 200: the process serves HTTP (its consumer may still be joining). */
  live(timeoutMs = 60_000): Promise<true> {
    return this.probe('live', timeoutMs);
  }

  private probe(which: 'ready' | 'live', timeoutMs: number): Promise<true> {
    return waitFor(
      `${this.service} ${this.instanceId} ${which}`,
      async () => {
        if (!this.running) throw new Error(`exited: ${this.output.slice(-5).join(' | ')}`);
        const res = await fetch(`${this.url}/health/${which}`).catch(() => undefined);
        return res?.status === 200;
      },
      timeoutMs,
      200,
    );
  }

  /** SIGKILL: no shutdown hook runs, no offset is committed, open transactions are cut. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }

  /** Crashes that were not ours: exits with neither our signal nor a clean code. */
  unexpectedExits(): number {
    return this.exits.filter((e) => e.signal !== 'SIGKILL' && e.signal !== 'SIGTERM' && e.code !== 0).length;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    const child = this.child!;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
