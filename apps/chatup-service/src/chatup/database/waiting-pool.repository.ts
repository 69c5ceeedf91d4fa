import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';

/** A waiting user as the pool holds them. */
export interface WaitingEntry {
  userId: string;
  requestId: string;
  tags: string[];
  requestedAt: Date;
}

/** A waiting user who could be matched with the requester, best first. */
export interface Candidate {
  userId: string;
  username: string;
  displayName: string;
  tags: string[];
  overlap: number;
}

/** What rules out a candidate besides blocks: see `bestPartner`. */
export interface CandidateRules {
  recentMatchSeconds: number;
  zeroOverlapFallback: boolean;
}

interface WaitingRow {
  user_id: string;
  request_id: string;
  tags: string[];
  requested_at: Date;
}

const toEntry = (row: WaitingRow): WaitingEntry => ({
  userId: row.user_id,
  requestId: row.request_id,
  tags: row.tags,
  requestedAt: row.requested_at,
});

/**
 * The `chatup_waiting` pool. Every way out of it is a `DELETE ... RETURNING` inside a
 * SERIALIZABLE transaction, so a row leaves once: two workers claiming one partner, or
 * two sweepers expiring one row, conflict and the loser retries without finding it.
 */
@Injectable()
export class WaitingPoolRepository {
  /**
   * The best partner for `userId` asking with `tags`: not themself, not expired, no block
   * either way, not matched with them within the recent window, sharing a tag unless the
   * fallback is on; most tags in common first, then the longest waiting.
   */
  async bestPartner(
    tx: TxClient,
    userId: string,
    tags: readonly string[],
    rules: CandidateRules,
  ): Promise<Candidate | undefined> {
    const { rows } = await tx.query<{
      user_id: string;
      username: string;
      display_name: string;
      tags: string[];
      overlap: string;
    }>(
      `SELECT w.user_id, COALESCE(u.username, w.username) AS username,
              COALESCE(u.display_name, w.display_name) AS display_name, w.tags,
              (SELECT count(*) FROM unnest(w.tags) AS t(tag) WHERE t.tag = ANY($2::TEXT[])) AS overlap
         FROM chatup_waiting w
         LEFT JOIN chatup_users u ON u.user_id = w.user_id
        WHERE w.user_id <> $1::UUID
          AND w.expires_at > now()
          AND ($3::BOOL OR w.tags && $2::TEXT[])
          AND NOT EXISTS (
                SELECT 1 FROM chatup_blocks b
                 WHERE (b.blocker_id = $1::UUID AND b.blocked_id = w.user_id)
                    OR (b.blocker_id = w.user_id AND b.blocked_id = $1::UUID))
          AND NOT EXISTS (
                SELECT 1 FROM chatup_recent_matches m
                 WHERE m.user_a = LEAST($1::UUID, w.user_id)
                   AND m.user_b = GREATEST($1::UUID, w.user_id)
                   AND m.matched_at > now() - $4::FLOAT8 * INTERVAL '1 second')
        ORDER BY overlap DESC, w.requested_at ASC, w.user_id ASC
        LIMIT 1`,
      [userId, tags, rules.zeroOverlapFallback, rules.recentMatchSeconds],
    );
    const row = rows[0];
    return (
      row && {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        tags: row.tags,
        overlap: Number(row.overlap),
      }
    );
  }

  /** Takes the user out of the pool; resolves their entry, or undefined when they were not waiting. */
  async take(tx: TxClient, userId: string): Promise<WaitingEntry | undefined> {
    const { rows } = await tx.query<WaitingRow>(
      `DELETE FROM chatup_waiting WHERE user_id = $1 RETURNING user_id, request_id, tags, requested_at`,
      [userId],
    );
    return rows[0] && toEntry(rows[0]);
  }

  /** Puts the user in the pool (replacing an entry of theirs) until `waitSeconds` from now; resolves that time. */
  async enqueue(
    tx: TxClient,
    entry: {
      userId: string;
      requestId: string;
      username: string;
      displayName: string;
      tags: readonly string[];
      requestedAt?: Date;
    },
    waitSeconds: number,
  ): Promise<Date> {
    const { rows } = await tx.query<{ expires_at: Date }>(
      `INSERT INTO chatup_waiting (user_id, request_id, username, display_name, tags, requested_at, expires_at)
       VALUES ($1, $2, $3, $4, $5::TEXT[], COALESCE($6::TIMESTAMPTZ, now()), now() + $7::FLOAT8 * INTERVAL '1 second')
       ON CONFLICT (user_id) DO UPDATE
         SET request_id = excluded.request_id, username = excluded.username,
             display_name = excluded.display_name, tags = excluded.tags,
             requested_at = excluded.requested_at, expires_at = excluded.expires_at, offline_since = NULL
       RETURNING expires_at`,
      [
        entry.userId,
        entry.requestId,
        entry.username,
        entry.displayName,
        entry.tags,
        entry.requestedAt ?? null,
        waitSeconds,
      ],
    );
    return rows[0].expires_at;
  }

  /** Removes up to `limit` entries past their wait limit and resolves them. */
  async takeExpired(tx: TxClient, limit: number): Promise<WaitingEntry[]> {
    const { rows } = await tx.query<WaitingRow>(
      `DELETE FROM chatup_waiting WHERE user_id IN (
         SELECT user_id FROM chatup_waiting WHERE expires_at <= now() ORDER BY expires_at LIMIT $1)
       RETURNING user_id, request_id, tags, requested_at`,
      [limit],
    );
    return rows.map(toEntry);
  }

  /** Removes up to `limit` entries whose user has been offline for `graceSeconds` or more. */
  async takeDisconnected(tx: TxClient, graceSeconds: number, limit: number): Promise<WaitingEntry[]> {
    const { rows } = await tx.query<WaitingRow>(
      `DELETE FROM chatup_waiting WHERE user_id IN (
         SELECT user_id FROM chatup_waiting
          WHERE offline_since <= now() - $1::FLOAT8 * INTERVAL '1 second'
          ORDER BY offline_since LIMIT $2)
       RETURNING user_id, request_id, tags, requested_at`,
      [graceSeconds, limit],
    );
    return rows.map(toEntry);
  }

  /** The user's last socket closed: their grace period starts (unless it already runs). */
  async markOffline(tx: TxClient, userId: string): Promise<void> {
    await tx.query(
      `UPDATE chatup_waiting SET offline_since = now() WHERE user_id = $1 AND offline_since IS NULL`,
      [userId],
    );
  }

  /** The user is connected again: no grace period runs. */
  async markOnline(tx: TxClient, userId: string): Promise<void> {
    await tx.query(
      `UPDATE chatup_waiting SET offline_since = NULL WHERE user_id = $1 AND offline_since IS NOT NULL`,
      [userId],
    );
  }
}
