import { Client } from '@elastic/elasticsearch';

/**
 * The one place an Elasticsearch client is built (log indexing and its queries use it).
 * The 8.x client is pinned on purpose: the 9.x client announces `compatible-with=9`,
 * which 8.x servers refuse.
 */
export function createElasticsearchClient(env: NodeJS.ProcessEnv = process.env): Client {
  return new Client({
    node: env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200',
    requestTimeout: 10_000,
    maxRetries: 3,
  });
}
