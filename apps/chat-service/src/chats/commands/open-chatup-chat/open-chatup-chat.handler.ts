import { CHATUP_EVENTS, ChatupOpenChat, ChatupOpenChatPayload, privateChatId } from '@chat/contracts';
import {
  AnswersDeadLetters,
  CommandHandler,
  CommandScope,
  HandlesCommand,
  ProcessedCommandsRepository,
} from '@chat/commands';
import { ChatsRepository } from '../../database/chats.repository';
import { MembersRepository } from '../../database/members.repository';
import { ChatMember } from '../../domain/chat.types';

/**
 * `chatup.open-chat` (from the ChatUp worker, once it has claimed a match): opens the
 * private chat of the two users as `chat.create-private` would (both `member`s,
 * `chat.created` to both) or reuses it, tells each user `chatup.matched { chatId,
 * partner, commonTags }` naming the other, and answers the request that made the match
 * `command.succeeded { status: 'matched' }` (its id claimed here, so it has one outcome).
 * The record itself has no outcome (no client sent it; the batch claims it like any).
 *
 * Dead-lettered, the match cannot be completed: the request is answered `command.failed`
 * and the partner, taken out of the pool by the match, is told `chatup.cancelled`
 * (`reason: 'failed'`).
 */
@HandlesCommand(ChatupOpenChat, { answers: false })
export class OpenChatupChatHandler
  implements CommandHandler<ChatupOpenChatPayload>, AnswersDeadLetters<ChatupOpenChatPayload>
{
  constructor(
    private readonly chats: ChatsRepository,
    private readonly members: MembersRepository,
    private readonly processed: ProcessedCommandsRepository,
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
    const requestId = payload.requestId?.toLowerCase();
    if (requestId && (await this.processed.claim(scope.tx, requestId)))
      await scope.emit('command.succeeded', { commandId: requestId, result: { status: 'matched' } }, [a.id]);
  }

  async answerDeadLetter(scope: CommandScope, payload: ChatupOpenChatPayload): Promise<void> {
    const [actor, partner] = payload.users.map((u) => u.id.toLowerCase());
    const requestId = payload.requestId?.toLowerCase();
    if (requestId && (await this.processed.claim(scope.tx, requestId)))
      await scope.emit(
        'command.failed',
        { commandId: requestId, code: 'INVALID', message: 'the match could not be completed' },
        [actor],
      );
    if (payload.partnerRequestId)
      await scope.emit(CHATUP_EVENTS.cancelled, { requestId: payload.partnerRequestId, reason: 'failed' }, [
        partner,
      ]);
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
