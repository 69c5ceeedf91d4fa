/** A message as every API answer and event shows it (API.md "Chats"). */
export interface MessageView {
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

/** A member with what receipts need: how far they have read and received. */
export interface MemberView {
  userId: string;
  role: 'admin' | 'member';
  username: string | null;
  displayName: string | null;
  lastReadSeq: number;
  deliveredSeq: number;
}

/** `GET /users/me/chats` items and `GET /chats/:id`. */
export interface ChatView {
  id: string;
  type: 'private' | 'group';
  name: string | null;
  members: MemberView[];
  lastMessage: MessageView | null;
  lastSeq: number;
  unreadCount: number;
  createdAt: string;
}

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

export function toMessageView(row: MessageRow): MessageView {
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
