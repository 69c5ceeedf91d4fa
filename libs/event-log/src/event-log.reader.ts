import { Injectable } from '@nestjs/common';
import { Database } from '@chat/db';

/** One stored event as `/sync` returns it. */
export interface LoggedEvent {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  ts: string;
}

/** A page of a user's log (API.md "Catching up"). */
export interface EventPage {
  events: LoggedEvent[];
  nextAfter: number;
  hasMore: boolean;
  /**
   * True when the client asked from a seq the server no longer keeps (retention removed it)
   * or never handed out: nothing is returned, `nextAfter` is the newest seq, and the client
   * must reload its state through the queries before continuing from `nextAfter`.
   */
  reset: boolean;
}

/** Reads users' event logs: the newest seq (`ready`) and pages for `/sync`. */
@Injectable()
export class EventLogReader {
  constructor(private readonly db: Database) {}

  /** The newest seq of the user's log; 0 for a user with no events yet. */
  async head(userId: string): Promise<number> {
    const { rows } = await this.db.query<{ last_seq: string }>(
      `SELECT last_seq FROM user_event_heads WHERE user_id = $1`,
      [userId],
    );
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }

  async page(userId: string, after: number, limit: number): Promise<EventPage> {
    const { rows: bounds } = await this.db.query<{ head: string | null; floor: string | null }>(
      `SELECT (SELECT last_seq FROM user_event_heads WHERE user_id = $1) AS head,
              (SELECT pruned_through FROM user_event_floors WHERE user_id = $1) AS floor`,
      [userId],
    );
    const head = Number(bounds[0]?.head ?? 0);
    const floor = Number(bounds[0]?.floor ?? 0);
    if (after < floor || after > head) return { events: [], nextAfter: head, hasMore: false, reset: true };
    const { rows } = await this.db.query<{
      seq: string;
      type: string;
      data: Record<string, unknown>;
      created_at: Date;
    }>(
      `SELECT e.seq, e.type, COALESCE(e.data, p.data) AS data, e.created_at
         FROM user_events e LEFT JOIN event_payloads p ON p.id = e.payload_id
        WHERE e.user_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
      [userId, after, limit + 1],
    );
    const events = rows.slice(0, limit).map((row) => ({
      seq: Number(row.seq),
      type: row.type,
      data: row.data,
      ts: row.created_at.toISOString(),
    }));
    return {
      events,
      nextAfter: events.length > 0 ? events[events.length - 1].seq : after,
      hasMore: rows.length > limit,
      reset: false,
    };
  }
}
