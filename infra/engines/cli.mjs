#!/usr/bin/env node
/**
 * node infra/engines/cli.mjs up [engine...]      start what is not running; print the env to use
 * node infra/engines/cli.mjs down [engine...]    stop the engines of this checkout
 * node infra/engines/cli.mjs status              one line per engine
 *
 * Progress goes to stderr and `up` prints only `export NAME=value` lines on stdout, so
 * `eval "$(node infra/engines/cli.mjs up)"` sets up a shell.
 */
import { ENGINE_NAMES, engineStatus, ensureEngines, stopEngines } from './index.mjs';

const [command, ...rest] = process.argv.slice(2);
const names = rest.length ? rest : undefined;
const log = (line) => console.error(line);

async function main() {
  switch (command) {
    case 'up': {
      const began = Date.now();
      const { started, env } = await ensureEngines({ log, names });
      log(
        `[engines] ready in ${((Date.now() - began) / 1000).toFixed(1)} s (started: ${started.join(', ') || 'none'})`,
      );
      for (const [key, value] of Object.entries(env)) console.log(`export ${key}=${value}`);
      return 0;
    }
    case 'down': {
      const stopped = await stopEngines(names, { log });
      log(`[engines] stopped: ${stopped.join(', ') || 'nothing was running'}`);
      return 0;
    }
    case 'status': {
      const status = await engineStatus();
      for (const [name, s] of Object.entries(status)) {
        const state = s.external
          ? `external (${s.healthy ? 'answers' : 'NOT answering'})`
          : s.running
            ? s.healthy
              ? 'running'
              : 'running, NOT healthy'
            : 'stopped';
        console.log(`${name.padEnd(14)} ${state.padEnd(26)} pid ${String(s.pid ?? '-').padEnd(8)} ${s.url}`);
      }
      return 0;
    }
    default:
      console.error(`usage: node infra/engines/cli.mjs up|down|status [${ENGINE_NAMES.join('|')}...]`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err.message);
    process.exit(1);
  },
);
