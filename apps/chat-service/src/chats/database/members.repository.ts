import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';
import { ChatMember, ChatType, MemberRole, Membership } from '../domain/chat.types';

/** The `chat_members` table: who is in which chat, and how far each has read and received. */
@Injectable()
export class MembersRepository {
  /** The user's membership with the chat's type and last seq; undefined for a non-member or no chat. */
  async membership(tx: TxClient, chatId: string, userId: string): Promise<Membership | undefined> {
    const { rows } = await tx.query<{
      type: ChatType;
      last_seq: string;
      role: MemberRole;
      last_read_seq: string;
    }>(
      `SELECT c.type, c.last_seq, m.role, m.last_read_seq
         FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.chat_id = $1 AND m.user_id = $2`,
      [chatId, userId],
    );
    const row = rows[0];
    return (
      row && {
        chatType: row.type,
        role: row.role,
        lastSeq: Number(row.last_seq),
        lastReadSeq: Number(row.last_read_seq),
      }
    );
  }

  /** The current members' ids. */
  async memberIds(tx: TxClient, chatId: string): Promise<string[]> {
    const { rows } = await tx.query<{ user_id: string }>(
      `SELECT user_id FROM chat_members WHERE chat_id = $1 ORDER BY joined_at, user_id`,
      [chatId],
    );
    return rows.map((row) => row.user_id);
  }

  async add(tx: TxClient, chatId: string, members: readonly ChatMember[]): Promise<void> {
    await tx.query(
      `INSERT INTO chat_members (chat_id, user_id, role)
         SELECT $1, u, r FROM unnest($2::UUID[], $3::TEXT[]) AS t(u, r)`,
      [chatId, members.map((m) => m.userId), members.map((m) => m.role)],
    );
  }

  async remove(tx: TxClient, chatId: string, userId: string): Promise<void> {
    await tx.query(`DELETE FROM chat_members WHERE chat_id = $1 AND user_id = $2`, [chatId, userId]);
  }

  /**
   * When the chat has members but no admin left (its last admin left or was removed), makes
   * the earliest-joined member admin, so a group is never left without someone who can
   * manage it. Resolves the promoted user, if any.
   */
  async promoteEarliestIfNoAdmin(tx: TxClient, chatId: string): Promise<string | undefined> {
    const { rows } = await tx.query<{ user_id: string }>(
      `UPDATE chat_members SET role = 'admin'
        WHERE chat_id = $1
          AND user_id = (SELECT user_id FROM chat_members WHERE chat_id = $1 ORDER BY joined_at, user_id LIMIT 1)
          AND NOT EXISTS (SELECT 1 FROM chat_members WHERE chat_id = $1 AND role = 'admin')
        RETURNING user_id`,
      [chatId],
    );
    return rows[0]?.user_id;
  }

  /** Moves the member's read mark forward to `seq`; false when it was already there or beyond. */
  async advanceRead(tx: TxClient, chatId: string, userId: string, seq: number): Promise<boolean> {
    const { rows } = await tx.query(
      `UPDATE chat_members SET last_read_seq = $3
        WHERE chat_id = $1 AND user_id = $2 AND last_read_seq < $3 RETURNING 1`,
      [chatId, userId, seq],
    );
    return rows.length === 1;
  }

  /** Moves the member's delivered mark forward to `seq`; false when it was already there or beyond. */
  async advanceDelivered(tx: TxClient, chatId: string, userId: string, seq: number): Promise<boolean> {
    const { rows } = await tx.query(
      `UPDATE chat_members SET delivered_seq = $3
        WHERE chat_id = $1 AND user_id = $2 AND delivered_seq < $3 RETURNING 1`,
      [chatId, userId, seq],
    );
    return rows.length === 1;
  }
}
