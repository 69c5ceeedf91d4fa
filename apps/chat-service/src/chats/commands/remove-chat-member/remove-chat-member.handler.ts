import { ChatMemberPayload, RemoveChatMember } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, DomainError, HandlesCommand } from '@chat/commands';
import { MembersRepository } from '../../database/members.repository';
import { requireMayRemove, requireMember } from '../../domain/membership.rules';

/** `chat.remove-member`: a member leaves a group, or an admin removes one. */
@HandlesCommand(RemoveChatMember)
export class RemoveChatMemberHandler implements CommandHandler<ChatMemberPayload> {
  constructor(private readonly members: MembersRepository) {}

  async execute(scope: CommandScope, { chatId, userId }: ChatMemberPayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    requireMayRemove(requireMember(await this.members.membership(tx, chatId, actorId)), actorId, userId);
    const before = await this.members.memberIds(tx, chatId);
    if (!before.includes(userId)) throw new DomainError('NOT_FOUND', 'this user is not a member');

    await this.members.remove(tx, chatId, userId);
    // The removed user hears of it too: their client drops the chat.
    await scope.emit('chat.member_removed', { chatId, userId }, before);
    // The last admin gone: the earliest-joined member left becomes admin, so the group
    // stays manageable. (No event names the promotion; the chat's query shows the role.)
    await this.members.promoteEarliestIfNoAdmin(tx, chatId);
    return { chatId, userId };
  }
}
