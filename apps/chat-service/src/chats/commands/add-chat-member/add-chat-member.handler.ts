import { AddChatMember, ChatMemberPayload } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, DomainError, HandlesCommand } from '@chat/commands';
import { BlocksRepository } from '../../database/blocks.repository';
import { MembersRepository } from '../../database/members.repository';
import { requireGroupAdmin, requireMember, requireRoomFor } from '../../domain/membership.rules';

/** `chat.add-member`: a group admin adds a user; everyone, the newcomer too, hears of it. */
@HandlesCommand(AddChatMember)
export class AddChatMemberHandler implements CommandHandler<ChatMemberPayload> {
  constructor(
    private readonly members: MembersRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  async execute(scope: CommandScope, { chatId, userId }: ChatMemberPayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    requireGroupAdmin(requireMember(await this.members.membership(tx, chatId, actorId)));
    const current = await this.members.memberIds(tx, chatId);
    if (current.includes(userId)) throw new DomainError('CONFLICT', 'this user is already a member');
    if ((await this.blocks.blockersOf(tx, actorId, [userId])).length > 0)
      throw new DomainError('BLOCKED', 'this user has blocked you');
    requireRoomFor(current.length + 1);

    await this.members.add(tx, chatId, [{ userId, role: 'member' }]);
    await scope.emit('chat.member_added', { chatId, userId }, [...current, userId]);
    return { chatId, userId };
  }
}
