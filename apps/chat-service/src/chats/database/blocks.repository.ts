import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';

/** The `blocks` table. */
@Injectable()
export class BlocksRepository {
  /** Which of `candidates` have blocked `userId`. */
  async blockersOf(tx: TxClient, userId: string, candidates: readonly string[]): Promise<string[]> {
    if (candidates.length === 0) return [];
    const { rows } = await tx.query<{ blocker_id: string }>(
      `SELECT blocker_id FROM blocks WHERE blocked_id = $1 AND blocker_id = ANY($2::UUID[])`,
      [userId, candidates],
    );
    return rows.map((row) => row.blocker_id);
  }

  /** Records the block; blocking again changes nothing. */
  async block(tx: TxClient, blockerId: string, blockedId: string): Promise<void> {
    await tx.query(
      `INSERT INTO blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT (blocker_id, blocked_id) DO NOTHING`,
      [blockerId, blockedId],
    );
  }

  async unblock(tx: TxClient, blockerId: string, blockedId: string): Promise<void> {
    await tx.query(`DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2`, [blockerId, blockedId]);
  }
}
