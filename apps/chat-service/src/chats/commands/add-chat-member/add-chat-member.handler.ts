import { Injectable } from '@nestjs/common';
import { ChatMemberPayload } from '@chat/contracts';
import { BlocksRepository } from '../../database/blocks.repository';
import { MembersRepository } from '../../database/members.repository';
import { DomainError } from '../../domain/domain-error';
import { requireGroupAdmin, requireMember, requireRoomFor } from '../../domain/membership.rules';
import { ChatCommandHandler, CommandResult, CommandScope } from '../chat-command.handler';

/** `chat.add-member`: a group admin adds a user; everyone, the newcomer too, hears of it. */
@Injectable()
export class AddChatMemberHandler implements ChatCommandHandler<ChatMemberPayload> {
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
