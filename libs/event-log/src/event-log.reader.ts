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

/**
 * Reads users' event logs through their read contract (the `event_log_v1` views on the
 * reader's search path): the newest seq (`ready`) and pages for `/sync`.
 */
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
    // ONE statement, so the bounds and the rows come from one snapshot: read apart, a prune
    // committing between them could leave `after` above the floor read first while the
    // rows right after it are gone (a hole answered without `reset`). The rows are only
    // read when `after` is within the bounds; the bounds come back on every row, and on a
    // row of their own when there are no events.
    const { rows } = await this.db.query<{
      head: string;
      floor: string;
      seq: string | null;
      type: string | null;
      data: Record<string, unknown> | null;
      created_at: Date | null;
    }>(
      `WITH b AS (
         SELECT COALESCE((SELECT last_seq FROM user_event_heads WHERE user_id = $1), 0) AS head,
                COALESCE((SELECT pruned_through FROM user_event_floors WHERE user_id = $1), 0) AS floor)
       SELECT b.head, b.floor, e.seq, e.type, e.data, e.created_at
         FROM b
         LEFT JOIN LATERAL (
           SELECT ue.seq, ue.type, ue.data, ue.created_at FROM user_events ue
            WHERE ue.user_id = $1 AND ue.seq > $2 AND $2 >= b.floor AND $2 <= b.head
            ORDER BY ue.seq LIMIT $3) e ON true
        ORDER BY e.seq`,
      [userId, after, limit + 1],
    );
    const head = Number(rows[0]?.head ?? 0);
    const floor = Number(rows[0]?.floor ?? 0);
    if (after < floor || after > head) return { events: [], nextAfter: head, hasMore: false, reset: true };
    const found = rows.filter((row) => row.seq !== null);
    const events = found.slice(0, limit).map((row) => ({
      seq: Number(row.seq),
      type: row.type!,
      data: row.data!,
      ts: row.created_at!.toISOString(),
    }));
    return {
      events,
      nextAfter: events.length > 0 ? events[events.length - 1].seq : after,
      hasMore: found.length > limit,
      reset: false,
    };
  }
}
