/**
 * Jest global teardown: removes what this run created (its database and topics) and
 * stops the engines the setup started. Engines that were already up are left running.
 */
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { stopEngines } from '../../infra/engines/index.mjs';

export default async function globalTeardown() {
  const run = globalThis.__chatTestRun;
  if (!run || run.tornDown) return;
  run.tornDown = true;
  const log = (line) => process.stdout.write(`${line}\n`);
  await Promise.allSettled([dropRunDatabase(run), deleteRunTopics(run)]).then((results) =>
    results.filter((r) => r.status === 'rejected').forEach((r) => log(`[test] cleanup: ${r.reason}`)),
  );
  if (run.started.length > 0 && process.env.KEEP_ENGINES !== '1') {
    log(`[test] stopping engines started by this run: ${run.started.join(', ')}`);
    await stopEngines(run.started);
  }
}

async function dropRunDatabase(run) {
  if (!run.database.created) return;
  const client = new pg.Client({ connectionString: run.adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${run.database.name} WITH (FORCE)`).catch(() =>
      // CockroachDB has no WITH (FORCE); its DROP DATABASE takes the tables with it.
      client.query(`DROP DATABASE IF EXISTS ${run.database.name} CASCADE`),
    );
  } finally {
    await client.end();
  }
}

async function deleteRunTopics(run) {
  const kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${run.runId}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 10_000 });
  } finally {
    await admin.disconnect();
  }
}
