import { Injectable } from '@nestjs/common';
import { CreateGroupChatPayload } from '@chat/contracts';
import { BlocksRepository } from '../../database/blocks.repository';
import { ChatsRepository } from '../../database/chats.repository';
import { MembersRepository } from '../../database/members.repository';
import { DomainError } from '../../domain/domain-error';
import { groupMembers } from '../../domain/membership.rules';
import { ChatCommandHandler, CommandResult, CommandScope } from '../chat-command.handler';

/** `chat.create-group`: a group of the named users and its creator, who is its admin. */
@Injectable()
export class CreateGroupChatHandler implements ChatCommandHandler<CreateGroupChatPayload> {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly members: MembersRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  async execute(
    scope: CommandScope,
    { chatId, name, memberIds }: CreateGroupChatPayload,
  ): Promise<CommandResult> {
    const { tx, actorId } = scope;
    const members = groupMembers(actorId, memberIds);
    const others = members.map((m) => m.userId).filter((id) => id !== actorId);
    if ((await this.blocks.blockersOf(tx, actorId, others)).length > 0)
      throw new DomainError('BLOCKED', 'a user you named has blocked you');

    const createdAt = await this.chats.create(tx, { id: chatId, type: 'group', name, createdBy: actorId });
    if (createdAt === undefined) throw new DomainError('CONFLICT', 'a chat with this id exists');
    await this.members.add(tx, chatId, members);
    await scope.emit(
      'chat.created',
      { id: chatId, type: 'group', name, members, createdAt },
      members.map((m) => m.userId),
    );
    return { chatId };
  }
}
