import type { Client } from '@elastic/elasticsearch';

/** A log record as indexed (flat dotted ECS keys). */
export type LogRecord = Record<string, unknown> & { message: string };

/** Daily indices of one suite of this run: `logs-chat-<run>-<suite>-YYYY.MM.DD`. */
export function logIndexPrefix(suite: string): string {
  const run = (process.env.KAFKA_PREFIX ?? 'local.').replace(/[^a-z0-9]/gi, '').toLowerCase();
  return `logs-chat-${run}-${suite}-`;
}

/**
 * Settings that turn shipping and indexing on for the services of a suite, with every
 * trace in the sample so each request and command line is written and shipped.
 */
export function shippingEnv(indexPrefix: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    LOG_SHIPPING: 'on',
    LOG_SHIPPING_LEVEL: 'log',
    LOG_INDEX_PREFIX: indexPrefix,
    LOG_FLUSH_INTERVAL_MS: '200',
    LOG_SAMPLE_RATE: '1',
    ...extra,
  };
}

/** Every record of the suite's indices matching `query`, oldest first. */
export async function searchLogs(es: Client, indexPrefix: string, query: object): Promise<LogRecord[]> {
  const found = await es.search<LogRecord>({
    index: `${indexPrefix}*`,
    ignore_unavailable: true,
    allow_no_indices: true,
    size: 1_000,
    query,
    sort: [{ '@timestamp': 'asc' }],
  });
  return found.hits.hits.map((hit) => hit._source as LogRecord);
}

/** Removes the suite's indices and template (by name: wildcard deletes are refused by default). */
export async function dropLogIndices(es: Client, indexPrefix: string): Promise<void> {
  const rows = await es.cat.indices({ index: `${indexPrefix}*`, format: 'json', h: 'index' });
  const names = rows.map((row) => row.index).filter((name): name is string => Boolean(name));
  if (names.length > 0) await es.indices.delete({ index: names, ignore_unavailable: true });
  await es.indices.deleteIndexTemplate({ name: indexPrefix.replace(/-+$/, '') }).catch(() => undefined); // absent when no indexer installed it
}
