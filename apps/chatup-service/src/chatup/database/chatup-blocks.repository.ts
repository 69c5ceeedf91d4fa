import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';

/** The `chatup_blocks` projection of `user.blocked` / `user.unblocked`. */
@Injectable()
export class ChatupBlocksRepository {
  async block(tx: TxClient, blockerId: string, blockedId: string): Promise<void> {
    await tx.query(
      `INSERT INTO chatup_blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT (blocker_id, blocked_id) DO NOTHING`,
      [blockerId, blockedId],
    );
  }

  async unblock(tx: TxClient, blockerId: string, blockedId: string): Promise<void> {
    await tx.query(`DELETE FROM chatup_blocks WHERE blocker_id = $1 AND blocked_id = $2`, [
      blockerId,
      blockedId,
    ]);
  }
}
