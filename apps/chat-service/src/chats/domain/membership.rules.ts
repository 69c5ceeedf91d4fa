import { CHAT_LIMITS } from '@chat/contracts';
import { ChatMember, Membership } from './chat.types';
import { DomainError } from '@chat/commands/domain-error';

/** Members a chat may have: the creator plus the most `memberIds` a group command may name. */
export const MAX_CHAT_MEMBERS = CHAT_LIMITS.groupMembersMax + 1;

/**
 * The actor's membership, or NOT_MEMBER. A chat that does not exist fails the same way, so a
 * non-member learns nothing about a chat, not even whether it exists.
 */
export function requireMember(membership: Membership | undefined): Membership {
  if (!membership) throw new DomainError('NOT_MEMBER', 'you are not a member of this chat');
  return membership;
}

/** The members of a new group: the named users once each plus the creator, who is its admin. */
export function groupMembers(actorId: string, memberIds: readonly string[]): ChatMember[] {
  const others = [...new Set(memberIds)].filter((id) => id !== actorId);
  const members: ChatMember[] = [
    { userId: actorId, role: 'admin' },
    ...others.map((userId): ChatMember => ({ userId, role: 'member' })),
  ];
  requireRoomFor(members.length);
  return members;
}

/** INVALID when a chat would have more than `MAX_CHAT_MEMBERS` members. */
export function requireRoomFor(memberCount: number): void {
  if (memberCount > MAX_CHAT_MEMBERS)
    throw new DomainError('INVALID', `a chat has at most ${MAX_CHAT_MEMBERS} members`);
}

/** Only an admin changes who is in a group; a private chat's two members never change. */
export function requireGroupAdmin(actor: Membership): void {
  requireGroup(actor);
  if (actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'only an admin may add members');
}

/** A member may leave a group; an admin may also remove others. */
export function requireMayRemove(actor: Membership, actorId: string, userId: string): void {
  requireGroup(actor);
  if (userId !== actorId && actor.role !== 'admin')
    throw new DomainError('FORBIDDEN', 'only an admin may remove other members');
}

function requireGroup(actor: Membership): void {
  if (actor.chatType !== 'group')
    throw new DomainError('FORBIDDEN', 'the members of a private chat cannot change');
}
