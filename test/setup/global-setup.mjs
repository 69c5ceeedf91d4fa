/**
 * Jest global setup for the int and e2e projects: makes sure the real engines run
 * (starting the ones that are not already up), then gives this test run names of its
 * own: a Kafka topic/group prefix and a fresh database, so runs never see each other's data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureEngines } from '../../infra/engines/index.mjs';

export default async function globalSetup() {
  if (globalThis.__chatTestRun) return; // both engine-backed projects share one run
  const log = (line) => process.stdout.write(`${line}\n`);
  const began = Date.now();
  const { started, env } = await ensureEngines({ log });
  const runId = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const database = await createRunDatabase(env.DATABASE_URL, runId, log);

  process.env.KAFKA_BROKERS = env.KAFKA_BROKERS;
  process.env.ELASTICSEARCH_URL = env.ELASTICSEARCH_URL;
  process.env.DATABASE_URL = database.url;
  process.env.KAFKA_PREFIX = `${runId}.`;
  // Fail over in seconds, not the default ten, when a test stops a consumer.
  process.env.KAFKA_SESSION_TIMEOUT_MS ??= '6000';
  process.env.LOG_LEVEL ??= 'warn';
  // Log shipping to Kafka is on by default (npm start); only the suites about it turn it on.
  process.env.LOG_SHIPPING ??= 'off';
  // Suites register many users from 127.0.0.1; the rate-limit suite sets its own low limits.
  process.env.AUTH_RATE_LIMIT_PER_IP ??= '100000';
  globalThis.__chatTestRun = { started, runId, adminUrl: env.DATABASE_URL, database };
  log(
    `[test] run ${runId}: engines ready in ${((Date.now() - began) / 1000).toFixed(1)} s (started: ${started.join(', ') || 'none'})`,
  );
}

/** Creates `chat_<runId>` next to the configured database; falls back to that database if not allowed. */
async function createRunDatabase(adminUrl, runId, log) {
  const name = `chat_${runId}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return { name, url: url.toString(), created: true };
  } catch (err) {
    log(`[test] could not create a database of this run's own (${err.message}); using ${adminUrl}`);
    return { name: null, url: adminUrl, created: false };
  } finally {
    await client.end();
  }
}
