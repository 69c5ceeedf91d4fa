import type { Client } from '@elastic/elasticsearch';

/** Keyword fields: ids and names that are filtered and aggregated on exactly. */
const KEYWORDS = [
  'trace.id',
  'user.id',
  'service.name',
  'event.action',
  'event.dataset',
  'event.outcome',
  'log.level',
  'log.logger',
  'host.hostname',
  'error.type',
  'http.request.method',
  'url.path',
  'ecs.version',
];

/** ECS types of the fields that are not strings; see the ECS field reference. */
const TYPED: Record<string, Record<string, unknown>> = {
  '@timestamp': { type: 'date' },
  message: { type: 'text' },
  'error.message': { type: 'text' },
  'error.stack_trace': { type: 'text', index: false },
  'event.duration': { type: 'long' },
  'http.response.status_code': { type: 'long' },
  'process.pid': { type: 'long' },
};

/**
 * The composable template of the daily log indices. Ids are `keyword` (exact match and
 * aggregations: one request by `trace.id`, errors by `service.name`); other strings default
 * to `keyword` too, so an unexpected field never costs full-text analysis. Replicas expand
 * to 1 when a cluster has a second node and stay 0 on a single one.
 */
export function logIndexTemplate(prefix: string) {
  const properties: Record<string, Record<string, unknown>> = { ...TYPED };
  for (const field of KEYWORDS) properties[field] = { type: 'keyword', ignore_above: 1024 };
  return {
    index_patterns: [`${prefix}*`],
    // A longer prefix (a test run's) outranks a shorter one (the deployment's): templates of
    // equal priority may not overlap.
    priority: 100 + prefix.length,
    template: {
      settings: { number_of_shards: 1, auto_expand_replicas: '0-1', refresh_interval: '1s' },
      mappings: {
        dynamic_templates: [
          {
            strings_as_keywords: {
              match_mapping_type: 'string',
              mapping: { type: 'keyword', ignore_above: 1024 },
            },
          },
        ],
        properties,
      },
    },
    _meta: { description: 'Chat backend logs (ECS), written by the log-indexer consumer group' },
  };
}

/** Installs (or updates) the template; idempotent, so every indexer instance may call it. */
export async function ensureLogIndexTemplate(es: Client, prefix: string): Promise<void> {
  await es.indices.putIndexTemplate({ name: prefix.replace(/-+$/, ''), ...logIndexTemplate(prefix) });
}
