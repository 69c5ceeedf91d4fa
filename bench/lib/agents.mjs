/**
 * The orchestrator's side of the load agents (`bench/agent.mjs`): forks them, calls their
 * operations over IPC and gathers what they return.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const AGENT = fileURLToPath(new URL('../agent.mjs', import.meta.url));

/** One agent process; `call(op, args)` resolves with the operation's result. */
class LoadAgent {
  constructor(index, localAddress) {
    this.index = index;
    this.localAddress = localAddress;
    this.pending = new Map();
    this.nextId = 1;
    this.child = fork(AGENT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve, reject) => {
      this.child.once('exit', (code) =>
        reject(new Error(`agent ${index} exited (${code}) before it was ready`)),
      );
      this.child.on('message', (message) => {
        if (message.ready) return resolve();
        const call = this.pending.get(message.id);
        if (!call) return;
        this.pending.delete(message.id);
        if (message.error) call.reject(new Error(`agent ${index}: ${message.error}`));
        else call.resolve(message.result);
      });
    });
    this.child.on('exit', (code, signal) => {
      for (const call of this.pending.values())
        call.reject(new Error(`agent ${index} exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  call(op, args = {}) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, op, args: { localAddress: this.localAddress, ...args } });
    });
  }
}

/**
 * `count` agents, each sending from its own loopback address (127.0.0.2, .3, …) so the
 * clients' ephemeral ports are not all drawn from one address.
 */
export async function startAgents(count) {
  const agents = Array.from({ length: count }, (_, i) => new LoadAgent(i, `127.0.0.${i + 2}`));
  await Promise.all(agents.map((a) => a.ready));
  return {
    agents,
    /** Calls `op` on every agent with `argsOf(agent, index)`; resolves with their results. */
    all: (op, argsOf = () => ({})) => Promise.all(agents.map((a, i) => a.call(op, argsOf(a, i)))),
    stop: async () => {
      await Promise.all(
        agents.map(
          (a) =>
            new Promise((resolve) => {
              if (a.child.exitCode !== null) return resolve();
              a.child.once('exit', resolve);
              a.child.disconnect();
              setTimeout(() => a.child.kill('SIGKILL'), 10_000).unref();
            }),
        ),
      );
    },
  };
}

/** Splits `list` into `n` nearly equal slices, in order. */
export function split(list, n) {
  const size = Math.ceil(list.length / n);
  return Array.from({ length: n }, (_, i) => list.slice(i * size, (i + 1) * size));
}
