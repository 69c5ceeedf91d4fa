import type { ChatMember, ChatType, Message, Profile, UserStatus } from '../api/api-schemas.js';
import type { ServerCommandErrorCode } from '../errors.js';

/**
 * What the gateway pushes over the socket (API.md "Chats", "ChatUp", "WebSocket"). The
 * OpenAPI document describes HTTP only, so these are written by hand; wherever a push
 * carries an HTTP shape (a message, a member's role, a status) it reuses the generated type.
 */

/** `chat.created`: the new chat with its members' roles. */
export interface ChatCreated {
  id: string;
  type: ChatType;
  name: string | null;
  members: Array<Pick<ChatMember, 'userId' | 'role'>>;
  createdAt: string;
}

/** `chat.member_added` / `chat.member_removed`. */
export interface MembershipChange {
  chatId: string;
  userId: string;
}

/** `chat.read` (read receipt) / `chat.delivered` (delivery receipt): `userId` has it up to `seq`. */
export interface Receipt {
  chatId: string;
  userId: string;
  seq: number;
}

/** `typing` (ephemeral): `userId` is typing in `chatId`. */
export interface Typing {
  chatId: string;
  userId: string;
}

/** `presence.changed` (ephemeral). */
export interface PresenceChange {
  userId: string;
  status: UserStatus;
  lastSeenAt: string | null;
}

export interface ChatUpMatched {
  chatId: string;
  partner: Pick<Profile, 'id' | 'username' | 'displayName' | 'tags'>;
  commonTags: string[];
}

/** `command.succeeded`: `result` is the command's (see CommandResults). */
export interface CommandSucceeded {
  commandId: string;
  result: Record<string, unknown>;
}

export interface CommandFailed {
  commandId: string;
  code: ServerCommandErrorCode;
  message: string;
}

/** Events the server pushes, by type. */
export interface ServerEventMap {
  'message.created': Message;
  'message.updated': Message;
  'message.deleted': Message;
  'chat.created': ChatCreated;
  'chat.member_added': MembershipChange;
  'chat.member_removed': MembershipChange;
  'chat.read': Receipt;
  'chat.delivered': Receipt;
  typing: Typing;
  'presence.changed': PresenceChange;
  'chatup.matched': ChatUpMatched;
  'chatup.expired': { requestId: string; tags: string[] };
  'chatup.cancelled': { requestId: string; reason: 'cancelled' | 'disconnected' };
  'command.succeeded': CommandSucceeded;
  'command.failed': CommandFailed;
}

/** One known event, narrowed by `type`. */
export type ServerEvent = {
  [K in keyof ServerEventMap]: { type: K; seq?: number; data: ServerEventMap[K] };
}[keyof ServerEventMap];

/**
 * One event as the app receives it, whatever its type (a newer server may send types this
 * SDK does not know): stored ones have `seq`, ephemeral ones (typing, presence) do not.
 */
export interface StreamEvent {
  type: string;
  seq?: number;
  data: unknown;
}

/** A stored event: pushed with its seq, or read from `/sync`. */
export interface SequencedEvent extends StreamEvent {
  seq: number;
}

/** A frame the server sends on the socket. */
export type ServerFrame = StreamEvent;
