import { Injectable } from '@nestjs/common';
import { MESSAGE_COLUMNS, MessageRow, toChatMessageData } from '@chat/contracts';
import { TxClient } from '@chat/db';
import { ChatMessage, ChatType } from '../domain/chat.types';
import { NewMessage } from './messages.repository';

/** A chat's type and current members (in join order), as one batch of sends sees them. */
export interface ChatAudience {
  type: ChatType;
  memberIds: string[];
}

/** A message of a batch, with the id it is stored under. */
export interface BatchMessage extends NewMessage {
  id: string;
}

/**
 * The set-based statements of a batch of sends: each reads or writes every message of the
 * batch in one round trip, whatever the batch's size (see SendMessageHandler.executeAll).
 */
@Injectable()
export class SendBatchRepository {
  /** Each chat's type and members; a chat missing from the map does not exist. */
  async audiences(tx: TxClient, chatIds: readonly string[]): Promise<Map<string, ChatAudience>> {
    const { rows } = await tx.query<{ chat_id: string; user_id: string; type: ChatType }>(
      `SELECT m.chat_id, m.user_id, c.type
         FROM chat_members m JOIN chats c ON c.id = m.chat_id
        WHERE m.chat_id = ANY($1::UUID[])
        ORDER BY m.chat_id, m.joined_at, m.user_id`,
      [chatIds],
    );
    const audiences = new Map<string, ChatAudience>();
    for (const row of rows) {
      const audience = audiences.get(row.chat_id);
      if (audience) audience.memberIds.push(row.user_id);
      else audiences.set(row.chat_id, { type: row.type, memberIds: [row.user_id] });
    }
    return audiences;
  }

  /** Messages already stored under these (chat, sender, clientMessageId) keys: retried sends. */
  async originals(
    tx: TxClient,
    keys: readonly { chatId: string; senderId: string; clientMessageId: string }[],
  ): Promise<ChatMessage[]> {
    if (keys.length === 0) return [];
    const { rows } = await tx.query<MessageRow>(
      `SELECT ${qualified('m')}
         FROM unnest($1::UUID[], $2::UUID[], $3::UUID[]) AS k(chat_id, sender_id, client_message_id)
         JOIN messages m ON m.chat_id = k.chat_id AND m.sender_id = k.sender_id
                        AND m.client_message_id = k.client_message_id`,
      [keys.map((k) => k.chatId), keys.map((k) => k.senderId), keys.map((k) => k.clientMessageId)],
    );
    return rows.map(toChatMessageData);
  }

  /** Which of the (blocker, blocked) pairs are blocks. */
  async blocked(
    tx: TxClient,
    pairs: readonly { blockerId: string; blockedId: string }[],
  ): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const { rows } = await tx.query<{ blocker_id: string; blocked_id: string }>(
      `SELECT b.blocker_id, b.blocked_id
         FROM unnest($1::UUID[], $2::UUID[]) AS p(blocker_id, blocked_id)
         JOIN blocks b ON b.blocker_id = p.blocker_id AND b.blocked_id = p.blocked_id`,
      [pairs.map((p) => p.blockerId), pairs.map((p) => p.blockedId)],
    );
    return new Set(rows.map((row) => pairKey(row.blocker_id, row.blocked_id)));
  }

  /**
   * Takes `count` seqs from each chat's counter; resolves each chat's new last seq. The row
   * updates serialise the chat's sends across transactions (as `nextSeq` does), so seqs are
   * gap-free and a chat's messages commit in seq order.
   */
  async takeSeqs(tx: TxClient, counts: ReadonlyMap<string, number>): Promise<Map<string, number>> {
    // Sorted so that two transactions taking overlapping chats lock them in the same order.
    const chatIds = [...counts.keys()].sort();
    const { rows } = await tx.query<{ id: string; last_seq: string }>(
      `UPDATE chats c SET last_seq = c.last_seq + t.n, last_message_at = now()
         FROM (SELECT * FROM unnest($1::UUID[], $2::INT8[]) AS u(id, n) ORDER BY id) AS t
        WHERE c.id = t.id
       RETURNING c.id, c.last_seq`,
      [chatIds, chatIds.map((id) => counts.get(id))],
    );
    return new Map(rows.map((row) => [row.id, Number(row.last_seq)]));
  }

  async insert(tx: TxClient, messages: readonly BatchMessage[]): Promise<Map<string, ChatMessage>> {
    const { rows } = await tx.query<MessageRow>(
      `INSERT INTO messages (id, chat_id, seq, sender_id, client_message_id, kind, content)
         SELECT * FROM unnest($1::UUID[], $2::UUID[], $3::INT8[], $4::UUID[], $5::UUID[], $6::TEXT[], $7::TEXT[])
       RETURNING ${MESSAGE_COLUMNS}`,
      [
        messages.map((m) => m.id),
        messages.map((m) => m.chatId),
        messages.map((m) => m.seq),
        messages.map((m) => m.senderId),
        messages.map((m) => m.clientMessageId),
        messages.map((m) => m.kind),
        messages.map((m) => m.content),
      ],
    );
    return new Map(rows.map((row) => [row.id, toChatMessageData(row)]));
  }

  /** Moves each (chat, member)'s read mark forward to its seq; never back. */
  async advanceRead(
    tx: TxClient,
    marks: readonly { chatId: string; userId: string; seq: number }[],
  ): Promise<void> {
    if (marks.length === 0) return;
    await tx.query(
      `UPDATE chat_members m SET last_read_seq = t.seq
         FROM unnest($1::UUID[], $2::UUID[], $3::INT8[]) AS t(chat_id, user_id, seq)
        WHERE m.chat_id = t.chat_id AND m.user_id = t.user_id AND m.last_read_seq < t.seq`,
      [marks.map((m) => m.chatId), marks.map((m) => m.userId), marks.map((m) => m.seq)],
    );
  }
}

/** A (blocker, blocked) pair as one string key. */
export function pairKey(blockerId: string, blockedId: string): string {
  return `${blockerId}>${blockedId}`;
}

function qualified(alias: string): string {
  return MESSAGE_COLUMNS.split(',')
    .map((column) => `${alias}.${column.trim()}`)
    .join(', ');
}
