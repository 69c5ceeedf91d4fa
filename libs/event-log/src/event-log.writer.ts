import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Envelope, pushEnvelope, PushPayload, PushRecipient, TOPICS } from '@chat/contracts';
import { TxClient } from '@chat/db';
import { OutboxWriter } from '@chat/outbox';

/**
 * From this many recipients on, an event's data is stored once in `event_payloads` and
 * each recipient's row points at it; below it, each row carries the data (one read less).
 */
export const SHARED_PAYLOAD_MIN_RECIPIENTS = 3;

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

/** An entry to store, with the key of its push record and what caused it. */
export interface KeyedLogEntry {
  entry: LogEntry;
  pushKey: string;
  cause: LogCause;
}

/** A stored entry's `push.deliver` record, to publish once the transaction commits. */
export interface StoredPush {
  key: string;
  envelope: Envelope<PushPayload>;
}

/**
 * Stores events in the recipients' logs inside the caller's transaction: each recipient's
 * next seq, the event rows, and a `push.deliver` record for each. If the transaction
 * commits, all of it happened; if it retries or fails, none did.
 */
@Injectable()
export class EventLogWriter {
  constructor(private readonly outbox: OutboxWriter) {}

  /** Stores one entry and queues its push in the (global) outbox. */
  async append(tx: TxClient, entry: LogEntry, pushKey: string, cause: LogCause): Promise<PushRecipient[]> {
    const [stored] = await this.store(tx, [{ entry, pushKey, cause }]);
    if (!stored) return [];
    await this.outbox.add(tx, TOPICS.pushEvents, stored.key, stored.envelope);
    return stored.envelope.payload.recipients;
  }

  /**
   * Stores many entries with three statements whatever their number: every recipient's head
   * moves once by the count of entries they receive, the event rows go in one insert. A
   * user's seqs follow the order of `entries`; the caller publishes the pushes returned (in
   * that order), e.g. through a partition outbox. Entries without recipients are skipped.
   */
  async store(tx: TxClient, entries: readonly KeyedLogEntry[]): Promise<StoredPush[]> {
    const audiences = entries.map(({ entry }) => [...new Set(entry.recipients)]);
    const counts = new Map<string, number>();
    for (const users of audiences) for (const u of users) counts.set(u, (counts.get(u) ?? 0) + 1);
    if (counts.size === 0) return [];
    // Sorted so that two transactions moving overlapping heads lock them in the same order.
    const users = [...counts.keys()].sort();
    const { rows } = await tx.query<{ user_id: string; last_seq: string }>(
      `INSERT INTO user_event_heads (user_id, last_seq)
         SELECT u, n FROM unnest($1::UUID[], $2::INT8[]) AS t(u, n) ORDER BY u
       ON CONFLICT (user_id) DO UPDATE
         SET last_seq = user_event_heads.last_seq + excluded.last_seq, updated_at = now()
       RETURNING user_id, last_seq`,
      [users, users.map((u) => counts.get(u))],
    );
    // The next seq to hand out per user: the new head minus what this call takes, plus one.
    const next = new Map(
      rows.map((row) => [row.user_id, Number(row.last_seq) - counts.get(row.user_id)! + 1]),
    );

    const rowUsers: string[] = [];
    const rowSeqs: number[] = [];
    const rowEntries: number[] = [];
    const pushes: StoredPush[] = [];
    entries.forEach(({ entry, pushKey, cause }, index) => {
      if (audiences[index].length === 0) return;
      const recipients = audiences[index].map((userId) => {
        const seq = next.get(userId)!;
        next.set(userId, seq + 1);
        rowUsers.push(userId);
        rowSeqs.push(seq);
        rowEntries.push(pushes.length + 1);
        return { userId, seq };
      });
      pushes.push({
        key: pushKey,
        envelope: pushEnvelope({ type: entry.type, data: entry.data, recipients }, cause),
      });
    });
    // The data of an event for many users is stored once, in event_payloads.
    const shared = pushes.map((p) =>
      p.envelope.payload.recipients.length >= SHARED_PAYLOAD_MIN_RECIPIENTS ? randomUUID() : null,
    );
    const data = pushes.map((p) => JSON.stringify(p.envelope.payload.data));
    if (shared.some((id) => id !== null)) {
      await tx.query(
        `INSERT INTO event_payloads (id, data)
           SELECT id, data FROM unnest($1::UUID[], $2::JSONB[]) AS t(id, data) WHERE id IS NOT NULL`,
        [shared, data],
      );
    }
    // Each entry's data (or payload id) is sent once and joined to its recipients' rows by ordinality.
    await tx.query(
      `INSERT INTO user_events (user_id, seq, type, data, payload_id)
         SELECT t.u, t.s, e.type, CASE WHEN e.payload_id IS NULL THEN e.data END, e.payload_id
           FROM unnest($1::UUID[], $2::INT8[], $3::INT8[]) AS t(u, s, i)
           JOIN unnest($4::TEXT[], $5::JSONB[], $6::UUID[]) WITH ORDINALITY AS e(type, data, payload_id, i)
             ON e.i = t.i`,
      [rowUsers, rowSeqs, rowEntries, pushes.map((p) => p.envelope.payload.type), data, shared],
    );
    return pushes;
  }
}
