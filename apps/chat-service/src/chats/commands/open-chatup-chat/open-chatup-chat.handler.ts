import { CHATUP_EVENTS, ChatupOpenChat, ChatupOpenChatPayload, privateChatId } from '@chat/contracts';
import { CommandHandler, CommandScope, HandlesCommand } from '@chat/commands';
import { ChatsRepository } from '../../database/chats.repository';
import { MembersRepository } from '../../database/members.repository';
import { ChatMember } from '../../domain/chat.types';

/**
 * `chatup.open-chat` (from the ChatUp worker, once it has claimed a match): opens the
 * private chat of the two users as `chat.create-private` would (both `member`s,
 * `chat.created` to both) or reuses it, and tells each user `chatup.matched { chatId,
 * partner, commonTags }` naming the other. No client sent it, so there is no
 * `command.succeeded` (the batch claims it like any command).
 */
@HandlesCommand(ChatupOpenChat, { answers: false })
export class OpenChatupChatHandler implements CommandHandler<ChatupOpenChatPayload> {
  constructor(
    private readonly chats: ChatsRepository,
    private readonly members: MembersRepository,
  ) {}

  async execute(scope: CommandScope, payload: ChatupOpenChatPayload): Promise<void> {
    const { chatId, commonTags } = payload;
    // UUIDs lower-cased, as the database answers them (see normalizeIds).
    const [a, b] = payload.users.map(({ id, username, displayName, tags }) => ({
      id: id.toLowerCase(),
      username,
      displayName,
      tags,
    }));
    // The ChatUp worker derives the id the same way; anything else is a bug, not a retry.
    if (a.id === b.id || chatId !== privateChatId(a.id, b.id))
      throw new Error(`chatup.open-chat for match ${payload.matchId} names an inconsistent pair or chat`);

    await this.openChat(scope, chatId, a.id, b.id);
    for (const [user, partner] of [
      [a, b],
      [b, a],
    ]) {
      await scope.emit(CHATUP_EVENTS.matched, { chatId, partner, commonTags }, [user.id]);
    }
  }

  /** Creates the private chat unless it exists (the pair chatted before): then it is reused. */
  private async openChat(scope: CommandScope, chatId: string, first: string, second: string): Promise<void> {
    const createdAt = await this.chats.create(scope.tx, {
      id: chatId,
      type: 'private',
      name: null,
      createdBy: first,
    });
    if (createdAt === undefined) return;
    const members: ChatMember[] = [
      { userId: first, role: 'member' },
      { userId: second, role: 'member' },
    ];
    await this.members.add(scope.tx, chatId, members);
    await scope.emit('chat.created', { id: chatId, type: 'private', name: null, members, createdAt }, [
      first,
      second,
    ]);
  }
}
