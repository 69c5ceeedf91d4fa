import { Injectable, Logger } from '@nestjs/common';
import { CHATUP_EVENTS, ChatupOpenChatPayload, Envelope, privateChatId } from '@chat/contracts';
import { Database, TxClient } from '@chat/db';
import { EventLogWriter } from '@chat/event-log';
import { ChatsRepository } from '../../database/chats.repository';
import { MembersRepository } from '../../database/members.repository';
import { ProcessedCommandsRepository } from '../../database/processed-commands.repository';
import { ChatMember } from '../../domain/chat.types';

/**
 * `chatup.open-chat` (from the ChatUp worker, once it has claimed a match): in one
 * transaction, claims the command, opens the private chat of the two users as
 * `chat.create-private` would (both `member`s, `chat.created` to both) or reuses it, and
 * tells each user `chatup.matched { chatId, partner, commonTags }` naming the other.
 * No client sent it, so there is no `command.succeeded`.
 */
@Injectable()
export class OpenChatupChatHandler {
  private readonly logger = new Logger(OpenChatupChatHandler.name);

  constructor(
    private readonly db: Database,
    private readonly processed: ProcessedCommandsRepository,
    private readonly chats: ChatsRepository,
    private readonly members: MembersRepository,
    private readonly events: EventLogWriter,
  ) {}

  async handle(command: Envelope<ChatupOpenChatPayload>): Promise<void> {
    const { commonTags } = command.payload;
    // UUIDs lower-cased, as the database answers them (see normalizeIds).
    const chatId = command.payload.chatId;
    const [a, b] = command.payload.users.map(({ id, username, displayName, tags }) => ({
      id: id.toLowerCase(),
      username,
      displayName,
      tags,
    }));
    // The ChatUp worker derives the id the same way; anything else is a bug, not a retry.
    if (a.id === b.id || chatId !== privateChatId(a.id, b.id))
      throw new Error(`chatup.open-chat ${command.id} names an inconsistent pair or chat`);
    const cause = { correlationId: command.correlationId, causationId: command.id };

    await this.db.withTransaction(
      async (tx) => {
        if (!(await this.processed.claim(tx, command.id))) return;
        await this.openChat(tx, chatId, a.id, b.id, cause);
        for (const [user, partner] of [
          [a, b],
          [b, a],
        ]) {
          await this.events.append(
            tx,
            {
              type: CHATUP_EVENTS.matched,
              data: { chatId: chatId, partner, commonTags },
              recipients: [user.id],
            },
            chatId,
            cause,
          );
        }
      },
      { name: command.type },
    );
    this.logger.debug(`match ${command.payload.matchId} opened chat ${chatId}`);
  }

  /** Creates the private chat unless it exists (the pair chatted before): then it is reused. */
  private async openChat(
    tx: TxClient,
    chatId: string,
    first: string,
    second: string,
    cause: { correlationId: string; causationId: string },
  ): Promise<void> {
    const createdAt = await this.chats.create(tx, {
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
    await this.members.add(tx, chatId, members);
    await this.events.append(
      tx,
      {
        type: 'chat.created',
        data: { id: chatId, type: 'private', name: null, members, createdAt },
        recipients: [first, second],
      },
      chatId,
      cause,
    );
  }
}
