import { RequestContext } from '@chat/http/request-context';
import { createElasticsearchClient, ensureLogIndexTemplate, ServiceLogger } from '@chat/observability';
import { logSettingsFromEnv } from '../../libs/observability/src/logging/log-settings';
import type { LogShipper } from '../../libs/observability/src/log-shipping/log-shipper';
import {
  loadSavedObjects,
  SavedObject,
  savedSearchQuery,
  vegaRequest,
  withKibanaContext,
} from './kibana-saved-objects';
import { dropLogIndices, logIndexPrefix } from './log-test-support';

interface Bucket {
  key: string | number;
  doc_count: number;
  latency?: { values: Record<string, number> };
}

/**
 * The queries of the Kibana saved objects (infra/kibana), taken from the ndjson itself,
 * run against the real Elasticsearch over log lines written by the real ServiceLogger into
 * indices made from the real index template.
 */
describe('Kibana saved objects against Elasticsearch (int)', () => {
  const es = createElasticsearchClient();
  const indexPrefix = logIndexPrefix('kibana');
  const objects = loadSavedObjects();
  const byId = (id: string) => objects.find((o) => o.id === id) as SavedObject;
  const from = new Date(Date.now() - 15 * 60_000).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();

  /** ECS lines as the services write them, captured instead of shipped. */
  function linesOf(service: string, log: (logger: ServiceLogger) => void): string[] {
    const lines: string[] = [];
    const shipper = { ship: (line: string) => lines.push(line) } as unknown as LogShipper;
    log(
      new ServiceLogger(
        logSettingsFromEnv(service, { LOG_LEVEL: 'fatal', LOG_SHIPPING_LEVEL: 'log' }),
        shipper,
        { write: () => true },
      ),
    );
    return lines;
  }

  /** A command line as RecordScope writes it: sampled, or slow and not sampled. */
  const command = (
    logger: ServiceLogger,
    traceId: string,
    action: string,
    ms: number,
    logged: 'sample' | 'slow' = 'sample',
  ) =>
    RequestContext.run({ correlationId: traceId }, () =>
      logger.log(
        {
          message: `handled ${action}`,
          'event.action': action,
          'event.dataset': 'chat.command',
          'event.duration': ms * 1e6,
          'labels.logged': logged,
        },
        'kafka',
      ),
    );

  beforeAll(async () => {
    await ensureLogIndexTemplate(es, indexPrefix);
    const lines = [
      ...linesOf('api-gateway', (logger) => {
        RequestContext.run({ correlationId: 'trace-a', userId: 'user-a' }, () =>
          logger.log(
            {
              message: 'POST /chats/private 202',
              'event.action': 'POST /chats/private',
              'event.dataset': 'chat.http',
              'labels.logged': 'sample',
            },
            'http',
          ),
        );
        RequestContext.run({ correlationId: 'trace-slow', userId: 'user-a' }, () =>
          logger.log(
            {
              message: 'POST /chats/x/messages 202 812.0 ms',
              'event.action': 'POST /chats/:id/messages',
              'event.dataset': 'chat.http',
              'event.duration': 812e6,
              'labels.logged': 'slow',
            },
            'http',
          ),
        );
        logger.error('database away', 'Database');
        logger.error('database still away', 'Database');
      }),
      ...linesOf('chat-service', (logger) => {
        command(logger, 'trace-a', 'chat.create-private', 40);
        for (let ms = 1; ms <= 20; ms++) command(logger, `trace-m${ms}`, 'chat.send-message', ms);
        command(logger, 'trace-slow-1', 'chat.send-message', 900, 'slow');
        command(logger, 'trace-slow-2', 'chat.create-group', 700, 'slow');
        logger.error(new Error('handler failed'), 'kafka');
      }),
    ];
    const index = `${indexPrefix}${new Date().toISOString().slice(0, 10).replace(/-/g, '.')}`;
    const bulk = await es.bulk({
      refresh: true,
      operations: lines.flatMap((line) => [{ index: { _index: index } }, JSON.parse(line) as object]),
    });
    expect(bulk.errors).toBe(false);
  });

  afterAll(async () => {
    await dropLogIndices(es, indexPrefix);
    await es.close();
  });

  async function runVega(id: string): Promise<Bucket[]> {
    const { body } = vegaRequest(byId(id));
    const result = await es.search({
      index: `${indexPrefix}*`,
      ...(withKibanaContext(body, from, to) as object),
    });
    const aggs = result.aggregations as Record<string, { buckets: Bucket[] }>;
    return Object.values(aggs)[0].buckets;
  }

  it('has a data view of logs-chat-* on @timestamp, and a dashboard of the four panels and the search', () => {
    expect(byId('logs-chat').attributes).toMatchObject({ title: 'logs-chat-*', timeFieldName: '@timestamp' });
    const dashboard = objects.find((o) => o.type === 'dashboard') as SavedObject;
    expect(dashboard.references.map((r) => r.id).sort()).toEqual(
      [
        'logs-chat-command-latency-p95',
        'logs-chat-command-rate',
        'logs-chat-errors-by-service',
        'logs-chat-one-request',
        'logs-chat-slow-by-action',
      ].sort(),
    );
    for (const ref of dashboard.references) expect(byId(ref.id).type).toBe(ref.type);
  });

  it('"One request by trace.id" finds every line of that request and nothing else', async () => {
    const query = savedSearchQuery(byId('logs-chat-one-request')).replace('PASTE-TRACE-ID', 'trace-a');
    const found = await es.search<Record<string, unknown>>({
      index: `${indexPrefix}*`,
      query: { query_string: { query, analyze_wildcard: true } },
      sort: [{ '@timestamp': 'asc' }],
    });
    expect(found.hits.hits.map((h) => [h._source?.['service.name'], h._source?.['event.action']])).toEqual([
      ['api-gateway', 'POST /chats/private'],
      ['chat-service', 'chat.create-private'],
    ]);
  });

  it('"Errors by service" counts error lines per service', async () => {
    const buckets = await runVega('logs-chat-errors-by-service');
    expect(Object.fromEntries(buckets.map((b) => [b.key, b.doc_count]))).toEqual({
      'api-gateway': 2,
      'chat-service': 1,
    });
  });

  it('"Sampled command rate" counts the sampled command lines per minute, not the slow ones', async () => {
    const buckets = await runVega('logs-chat-command-rate');
    expect(buckets.reduce((sum, b) => sum + b.doc_count, 0)).toBe(21);
  });

  it('"Slow requests and commands" counts the slow lines by action', async () => {
    const buckets = await runVega('logs-chat-slow-by-action');
    expect(Object.fromEntries(buckets.map((b) => [b.key, b.doc_count]))).toEqual({
      'POST /chats/:id/messages': 1,
      'chat.send-message': 1,
      'chat.create-group': 1,
    });
  });

  it('"p95 command latency" gives each command its 95th percentile duration over the sample only', async () => {
    const buckets = await runVega('logs-chat-command-latency-p95');
    const p95 = Object.fromEntries(buckets.map((b) => [b.key, (b.latency?.values['95.0'] ?? 0) / 1e6]));
    expect(p95['chat.create-private']).toBeCloseTo(40, 0);
    expect(p95['chat.send-message']).toBeGreaterThanOrEqual(18);
    expect(p95['chat.send-message']).toBeLessThanOrEqual(20);
    expect(p95['chat.create-group']).toBeUndefined(); // slow, never in the sample
  });
});
