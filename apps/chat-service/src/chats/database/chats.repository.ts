import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';
import { ChatType } from '../domain/chat.types';

/** A chat to create. */
export interface NewChat {
  id: string;
  type: ChatType;
  name: string | null;
  createdBy: string;
}

/** The `chats` table. */
@Injectable()
export class ChatsRepository {
  /** Creates the chat; resolves its creation time, or undefined when a chat of that id exists. */
  async create(tx: TxClient, chat: NewChat): Promise<string | undefined> {
    const { rows } = await tx.query<{ created_at: Date }>(
      `INSERT INTO chats (id, type, name, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO NOTHING RETURNING created_at`,
      [chat.id, chat.type, chat.name, chat.createdBy],
    );
    return rows[0]?.created_at.toISOString();
  }

  /**
   * Hands out the chat's next message seq. The row update serialises a chat's concurrent
   * sends (even from two workers during a rebalance), and since the message is stored in
   * the same transaction, a seq is used exactly when its transaction commits: no gaps.
   */
  async nextSeq(tx: TxClient, chatId: string): Promise<number> {
    const { rows } = await tx.query<{ last_seq: string }>(
      `UPDATE chats SET last_seq = last_seq + 1, last_message_at = now() WHERE id = $1 RETURNING last_seq`,
      [chatId],
    );
    if (!rows[0]) throw new Error(`chat ${chatId} vanished during a send`);
    return Number(rows[0].last_seq);
  }
}
