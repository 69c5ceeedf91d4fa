import { Injectable } from '@nestjs/common';
import { Database } from '@chat/db';

/** How long a key holds its command id (API.md: 24 h). */
export const IDEMPOTENCY_WINDOW_SECONDS = 24 * 3600;

/** One use of a key: whose, where, with which body. */
export interface KeyUse {
  userId: string;
  key: string;
  method: string;
  path: string;
  bodyHash: string;
}

/** The command id a key stands for, and whether this call reserved it. */
export interface Reservation {
  commandId: string;
  bodyHash: string;
  reservedNow: boolean;
}

/** `idempotency_keys`: the command id each key stands for, for 24 h. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(private readonly db: Database) {}

  /**
   * Reserves `candidateId` for the key, or resolves the command id it already stands for.
   * A reservation past the window is replaced as if absent. Two requests with one key at
   * once: one inserts, the other waits for its COMMIT and reads its row (SERIALIZABLE makes
   * the loser retry), so both answer the same command id.
   */
  reserve(use: KeyUse, candidateId: string): Promise<Reservation> {
    return this.db.withTransaction(
      async (tx) => {
        const params = [
          use.userId,
          use.key,
          use.method,
          use.path,
          use.bodyHash,
          candidateId,
          IDEMPOTENCY_WINDOW_SECONDS,
        ];
        const { rows } = await tx.query<{ command_id: string; body_hash: string }>(
          `INSERT INTO idempotency_keys (user_id, idem_key, method, path, body_hash, command_id)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (user_id, idem_key, method, path) DO UPDATE
             SET body_hash = excluded.body_hash, command_id = excluded.command_id, created_at = now()
             WHERE idempotency_keys.created_at < now() - $7::FLOAT8 * INTERVAL '1 second'
           RETURNING command_id, body_hash`,
          params,
        );
        if (rows[0]) return { commandId: rows[0].command_id, bodyHash: rows[0].body_hash, reservedNow: true };
        const found = await tx.query<{ command_id: string; body_hash: string }>(
          `SELECT command_id, body_hash FROM idempotency_keys
            WHERE user_id = $1 AND idem_key = $2 AND method = $3 AND path = $4`,
          params.slice(0, 4),
        );
        return { commandId: found.rows[0].command_id, bodyHash: found.rows[0].body_hash, reservedNow: false };
      },
      { name: 'idempotency.reserve' },
    );
  }

  /** Gives a key back (its request was refused before anything was published). */
  async release(use: KeyUse, commandId: string): Promise<void> {
    await this.db.query(
      `DELETE FROM idempotency_keys
        WHERE user_id = $1 AND idem_key = $2 AND method = $3 AND path = $4 AND command_id = $5`,
      [use.userId, use.key, use.method, use.path, commandId],
    );
  }

  /** Removes up to `limit` reservations past the window; resolves how many went. */
  async prune(limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM idempotency_keys WHERE (user_id, idem_key, method, path) IN (
         SELECT user_id, idem_key, method, path FROM idempotency_keys
          WHERE created_at < now() - $1::FLOAT8 * INTERVAL '1 second' ORDER BY created_at LIMIT $2)`,
      [IDEMPOTENCY_WINDOW_SECONDS, limit],
    );
    return rowCount ?? 0;
  }
}
