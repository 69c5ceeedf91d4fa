import { createElasticsearchClient } from '@chat/observability';

/**
 * The project's Elasticsearch client against the real 8.19 server: an index with
 * keyword id fields (as the log indices will have), bulk indexing and the kind of
 * query operators run (one request by its trace id).
 */
describe('Elasticsearch (real server)', () => {
  const es = createElasticsearchClient();
  const index = `${(process.env.KAFKA_PREFIX ?? 'test.').replace(/\W/g, '-')}probe`.toLowerCase();

  afterAll(async () => {
    await es.indices.delete({ index, ignore_unavailable: true });
    await es.close();
  });

  it('is green or yellow, indexes in bulk and finds documents by a keyword field', async () => {
    const health = await es.cluster.health({ wait_for_status: 'yellow', timeout: '10s' });
    expect(['green', 'yellow']).toContain(health.status);

    await es.indices.create({
      index,
      mappings: { properties: { 'trace.id': { type: 'keyword' }, message: { type: 'text' } } },
    });
    const docs = [
      { 'trace.id': 'req-1', message: 'command accepted' },
      { 'trace.id': 'req-1', message: 'command processed' },
      { 'trace.id': 'req-2', message: 'something else' },
    ];
    const bulk = await es.bulk({
      refresh: true,
      operations: docs.flatMap((doc) => [{ index: { _index: index } }, doc]),
    });
    expect(bulk.errors).toBe(false);

    const found = await es.search<{ message: string }>({ index, query: { term: { 'trace.id': 'req-1' } } });
    expect(found.hits.hits.map((h) => h._source?.message).sort()).toEqual([
      'command accepted',
      'command processed',
    ]);
  });
});
