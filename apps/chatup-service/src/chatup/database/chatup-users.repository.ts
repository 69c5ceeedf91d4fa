import { Injectable } from '@nestjs/common';
import { UserProfilePayload } from '@chat/contracts';
import { TxClient } from '@chat/db';

/** A user as a match presents them to the partner. */
export interface ChatupProfile {
  userId: string;
  username: string;
  displayName: string;
}

/** The `chatup_users` projection of `user.registered` / `user.updated`. */
@Injectable()
export class ChatupUsersRepository {
  /** Records the profile; a replayed or repeated event writes the same row. */
  async upsert(tx: TxClient, profile: UserProfilePayload): Promise<void> {
    await tx.query(
      `INSERT INTO chatup_users (user_id, username, display_name, tags) VALUES ($1, $2, $3, $4::TEXT[])
       ON CONFLICT (user_id) DO UPDATE
         SET username = excluded.username, display_name = excluded.display_name, tags = excluded.tags,
             updated_at = now()`,
      [profile.userId, profile.username, profile.displayName, profile.tags],
    );
  }

  async find(tx: TxClient, userId: string): Promise<ChatupProfile | undefined> {
    const { rows } = await tx.query<{ user_id: string; username: string; display_name: string }>(
      `SELECT user_id, username, display_name FROM chatup_users WHERE user_id = $1`,
      [userId],
    );
    return (
      rows[0] && { userId: rows[0].user_id, username: rows[0].username, displayName: rows[0].display_name }
    );
  }
}
