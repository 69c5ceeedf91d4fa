import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One saved object of `infra/kibana/*.ndjson` (Kibana's export/import format). */
export interface SavedObject {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  references: { name: string; type: string; id: string }[];
}

const FILE = join(__dirname, '..', '..', 'infra', 'kibana', 'chat-logs.saved-objects.ndjson');

export function loadSavedObjects(): SavedObject[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as SavedObject);
}

/** The Lucene query of a saved search, as Kibana sends it (`query_string`). */
export function savedSearchQuery(search: SavedObject): string {
  const meta = search.attributes.kibanaSavedObjectMeta as { searchSourceJSON: string };
  const source = JSON.parse(meta.searchSourceJSON) as { query: { query: string; language: string } };
  if (source.query.language !== 'lucene')
    throw new Error(`expected a lucene query, got ${source.query.language}`);
  return source.query.query;
}

/** The Elasticsearch request (`data.url`) of a Vega visualization. */
export function vegaRequest(vis: SavedObject): { index: string; body: Record<string, unknown> } {
  const visState = JSON.parse(vis.attributes.visState as string) as {
    type: string;
    params: { spec: string };
  };
  if (visState.type !== 'vega') throw new Error(`${vis.id} is not a Vega visualization`);
  const spec = JSON.parse(visState.params.spec) as {
    data: { url: { index: string; body: Record<string, unknown> } };
  };
  return spec.data.url;
}

/**
 * What Kibana does to a Vega request before sending it, for an empty dashboard context
 * and the time range [from, to]: the `%dashboard_context-*%` placeholders (filters and
 * query of the dashboard) are removed, and `{ "%timefilter%": true }` becomes the range.
 */
export function withKibanaContext(value: unknown, from: string, to: string): unknown {
  if (Array.isArray(value)) {
    return value
      .filter((item) => !(typeof item === 'string' && /^%dashboard_context-\w+%$/.test(item)))
      .map((item) => withKibanaContext(item, from, to));
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (object['%timefilter%'] === true) return { gte: from, lte: to, format: 'strict_date_optional_time' };
    return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, withKibanaContext(v, from, to)]));
  }
  return value;
}
