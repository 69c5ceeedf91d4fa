import type { Client } from '@elastic/elasticsearch';
import { expiredIndices } from './log-index-name';

/**
 * Deletes the daily log indices older than `retentionDays`. This is the retention policy
 * because the Elasticsearch here has no ILM module; on a full cluster an ILM delete phase
 * would do the same. Every indexer instance may run it: deleting is idempotent.
 */
export async function deleteExpiredLogIndices(
  es: Client,
  prefix: string,
  retentionDays: number,
): Promise<string[]> {
  const rows = await es.cat.indices({
    index: `${prefix}*`,
    format: 'json',
    h: 'index',
    expand_wildcards: 'open',
  });
  const expired = expiredIndices(
    prefix,
    rows.map((row) => row.index ?? ''),
    retentionDays,
  );
  if (expired.length > 0) await es.indices.delete({ index: expired, ignore_unavailable: true });
  return expired;
}
