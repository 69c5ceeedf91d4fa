/**
 * A message as events (`message.created|updated|deleted`) and queries show it (API.md
 * "Chats"): ISO-8601 times, `type` from the stored `kind`, `editedAt`/`deletedAt` null until
 * the message is edited or deleted.
 */
export interface ChatMessageData {
  id: string;
  chatId: string;
  seq: number;
  senderId: string;
  clientMessageId: string;
  type: string;
  content: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
}

/**
 * A row of the `messages` table, which the chat worker writes and the gateway reads (the
 * read model): both turn it into `ChatMessageData` the same way.
 */
export interface MessageRow {
  id: string;
  chat_id: string;
  seq: string;
  sender_id: string;
  client_message_id: string;
  kind: string;
  content: string;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
}

/** The columns of `MessageRow`, for SELECT and RETURNING lists. */
export const MESSAGE_COLUMNS =
  'id, chat_id, seq, sender_id, client_message_id, kind, content, created_at, edited_at, deleted_at';

export function toChatMessageData(row: MessageRow): ChatMessageData {
  return {
    id: row.id,
    chatId: row.chat_id,
    seq: Number(row.seq),
    senderId: row.sender_id,
    clientMessageId: row.client_message_id,
    type: row.kind,
    content: row.content,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
}
