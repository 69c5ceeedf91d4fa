import { CreateGroupChat, CreateGroupChatPayload } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, DomainError, HandlesCommand } from '@chat/commands';
import { BlocksRepository } from '../../database/blocks.repository';
import { ChatsRepository } from '../../database/chats.repository';
import { MembersRepository } from '../../database/members.repository';
import { groupMembers } from '../../domain/membership.rules';

/** `chat.create-group`: a group of the named users and its creator, who is its admin. */
@HandlesCommand(CreateGroupChat)
export class CreateGroupChatHandler implements CommandHandler<CreateGroupChatPayload> {
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
