import { Kafka, logLevel } from 'kafkajs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';

const CLI = join(__dirname, '..', '..', '..', 'infra', 'engines', 'cli.mjs');

/** Runs `infra/engines/cli.mjs <command> <engine>` (stopEngines / ensureEngines for one engine). */
function engines(command: 'up' | 'down', engine: 'postgres' | 'kafka'): Promise<void> {
  return new Promise((resolve, reject) => {
    // Without the engines' URLs: set, they would mark the engine "external" and `up` would not start it.
    const env = { ...process.env };
    for (const name of ['DATABASE_URL', 'KAFKA_BROKERS', 'ELASTICSEARCH_URL']) delete env[name];
    const child = spawn(process.execPath, [CLI, command, engine], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`engines ${command} ${engine} failed: ${err}`)),
    );
  });
}

/**
 * Takes one shared engine away for `ms` and always brings it back after that long (other
 * runs share these engines), whatever `during` (a probe run meanwhile) does; its result
 * or error is returned afterwards.
 */
export async function withEngineDown<T>(
  engine: 'postgres' | 'kafka',
  ms: number,
  during: () => Promise<T>,
): Promise<{ result: T | Error; downMs: number }> {
  await engines('down', engine);
  const downSince = Date.now();
  let result: T | Error = new Error('the probe did not finish during the outage');
  try {
    during().then(
      (value) => (result = value),
      (err: Error) => (result = err),
    );
    await new Promise((resolve) => setTimeout(resolve, ms));
  } finally {
    await bringBack(engine);
  }
  return { result, downMs: Date.now() - downSince };
}

/** Starts the engine and checks that it answers; starts it again if it does not within 15 s. */
async function bringBack(engine: 'postgres' | 'kafka'): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await engines('up', engine);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (await answers(engine)) return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (attempt >= 3) throw new Error(`${engine} does not answer after being started ${attempt} times`);
  }
}

async function answers(engine: 'postgres' | 'kafka'): Promise<boolean> {
  try {
    if (engine === 'postgres') {
      const client = new pg.Client({
        connectionString: process.env.DATABASE_URL,
        connectionTimeoutMillis: 2_000,
      });
      await client.connect();
      await client.end();
    } else {
      const admin = new Kafka({
        brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
        logLevel: logLevel.NOTHING,
        connectionTimeout: 2_000,
        retry: { retries: 0 },
      }).admin();
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
    }
    return true;
  } catch {
    return false;
  }
}
