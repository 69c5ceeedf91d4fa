import { Envelope } from '@chat/contracts';
import { SerializedRecord, serializeRecord } from '@chat/kafka';

/** An outbox row as the relays read it. */
export interface OutboxRow {
  id: string;
  topic: string;
  record_key: string;
  envelope: string;
}

/** The record to publish for an outbox row (its stored envelope text is sent as it is). */
export function outboxRecord(row: OutboxRow): SerializedRecord {
  return serializeRecord(row.topic, row.record_key, JSON.parse(row.envelope) as Envelope, row.envelope);
}
