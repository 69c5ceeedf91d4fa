import { createElasticsearchClient } from '@chat/observability';
import { deleteExpiredLogIndices } from '../../libs/observability/src/log-shipping/log-retention';
import { ensureLogIndexTemplate } from '../../libs/observability/src/log-shipping/log-index.template';
import { dropLogIndices, logIndexPrefix } from './log-test-support';

/** Retention (no ILM in this Elasticsearch): indices of days past it are deleted, newer ones kept. */
describe('Log retention (int)', () => {
  const es = createElasticsearchClient();
  const prefix = logIndexPrefix('retention');

  afterAll(async () => {
    await dropLogIndices(es, prefix);
    await es.close();
  });

  it('deletes daily indices older than the retention and applies the template to new ones', async () => {
    await ensureLogIndexTemplate(es, prefix);
    const today = `${prefix}${new Date().toISOString().slice(0, 10).replace(/-/g, '.')}`;
    const old = `${prefix}2000.01.01`;
    for (const index of [old, today]) await es.indices.create({ index });

    expect(await deleteExpiredLogIndices(es, prefix, 14)).toEqual([old]);
    expect(await es.indices.exists({ index: old })).toBe(false);
    expect(await es.indices.exists({ index: today })).toBe(true);

    const mapping = await es.indices.getMapping({ index: today });
    const properties = mapping[today].mappings.properties as Record<
      string,
      { type?: string; properties?: object }
    >;
    const trace = (properties.trace?.properties as Record<string, { type: string }>)?.id;
    expect(trace?.type).toBe('keyword');
    expect(properties['@timestamp']?.type).toBe('date');
  });
});
