import { Injectable } from '@nestjs/common';
import { Database } from '@chat/db';
import { MESSAGE_COLUMNS, MessageRow, toChatMessageData } from '@chat/contracts';
import { ChatView, MemberView, MessageView } from './chat-views';

interface ChatRow {
  id: string;
  type: 'private' | 'group';
  name: string | null;
  last_seq: string;
  created_at: Date;
  my_last_read_seq: string;
}

interface MemberRow {
  chat_id: string;
  user_id: string;
  role: 'admin' | 'member';
  username: string | null;
  display_name: string | null;
  last_read_seq: string;
  delivered_seq: string;
}

/**
 * The gateway's reads of the chat read model: the tables the chat worker writes (see
 * apps/chat-service migrations), joined with the users the gateway owns. Read-only.
 */
@Injectable()
export class ChatsReadRepository {
  constructor(private readonly db: Database) {}

  /** The caller's chats, most recently active first. */
  async listForUser(userId: string): Promise<ChatView[]> {
    const { rows } = await this.db.query<ChatRow>(
      `SELECT c.id, c.type, c.name, c.last_seq, c.created_at, m.last_read_seq AS my_last_read_seq
         FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.user_id = $1
        ORDER BY COALESCE(c.last_message_at, c.created_at) DESC, c.id`,
      [userId],
    );
    return this.views(rows, userId);
  }

  /** The chat if `userId` is a member; undefined otherwise (a non-member learns nothing). */
  async findForMember(chatId: string, userId: string): Promise<ChatView | undefined> {
    const { rows } = await this.db.query<ChatRow>(
      `SELECT c.id, c.type, c.name, c.last_seq, c.created_at, m.last_read_seq AS my_last_read_seq
         FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.chat_id = $1 AND m.user_id = $2`,
      [chatId, userId],
    );
    return (await this.views(rows, userId))[0];
  }

  async isMember(chatId: string, userId: string): Promise<boolean> {
    const { rows } = await this.db.query(`SELECT 1 FROM chat_members WHERE chat_id = $1 AND user_id = $2`, [
      chatId,
      userId,
    ]);
    return rows.length > 0;
  }

  /**
   * Who `userId`'s typing in `chatId` goes to: the other members, with one flag per member
   * for whether they blocked `userId`; undefined when `userId` is not a member (or there is
   * no such chat). One statement.
   */
  async typingAudience(
    chatId: string,
    userId: string,
  ): Promise<{ private: boolean; others: { userId: string; blockedSender: boolean }[] } | undefined> {
    const { rows } = await this.db.query<{ user_id: string; type: string; blocked: boolean }>(
      `SELECT m.user_id, c.type,
              EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = m.user_id AND b.blocked_id = $2) AS blocked
         FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.chat_id = $1`,
      [chatId, userId],
    );
    if (!rows.some((row) => row.user_id === userId)) return undefined;
    return {
      private: rows[0].type === 'private',
      others: rows
        .filter((row) => row.user_id !== userId)
        .map((row) => ({ userId: row.user_id, blockedSender: row.blocked })),
    };
  }

  /** Messages newest first, below `beforeSeq` when given. */
  async messages(chatId: string, beforeSeq: number | undefined, limit: number): Promise<MessageView[]> {
    const { rows } = await this.db.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages
        WHERE chat_id = $1 AND ($2::INT8 IS NULL OR seq < $2::INT8)
        ORDER BY seq DESC LIMIT $3`,
      [chatId, beforeSeq ?? null, limit],
    );
    return rows.map(toChatMessageData);
  }

  private async views(chats: ChatRow[], userId: string): Promise<ChatView[]> {
    if (chats.length === 0) return [];
    const ids = chats.map((c) => c.id);
    const [members, lastMessages, unread] = await Promise.all([
      this.db.query<MemberRow>(
        `SELECT m.chat_id, m.user_id, m.role, u.username, u.display_name, m.last_read_seq, m.delivered_seq
           FROM chat_members m LEFT JOIN users u ON u.id = m.user_id
          WHERE m.chat_id = ANY($1::UUID[])
          ORDER BY m.joined_at, m.user_id`,
        [ids],
      ),
      this.db.query<MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m
          WHERE (m.chat_id, m.seq) IN (SELECT id, last_seq FROM chats WHERE id = ANY($1::UUID[]))`,
        [ids],
      ),
      this.db.query<{ chat_id: string; unread: string }>(
        `SELECT msg.chat_id, count(*) AS unread
           FROM messages msg JOIN chat_members m ON m.chat_id = msg.chat_id AND m.user_id = $2
          WHERE msg.chat_id = ANY($1::UUID[]) AND msg.seq > m.last_read_seq
            AND msg.sender_id <> $2 AND msg.deleted_at IS NULL
          GROUP BY msg.chat_id`,
        [ids, userId],
      ),
    ]);
    const membersOf = new Map<string, MemberView[]>();
    for (const row of members.rows) {
      const list = membersOf.get(row.chat_id) ?? [];
      list.push({
        userId: row.user_id,
        role: row.role,
        username: row.username,
        displayName: row.display_name,
        lastReadSeq: Number(row.last_read_seq),
        deliveredSeq: Number(row.delivered_seq),
      });
      membersOf.set(row.chat_id, list);
    }
    const lastOf = new Map(lastMessages.rows.map((row) => [row.chat_id, toChatMessageData(row)]));
    const unreadOf = new Map(unread.rows.map((row) => [row.chat_id, Number(row.unread)]));
    return chats.map((chat) => ({
      id: chat.id,
      type: chat.type,
      name: chat.name,
      members: membersOf.get(chat.id) ?? [],
      lastMessage: lastOf.get(chat.id) ?? null,
      lastSeq: Number(chat.last_seq),
      unreadCount: unreadOf.get(chat.id) ?? 0,
      createdAt: chat.created_at.toISOString(),
    }));
  }
}
