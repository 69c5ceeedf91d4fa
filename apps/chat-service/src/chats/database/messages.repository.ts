import { Injectable } from '@nestjs/common';
import { TxClient } from '@chat/db';
import { ChatMessage } from '../domain/chat.types';
import { MESSAGE_COLUMNS, MessageRow, toChatMessageData } from '@chat/contracts';

/** A message to store. */
export interface NewMessage {
  chatId: string;
  seq: number;
  senderId: string;
  clientMessageId: string;
  kind: string;
  content: string;
}

/** The `messages` table, answering messages as events show them. */
@Injectable()
export class MessagesRepository {
  /** The message this sender already stored under `clientMessageId` in the chat (a retried send). */
  async findByClientId(
    tx: TxClient,
    chatId: string,
    senderId: string,
    clientMessageId: string,
  ): Promise<ChatMessage | undefined> {
    const { rows } = await tx.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE chat_id = $1 AND sender_id = $2 AND client_message_id = $3`,
      [chatId, senderId, clientMessageId],
    );
    return rows[0] && toChatMessageData(rows[0]);
  }

  /** The message if it is in this chat (deleted ones included). */
  async find(tx: TxClient, chatId: string, messageId: string): Promise<ChatMessage | undefined> {
    const { rows } = await tx.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id = $1 AND chat_id = $2`,
      [messageId, chatId],
    );
    return rows[0] && toChatMessageData(rows[0]);
  }

  async insert(tx: TxClient, message: NewMessage): Promise<ChatMessage> {
    const { rows } = await tx.query<MessageRow>(
      `INSERT INTO messages (chat_id, seq, sender_id, client_message_id, kind, content)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${MESSAGE_COLUMNS}`,
      [message.chatId, message.seq, message.senderId, message.clientMessageId, message.kind, message.content],
    );
    return toChatMessageData(rows[0]);
  }

  async edit(tx: TxClient, messageId: string, content: string): Promise<ChatMessage> {
    const { rows } = await tx.query<MessageRow>(
      `UPDATE messages SET content = $2, edited_at = now() WHERE id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [messageId, content],
    );
    return toChatMessageData(rows[0]);
  }

  /** Deletes softly: the seq stays taken (no gap), the content goes. */
  async softDelete(tx: TxClient, messageId: string): Promise<ChatMessage> {
    const { rows } = await tx.query<MessageRow>(
      `UPDATE messages SET content = '', deleted_at = now() WHERE id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [messageId],
    );
    return toChatMessageData(rows[0]);
  }
}
