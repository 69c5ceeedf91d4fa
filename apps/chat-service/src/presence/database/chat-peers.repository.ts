import { Injectable } from '@nestjs/common';
import { Database } from '@chat/db';

/** Who shares a chat with whom, from `chat_members`. */
@Injectable()
export class ChatPeersRepository {
  constructor(private readonly db: Database) {}

  /** The distinct users who share at least one chat with `userId`, not the user themself. */
  async peersOf(userId: string): Promise<string[]> {
    const { rows } = await this.db.query<{ user_id: string }>(
      `SELECT DISTINCT peer.user_id
         FROM chat_members mine JOIN chat_members peer ON peer.chat_id = mine.chat_id
        WHERE mine.user_id = $1 AND peer.user_id <> $1`,
      [userId],
    );
    return rows.map((row) => row.user_id);
  }
}
