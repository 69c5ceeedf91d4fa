import { Injectable } from '@nestjs/common';
import { UserStatus } from '@chat/contracts';
import { TxClient } from '@chat/db';

/** A user's presence as stored: their status and when they were last seen. */
export interface PresenceView {
  status: UserStatus;
  /** ISO-8601 UTC; null for a user never seen online. */
  lastSeenAt: string | null;
}

/**
 * The presence SQL: `users.status`/`last_seen_at` and `user_connections`. Every method
 * takes the runner to use, a transaction (`TxClient`) or the `Database` itself.
 */
@Injectable()
export class PresenceRepository {
  /** The user's status, row-locked for the rest of the transaction; undefined for no such user. */
  async lockStatus(tx: TxClient, userId: string): Promise<UserStatus | undefined> {
    const { rows } = await tx.query<{ status: UserStatus }>(
      `SELECT status FROM users WHERE id = $1 FOR UPDATE`,
      [userId],
    );
    return rows[0]?.status;
  }

  /** Sets the status and `last_seen_at = now()`. */
  async saveStatus(tx: TxClient, userId: string, status: UserStatus): Promise<PresenceView> {
    const { rows } = await tx.query<{ status: UserStatus; last_seen_at: Date | null }>(
      `UPDATE users SET status = $2, last_seen_at = now() WHERE id = $1 RETURNING status, last_seen_at`,
      [userId, status],
    );
    return { status: rows[0].status, lastSeenAt: rows[0].last_seen_at?.toISOString() ?? null };
  }

  /** Records (or, for an id already recorded, refreshes) a connection held by `instanceId`. */
  async addConnection(tx: TxClient, id: string, userId: string, instanceId: string): Promise<void> {
    await tx.query(
      `INSERT INTO user_connections (id, user_id, instance_id, connected_at, heartbeat_at)
       VALUES ($1, $2, $3, now(), now())
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
      [id, userId, instanceId],
    );
  }

  async deleteConnection(tx: TxClient, id: string): Promise<void> {
    await tx.query(`DELETE FROM user_connections WHERE id = $1`, [id]);
  }

  /** Deletes the user's connections whose heartbeat is older than `staleAfterMs`; resolves to how many. */
  async deleteStaleConnections(tx: TxClient, userId: string, staleAfterMs: number): Promise<number> {
    const { rowCount } = await tx.query(
      `DELETE FROM user_connections
       WHERE user_id = $1 AND heartbeat_at < now() - $2 * INTERVAL '1 millisecond'`,
      [userId, staleAfterMs],
    );
    return rowCount ?? 0;
  }

  /** Whether the user still has a connection some instance keeps refreshing. */
  async hasLiveConnection(tx: TxClient, userId: string, staleAfterMs: number): Promise<boolean> {
    const { rows } = await tx.query(
      `SELECT 1 FROM user_connections
       WHERE user_id = $1 AND heartbeat_at >= now() - $2 * INTERVAL '1 millisecond' LIMIT 1`,
      [userId, staleAfterMs],
    );
    return rows.length > 0;
  }

  /** Refreshes the heartbeat of `ids`; resolves to those that still exist. */
  async touchConnections(db: TxClient, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const { rows } = await db.query<{ id: string }>(
      `UPDATE user_connections SET heartbeat_at = now() WHERE id = ANY($1::UUID[]) RETURNING id`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  /** Up to `limit` users with a connection nobody refreshed for `staleAfterMs`. */
  async usersWithStaleConnections(db: TxClient, staleAfterMs: number, limit: number): Promise<string[]> {
    const { rows } = await db.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM user_connections
       WHERE heartbeat_at < now() - $1 * INTERVAL '1 millisecond' LIMIT $2`,
      [staleAfterMs, limit],
    );
    return rows.map((row) => row.user_id);
  }
}
