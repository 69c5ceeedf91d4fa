import { Injectable } from '@nestjs/common';
import { Database, TxClient } from '@chat/db';
import { orderedPair } from '../domain/tags.rules';

/** `chatup_recent_matches`: pairs matched lately, one row per pair (lower id first). */
@Injectable()
export class RecentMatchesRepository {
  constructor(private readonly db: Database) {}

  async record(tx: TxClient, a: string, b: string): Promise<void> {
    const [first, second] = orderedPair(a, b);
    await tx.query(
      `INSERT INTO chatup_recent_matches (user_a, user_b) VALUES ($1, $2)
       ON CONFLICT (user_a, user_b) DO UPDATE SET matched_at = now()`,
      [first, second],
    );
  }

  /** Removes up to `limit` pairs matched longer ago than `windowSeconds`: they may meet again. */
  async prune(windowSeconds: number, limit: number): Promise<number> {
    const { rowCount } = await this.db.query(
      `DELETE FROM chatup_recent_matches WHERE (user_a, user_b) IN (
         SELECT user_a, user_b FROM chatup_recent_matches
          WHERE matched_at < now() - $1::FLOAT8 * INTERVAL '1 second' ORDER BY matched_at LIMIT $2)`,
      [windowSeconds, limit],
    );
    return rowCount ?? 0;
  }
}
