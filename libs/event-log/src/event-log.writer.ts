import { Injectable } from '@nestjs/common';
import { pushEnvelope, PushRecipient, TOPICS } from '@chat/contracts';
import { TxClient } from '@chat/db';
import { OutboxWriter } from '@chat/outbox';

/** One event for one or more users. */
export interface LogEntry {
  type: string;
  data: Record<string, unknown>;
  /** User ids; duplicates are ignored. */
  recipients: readonly string[];
}

/** Ties the pushes to the work that caused them (correlation id of the command, its id). */
export interface LogCause {
  correlationId: string;
  causationId?: string;
}

/**
 * Stores events in the recipients' logs inside the caller's transaction: each recipient's
 * next seq, the event rows, and a `push.deliver` record in the outbox. If the transaction
 * commits, all of it happened; if it retries or fails, none did.
 */
@Injectable()
export class EventLogWriter {
  constructor(private readonly outbox: OutboxWriter) {}

  async append(tx: TxClient, entry: LogEntry, pushKey: string, cause: LogCause): Promise<PushRecipient[]> {
    const users = [...new Set(entry.recipients)];
    if (users.length === 0) return [];
    // One statement takes every recipient's next seq; a new user starts at 1.
    const { rows } = await tx.query<{ user_id: string; last_seq: string }>(
      `INSERT INTO user_event_heads (user_id, last_seq)
         SELECT u, 1 FROM unnest($1::UUID[]) AS t(u)
       ON CONFLICT (user_id) DO UPDATE SET last_seq = user_event_heads.last_seq + 1, updated_at = now()
       RETURNING user_id, last_seq`,
      [users],
    );
    const recipients = rows.map((row) => ({ userId: row.user_id, seq: Number(row.last_seq) }));
    await tx.query(
      `INSERT INTO user_events (user_id, seq, type, data)
         SELECT u, s, $3, $4::JSONB FROM unnest($1::UUID[], $2::INT8[]) AS t(u, s)`,
      [recipients.map((r) => r.userId), recipients.map((r) => r.seq), entry.type, JSON.stringify(entry.data)],
    );
    const envelope = pushEnvelope({ type: entry.type, data: entry.data, recipients }, cause);
    await this.outbox.add(tx, TOPICS.pushEvents, pushKey, envelope);
    return recipients;
  }
}
