import { ChatMessage, Membership } from './chat.types';
import { DomainError } from '@chat/commands/domain-error';

/** The message, unless it is missing (in this chat) or already deleted: NOT_FOUND. */
export function requireLiveMessage(message: ChatMessage | undefined): ChatMessage {
  if (!message || message.deletedAt !== null) throw new DomainError('NOT_FOUND', 'no such message');
  return message;
}

/** Only its sender edits a message. */
export function requireMayEdit(message: ChatMessage, actorId: string): void {
  if (message.senderId !== actorId) throw new DomainError('FORBIDDEN', 'only the sender may edit a message');
}

/** Its sender deletes a message, and so may an admin of a group (moderation). */
export function requireMayDelete(message: ChatMessage, actor: Membership, actorId: string): void {
  const moderator = actor.chatType === 'group' && actor.role === 'admin';
  if (message.senderId !== actorId && !moderator)
    throw new DomainError('FORBIDDEN', 'only the sender or a group admin may delete a message');
}

/**
 * Where a read mark moves: `seq` when it is ahead of the actor's read position, undefined
 * when it is not (nothing to do), INVALID when it is beyond the chat's last message.
 */
export function readMarkTarget(seq: number, actor: Membership): number | undefined {
  if (seq > actor.lastSeq) throw new DomainError('INVALID', `seq ${seq} is beyond the chat's last message`);
  return seq > actor.lastReadSeq ? seq : undefined;
}
