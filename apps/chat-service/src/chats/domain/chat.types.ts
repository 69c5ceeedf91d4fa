import type { ChatMessageData } from '@chat/contracts';

/** Kinds of chat (`chats.type`). */
export type ChatType = 'private' | 'group';

/** A member's role in a chat (`chat_members.role`); private chats have only `member`s. */
export type MemberRole = 'admin' | 'member';

/** One member as `chat.created` lists them. */
export interface ChatMember {
  userId: string;
  role: MemberRole;
}

/** What the rules need to know about the actor's place in a chat. */
export interface Membership {
  chatType: ChatType;
  role: MemberRole;
  /** The chat's last message seq. */
  lastSeq: number;
  /** The actor's read position (a message seq of the chat). */
  lastReadSeq: number;
}

/** A message as events and queries show it (the contract's shape). */
export type ChatMessage = ChatMessageData;
