import { CreatePrivateChat, CreatePrivateChatPayload, privateChatId } from '@chat/contracts';
import { CommandHandler, CommandResult, CommandScope, DomainError, HandlesCommand } from '@chat/commands';
import { BlocksRepository } from '../../database/blocks.repository';
import { ChatsRepository } from '../../database/chats.repository';
import { MembersRepository } from '../../database/members.repository';
import { ChatMember } from '../../domain/chat.types';

/**
 * `chat.create-private`: the chat of two users, named by `privateChatId` of the pair, so
 * asking again (either of them) finds the same chat: `{ chatId }` and no second `chat.created`.
 */
@HandlesCommand(CreatePrivateChat)
export class CreatePrivateChatHandler implements CommandHandler<CreatePrivateChatPayload> {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly members: MembersRepository,
    private readonly blocks: BlocksRepository,
  ) {}

  async execute(scope: CommandScope, { chatId, userId }: CreatePrivateChatPayload): Promise<CommandResult> {
    const { tx, actorId } = scope;
    if (userId === actorId) throw new DomainError('INVALID', 'a private chat is with another user');
    if (chatId !== privateChatId(actorId, userId))
      throw new DomainError('INVALID', 'chatId is not the private chat of these two users');
    if ((await this.blocks.blockersOf(tx, actorId, [userId])).length > 0)
      throw new DomainError('BLOCKED', 'this user has blocked you');

    const createdAt = await this.chats.create(tx, {
      id: chatId,
      type: 'private',
      name: null,
      createdBy: actorId,
    });
    if (createdAt === undefined) return { chatId };
    const members: ChatMember[] = [
      { userId: actorId, role: 'member' },
      { userId, role: 'member' },
    ];
    await this.members.add(tx, chatId, members);
    await scope.emit('chat.created', { id: chatId, type: 'private', name: null, members, createdAt }, [
      actorId,
      userId,
    ]);
    return { chatId };
  }
}
