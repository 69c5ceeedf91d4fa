import type { ChatMessageData } from '@chat/contracts';

/** A message as every API answer and event shows it (the contract's shape). */
export type MessageView = ChatMessageData;

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
